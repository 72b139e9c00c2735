package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportStateColombia runs `synergy report --state COL --period 2024` end to
// end on a run of the shipped datasets and checks the delegation's view against
// facts of the sources: Colombia ratified the Mine Ban Convention (in force 1 March
// 2001), is not party to CCW Protocol V, deposited its Arms Trade Treaty
// ratification in 2024 (in force 13 January 2025), and the Twelfth Meeting of
// States Parties to the Cluster Munitions Convention (Geneva, 10-13 September 2024)
// was one of its meetings, mergeable with the Amended Protocol II conference held
// in Geneva in November.
func TestReportStateColombia(t *testing.T) {
	out := publishOnce(t)
	man := readManifest(t, out)

	t.Run("default dir, lower-case code", func(t *testing.T) {
		wd := t.TempDir()
		t.Chdir(wd)
		r := runReport(t, "--out", out, "--state", "col", "--period", "2024")
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		dir := filepath.Join(wd, "report-2024-COL")
		md := string(must(os.ReadFile(filepath.Join(dir, "report.md"))))
		html := string(must(os.ReadFile(filepath.Join(dir, "report.html"))))
		for _, s := range []string{
			"# Colombia (COL): a delegation's view, 2024",
			"| Anti-Personnel Mine Ban Convention (APMBC) | party | 1997-12-03 | 2000-09-06 | ratification | 2001-03-01 |",
			"| CCW Protocol V (CCW-PV) | not party |",
			"| Arms Trade Treaty (ATT) | consented, not yet in force |",
			"| Twelfth Meeting of States Parties to the Convention on Cluster Munitions | CCM | 2024-09-10 | 2024-09-13 | Geneva |",
			"Trips to them: 4; the fewest possible 3; trips saveable 1.",
			man.Snapshot,
		} {
			if !strings.Contains(md, s) {
				t.Errorf("report.md lacks %q", s)
			}
		}
		if strings.Contains(md, "CCM_12MSP") {
			t.Error("report.md names a meeting by its id")
		}
		if !strings.Contains(html, `<html lang="en">`) || !strings.Contains(html, "Colombia (COL)") {
			t.Error("report.html lacks the language or the state")
		}
		if !strings.Contains(r.stderr, "2024 COL (en)") {
			t.Errorf("stderr %q does not name the view", r.stderr)
		}
	})

	t.Run("French, range of years, explicit dir", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "col-fr")
		r := runReport(t, "--out", out, "--state", "COL", "--from", "2022", "--to", "2024", "--lang", "fr", "--dir", dir)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		md := string(must(os.ReadFile(filepath.Join(dir, "report.md"))))
		for _, s := range []string{"# Colombie (COL)\u00a0: le point de vue d'une délégation, 2022–2024", "| **2022–2024** |"} {
			if !strings.Contains(md, s) {
				t.Errorf("report.md lacks %q", s)
			}
		}
	})

	for _, tc := range []struct{ name, state string }{{"unknown code", "XYZ"}, {"not a code", "Colombia"}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "r")
			r := runReport(t, "--out", out, "--state", tc.state, "--period", "2024", "--dir", dir)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "unknown state") {
				t.Errorf("exit %d, stderr %q; want exit %d, unknown state", r.code, r.stderr, ExitUsage)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s written for an unknown state", dir)
			}
		})
	}
}
