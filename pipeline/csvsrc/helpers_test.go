package csvsrc

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"synergy/pipeline/civil"
)

// mapResolver is a StateResolver over a fixed table of names and ISO3 codes.
type mapResolver map[string]string

func (m mapResolver) Resolve(name string) (string, bool) {
	id, ok := m[strings.TrimSpace(name)]
	return id, ok
}

// meetingOnlyNames are country names that appear in the meetings files but in no
// membership file, so the resolver built from the iso3 columns cannot know them.
var meetingOnlyNames = map[string]string{"Lao PDR": "LAO"}

// referenceStates builds a resolver from the state_name and iso3 columns of the real
// membership CSVs in testdata/reference: each name and each code resolves to the code.
func referenceStates(t testing.TB) mapResolver {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "reference", "membership", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no membership CSVs in testdata/reference: %v", err)
	}
	m := mapResolver{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range recs[1:] {
			if name, iso := r[1], r[2]; iso != "" {
				m[name], m[iso] = iso, iso
			}
		}
	}
	for name, iso := range meetingOnlyNames {
		m[name] = iso
	}
	return m
}

// asJSON returns v as indented JSON for golden files. Struct fields are named by their
// parquet column (or json) tag, civil.Day values are written YYYY-MM-DD and nil
// pointers as null, so the files read like the tables.
func asJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(plain(reflect.ValueOf(v)), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

var dayType = reflect.TypeFor[civil.Day]()

func plain(v reflect.Value) any {
	switch {
	case !v.IsValid():
		return nil
	case v.Type() == dayType:
		return v.Interface().(civil.Day).String()
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			out[k.String()] = plain(v.MapIndex(k))
		}
		return out
	case reflect.Struct:
		out := orderedMap{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name := f.Name
			if tag, _, _ := strings.Cut(cmpTag(f), ","); tag != "" {
				name = tag
			}
			out = append(out, kv{name, plain(v.Field(i))})
		}
		return out
	}
	return v.Interface()
}

func cmpTag(f reflect.StructField) string {
	if tag := f.Tag.Get("parquet"); tag != "" {
		return tag
	}
	return f.Tag.Get("json")
}

type kv struct {
	k string
	v any
}

// orderedMap marshals as a JSON object keeping field order.
type orderedMap []kv

func (m orderedMap) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
