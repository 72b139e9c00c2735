package gen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/agenda"
)

// copied are the reference files written to the output unchanged.
var copied = []string{
	"states.csv", "state_names.csv", "instruments.csv", "instrument_articles.csv",
	"standing_agendas.csv", "themes.csv", "theme_terms.csv", "obligations/obligations.csv",
}

// weighted is a discrete distribution over values, in a fixed order.
type weighted[T any] struct {
	values  []T
	cum     []float64
	total   float64
	indexOf map[string]int
}

func (w *weighted[T]) add(key string, v T, weight float64) {
	if w.indexOf == nil {
		w.indexOf = map[string]int{}
	}
	if i, ok := w.indexOf[key]; ok {
		for j := i; j < len(w.cum); j++ {
			w.cum[j] += weight
		}
		w.total += weight
		return
	}
	w.indexOf[key] = len(w.values)
	w.values = append(w.values, v)
	w.total += weight
	w.cum = append(w.cum, w.total)
}

func (w *weighted[T]) pick(u float64) T {
	x := u * w.total
	i := sort.SearchFloat64s(w.cum, x)
	if i >= len(w.values) {
		i = len(w.values) - 1
	}
	return w.values[i]
}

type body struct {
	instrument string // the meetings CSV's instrument column (CCW for its protocols' bodies)
	name       string
	firstYear  int
}

type place struct{ city, country string }

type state struct{ id, name string }

type membershipFile struct {
	name        string
	rows        int
	instruments []string // the instrument column of each real row, sampled per row
	consent     map[string][]string
}

// reference is what gen reads from the real datasets folder.
type reference struct {
	files      map[string][]byte
	states     []state
	spellings  map[string][]string // state id → other names from state_names.csv
	adopted    map[string]time.Time
	bodies     weighted[body]
	places     weighted[place]
	months     weighted[int]
	lengths    weighted[int]
	membership []membershipFile
	titles     map[string][]string // lang → real agenda item titles
	terms      map[string][]string // lang → theme terms
	presidents []string
	fullNames  map[string]string // instrument id → full name
}

func readReference(ref fs.FS) (*reference, error) {
	r := &reference{
		files:     map[string][]byte{},
		spellings: map[string][]string{},
		adopted:   map[string]time.Time{},
		titles:    map[string][]string{},
		terms:     map[string][]string{},
		fullNames: map[string]string{},
	}
	for _, name := range copied {
		b, err := fs.ReadFile(ref, name)
		if err != nil {
			return nil, fmt.Errorf("reference: %w", err)
		}
		r.files[name] = b
	}
	if err := eachRow(r.files["states.csv"], "states.csv", func(get func(string) string) {
		r.states = append(r.states, state{get("state_id"), get("name")})
	}); err != nil {
		return nil, err
	}
	canonical := map[string]string{}
	for _, s := range r.states {
		canonical[s.id] = s.name
	}
	if err := eachRow(r.files["state_names.csv"], "state_names.csv", func(get func(string) string) {
		if id := get("state_id"); get("name") != canonical[id] {
			r.spellings[id] = append(r.spellings[id], get("name"))
		}
	}); err != nil {
		return nil, err
	}
	if err := eachRow(r.files["instruments.csv"], "instruments.csv", func(get func(string) string) {
		if d, err := time.Parse(time.DateOnly, get("adopted_date")); err == nil {
			r.adopted[get("instrument_id")] = d
		}
		r.fullNames[get("instrument_id")] = get("short_name")
	}); err != nil {
		return nil, err
	}
	if err := eachRow(r.files["theme_terms.csv"], "theme_terms.csv", func(get func(string) string) {
		r.terms[get("lang")] = append(r.terms[get("lang")], get("term"))
	}); err != nil {
		return nil, err
	}
	if err := r.readMeetings(ref); err != nil {
		return nil, err
	}
	if err := r.readMembership(ref); err != nil {
		return nil, err
	}
	if err := r.readAgendas(ref); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *reference) readMeetings(ref fs.FS) error {
	files, err := fs.Glob(ref, "meetings/meetings*.csv")
	if err != nil || len(files) == 0 {
		return fmt.Errorf("reference: no meetings/meetings*.csv (%v)", err)
	}
	type key struct{ instr, body string }
	first := map[key]int{}
	counts := map[key]int{}
	var order []key
	for _, f := range files {
		b, err := fs.ReadFile(ref, f)
		if err != nil {
			return fmt.Errorf("reference: %w", err)
		}
		if err := eachRow(b, f, func(get func(string) string) {
			if strings.Contains(get("title"), "(update:") {
				return
			}
			k := key{get("instrument"), get("body")}
			if _, ok := counts[k]; !ok {
				order = append(order, k)
			}
			counts[k]++
			start := get("start_date")
			if y, err := strconv.Atoi(prefix(start, 4)); err == nil {
				if f, ok := first[k]; !ok || y < f {
					first[k] = y
				}
			}
			r.places.add(get("city")+"\x00"+get("country"), place{get("city"), get("country")}, 1)
			if len(start) >= 7 {
				if m, err := strconv.Atoi(start[5:7]); err == nil {
					r.months.add(start[5:7], m, 1)
				}
			}
			s, err1 := time.Parse(time.DateOnly, start)
			e, err2 := time.Parse(time.DateOnly, get("end_date"))
			if err1 == nil && err2 == nil && !e.Before(s) {
				days := int(e.Sub(s).Hours() / 24)
				r.lengths.add(strconv.Itoa(days), days, 1)
			}
			if p := get("president"); p != "" {
				r.presidents = append(r.presidents, p)
			}
		}); err != nil {
			return err
		}
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].instr != order[j].instr {
			return order[i].instr < order[j].instr
		}
		return order[i].body < order[j].body
	})
	for _, k := range order {
		fy, ok := first[k]
		if !ok {
			fy = 1999
		}
		r.bodies.add(k.instr+"\x00"+k.body, body{k.instr, k.body, fy}, float64(counts[k]))
	}
	if len(r.bodies.values) == 0 || len(r.months.values) == 0 || len(r.lengths.values) == 0 {
		return errors.New("reference: meetings CSVs hold no dated meetings")
	}
	return nil
}

func (r *reference) readMembership(ref fs.FS) error {
	files, err := fs.Glob(ref, "membership/*.csv")
	if err != nil || len(files) == 0 {
		return fmt.Errorf("reference: no membership/*.csv (%v)", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(ref, f)
		if err != nil {
			return fmt.Errorf("reference: %w", err)
		}
		mf := membershipFile{name: path.Base(f), consent: map[string][]string{}}
		if err := eachRow(b, f, func(get func(string) string) {
			mf.rows++
			in := get("instrument")
			mf.instruments = append(mf.instruments, in)
			if c := get("consent_type"); c != "" {
				mf.consent[in] = append(mf.consent[in], c)
			}
		}); err != nil {
			return err
		}
		r.membership = append(r.membership, mf)
	}
	return nil
}

func (r *reference) readAgendas(ref fs.FS) error {
	files, err := fs.Glob(ref, "meetings/agendas/*.txt")
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range files {
		b, err := fs.ReadFile(ref, f)
		if err != nil {
			return fmt.Errorf("reference: %w", err)
		}
		a, err := agenda.Decode(strings.NewReader(string(b)), path.Base(f))
		if err != nil {
			continue // a file the pipeline rejects gives no vocabulary
		}
		for _, it := range a.Records() {
			t := it.Title
			if t == "" || strings.ContainsAny(t, "[]") || seen[it.Lang+"\x00"+t] {
				continue
			}
			seen[it.Lang+"\x00"+t] = true
			r.titles[it.Lang] = append(r.titles[it.Lang], t)
		}
	}
	return nil
}

// eachRow calls fn for each data row of a CSV with a header, giving a getter by
// column name.
func eachRow(b []byte, name string, fn func(get func(string) string)) error {
	cr := csv.NewReader(strings.NewReader(string(b)))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("reference %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reference %s: %w", name, err)
		}
		fn(func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		})
	}
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}
