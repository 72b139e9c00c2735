package fetch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"synergy/pipeline/ics"
	"synergy/pipeline/untc"
)

// csvColumns are the header columns package csvsrc needs in each CSV format (its
// participationColumns, meetingColumns and obligationColumns; a test keeps the two in
// step). Extra columns are allowed, as csvsrc ignores them.
var csvColumns = map[string][]string{
	"membership": {
		"instrument", "state_name", "iso3", "signature_date", "consent_date", "consent_type",
		"entry_into_force_date", "withdrawal_notified_date", "withdrawal_effective_date",
		"source_url", "confidence",
	},
	"meetings": {
		"instrument", "body", "meeting_code", "title", "start_date", "end_date", "city",
		"country", "venue", "president", "agenda_clearance", "agenda_victim_assistance",
		"agenda_stockpile", "agenda_cooperation", "agenda_transparency", "source_url",
		"confidence",
	},
	"obligations": {
		"state_name", "iso3", "instrument", "article", "theme", "obligation_start",
		"original_deadline", "current_deadline", "extensions_granted", "status",
		"status_date", "completed_date", "source_url", "confidence",
	},
}

// Formats returns the manifest formats [Validate] can check, sorted: the formats a
// source fetched over http or https may have.
func Formats() []string {
	out := []string{"ics", "untc"}
	for f := range csvColumns {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// Ext returns the file extension under which a body of a fetchable format is stored
// (archive.Store.Put): "html" for untc, "ics" for ics, "csv" for the CSV formats,
// and "" for a format [Validate] does not know.
func Ext(format string) string {
	switch format {
	case "untc":
		return "html"
	case "ics":
		return "ics"
	}
	if _, ok := csvColumns[format]; ok {
		return "csv"
	}
	return ""
}

// responseName names the body in the readers' error messages.
const responseName = "response"

// Validate reports whether body is content of the manifest format: nil if so, an
// error wrapping [ErrWrongContent] (and the reader's error, if any) if not, and
// [ErrUnknownFormat] for a format it has no check for. What each format must hold is
// in the package documentation. Validate does not modify body.
func Validate(format string, body []byte) error {
	switch format {
	case "untc":
		page, err := untc.Decode(bytes.NewReader(body), responseName)
		if err != nil {
			return wrongContent(format, body, err)
		}
		if len(page.Participants) == 0 {
			return wrongContent(format, body, fmt.Errorf("participant table has no participants"))
		}
		return nil
	case "ics":
		dec := ics.NewDecoder(bytes.NewReader(body), responseName)
		events, err := dec.Decode()
		if err != nil {
			return wrongContent(format, body, err)
		}
		if len(events) == 0 {
			return wrongContent(format, body, fmt.Errorf("calendar has no VEVENT that decodes (%d rejected lines)", len(dec.Rejects())))
		}
		return nil
	}
	want, ok := csvColumns[format]
	if !ok {
		return fmt.Errorf("%w %q (fetchable: %s)", ErrUnknownFormat, format, strings.Join(Formats(), ", "))
	}
	return checkHeader(format, body, want)
}

// checkHeader checks that the CSV's first record names every column of want.
func checkHeader(format string, body []byte, want []string) error {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return wrongContent(format, body, fmt.Errorf("header line: %w", err))
	}
	have := map[string]bool{}
	for _, h := range header {
		have[strings.TrimSpace(h)] = true
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		return wrongContent(format, body, fmt.Errorf("header line lacks %d of %d columns (%s)", len(missing), len(want), abbreviate(missing, 4)))
	}
	return nil
}

// wrongContent wraps cause as ErrWrongContent, saying when the body is an HTML page
// where none was expected, the usual case of a server's error page.
func wrongContent(format string, body []byte, cause error) error {
	hint := ""
	if format != "untc" && looksHTML(body) {
		hint = " (an HTML page)"
	}
	return fmt.Errorf("%w for format %s%s: %w", ErrWrongContent, format, hint, cause)
}

// looksHTML reports whether body starts, after a byte-order mark and white space, with
// markup.
func looksHTML(body []byte) bool {
	body = bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\ufeff")), " \t\r\n")
	return len(body) > 0 && body[0] == '<'
}

func abbreviate(ss []string, n int) string {
	if len(ss) <= n {
		return strings.Join(ss, ", ")
	}
	return strings.Join(ss[:n], ", ") + fmt.Sprintf(", … %d more", len(ss)-n)
}
