package agenda

import (
	"os"
	"path/filepath"
	"testing"
)

// realDir holds the project's reference agenda files, relative to this package.
const realDir = "../../datasets/meetings/agendas"

// realItemCounts pins the number of items decoded from each reference file, so a
// change to the grammar that loses or invents items shows up here.
var realItemCounts = map[string]int{
	"APMBC_10MSP.en.txt":         7,
	"APMBC_11MSP.en.txt":         17,
	"APMBC_12MSP.en.txt":         7,
	"APMBC_13MSP.en.txt":         12,
	"APMBC_14MSP.en.txt":         8,
	"APMBC_15MSP.en.txt":         10,
	"APMBC_16MSP.en.txt":         13,
	"APMBC_17MSP.en.txt":         8,
	"APMBC_18MSP.en.txt":         7,
	"APMBC_21MSP.en.txt":         4,
	"APMBC_4RC.en.txt":           5,
	"APMBC_5MSP.en.txt":          7,
	"APMBC_6MSP.en.txt":          1,
	"APMBC_6MSP.ru.txt":          1,
	"APMBC_7MSP.en.txt":          6,
	"APMBC_7MSP.es.txt":          1,
	"APMBC_8MSP.en.txt":          2,
	"APMBC_8MSP.ru.txt":          1,
	"APMBC_9MSP.fr.txt":          1,
	"APMBC_IM-2020.en.txt":       7,
	"APMBC_IM-2022.en.txt":       4,
	"APMBC_IM-2023.en.txt":       4,
	"APMBC_IM-committees.es.txt": 4,
	"APMBC_IM-committees.fr.txt": 4,
	"CCM_11MSP.en.txt":           6,
	"CCM_1RC-PM1.en.txt":         11,
	"CCM_2RC-PM2.en.txt":         14,
	"CCM_8MSP.en.txt":            14,
	"CCM_8MSP.fr.txt":            1,
	"CCM_IM-2013.en.txt":         10,
	"CCM_IM-2014.en.txt":         12,
	"CCW_3RC.es.txt":             1,
	"CCW_5RC.en.txt":             1,
	"CCW_APII-23.en.txt":         8,
	"CCW_MHCP-2007.fr.txt":       1,
	"CCW_MHCP-2017.en.txt":       1,
	"CCW_MHCP-2019.en.txt":       1,
	"CCW_PV-MoE-2019.en.txt":     5,
	"CCW_PV-MoE-2020.en.txt":     4,
	"APMBC_14MSP.fr.txt":         1,
	"CCW_PV-MoE-2008.en.txt":     4,
	"CCW_PV-MoE-2011.en.txt":     8,
	"CCW_PV-MoE-2012.en.txt":     5,
	"CCW_PV-MoE-2015.en.txt":     4,
}

// decodeReal decodes every reference agenda file, skipping the test when the
// reference folder is not checked out next to the module.
func decodeReal(t *testing.T) map[string]*Agenda {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no reference agendas in %s", realDir)
	}
	out := make(map[string]*Agenda, len(files))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Decode(fh, f)
		fh.Close()
		if err != nil {
			t.Errorf("Decode(%s): %v", f, err)
			continue
		}
		out[filepath.Base(f)] = a
	}
	return out
}

func TestRealFiles(t *testing.T) {
	all := decodeReal(t)
	for name, a := range all {
		t.Run(name, func(t *testing.T) {
			for _, r := range a.Rejects {
				t.Errorf("reject: %v (raw %q)", r, r.Raw)
			}
			if len(a.Items) == 0 {
				t.Fatal("no items")
			}
			want, ok := realItemCounts[name]
			if !ok {
				t.Errorf("new reference file: add it to realItemCounts with %d items", len(a.Items))
			} else if len(a.Items) != want {
				t.Errorf("%d items, want %d", len(a.Items), want)
			}
			if a.SourceURL == "" || a.SourceURL != a.SourceURLs[0] {
				t.Errorf("SourceURL %q, SourceURLs %q", a.SourceURL, a.SourceURLs)
			}
			if got := len(a.Records()); got != len(a.Items) {
				t.Errorf("%d records for %d items", got, len(a.Items))
			}
		})
	}
	for name := range realItemCounts {
		if _, ok := all[name]; !ok {
			t.Errorf("%s: listed in realItemCounts but not decoded", name)
		}
	}
}

// TestReal10MSP checks the sub-items of item 11 of the 10MSP, printed in the file
// as "    A - Assisting the Victims" and "    B - Clearing Mined Areas" under
// "11. [Consideration of the general status and operation of the Convention]".
func TestReal10MSP(t *testing.T) {
	a := decodeReal(t)["APMBC_10MSP.en.txt"]
	if a == nil {
		t.Fatal("APMBC_10MSP.en.txt not decoded")
	}
	byNum := make(map[string]Item)
	for _, it := range a.Items {
		byNum[it.Number] = it
	}
	tests := []struct {
		num, title    string
		reconstructed bool
	}{
		{"11", "[Consideration of the general status and operation of the Convention]", true},
		{"11.A", "Assisting the Victims", false},
		{"11.B", "Clearing Mined Areas", false},
		{"12", "Evaluation of the Implementation Support Unit", false},
	}
	for _, tc := range tests {
		it, ok := byNum[tc.num]
		if !ok {
			t.Errorf("no item %s", tc.num)
			continue
		}
		if it.Title != tc.title || it.Reconstructed != tc.reconstructed {
			t.Errorf("item %s = %q (reconstructed %v), want %q (%v)", tc.num, it.Title, it.Reconstructed, tc.title, tc.reconstructed)
		}
	}
	if a.Symbol == nil || *a.Symbol != "APLC/MSP.10/2010/1" {
		t.Errorf("Symbol = %v, want APLC/MSP.10/2010/1", a.Symbol)
	}
	if !a.Partial || len(a.Gaps) != 3 {
		t.Errorf("Partial = %v with %d gaps, want true with 3", a.Partial, len(a.Gaps))
	}
}
