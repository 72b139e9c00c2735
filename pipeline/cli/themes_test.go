package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestThemesCmd(t *testing.T) {
	datasets := filepath.Join("..", "..", "datasets")
	// Real agenda lines from datasets/meetings/agendas (APMBC 10MSP, CCM 8MSP,
	// APMBC 9MSP fr, APMBC 8MSP ru) and one untagged line.
	in := strings.Join([]string{
		"Clearing Mined Areas",
		"Clearance and destruction of cluster munitions remnants and risk reduction education",
		"Victim assistance",
		"Examen et adoption du document final",
		"Рассмотрение и принятие заключительного документа",
		"Improvised Explosive Devices",
	}, "\n") + "\n"
	var stdout, stderr bytes.Buffer
	code := themesCmd(env{ctx: t.Context(), stdin: strings.NewReader(in), stdout: &stdout, stderr: &stderr}, []string{"--datasets", datasets})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	want := "clearance\nclearance\nvictim_assistance\nprocedural\nprocedural\n\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}

	stdout.Reset()
	code = themesCmd(env{ctx: t.Context(), stdin: strings.NewReader("Transparency measures\n"), stdout: &stdout, stderr: &stderr}, []string{"--lang", "en", "--datasets", datasets})
	if code != ExitOK || stdout.String() != "transparency\n" {
		t.Errorf("--lang en: exit %d, stdout %q", code, stdout.String())
	}
}

// TestThemesCmdExplain checks that --explain names the term and where it matched,
// on APMBC Art. 5's French title (a stem match over inflected words) and a
// traditional-Chinese line (converted to simplified before matching).
func TestThemesCmdExplain(t *testing.T) {
	datasets := filepath.Join("..", "..", "datasets")
	in := "Destruction des mines antipersonnel dans les zones minées\n\n"
	var stdout, stderr bytes.Buffer
	code := themesCmd(env{ctx: t.Context(), stdin: strings.NewReader(in), stdout: &stdout, stderr: &stderr}, []string{"--lang", "fr", "--explain", "--datasets", datasets})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"line 1 (fr): clearance\n", "clearance: term \"zone minée\" (stem) at words 7-8: \"zones minees\"", "line 2 (fr): -\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestThemesCmdErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := env{ctx: t.Context(), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	if code := themesCmd(e, []string{"--lang", "de"}); code != ExitUsage {
		t.Errorf("--lang de: exit %d, want %d", code, ExitUsage)
	}
	if code := themesCmd(e, []string{"--datasets", t.TempDir()}); code != ExitFailure {
		t.Errorf("missing datasets: exit %d, want %d", code, ExitFailure)
	}
}
