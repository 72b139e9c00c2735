package untc

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOtherChapters decodes status pages of treaties synergy does not follow
// (testdata/other_chapters/README.md) and checks them against their own headers:
// the declared Parties and Signatories, the treaty id and the status date.
func TestOtherChapters(t *testing.T) {
	want := map[string]string{"tpnw.html": "XXVI-9", "ctbt.html": "XXVI-4", "cmw.html": "IV-13",
		"cat.html": "IV-9", "ced.html": "IV-16", "icescr_op.html": "IV-3-a"}
	for file, id := range want {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "other_chapters", file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := Decode(f, file)
			if err != nil {
				t.Fatal(err)
			}
			if p.TreatyID != id {
				t.Errorf("treaty id %q, want %q", p.TreatyID, id)
			}
			for _, r := range p.Rejects {
				t.Errorf("rejected: %v", r)
			}
			if p.StatusAsAt == nil || p.StatusAsAt.String() != "2026-02-03" {
				t.Errorf("status as at %v, want 2026-02-03", p.StatusAsAt)
			}
			parties, signatories := 0, 0
			for _, x := range p.Participants {
				if x.Consent != nil && !x.ConsentBracketed {
					parties++
				}
				if x.Signature != nil && !x.SignatureBracketed {
					signatories++
				}
			}
			if p.DeclaredParties == nil || *p.DeclaredParties != parties {
				t.Errorf("header declares %v parties, the grid has %d", deref(p.DeclaredParties), parties)
			}
			if p.DeclaredSignatories == nil || *p.DeclaredSignatories != signatories {
				t.Errorf("header declares %v signatories, the grid has %d", deref(p.DeclaredSignatories), signatories)
			}
		})
	}
}

func deref(n *int) any {
	if n == nil {
		return "no"
	}
	return *n
}
