package cli

import (
	"bufio"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/formats"
)

// TestCheckPrintsISODates: check prints every date of a record as "YYYY-MM-DD",
// not as the day number civil.Day holds, and changes nothing else: the same keys,
// in the same order, with the same values as encoding/json gives.
func TestCheckPrintsISODates(t *testing.T) {
	path := filepath.Join(datasets, "meetings", "meetings.csv")
	r := run(t, "", "check", "--datasets", datasets, path)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	resolver, err := loadResolver(datasets)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readFile(path, csvKind(path), formats.Env{AsOf: civil.DayOf(time.Now().UTC()), States: resolver})
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	recs := records(rows)
	i, dates := 0, 0
	for sc.Scan() {
		var line map[string]map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		got, ok := line["record"]
		if !ok {
			continue
		}
		// The plain encoding, with each day number turned into its date.
		b, _ := json.Marshal(recs[i])
		var want map[string]any
		json.Unmarshal(b, &want)
		for _, k := range []string{"StartDate", "EndDate"} {
			if n, ok := want[k].(float64); ok {
				want[k] = civil.Day(n).String()
				dates++
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("record %d:\n got %v\nwant %v", i, got, want)
		}
		i++
	}
	if i != len(recs) || dates == 0 {
		t.Fatalf("%d records printed of %d, %d dates seen", i, len(recs), dates)
	}
	if !strings.Contains(r.stdout, `"StartDate":"2010-11-29"`) {
		t.Errorf("no ISO StartDate 2010-11-29 in the output:\n%.500s", r.stdout)
	}
}

// TestIsoDatesKeepsOrder: struct fields keep their order and JSON names.
func TestIsoDatesKeepsOrder(t *testing.T) {
	type inner struct {
		When civil.Day `json:"when"`
	}
	v := struct {
		B    string
		A    *civil.Day `json:"a_day,omitempty"`
		None *civil.Day `json:"none,omitempty"`
		Skip int        `json:"-"`
		List []inner
	}{B: "x", A: new(civil.Date(2024, 2, 29)), List: []inner{{civil.Date(2000, 1, 1)}}}
	b, err := json.Marshal(isoDates(reflect.ValueOf(v)))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"B":"x","a_day":"2024-02-29","List":[{"when":"2000-01-01"}]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
