package parquetout

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

func TestWriteIsDeterministicAndRoundTrips(t *testing.T) {
	eif := civil.Date(1999, 3, 1)
	kind := "ratification"
	rows := []rawtable.Participation{
		{StateID: "AND", InstrumentID: "APMBC", Spell: 1, ConsentKind: &kind, EntryIntoForceDate: &eif, SourceURL: "u", Confidence: "source"},
		{StateID: "AFG", InstrumentID: "APMBC", Spell: 1, SourceURL: "u", Confidence: "source"},
	}
	var a, b bytes.Buffer
	if err := Write(&a, rows); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same rows differ")
	}
	got, err := Read[rawtable.Participation](bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Write[rawtable.Reject](&buf, nil); err != nil {
		t.Fatal(err)
	}
	got, err := Read[rawtable.Reject](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(got) != 0 {
		t.Fatalf("empty file read back %d rows, err %v", len(got), err)
	}
}
