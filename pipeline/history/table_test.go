package history

import (
	"bytes"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
)

func TestTablesRoundTrip(t *testing.T) {
	obs := []Observation{
		{Entity: "meeting", Key: "M1", ContentSHA256: "s", ContentJSON: `{"a":1}`, FirstSeenRun: "r1", FirstSeenAt: day1,
			LastSeenRun: "r2", LastSeenAt: day2, Change: "added"},
		{Entity: "meeting", Key: "M2", ContentSHA256: "t", ContentJSON: `{"a":2}`, FirstSeenRun: "r1", FirstSeenAt: day1,
			LastSeenRun: "r1", LastSeenAt: day1, EndedAt: civil.Ptr(day2), Change: "added"},
	}
	results := AppendResults(nil, []TestResult{{RunID: "r1", SnapshotID: "r1", RunAt: time.Date(2024, 1, 1, 2, 3, 4, 5_000_000, time.UTC),
		Model: "meetings", Check: "unique(meeting_id)", Passed: true}})
	var ob, rb, again bytes.Buffer
	if err := WriteObservations(&ob, obs); err != nil {
		t.Fatal(err)
	}
	if err := WriteObservations(&again, obs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ob.Bytes(), again.Bytes()) {
		t.Error("two writes of the same observations differ")
	}
	if err := WriteResults(&rb, results); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		ObservationsPath: {Data: ob.Bytes()},
		TestHistoryPath:  {Data: rb.Bytes()},
		"history/broken": {Data: []byte("not parquet")},
	}
	gotObs, err := ReadObservations(fsys, ObservationsPath)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(obs, gotObs); diff != "" {
		t.Errorf("observations round trip (-want +got):\n%s", diff)
	}
	gotRes, err := ReadResults(fsys, TestHistoryPath)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(results, gotRes); diff != "" {
		t.Errorf("test history round trip (-want +got):\n%s", diff)
	}
	if rows, err := ReadObservations(fsys, "history/missing.parquet"); err != nil || rows != nil {
		t.Errorf("missing file: %d rows, %v; want none, nil", len(rows), err)
	}
	if _, err := ReadObservations(fsys, "history/broken"); err == nil {
		t.Error("a file that is not Parquet read without error")
	}
}
