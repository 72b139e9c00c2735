package models

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// CheckKind is the kind of a data check.
type CheckKind string

// The check kinds a model header may declare.
const (
	CheckNotNull        CheckKind = "not_null"        // not_null(col, …): no column is NULL
	CheckUnique         CheckKind = "unique"          // unique(col, …): no two rows share the columns' values (NULLs compare equal)
	CheckAcceptedValues CheckKind = "accepted_values" // accepted_values(col, 'a', 'b'): non-NULL values are among the literals
	CheckRelationship   CheckKind = "relationship"    // relationship(col -> model.col): non-NULL values exist in the other model
	CheckExpression     CheckKind = "expression"      // expression(<boolean SQL>): true on every row; NULL counts as false
)

// Check is one data check of a model.
type Check struct {
	Kind      CheckKind
	Model     string   // the model checked
	Columns   []string // not_null, unique: the columns; accepted_values, relationship: one column
	Values    []string // accepted_values: SQL literals as written ('held', 3)
	RefModel  string   // relationship: the referenced model
	RefColumn string   // relationship: the referenced column
	Expr      string   // expression: the boolean SQL
}

var (
	checkSyntax  = regexp.MustCompile(`^([a-z_]+)\s*\((.*)\)$`)
	identSyntax  = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	literalRE    = regexp.MustCompile(`^(?:'(?:[^']|'')*'|-?[0-9]+(?:\.[0-9]+)?|true|false)$`)
	relationshRE = regexp.MustCompile(`^([a-z_][a-z0-9_]*)\s*->\s*([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$`)
)

// ParseCheck parses the text after "-- check:", such as "unique(a, b)". The
// returned Check has no Model yet.
func ParseCheck(s string) (Check, error) {
	s = strings.TrimSpace(s)
	m := checkSyntax.FindStringSubmatch(s)
	if m == nil {
		return Check{}, fmt.Errorf("check %q: want kind(arguments)", s)
	}
	c := Check{Kind: CheckKind(m[1])}
	arg := strings.TrimSpace(m[2])
	switch c.Kind {
	case CheckNotNull, CheckUnique:
		cols, err := identList(arg)
		if err != nil {
			return Check{}, fmt.Errorf("check %q: %w", s, err)
		}
		c.Columns = cols
	case CheckAcceptedValues:
		parts, err := splitArgs(arg)
		if err != nil {
			return Check{}, fmt.Errorf("check %q: %w", s, err)
		}
		if len(parts) < 2 || !identSyntax.MatchString(parts[0]) {
			return Check{}, fmt.Errorf("check %q: want accepted_values(column, 'value', …)", s)
		}
		for _, v := range parts[1:] {
			if !literalRE.MatchString(v) {
				return Check{}, fmt.Errorf("check %q: %s is not a string or number literal", s, v)
			}
		}
		c.Columns, c.Values = parts[:1], parts[1:]
	case CheckRelationship:
		r := relationshRE.FindStringSubmatch(arg)
		if r == nil {
			return Check{}, fmt.Errorf("check %q: want relationship(column -> model.column)", s)
		}
		c.Columns, c.RefModel, c.RefColumn = []string{r[1]}, r[2], r[3]
	case CheckExpression:
		if arg == "" {
			return Check{}, fmt.Errorf("check %q: empty expression", s)
		}
		sc, err := scanSQL(arg)
		if err != nil {
			return Check{}, fmt.Errorf("check %q: %w", s, err)
		}
		if len(sc.semicolons) > 0 {
			return Check{}, fmt.Errorf("check %q: semicolon in expression", s)
		}
		c.Expr = arg
	default:
		return Check{}, fmt.Errorf("check %q: unknown kind %s (want not_null, unique, accepted_values, relationship or expression)", s, m[1])
	}
	return c, nil
}

func identList(arg string) ([]string, error) {
	parts, err := splitArgs(arg)
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, errors.New("no columns")
	}
	for _, p := range parts {
		if !identSyntax.MatchString(p) {
			return nil, fmt.Errorf("%q is not a lower-case column name", p)
		}
	}
	return parts, nil
}

// splitArgs splits a comma-separated argument list, keeping commas inside
// single-quoted literals.
func splitArgs(arg string) ([]string, error) {
	var parts []string
	start := 0
	for i := 0; i < len(arg); i++ {
		switch arg[i] {
		case '\'':
			j, err := closeQuote(arg, i, '\'')
			if err != nil {
				return nil, err
			}
			i = j - 1
		case ',':
			parts = append(parts, strings.TrimSpace(arg[start:i]))
			start = i + 1
		}
	}
	if last := strings.TrimSpace(arg[start:]); last != "" || len(parts) > 0 {
		parts = append(parts, last)
	}
	for _, p := range parts {
		if p == "" {
			return nil, errors.New("empty argument")
		}
	}
	return parts, nil
}

// Name returns the check in its canonical header form, such as
// "unique(instrument_id, count_date)".
func (c Check) Name() string {
	switch c.Kind {
	case CheckAcceptedValues:
		return fmt.Sprintf("%s(%s, %s)", c.Kind, c.Columns[0], strings.Join(c.Values, ", "))
	case CheckRelationship:
		return fmt.Sprintf("%s(%s -> %s.%s)", c.Kind, c.Columns[0], c.RefModel, c.RefColumn)
	case CheckExpression:
		return fmt.Sprintf("%s(%s)", c.Kind, c.Expr)
	default:
		return fmt.Sprintf("%s(%s)", c.Kind, strings.Join(c.Columns, ", "))
	}
}

// FailingRowsSQL returns a query over the checked model that returns the rows
// breaking the check: the offending rows for not_null, accepted_values,
// relationship and expression; one row per duplicated key, with its count
// n_rows, for unique. The check passes when it returns no row.
func (c Check) FailingRowsSQL() string {
	switch c.Kind {
	case CheckNotNull:
		conds := make([]string, len(c.Columns))
		for i, col := range c.Columns {
			conds[i] = col + " is null"
		}
		return fmt.Sprintf("select * from %s where %s", c.Model, strings.Join(conds, " or "))
	case CheckUnique:
		cols := strings.Join(c.Columns, ", ")
		return fmt.Sprintf("select %s, count(*) as n_rows from %s group by %s having count(*) > 1", cols, c.Model, cols)
	case CheckAcceptedValues:
		return fmt.Sprintf("select * from %s where %s is not null and %s not in (%s)",
			c.Model, c.Columns[0], c.Columns[0], strings.Join(c.Values, ", "))
	case CheckRelationship:
		return fmt.Sprintf("select * from %s as child where child.%s is not null and not exists "+
			"(select 1 from %s as parent where parent.%s = child.%s)",
			c.Model, c.Columns[0], c.RefModel, c.RefColumn, c.Columns[0])
	case CheckExpression:
		// The newline ends any -- comment inside the expression.
		return fmt.Sprintf("select * from %s where not coalesce((%s\n), false)", c.Model, c.Expr)
	default:
		panic("models: unknown check kind " + string(c.Kind))
	}
}
