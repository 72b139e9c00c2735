package models_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/models"
)

func TestNamePattern(t *testing.T) {
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"staging/stg_synergy__meetings.sql", true},
		{"staging/stg_synergy__instrument_articles.sql", true},
		{"staging/stg_untc2__status.sql", true},
		{"intermediate/int_participation_spells.sql", true},
		{"intermediate/int_count_dates_listed.sql", true},
		{"marts/party_counts.sql", true},
		{"marts/meetings.sql", true},
		{"macros/working_days.sql", true},
		{"staging/stg_synergy_meetings.sql", false},       // one underscore
		{"staging/stg_syn_ergy__meetings.sql", false},     // source of two words
		{"staging/stg_synergy__meetings__x.sql", false},   // double underscore in entity
		{"staging/synergy__meetings.sql", false},          // no prefix
		{"staging/stg_synergy__Meetings.sql", false},      // upper case
		{"intermediate/int_spells.sql", false},            // no verb
		{"intermediate/stg_synergy__meetings.sql", false}, // wrong layer prefix
		{"marts/party-counts.sql", false},
		{"marts/party_counts.SQL", false},
		{"marts/party_counts.yml", false},
		{"marts/_party_counts.sql", false},
		{"marts/party__counts.sql", false},
		{"marts/sub/party_counts.sql", false},
		{"seeds/x.sql", false},
		{"party_counts.sql", false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			if got := models.NamePattern.MatchString(tc.path); got != tc.ok {
				t.Errorf("NamePattern.MatchString(%q) = %v, want %v", tc.path, got, tc.ok)
			}
		})
	}
}

const goodHeader = "-- grain: one row per thing\n-- description: things\n"

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoadHeader(t *testing.T) {
	fsys := fstest.MapFS{
		"embed.go":  file("package sqlmodels"), // root files are ignored
		".sqlfluff": file("[sqlfluff]"),
		"staging/stg_src__things.sql": file(`-- grain: one row per
--   thing × day
-- description: Things, typed.
--   Second line of the description.
-- check: unique(thing_id, day)
-- Check: not_null(thing_id)
-- check: accepted_values(kind, 'a', 'it''s, ok', 3)
-- check: relationship(parent_id -> stg_src__things.thing_id)
-- check: expression(amount >= 0
--   and amount < 10)
--
-- A free note, not part of the description.
--   still a note
select * from raw_things;
`),
	}
	p, err := models.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m := p.Model("stg_src__things")
	if m == nil {
		t.Fatal("model not loaded")
	}
	var checks []string
	for _, c := range m.Checks {
		checks = append(checks, c.Name())
	}
	got := map[string]any{
		"grain": m.Grain, "description": m.Description, "checks": checks,
		"layer": m.Layer.String(), "sql_tail": m.SQL[strings.LastIndex(m.SQL, "\n")+1:],
		"grain_columns": m.GrainColumns(),
	}
	want := map[string]any{
		"grain":       "one row per thing × day",
		"description": "Things, typed. Second line of the description.",
		"checks": []string{
			"unique(thing_id, day)",
			"not_null(thing_id)",
			"accepted_values(kind, 'a', 'it''s, ok', 3)",
			"relationship(parent_id -> stg_src__things.thing_id)",
			"expression(amount >= 0 and amount < 10)",
		},
		"layer":         "staging",
		"sql_tail":      "select * from raw_things", // final semicolon dropped
		"grain_columns": []string{"thing_id", "day"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("loaded model (-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  error
		msg   string
	}{
		{"bad name", map[string]string{"staging/stg_meetings.sql": goodHeader + "select 1"}, models.ErrName, "stg_meetings.sql"},
		{"stray file", map[string]string{"marts/notes.md": "x"}, models.ErrName, "notes.md"},
		{"unknown folder", map[string]string{"seeds/x.sql": "select 1"}, models.ErrName, "unexpected folder"},
		{"subfolder", map[string]string{"marts/sub/x.sql": goodHeader + "select 1"}, models.ErrName, "unexpected folder"},
		{"duplicate name", map[string]string{
			"intermediate/int_a_b.sql": goodHeader + "select 1",
			"marts/int_a_b.sql":        goodHeader + "select 1",
		}, models.ErrName, "already defined"},
		{"missing grain", map[string]string{"marts/m.sql": "-- description: d\nselect 1"}, models.ErrHeader, "grain"},
		{"missing description", map[string]string{"marts/m.sql": "-- grain: g\nselect 1"}, models.ErrHeader, "description"},
		{"unknown check", map[string]string{"marts/m.sql": goodHeader + "-- check: positive(x)\nselect 1"}, models.ErrHeader, "m.sql:3"},
		{"bad column", map[string]string{"marts/m.sql": goodHeader + "-- check: unique(A)\nselect 1"}, models.ErrHeader, "lower-case"},
		{"bad literal", map[string]string{"marts/m.sql": goodHeader + "-- check: accepted_values(x, a)\nselect 1"}, models.ErrHeader, "literal"},
		{"bad relationship", map[string]string{"marts/m.sql": goodHeader + "-- check: relationship(x -> y)\nselect 1"}, models.ErrHeader, "model.column"},
		{"relationship to unknown model", map[string]string{"marts/m.sql": goodHeader + "-- check: relationship(x -> nope.x)\nselect 1"}, models.ErrHeader, "no model nope"},
		{"unknown partition kind", map[string]string{"marts/m.sql": goodHeader + "-- partition: state = state_id\nselect 1"}, models.ErrHeader, "m.sql:3"},
		{"partition without key", map[string]string{"marts/m.sql": goodHeader + "-- partition: year\nselect 1"}, models.ErrHeader, "year = <expression>"},
		{"second partition", map[string]string{"marts/m.sql": goodHeader + "-- partition: none\n-- partition: none\nselect 1"}, models.ErrHeader, "second partition"},
		{"partition in a macro file", map[string]string{"macros/x.sql": "-- partition: none\nselect 1"}, models.ErrHeader, "no grain, checks or partition"},
		{"two statements", map[string]string{"marts/m.sql": goodHeader + "select 1; select 2"}, models.ErrSQL, "more than one statement"},
		{"no statement", map[string]string{"marts/m.sql": goodHeader}, models.ErrSQL, "no SQL"},
		{"unterminated string", map[string]string{"marts/m.sql": goodHeader + "select 'x"}, models.ErrSQL, "unterminated"},
		{"staging reads a model", map[string]string{
			"staging/stg_s__a.sql": goodHeader + "select * from raw_a",
			"staging/stg_s__b.sql": goodHeader + "select * from stg_s__a",
		}, models.ErrDependency, "raw_* tables only"},
		{"intermediate reads a mart", map[string]string{
			"intermediate/int_a_b.sql": goodHeader + "select * from m",
			"marts/m.sql":              goodHeader + "select 1 as x",
		}, models.ErrDependency, "intermediate model references marts model m"},
		{"cycle", map[string]string{
			"intermediate/int_a_x.sql": goodHeader + "select * from int_c_x",
			"intermediate/int_b_x.sql": goodHeader + "select * from int_a_x",
			"intermediate/int_c_x.sql": goodHeader + "select * from int_b_x",
			"intermediate/int_d_x.sql": goodHeader + "select 1",
		}, models.ErrDependency, "cycle: int_a_x -> int_c_x -> int_b_x -> int_a_x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tc.files {
				fsys[k] = file(v)
			}
			_, err := models.Load(fsys)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Load = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Load error %q does not mention %q", err, tc.msg)
			}
			var fe *models.FileError
			if !errors.As(err, &fe) || fe.Path == "" {
				t.Errorf("error is not a *FileError with a path: %v", err)
			}
		})
	}
}

func TestLoadOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"macros/b_macros.sql":          file("create or replace macro two() as 2;"),
		"macros/a_macros.sql":          file("create or replace macro one() as 1;"),
		"marts/zeta.sql":               file(goodHeader + "select * from int_b_built"),
		"marts/alpha.sql":              file(goodHeader + "select * from zeta -- needs zeta\n"),
		"intermediate/int_b_built.sql": file(goodHeader + "select * from int_a_built join stg_s__y using (id)"),
		"intermediate/int_a_built.sql": file(goodHeader + "select * from \"INT_C_BUILT\""),
		"intermediate/int_c_built.sql": file(goodHeader + "select 'int_b_built' as s /* int_b_built */ from stg_s__x"),
		"staging/stg_s__y.sql":         file(goodHeader + "select * from raw_y"),
		"staging/stg_s__x.sql":         file(goodHeader + "select * from raw_x -- stg_s__y in a comment\n"),
	}
	p, err := models.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range p.Macros {
		got = append(got, m.Name)
	}
	for _, m := range p.Models {
		got = append(got, m.Name)
	}
	want := []string{"a_macros", "b_macros", "stg_s__x", "stg_s__y", "int_c_built", "int_a_built", "int_b_built", "zeta", "alpha"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("build order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"int_a_built", "stg_s__y"}, p.Model("int_b_built").Refs); diff != "" {
		t.Errorf("refs of int_b_built (-want +got):\n%s", diff)
	}
	if refs := p.Model("int_c_built").Refs; len(refs) != 1 || refs[0] != "stg_s__x" {
		t.Errorf("refs of int_c_built = %v: names in strings and comments must not count", refs)
	}
}

// The embedded sql/ folder and the folder on disk load the same, and every model
// declares its grain and checks.
func TestRealProjectLoads(t *testing.T) {
	p := loadProject(t)
	disk, err := models.Load(os.DirFS("../../sql"))
	if err != nil {
		t.Fatalf("Load(os.DirFS): %v", err)
	}
	var names, diskNames []string
	for _, m := range p.Models {
		names = append(names, m.Layer.String()+"/"+m.Name)
	}
	for _, m := range disk.Models {
		diskNames = append(diskNames, m.Layer.String()+"/"+m.Name)
	}
	if diff := cmp.Diff(names, diskNames); diff != "" {
		t.Errorf("embedded vs disk (-embed +disk):\n%s", diff)
	}
	want := []string{
		"staging/stg_synergy__agenda_item_themes",
		"staging/stg_synergy__agenda_items",
		"staging/stg_synergy__instrument_articles",
		"staging/stg_synergy__instruments",
		"staging/stg_synergy__meetings",
		"staging/stg_synergy__obligations",
		"staging/stg_synergy__participation",
		"staging/stg_synergy__rejects",
		"staging/stg_synergy__standing_agendas",
		"staging/stg_synergy__state_names",
		"staging/stg_synergy__states",
		"staging/stg_synergy__themes",
		"intermediate/int_meeting_themes_combined",
		"intermediate/int_meeting_vectors_listed",
		"intermediate/int_meetings_dated",
		"intermediate/int_agenda_profiles_summed",
		"intermediate/int_meeting_scopes_listed",
		"intermediate/int_participation_spells",
		"intermediate/int_count_dates_listed",
		"intermediate/int_instrument_pairs_listed",
		"intermediate/int_instrument_pair_agendas_compared",
		"intermediate/int_instrument_year_parties_listed",
		"intermediate/int_instrument_pair_parties_shared",
		"intermediate/int_meeting_parties_listed",
		"intermediate/int_attendance_profiles",
		"intermediate/int_meeting_party_sets_encoded",
		"intermediate/int_obligations_held",
		"intermediate/int_instrument_pair_obligations_shared",
		"intermediate/int_profile_meetings_clustered",
		"intermediate/int_profile_trips_counted",
		"marts/instrument_pair_synergy",
		"marts/meeting_pair_spans",
		"marts/meeting_pairs",
		"marts/meeting_theme_vectors",
		"marts/meetings_unpaired",
		"marts/party_counts",
		"marts/meetings_enriched",
		"marts/plan_backtest",
		"marts/state_year_burden",
		"marts/year_coherence",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("models in build order (-want +got):\n%s", diff)
	}
	var macros []string
	for _, m := range p.Macros {
		macros = append(macros, m.Name)
	}
	if diff := cmp.Diff([]string{"coherence_index", "pair_horizon", "proximity", "remote_mode", "set_overlap", "working_days"}, macros); diff != "" {
		t.Errorf("macros (-want +got):\n%s", diff)
	}
	for _, m := range p.Models {
		if len(m.Checks) == 0 {
			t.Errorf("%s declares no checks", m.Name)
		}
		if m.Layer == models.LayerMarts && m.GrainColumns() == nil {
			t.Errorf("mart %s has no unique check", m.Name)
		}
		if !strings.HasPrefix(m.Grain, "one row per") {
			t.Errorf("%s grain %q should start with 'one row per'", m.Name, m.Grain)
		}
	}
}

func TestPartitionHeader(t *testing.T) {
	for _, tc := range []struct {
		line string
		want models.Partition
	}{
		{"none", models.Partition{}},
		{"year = year(start_a)", models.Partition{Kind: models.PartitionYear, Key: "year(start_a)"}},
		{"meeting=meeting_id", models.Partition{Kind: models.PartitionMeeting, Key: "meeting_id"}},
	} {
		fsys := fstest.MapFS{"marts/m.sql": file(goodHeader + "-- partition: " + tc.line + "\n-- check: unique(x)\nselect 1 as x")}
		p, err := models.Load(fsys)
		if err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		if got := p.Model("m").Partition; got != tc.want {
			t.Errorf("%q: partition %+v, want %+v", tc.line, got, tc.want)
		}
		if got := p.Model("m").Checks; len(got) != 1 {
			t.Errorf("%q: the check after the partition line was lost: %v", tc.line, got)
		}
	}
}

// TestEveryMartDeclaresAPartition: a mart without one turns every incremental
// run into a full build (package job).
func TestEveryMartDeclaresAPartition(t *testing.T) {
	for _, m := range loadProject(t).Layer(models.LayerMarts) {
		if m.Partition.Kind == models.PartitionNone {
			t.Errorf("mart %s declares no partition", m.Name)
		}
	}
}
