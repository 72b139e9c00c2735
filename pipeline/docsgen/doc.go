// Package docsgen rewrites the figures that Markdown documents quote from the data,
// so that docs cannot go stale: each figure sits between two HTML comments (markers)
// that name the query giving it, and [Doc.Fill] replaces what lies between them
// with what the query returns on a snapshot. `synergy docs` runs it on README.md,
// docs/ and datasets/README.md (`make docs` writes, `make docs-check` fails on any
// difference).
//
// A block spans lines. Its markers stand alone on their lines:
//
//	<!-- synergy:query name=pairs-b2b -->
//	```sql
//	select … from meeting_pairs …
//	```
//
//	```
//	(the query's output, rewritten)
//	```
//	<!-- /synergy:query -->
//
// The query is the block's ```sql fence when it has one, so the reader sees what
// runs; otherwise the query of the same name in the queries file ([ParseQueries]).
// The output is the block's last fence, in the text table `synergy query` prints.
// Lines at the start of that fence that begin with "$ ", and the indented lines
// after them, are a shell command: they are kept, and the query must appear in
// them (spacing aside), so a console example cannot show one query and the output
// of another. With format=markdown the output is a Markdown table instead: the
// lines starting with "|" after the query.
//
// A value is inline, on one line, for a number quoted in prose or in a table cell:
//
//	… 21 of <!-- synergy:value name=meetings -->156<!-- /synergy:value --> meetings …
//
// Its query (from the queries file) must return one row of one column; its text is
// the value as `synergy query` prints it, so rounding and thousands separators are
// the query's (round(x, 3), format('{:,}', n)). Markers inside fenced code outside
// a block are left alone, so docs can show them.
//
// This package parses and rewrites text only; it never opens a database. The caller
// passes a [Querier] and a [Renderer] (the command line's table format).
package docsgen
