package models_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"synergy/pipeline/models"
)

// TestOverlappingSpellsFailTheBuild: int_meeting_parties_listed counts a state
// once per meeting without a group-by because a state's spells in force for one
// instrument never overlap; a participation table where they do fails the
// build at int_participation_spells' check, naming it, instead of counting a
// party twice.
func TestOverlappingSpellsFailTheBuild(t *testing.T) {
	rows := maps.Clone(fixtureRows)
	rows["participation"] = strings.Replace(rows["participation"],
		"('BBB', 'X', 2, null, '2011-02-01', 'accession', '2011-08-01', null, null, null)",
		"('BBB', 'X', 2, null, '2010-02-01', 'accession', '2010-08-15', null, null, null)", 1)
	if rows["participation"] == fixtureRows["participation"] {
		t.Fatal("the fixture's second spell of BBB changed: update this test")
	}
	db := openTestDB(t)
	raw := writeRaw(t, db, rows)
	_, err := models.Run(t.Context(), db, loadProject(t), raw, nil)
	if !errors.Is(err, models.ErrCheckFailed) || !strings.Contains(err.Error(), "int_participation_spells") {
		t.Fatalf("Run = %v, want the no-overlap check of int_participation_spells to fail", err)
	}

	// The fixture as it is (BBB's second spell starts after its withdrawal) passes.
	db = openTestDB(t)
	if _, err := models.Run(t.Context(), db, loadProject(t), writeRaw(t, db, fixtureRows), nil); err != nil {
		t.Fatalf("Run on the fixture: %v", err)
	}
}
