package cli

import (
	"bytes"
	"encoding"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/formats"
	"synergy/pipeline/sources"
	"synergy/pipeline/states"
)

// checkCmd reads files with the reader their format calls for and prints, as JSON
// lines, every record it would ingest ({"record": …}) and every reject
// ({"reject": …}). It publishes nothing.
func checkCmd(e env, args []string) int {
	fs := newFlags(e, "check", "FILE...", "Reads each FILE with the reader its format calls for (by extension, or --format) and prints\nwhat it would ingest as JSON lines, {\"record\": …} or {\"reject\": …}. Publishes nothing.\nState names are resolved with the state tables the sources manifest in --datasets names.")
	format := fs.String("format", "", "reader: csv (meetings or membership, from the header), "+strings.Join(formats.Names(), ", ")+" (default: from the file name)")
	datasets := fs.String("datasets", "datasets", "folder with sources.json, whose states and state_names sources resolve state names")
	asOf := fs.String("as-of", "", "the day YYYY-MM-DD (default today, UTC) against which calendar meetings count as held or planned")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	day := civil.DayOf(time.Now().UTC())
	if *asOf != "" {
		var err error
		if day, err = civil.ParseDay(*asOf); err != nil {
			fmt.Fprintln(e.stderr, "synergy check: --as-of:", err)
			return ExitUsage
		}
	}
	c := &checker{e: e, enc: json.NewEncoder(e.stdout), datasets: *datasets, env: formats.Env{AsOf: day}}
	failed := false
	for _, path := range fs.Args() {
		f := *format
		if f == "csv" {
			f = csvKind(path)
		}
		if f == "" {
			var ok bool
			if f, ok = formats.Guess(path); !ok {
				fmt.Fprintf(e.stderr, "synergy check: %s: cannot tell the format from the name; use --format\n", path)
				return ExitUsage
			}
		}
		ok, stop := c.check(path, f)
		if stop {
			return ExitFailure
		}
		failed = failed || !ok
	}
	if failed {
		return ExitFailure
	}
	return ExitOK
}

// checker reads the files of one `synergy check`, loading the state tables the
// first time a reader needs them.
type checker struct {
	e        env
	enc      *json.Encoder
	datasets string
	env      formats.Env
}

// check reads one file in format and prints its records and rejects. ok is false
// for a file that cannot be read, and stop true when no further file should be
// tried: the state tables do not load.
func (c *checker) check(path, format string) (ok, stop bool) {
	ft, known := formats.Lookup(format)
	if known && ft.NeedsStates && c.env.States == nil {
		r, err := loadResolver(c.datasets)
		if err != nil {
			fmt.Fprintln(c.e.stderr, "synergy check:", err)
			return false, true
		}
		c.env.States = r
	}
	rows, err := readFile(path, format, c.env)
	if err != nil {
		fmt.Fprintf(c.e.stderr, "synergy check: %v\n", err)
		return false, false
	}
	recs := records(rows)
	for _, r := range recs {
		c.enc.Encode(map[string]any{"record": isoDates(reflect.ValueOf(r))})
	}
	for _, r := range rows.Rejects {
		c.enc.Encode(map[string]any{"reject": isoDates(reflect.ValueOf(r))})
	}
	fmt.Fprintf(c.e.stderr, "%s (%s): %d records, %d rejects\n", path, format, len(recs), len(rows.Rejects))
	return true, false
}

// csvKind picks the canonical CSV reader from a file's header line: meeting lists
// have meeting_code, membership lists consent_date; "" when neither.
func csvKind(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return ""
	}
	for _, h := range header {
		switch strings.TrimPrefix(strings.TrimSpace(h), "\ufeff") {
		case "meeting_code":
			return "meetings"
		case "consent_date":
			return "membership"
		}
	}
	return ""
}

// loadResolver loads the state tables that the sources manifest in dir names, as a
// run does.
func loadResolver(dir string) (*states.Resolver, error) {
	mf, err := os.Open(filepath.Join(dir, "sources.json"))
	if err != nil {
		return nil, fmt.Errorf("state tables: %w (set --datasets)", err)
	}
	defer mf.Close()
	m, err := sources.Parse(mf, filepath.Join(dir, "sources.json"))
	if err != nil {
		return nil, fmt.Errorf("state tables: %w (set --datasets)", err)
	}
	var files [2]*os.File
	for i, format := range []string{"states", "state_names"} {
		path, err := m.OnlyFile(dir, format)
		if err == nil {
			files[i], err = os.Open(path)
		}
		if err != nil {
			return nil, fmt.Errorf("state tables: %w (set --datasets)", err)
		}
		defer files[i].Close()
	}
	return states.Load(files[0], files[1])
}

// readFile reads one file with the reader of format from the formats table.
func readFile(path, format string, env formats.Env) (*formats.Rows, error) {
	ft, ok := formats.Lookup(format)
	switch {
	case !ok:
		return nil, fmt.Errorf("%s: unknown format %q", path, format)
	case format == "states" || format == "state_names":
		return nil, fmt.Errorf("%s: check the state tables with 'synergy check --datasets DIR' on a membership file", path)
	case ft.Read == nil:
		return nil, fmt.Errorf("%s: check the %s and %s tables with 'synergy themes --datasets DIR'", path, format, ft.PairedWith)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ft.Read(f, path, env)
}

// records returns what a reader gave as the records check prints: the rows, then a
// meetings file's updates and a status page's withdrawals.
func records(rows *formats.Rows) []any {
	var out []any
	out = appendAll(out, rows.Participation)
	out = appendAll(out, rows.Meetings)
	for _, u := range rows.Updates {
		out = append(out, map[string]any{"update": u.What, "meeting": u.Meeting})
	}
	out = appendAll(out, rows.Obligations)
	if rows.Agenda != nil {
		out = appendAll(out, rows.Agenda.Records())
	}
	if p := rows.Page; p != nil {
		out = appendAll(out, p.Participants)
		for _, w := range p.Withdrawals() {
			out = append(out, map[string]any{"withdrawal": w})
		}
	}
	out = appendAll(out, rows.Instruments)
	out = appendAll(out, rows.Articles)
	return appendAll(out, rows.StandingAgendas)
}

func appendAll[T any](out []any, rows []T) []any {
	for _, r := range rows {
		out = append(out, r)
	}
	return out
}

// dayType is civil.Day, which encoding/json would print as its day number.
var dayType = reflect.TypeFor[civil.Day]()

// isoDates returns v for encoding/json with every civil.Day, at any depth, as its
// ISO date "YYYY-MM-DD" instead of a day number. Structs keep their field order
// and JSON names (a field's json tag, "-" and omitempty are honoured; embedded
// structs are flattened); other values are left to encoding/json.
func isoDates(v reflect.Value) any {
	switch {
	case !v.IsValid():
		return nil
	case v.Type() == dayType:
		return civil.Day(v.Int()).String()
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return isoDates(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && (v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8) {
			return v.Interface() // null, or []byte as base64, as encoding/json does
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = isoDates(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() || v.Type().Key().Kind() != reflect.String {
			return v.Interface()
		}
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[it.Key().String()] = isoDates(it.Value())
		}
		return out
	case reflect.Struct:
		if _, ok := v.Interface().(json.Marshaler); ok {
			return v.Interface()
		}
		if _, ok := v.Interface().(encoding.TextMarshaler); ok {
			return v.Interface() // time.Time and the like
		}
		var obj orderedObject
		structFields(v, &obj)
		return obj
	}
	return v.Interface()
}

// structFields appends the JSON fields of struct v to obj.
func structFields(v reflect.Value, obj *orderedObject) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			structFields(fv, obj)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(","+opts+",", ",omitempty,") && isEmptyJSON(fv) {
			continue
		}
		*obj = append(*obj, field{name, isoDates(fv)})
	}
}

type field struct {
	name  string
	value any
}

// orderedObject is a JSON object whose keys keep their order.
type orderedObject []field

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// isEmptyJSON is encoding/json's test for omitempty.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		return false
	}
	return v.IsZero()
}
