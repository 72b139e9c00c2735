package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"synergy/pipeline/agenda"
	"synergy/pipeline/civil"
	"synergy/pipeline/csvsrc"
	"synergy/pipeline/ics"
	"synergy/pipeline/record"
	"synergy/pipeline/sources"
	"synergy/pipeline/states"
	"synergy/pipeline/treaty"
	"synergy/pipeline/untc"
	"time"
)

// checkCmd reads files with the reader their format calls for and prints, as JSON
// lines, every record it would ingest ({"record": …}) and every reject
// ({"reject": …}). It publishes nothing.
func checkCmd(e env, args []string) int {
	fs := newFlags(e, "check", "FILE...", "Reads each FILE with the reader its format calls for (by extension, or --format) and prints\nwhat it would ingest as JSON lines, {\"record\": …} or {\"reject\": …}. Publishes nothing.\nState names are resolved with the state tables in --datasets.")
	format := fs.String("format", "", "reader: csv (meetings or membership, from the header), "+strings.Join(sources.Formats, ", ")+" (default: from the file name)")
	datasets := fs.String("datasets", "datasets", "folder holding states.csv and state_names.csv")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	enc := json.NewEncoder(e.stdout)
	var resolver *states.Resolver
	failed, rejected := false, 0
	for _, path := range fs.Args() {
		f := *format
		if f == "csv" {
			f = csvKind(path)
		}
		if f == "" {
			var ok bool
			if f, ok = sources.FormatOf(path); !ok {
				fmt.Fprintf(e.stderr, "synergy check: %s: cannot tell the format from the name; use --format\n", path)
				return ExitUsage
			}
		}
		if (f == "membership" || f == "meetings" || f == "obligations") && resolver == nil {
			r, err := loadResolver(*datasets)
			if err != nil {
				fmt.Fprintln(e.stderr, "synergy check:", err)
				return ExitFailure
			}
			resolver = r
		}
		recs, rejects, err := readOne(path, f, resolver)
		if err != nil {
			fmt.Fprintf(e.stderr, "synergy check: %v\n", err)
			failed = true
			continue
		}
		for _, r := range recs {
			enc.Encode(map[string]any{"record": r})
		}
		for _, r := range rejects {
			enc.Encode(map[string]any{"reject": r})
		}
		rejected += len(rejects)
		fmt.Fprintf(e.stderr, "%s (%s): %d records, %d rejects\n", path, f, len(recs), len(rejects))
	}
	if failed {
		return ExitFailure
	}
	return ExitOK
}

// csvKind picks the canonical CSV reader from a file's header line: meeting lists
// have meeting_code, membership lists consent_date; "" when neither.
func csvKind(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return ""
	}
	for _, h := range header {
		switch strings.TrimPrefix(strings.TrimSpace(h), "\ufeff") {
		case "meeting_code":
			return "meetings"
		case "consent_date":
			return "membership"
		}
	}
	return ""
}

func loadResolver(dir string) (*states.Resolver, error) {
	a, err := os.Open(filepath.Join(dir, "states.csv"))
	if err != nil {
		return nil, fmt.Errorf("state tables: %w (set --datasets)", err)
	}
	defer a.Close()
	b, err := os.Open(filepath.Join(dir, "state_names.csv"))
	if err != nil {
		return nil, fmt.Errorf("state tables: %w (set --datasets)", err)
	}
	defer b.Close()
	return states.Load(a, b)
}

// readOne decodes one file into records (any JSON-encodable rows) and rejects.
func readOne(path, format string, resolver *states.Resolver) ([]any, []record.Reject, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var r io.Reader = f
	name := filepath.Base(path)
	switch format {
	case "membership":
		rows, rej, err := csvsrc.ReadParticipation(r, path, resolver)
		return anySlice(rows), rej, err
	case "meetings":
		rows, updates, rej, err := csvsrc.ReadMeetings(r, path, resolver)
		out := anySlice(rows)
		for _, u := range updates {
			out = append(out, map[string]any{"update": u.What, "meeting": u.Meeting})
		}
		return out, rej, err
	case "obligations":
		rows, rej, err := csvsrc.ReadObligations(r, path, resolver)
		return anySlice(rows), rej, err
	case "agenda":
		a, err := agenda.Decode(r, name)
		if err != nil {
			return nil, nil, err
		}
		return anySlice(a.Records()), a.RejectRecords(), nil
	case "ics":
		dec := ics.NewDecoder(r, path)
		events, err := dec.Decode()
		if err != nil {
			return nil, nil, err
		}
		rej := record.RejectsOf(dec.Rejects())
		rows, more := ics.Meetings(events, path, civil.DayOf(time.Now().UTC()))
		return anySlice(rows), append(rej, more...), nil
	case "untc":
		page, err := untc.Decode(r, path)
		if err != nil {
			return nil, nil, err
		}
		rej := record.RejectsOf(page.Rejects)
		out := anySlice(page.Participants)
		for _, w := range page.Withdrawals() {
			out = append(out, map[string]any{"withdrawal": w})
		}
		return out, rej, nil
	case "instruments":
		rows, err := treaty.ReadInstruments(r, path)
		return anySlice(rows), nil, err
	case "instrument_articles":
		rows, err := treaty.ReadArticles(r, path)
		return anySlice(rows), nil, err
	case "standing_agendas":
		rows, err := treaty.ReadStandingAgendas(r, path)
		return anySlice(rows), nil, err
	case "states", "state_names":
		return nil, nil, fmt.Errorf("%s: check the state tables with 'synergy check --datasets DIR' on a membership file", path)
	}
	return nil, nil, fmt.Errorf("%s: unknown format %q", path, format)
}

func anySlice[T any](rows []T) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	return out
}
