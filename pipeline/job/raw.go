package job

import (
	"fmt"
	"os"
	"path/filepath"

	"synergy/pipeline/parquetout"
	"synergy/pipeline/snapshot"
)

// writeRaw writes every raw table of raw as dir/raw/<name>.parquet and returns them
// as the manifest lists them.
func writeRaw(dir string, raw *Raw) ([]snapshot.Table, error) {
	if err := os.MkdirAll(filepath.Join(dir, "raw"), 0o755); err != nil {
		return nil, err
	}
	var out []snapshot.Table
	add := func(name string, rows int, write func(f *os.File) error) error {
		rel := "raw/" + name + ".parquet"
		path := filepath.Join(dir, rel)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", rel, err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		sum, err := fileSHA256(path)
		if err != nil {
			return err
		}
		out = append(out, snapshot.Table{Name: name, Layer: snapshot.LayerRaw, Path: rel, Rows: int64(rows), SHA256: sum})
		return nil
	}
	steps := []struct {
		name  string
		rows  int
		write func(f *os.File) error
	}{
		{"instruments", len(raw.Instruments), func(f *os.File) error { return parquetout.Write(f, raw.Instruments) }},
		{"instrument_articles", len(raw.Articles), func(f *os.File) error { return parquetout.Write(f, raw.Articles) }},
		{"standing_agendas", len(raw.StandingAgendas), func(f *os.File) error { return parquetout.Write(f, raw.StandingAgendas) }},
		{"meeting_body_names", len(raw.BodyNames), func(f *os.File) error { return parquetout.Write(f, raw.BodyNames) }},
		{"states", len(raw.States), func(f *os.File) error { return parquetout.Write(f, raw.States) }},
		{"state_names", len(raw.StateNames), func(f *os.File) error { return parquetout.Write(f, raw.StateNames) }},
		{"participation", len(raw.Participation), func(f *os.File) error { return parquetout.Write(f, raw.Participation) }},
		{"meetings", len(raw.Meetings), func(f *os.File) error { return parquetout.Write(f, raw.Meetings) }},
		{"agenda_items", raw.AgendaItems.Len(), func(f *os.File) error { return writeStreamed(f, raw.AgendaItems) }},
		{"themes", len(raw.Themes), func(f *os.File) error { return parquetout.Write(f, raw.Themes) }},
		{"agenda_item_themes", raw.ItemThemes.Len(), func(f *os.File) error { return writeStreamed(f, raw.ItemThemes) }},
		{"obligations", len(raw.Obligations), func(f *os.File) error { return parquetout.Write(f, raw.Obligations) }},
		{"rejects", len(raw.Rejects), func(f *os.File) error { return parquetout.Write(f, raw.Rejects) }},
		{"source_discrepancies", len(raw.Discrepancies), func(f *os.File) error { return parquetout.Write(f, raw.Discrepancies) }},
	}
	for _, s := range steps {
		if err := add(s.name, s.rows, s.write); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writeStreamed writes a table the ingest encoded as it read the rows.
func writeStreamed[T any](f *os.File, t *streamedTable[T]) error {
	_, err := t.WriteTo(f)
	return err
}
