package report

import (
	"errors"
	"fmt"
)

// Errors callers can match with errors.Is.
var (
	// ErrPeriod: the requested period is not a valid range of years.
	ErrPeriod = errors.New("report: invalid period")
	// ErrLang: the requested language is not en, fr or es.
	ErrLang = errors.New("report: unknown language")
	// ErrNoData: the snapshot holds nothing for the period (no meeting, no
	// year-end membership count), so there is nothing to report on.
	ErrNoData = errors.New("report: no data for the period")
	// ErrState: the state asked for a delegation's view is not an ISO 3166-1
	// alpha-3 code of the snapshot's states table.
	ErrState = errors.New("report: unknown state")
)

// QueryError is a failed query. Name is the query's file under queries/ without
// .sql (rec9_pairs); its prefix is the section that ran it.
type QueryError struct {
	Name string
	Err  error
}

func (e *QueryError) Error() string { return fmt.Sprintf("report: query %s: %v", e.Name, e.Err) }

// Unwrap returns the querier's error.
func (e *QueryError) Unwrap() error { return e.Err }

// ChartError is a chart gonum/plot could not draw.
type ChartError struct {
	Chart string
	Err   error
}

func (e *ChartError) Error() string { return fmt.Sprintf("report: chart %s: %v", e.Chart, e.Err) }

// Unwrap returns the plotting error.
func (e *ChartError) Unwrap() error { return e.Err }
