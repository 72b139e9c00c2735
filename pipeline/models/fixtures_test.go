package models_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
	sqlmodels "synergy/sql"
)

// rawColumns are the raw tables' columns as the pipeline writes them from the
// structs in pipeline/rawtable (parquet-go: string VARCHAR, int32 INTEGER,
// civil.Day DATE, bool BOOLEAN; pointers nullable). Defaults keep fixture rows
// short.
var rawColumns = map[string]string{
	"instruments": `instrument_id varchar, short_name varchar default 'short',
		full_name varchar default 'full', family varchar default 'family',
		parent_instrument_id varchar, adopted_date date, entry_into_force_date date,
		depositary varchar default 'UNSG', untc_id varchar, eif_rule varchar default '',
		source_url varchar default 'https://example.org', short_name_fr varchar,
		short_name_es varchar, full_name_fr varchar, full_name_es varchar,
		acronym_fr varchar, acronym_es varchar, names_fr_es_source_url varchar`,
	"instrument_articles": `instrument_id varchar, article varchar, theme varchar,
		obligation_kind varchar default 'state_obligation', summary varchar default '',
		source_url varchar default 'https://example.org'`,
	"states": `state_id varchar, name varchar, m49_code varchar, region varchar,
		sub_region varchar, source_url varchar default 'https://example.org',
		name_fr varchar, name_es varchar, name_fr_es_source_url varchar`,
	"state_names": `name varchar, state_id varchar, note varchar default '',
		source_url varchar default 'https://example.org'`,
	"participation": `state_id varchar, instrument_id varchar, spell integer default 1,
		state_name_in_source varchar default '', signature_date date, consent_date date,
		consent_kind varchar, entry_into_force_date date,
		entry_into_force_derived boolean default false, withdrawal_notified_date date,
		withdrawal_effective_date date, withdrawal_status varchar,
		source_url varchar default 'https://example.org', confidence varchar default 'source',
		source_file varchar default 'fixture.csv', source_line integer default 2`,
	"meetings": `meeting_id varchar, instrument_id varchar, body varchar default 'MSP',
		code varchar default '', title varchar default '', start_date date, end_date date,
		start_precision varchar default 'day', end_precision varchar default 'day',
		start_text varchar default '', end_text varchar default '', city varchar,
		country_id varchar, venue varchar, virtual boolean default false,
		mode varchar default 'in_person', mode_stated boolean default false,
		status varchar default 'held', president varchar,
		agenda_clearance boolean,
		agenda_victim_assistance boolean, agenda_stockpile boolean,
		agenda_cooperation boolean, agenda_transparency boolean,
		source_url varchar default 'https://example.org', confidence varchar default 'high',
		source_file varchar default 'meetings.csv', source_line integer default 2`,
	"agenda_items": `meeting_id varchar, item_number varchar, lang varchar default 'en',
		title varchar default 'item', symbol varchar, partial boolean default false,
		source_url varchar default 'https://example.org',
		source_file varchar default 'agenda.txt', source_line integer default 1`,
	"rejects": `source_file varchar, line integer, field varchar, reason varchar,
		raw varchar default ''`,
	// rawtable.Theme, rawtable.AgendaItemTheme, rawtable.Obligation, treaty.StandingItem
	"standing_agendas": `instrument_id varchar, body varchar, theme varchar,
		article varchar, basis varchar default '',
		source_url varchar default 'https://example.org'`,
	"themes": `theme_id varchar, label varchar, description varchar default '',
		source_url varchar default 'https://example.org'`,
	"agenda_item_themes": `meeting_id varchar, item_number varchar,
		lang varchar default 'en', theme_id varchar, term varchar default 'term'`,
	"obligations": `state_id varchar, instrument_id varchar, article varchar,
		theme varchar, start_date date, original_deadline date, deadline date,
		extensions_granted integer, extensions varchar default '',
		status varchar default 'ongoing', status_date date, completed_date date,
		source_url varchar default 'https://example.org',
		confidence varchar default 'high', source_file varchar default 'obligations.csv',
		source_line integer default 2`,
}

// openTestDB opens an in-memory warehouse for one test.
func openTestDB(t *testing.T) *warehouse.DB {
	t.Helper()
	db, err := warehouse.Open(t.Context(), warehouse.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open warehouse: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close warehouse: %v", err)
		}
	})
	return db
}

// writeRaw writes every raw table as Parquet in a temp dir and returns the
// RawTables for Run. rows maps a table to the text after "insert into t", such
// as "(state_id, name) values ('AAA', 'A')"; tables not in rows are empty.
func writeRaw(t *testing.T, db *warehouse.DB, rows map[string]string) models.RawTables {
	t.Helper()
	ctx := t.Context()
	dir := t.TempDir()
	raw := models.RawTables{}
	names := make([]string, 0, len(rawColumns))
	for name := range rawColumns {
		names = append(names, name)
	}
	sort.Strings(names)
	for name := range rows {
		if _, ok := rawColumns[name]; !ok {
			t.Fatalf("writeRaw: unknown raw table %s", name)
		}
	}
	for _, name := range names {
		tbl := "fixture_" + name
		stmt := fmt.Sprintf("create or replace temp table %s (%s)", tbl, rawColumns[name])
		if err := db.Exec(ctx, stmt); err != nil {
			t.Fatalf("writeRaw %s: %v", name, err)
		}
		if r := rows[name]; r != "" {
			if err := db.Exec(ctx, fmt.Sprintf("insert into %s %s", tbl, r)); err != nil {
				t.Fatalf("writeRaw %s: insert: %v", name, err)
			}
		}
		path := filepath.Join(dir, name+".parquet")
		if err := db.CopyToParquet(ctx, "select * from "+tbl, path); err != nil {
			t.Fatalf("writeRaw %s: %v", name, err)
		}
		raw[name] = path
	}
	plannerTables(t, db)
	return raw
}

// plannerTables makes the planner's tables, empty, as the run's plan backtest
// step makes them (package job, between the two builds), so that the whole
// project builds in one Run: state_year_burden's trips_planned is then NULL and
// plan_backtest has no row.
func plannerTables(t *testing.T, db *warehouse.DB) {
	t.Helper()
	for _, stmt := range []string{
		`create or replace table planner_years (year integer, meetings integer, movable integer, trips_actual integer,
			trips_planned integer, trips_lower_bound integer, optimal boolean, gap double, moved_meetings integer,
			max_move_days integer)`,
		`create or replace table planner_state_years (state_id varchar, year integer, trips_actual integer, trips_planned integer)`,
	} {
		if err := db.Exec(t.Context(), stmt); err != nil {
			t.Fatalf("planner tables: %v", err)
		}
	}
}

// loadProject loads the real sql/ folder as embedded.
func loadProject(t *testing.T) *models.Project {
	t.Helper()
	p, err := models.Load(sqlmodels.FS)
	if err != nil {
		t.Fatalf("Load(sqlmodels.FS): %v", err)
	}
	return p
}

// query runs q and returns its rows.
func query(t *testing.T, db *warehouse.DB, q string, args ...any) [][]any {
	t.Helper()
	res, err := db.Query(t.Context(), q, args...)
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	return res.Rows
}

func mustMkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
