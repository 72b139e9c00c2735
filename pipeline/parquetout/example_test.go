package parquetout_test

import (
	"bytes"
	"fmt"

	"synergy/pipeline/civil"
	"synergy/pipeline/parquetout"
	"synergy/pipeline/rawtable"
)

// A round trip in memory: Day fields come back as the same calendar dates.
func ExampleWrite() {
	start := civil.Date(2010, 11, 29)
	city := "Geneva"
	rows := []rawtable.Meeting{{
		MeetingID: "APMBC_10MSP", InstrumentID: "APMBC", Body: "MSP", Code: "10MSP",
		StartDate: &start, StartPrecision: "day", EndPrecision: "missing", City: &city, Status: "held",
	}}
	var buf bytes.Buffer
	if err := parquetout.Write(&buf, rows); err != nil {
		fmt.Println(err)
		return
	}
	got, err := parquetout.Read[rawtable.Meeting](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got[0].MeetingID, *got[0].City, got[0].StartDate, got[0].EndDate == nil)
	// Output: APMBC_10MSP Geneva 2010-11-29 true
}
