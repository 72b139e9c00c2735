// Package site writes the static folder a web server publishes after each
// nightly run: an index page, the latest report and each period's, the calendar
// feed at a stable path (calendar.ics, for subscription) with a page listing its
// meetings, the changes digest, and the snapshot's Parquet tables with their
// views.sql and a data dictionary for download.
//
// [Write] builds the folder beside its destination and then switches the
// destination to it with one rename of a symbolic link, so a reader of the site
// never sees half of it: the destination is a link to a hidden sibling folder
// (".<name>-<snapshot>-<n>"), replaced whole each time. The package reads only
// the files it is given and the snapshot folder; it never opens DuckDB.
package site
