package plan

import (
	"maps"
	"testing"

	"synergy/pipeline/civil"
)

func day(t testing.TB, s string) civil.Day {
	t.Helper()
	d, err := civil.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWorkingDaysMatchesCounting(t *testing.T) {
	from := civil.Date(1969, 12, 1)
	for a := from; a < from+60; a++ {
		for b := a - 2; b < a+40; b++ {
			want := 0
			for d := a; d <= b; d++ {
				if isWorkingDay(d) {
					want++
				}
			}
			if got := workingDays(a, b); got != want {
				t.Fatalf("workingDays(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestEndFor(t *testing.T) {
	m := Meeting{Length: 3, DraftStart: day(t, "2019-03-04"), DraftEnd: day(t, "2019-03-09")}
	for _, tc := range []struct{ start, want string }{
		{"2019-03-04", "2019-03-09"}, // the draft keeps its own end
		{"2019-03-07", "2019-03-11"}, // Thu, Fri, Mon
		{"2019-03-11", "2019-03-13"},
		{"2019-03-09", "2019-03-13"}, // a Saturday start: Mon, Tue, Wed
	} {
		if got := m.EndFor(day(t, tc.start)); got.String() != tc.want {
			t.Errorf("EndFor(%s) = %s, want %s", tc.start, got, tc.want)
		}
	}
}

// mt is a Rec 8 meeting in one city, of the working days from start through end.
func mt(t testing.TB, id, city, start, end string, parties ...string) Meeting {
	s, e := day(t, start), day(t, end)
	return Meeting{ID: id, Cities: []string{city}, Length: workingDays(s, e), DraftStart: s, DraftEnd: e,
		Earliest: s, Latest: s, Mode: "in_person", Parties: parties, Rec8: true}
}

func TestCountTrips(t *testing.T) {
	remote := mt(t, "R", "Geneva", "2019-03-11", "2019-03-11", "S1")
	remote.Mode = "online"
	notRec8 := mt(t, "N", "Oslo", "2019-05-06", "2019-05-06", "S1")
	notRec8.Rec8 = false
	hybrid := mt(t, "H", "Oslo", "2019-05-06", "2019-05-06", "S1")
	hybrid.Mode = "hybrid"
	tests := []struct {
		name     string
		maxGap   int
		meetings []Meeting
		want     map[string]int
		lower    map[string]int
	}{
		{"two working days between: one trip", 2, []Meeting{
			mt(t, "A", "Geneva", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "B", "Geneva", "2019-03-13", "2019-03-14", "S1"), // Mon 11 and Tue 12 between
		}, map[string]int{"S1": 1}, map[string]int{"S1": 1}},
		{"three working days between: two trips", 2, []Meeting{
			mt(t, "A", "Geneva", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "B", "Geneva", "2019-03-14", "2019-03-14", "S1"),
		}, map[string]int{"S1": 2}, map[string]int{"S1": 1}},
		{"a weekend is no gap even with MaxGap 0", 0, []Meeting{
			mt(t, "A", "Geneva", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "B", "Geneva", "2019-03-11", "2019-03-12", "S1"),
			mt(t, "C", "Geneva", "2019-03-14", "2019-03-14", "S1"), // Wed 13 between: a new trip
		}, map[string]int{"S1": 2}, map[string]int{"S1": 1}},
		{"the latest end so far, not the previous meeting's, decides", 2, []Meeting{
			mt(t, "A", "Geneva", "2019-03-04", "2019-03-15", "S1"),
			mt(t, "B", "Geneva", "2019-03-05", "2019-03-06", "S1"),
			mt(t, "C", "Geneva", "2019-03-19", "2019-03-19", "S1"), // Mon 18 after A's end
		}, map[string]int{"S1": 1}, map[string]int{"S1": 1}},
		{"other cities, remote, not Rec 8; hybrid travels", 2, []Meeting{
			mt(t, "A", "Geneva", "2019-03-04", "2019-03-08", "S1", "S2"),
			remote, notRec8, hybrid,
			mt(t, "B", "Oslo", "2019-05-07", "2019-05-07", "S2"), // joins H for S1? no: S1 is not party
			mt(t, "C", "Geneva", "2019-11-04", "2019-11-04", "S2"),
		}, map[string]int{"S1": 2, "S2": 3}, map[string]int{"S1": 2, "S2": 3}},
		{"meetings without a city are trips of their own", 2, []Meeting{
			mt(t, "A", "", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "B", "", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "C", "Geneva", "2019-03-04", "2019-03-08", "S1"),
			mt(t, "D", "Geneva", "2019-04-01", "2019-04-01", "S1"),
		}, map[string]int{"S1": 4}, map[string]int{"S1": 3}},
		{"only remote meetings: no trip", 2, []Meeting{remote},
			map[string]int{"S1": 0}, map[string]int{"S1": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &Problem{Year: 2019, Meetings: tc.meetings, MaxGap: tc.maxGap}
			got, total := CountTrips(p, nil, nil)
			if !maps.Equal(got, tc.want) {
				t.Errorf("CountTrips = %v, want %v", got, tc.want)
			}
			sum := 0
			for _, n := range tc.want {
				sum += n
			}
			if total != sum {
				t.Errorf("total = %d, want %d", total, sum)
			}
			lb, _ := LowerBound(p, nil, nil)
			if !maps.Equal(lb, tc.lower) {
				t.Errorf("LowerBound = %v, want %v", lb, tc.lower)
			}
		})
	}
}

func TestCountTripsUnderAMovedCalendar(t *testing.T) {
	p := &Problem{Year: 2019, MaxGap: 2, Meetings: []Meeting{
		mt(t, "A", "Geneva", "2019-03-04", "2019-03-08", "S1"),
		mt(t, "B", "Geneva", "2019-06-03", "2019-06-05", "S1"),
		{ID: "C", Cities: []string{"Geneva", "Oslo"}, Length: 1, DraftStart: day(t, "2019-09-02"),
			DraftEnd: day(t, "2019-09-02"), Mode: "in_person", Parties: []string{"S1"}, Rec8: true},
	}}
	if _, n := CountTrips(p, nil, nil); n != 3 {
		t.Fatalf("draft: %d trips, want 3", n)
	}
	// B moved to the next Wednesday (3 working days: Wed, Thu, Fri), two working days
	// after A; C moved to the Tuesday after, Monday between; C in Oslo is a trip of its own.
	start := map[string]civil.Day{"B": day(t, "2019-03-13"), "C": day(t, "2019-03-19")}
	if _, n := CountTrips(p, start, nil); n != 1 {
		t.Errorf("moved: %d trips, want 1", n)
	}
	if _, n := CountTrips(p, start, map[string]string{"C": "Oslo"}); n != 2 {
		t.Errorf("moved, C in Oslo: %d trips, want 2", n)
	}
	if lb, _ := LowerBound(p, nil, nil); lb["S1"] != 2 {
		t.Errorf("draft lower bound %d, want 2 (Geneva in each half-year)", lb["S1"])
	}
}
