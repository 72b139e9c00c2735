package states

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"Türkiye", "Netherlands (Kingdom of the)4", "Côte d’Ivoire",
		"The Gambia", " nld ", "12", "", "the", "Montenegro ⁶", "\xff\xfe", "Co\u0302te", "İ"} {
		f.Add(s)
	}
	st, err := os.ReadFile(filepath.Join("testdata", "states.csv"))
	if err != nil {
		f.Fatal(err)
	}
	nm, err := os.ReadFile(filepath.Join("testdata", "state_names.csv"))
	if err != nil {
		f.Fatal(err)
	}
	r, err := Load(strings.NewReader(string(st)), strings.NewReader(string(nm)))
	if err != nil {
		f.Fatal(err)
	}
	ids := map[string]bool{}
	for _, s := range r.States() {
		ids[s.StateID] = true
	}
	f.Fuzz(func(t *testing.T, name string) {
		id, ok := r.Resolve(name)
		if ok != (id != "") {
			t.Fatalf("Resolve(%q) = %q, %v", name, id, ok)
		}
		if ok && !ids[id] {
			t.Fatalf("Resolve(%q) = %q, not a loaded state", name, id)
		}
		if id2, ok2 := r.Resolve(name); id2 != id || ok2 != ok {
			t.Fatalf("Resolve(%q) not deterministic", name)
		}
	})
}

func FuzzLoad(f *testing.F) {
	st, err := os.ReadFile(filepath.Join("testdata", "states.csv"))
	if err != nil {
		f.Fatal(err)
	}
	nm, err := os.ReadFile(filepath.Join("testdata", "state_names.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(st), string(nm))
	f.Add("state_id,name,m49_code,region,sub_region,source_url\nAAA,\"A\nB\",001,R,S,u\n", "name,state_id,note,source_url\n")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, states, names string) {
		r, err := Load(strings.NewReader(states), strings.NewReader(names))
		if err != nil {
			if r != nil {
				t.Fatal("non-nil Resolver with an error")
			}
			return
		}
		for _, s := range r.States() {
			if id, ok := r.Resolve(s.StateID); !ok || id != s.StateID {
				t.Fatalf("state_id %q resolves to %q, %v", s.StateID, id, ok)
			}
		}
		for _, n := range r.Names() {
			if id, ok := r.Resolve(n.Name); !ok || id != n.StateID {
				t.Fatalf("name %q resolves to %q, %v; want %q", n.Name, id, ok, n.StateID)
			}
		}
	})
}
