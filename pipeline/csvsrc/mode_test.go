package csvsrc

import (
	"strings"
	"testing"

	"synergy/pipeline/rawtable"
)

func TestReadMeetingsMode(t *testing.T) {
	const header = "instrument,body,meeting_code,title,start_date,end_date,city,country,venue,president," +
		"agenda_clearance,agenda_victim_assistance,agenda_stockpile,agenda_cooperation,agenda_transparency,source_url,confidence,mode\n"
	tests := []struct {
		name, row        string
		mode, title      string
		stated, rejected bool
		err              error
	}{
		{"nothing stated", "APMBC,MSP,1MSP,First Meeting,1999-05-03,1999-05-07,Maputo,,,,,,,,,u,high,",
			rawtable.ModeInPerson, "First Meeting", false, false, nil},
		{"title note", "APMBC,Intersessional,IM-2020,Intersessional Meetings 2020 (video conference),2020-06-30,2020-07-02,Geneva,,,,,,,,,u,high,",
			rawtable.ModeOnline, "Intersessional Meetings 2020", true, false, nil},
		{"city note", "ATT,CSP,CSP6,Sixth Conference (by written procedure),2020-08-17,2020-08-21,Geneva (written procedure),,,,,,,,,u,high,",
			rawtable.ModeWrittenProcedure, "Sixth Conference", true, false, nil},
		{"venue only a mode", "ATT,CSP,CSP7,Seventh Conference (hybrid),2021-08-30,2021-09-03,Geneva,,hybrid format,,,,,,,u,high,",
			rawtable.ModeHybrid, "Seventh Conference", true, false, nil},
		{"mode column", "APMBC,MSP,19MSP,Nineteenth Meeting,2021-11-15,2021-11-19,The Hague,,,,,,,,,u,high,online",
			rawtable.ModeOnline, "Nineteenth Meeting", true, false, nil},
		{"conflict", "APMBC,MSP,18MSP,Eighteenth Meeting (virtual),2020-11-16,2020-11-20,Geneva (hybrid),,,,,,,,,u,high,",
			"", "", false, true, ErrModeConflict},
		{"column against note", "APMBC,MSP,18MSP,Eighteenth Meeting (hybrid),2020-11-16,2020-11-20,Geneva,,,,,,,,,u,high,online",
			"", "", false, true, ErrModeConflict},
		{"bad mode", "APMBC,MSP,18MSP,Eighteenth Meeting,2020-11-16,2020-11-20,Geneva,,,,,,,,,u,high,remote",
			"", "", false, true, ErrBadMode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms, _, rejects, err := ReadMeetings(strings.NewReader(header+tc.row+"\n"), "m.csv", mapResolver{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.rejected {
				if len(rejects) != 1 || !strings.Contains(rejects[0].Reason, tc.err.Error()) {
					t.Fatalf("rejects %+v, want one for %v", rejects, tc.err)
				}
				return
			}
			if len(ms) != 1 {
				t.Fatalf("meetings %d, rejects %+v", len(ms), rejects)
			}
			m := ms[0]
			if m.Mode != tc.mode || m.ModeStated != tc.stated || m.Title != tc.title || m.Virtual != (tc.mode == rawtable.ModeOnline) {
				t.Errorf("mode %s stated %v title %q virtual %v; want %s %v %q", m.Mode, m.ModeStated, m.Title, m.Virtual, tc.mode, tc.stated, tc.title)
			}
		})
	}
}
