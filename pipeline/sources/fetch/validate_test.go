package fetch

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"synergy/pipeline/csvsrc"
	"synergy/pipeline/sources"
)

func TestValidate(t *testing.T) {
	datasets := filepath.Join("..", "..", "..", "datasets")
	page := string(fixture(t, errorPage))
	tests := []struct {
		name, format string
		body         string
		file         string // read instead of body when set
		wantErr      error
		wantMsg      string // in the message, when set
	}{
		{name: "ccm status page", format: "untc", file: ccmPage},
		{name: "error page as untc", format: "untc", body: page, wantErr: ErrWrongContent, wantMsg: "no participant table"},
		{name: "empty untc", format: "untc", body: "", wantErr: ErrWrongContent},
		{name: "grid without rows", format: "untc", wantErr: ErrWrongContent, wantMsg: "no participants",
			body: "<table><tr><td>Participant</td><td>Signature</td><td>Ratification, Acceptance(A), Approval(AA), Accession(a)</td></tr></table>"},
		{name: "calendar", format: "ics", file: utcICS},
		{name: "several calendars", format: "ics", file: filepath.Join("..", "..", "ics", "testdata", "several_calendars", "input.ics")},
		{name: "CRLF and BOM calendar", format: "ics", file: filepath.Join("..", "..", "ics", "testdata", "crlf_bom", "input.ics")},
		{name: "error page as ics", format: "ics", body: page, wantErr: ErrWrongContent, wantMsg: "(an HTML page)"},
		{name: "unterminated calendar", format: "ics", file: filepath.Join("..", "..", "ics", "testdata", "err_unterminated", "input.ics"), wantErr: ErrWrongContent},
		{name: "calendar without events", format: "ics", body: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", wantErr: ErrWrongContent, wantMsg: "no VEVENT"},
		{name: "empty ics", format: "ics", body: "", wantErr: ErrWrongContent},
		{name: "membership csv", format: "membership", file: filepath.Join(datasets, "membership", "ccm.csv")},
		{name: "meetings csv", format: "meetings", file: filepath.Join(datasets, "meetings", "meetings.csv")},
		{name: "meetings csv with an extra column", format: "meetings", file: filepath.Join(datasets, "meetings", "meetings_2026.csv")},
		{name: "obligations csv", format: "obligations", file: filepath.Join(datasets, "obligations", "obligations.csv")},
		{name: "header only, BOM and CRLF", format: "obligations",
			body: "\ufeffstate_name,iso3,instrument,article,theme,obligation_start,original_deadline,current_deadline,extensions_granted,status,status_date,completed_date,source_url,confidence\r\n"},
		{name: "meetings file as membership", format: "membership", file: filepath.Join(datasets, "meetings", "meetings.csv"), wantErr: ErrWrongContent, wantMsg: "lacks 8 of 11 columns"},
		{name: "one column missing", format: "membership", wantErr: ErrWrongContent, wantMsg: "(confidence)",
			body: "instrument,state_name,iso3,signature_date,consent_date,consent_type,entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,source_url\nCCM,Chile,CHL,,,,,,,,\n"},
		{name: "error page as csv", format: "meetings", body: page, wantErr: ErrWrongContent, wantMsg: "(an HTML page)"},
		{name: "empty csv", format: "obligations", body: "", wantErr: ErrWrongContent},
		{name: "catalogue format", format: "states", body: "state_id,name\n", wantErr: ErrUnknownFormat},
		{name: "no format", format: "", body: "x", wantErr: ErrUnknownFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			if tc.file != "" {
				body = fixture(t, tc.file)
			}
			orig := bytes.Clone(body)
			err := Validate(tc.format, body)
			if !bytes.Equal(body, orig) {
				t.Error("Validate modified its input")
			}
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Validate(%s) = %v", tc.format, err)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Validate(%s) = %v, want %v", tc.format, err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("message %q does not say %q", err, tc.wantMsg)
			}
		})
	}
}

// TestValidateRealSources checks every captured status page and every CSV of the
// manifest's fetchable formats.
func TestValidateRealSources(t *testing.T) {
	datasets := filepath.Join("..", "..", "..", "datasets")
	patterns := map[string]string{
		"untc":        "untc/*.html",
		"membership":  "membership/*.csv",
		"meetings":    "meetings/meetings*.csv",
		"obligations": "obligations/*.csv",
	}
	for format, pattern := range patterns {
		files, err := filepath.Glob(filepath.Join(datasets, pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", pattern, err)
		}
		for _, f := range files {
			if err := Validate(format, fixture(t, f)); err != nil {
				t.Errorf("%s as %s: %v", f, format, err)
			}
		}
	}
	calendars, _ := filepath.Glob(filepath.Join("..", "..", "ics", "testdata", "*", "input.ics"))
	for _, f := range calendars {
		err := Validate("ics", fixture(t, f))
		broken := strings.HasPrefix(filepath.Base(filepath.Dir(f)), "err_")
		if broken != (err != nil) {
			t.Errorf("%s: Validate = %v", f, err)
		}
	}
}

// TestCSVColumnsMatchCSVSrc keeps csvColumns in step with csvsrc's readers: a header
// of exactly those columns reads, and one without any of them is refused for that
// column.
func TestCSVColumnsMatchCSVSrc(t *testing.T) {
	read := map[string]func(string) error{
		"membership": func(s string) error {
			_, _, err := csvsrc.ReadParticipation(strings.NewReader(s), "t.csv", nil)
			return err
		},
		"meetings": func(s string) error {
			_, _, _, err := csvsrc.ReadMeetings(strings.NewReader(s), "t.csv", nil)
			return err
		},
		"obligations": func(s string) error {
			_, _, err := csvsrc.ReadObligations(strings.NewReader(s), "t.csv", nil)
			return err
		},
	}
	for format, cols := range csvColumns {
		if err := read[format](strings.Join(cols, ",") + "\n"); err != nil {
			t.Errorf("%s: csvsrc refuses our header: %v", format, err)
		}
		for i := range cols {
			short := slices.Delete(slices.Clone(cols), i, i+1)
			if err := read[format](strings.Join(short, ",") + "\n"); !errors.Is(err, csvsrc.ErrMissingColumn) {
				t.Errorf("%s: csvsrc does not need column %s (%v); drop it from csvColumns", format, cols[i], err)
			}
		}
	}
}

func TestFormatsAreManifestFormats(t *testing.T) {
	for _, f := range Formats() {
		if !slices.Contains(sources.Formats, f) {
			t.Errorf("%s is not a manifest format", f)
		}
		if Ext(f) == "" {
			t.Errorf("%s has no extension", f)
		}
	}
	for format, want := range map[string]string{"untc": "html", "ics": "ics", "meetings": "csv", "agenda": ""} {
		if got := Ext(format); got != want {
			t.Errorf("Ext(%s) = %q, want %q", format, got, want)
		}
	}
}

func BenchmarkValidateUNTC(b *testing.B) {
	body, err := os.ReadFile(ccmPage)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if err := Validate("untc", body); err != nil {
			b.Fatal(err)
		}
	}
}
