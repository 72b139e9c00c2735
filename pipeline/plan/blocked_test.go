package plan

import (
	"errors"
	"strings"
	"testing"

	"synergy/pipeline/civil"
)

func TestReadBlocked(t *testing.T) {
	got, err := ReadBlocked(strings.NewReader("date,name,source_url\n2027-01-01,New Year's Day,https://example.org/ic\n2027-04-02,Good Friday,x\n2027-01-01,again,y\n"), "holidays.csv")
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := civil.ParseDay("2027-01-01")
	d2, _ := civil.ParseDay("2027-04-02")
	if len(got) != 2 || !got[d1] || !got[d2] {
		t.Fatalf("ReadBlocked = %v, want 2027-01-01 and 2027-04-02", got)
	}
	for _, tc := range []struct {
		name, in, want string
		err            error
	}{
		{"empty", "", "holidays.csv:1: date", ErrEmpty},
		{"no date column", "day,name\n2027-01-01,x\n", "holidays.csv:1: date", ErrMissing},
		{"bad date", "date\n2027-01-01\n1 May 2027\n", "holidays.csv:3: date", ErrDate},
		{"empty date", "name,date\nx,\n", "holidays.csv:2: date", ErrMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBlocked(strings.NewReader(tc.in), "holidays.csv")
			var de *DraftError
			if !errors.As(err, &de) || !errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q wrapping %v", err, tc.want, tc.err)
			}
		})
	}
}
