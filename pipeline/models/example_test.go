package models_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"testing/fstest"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

func ExampleRun() {
	ctx := context.Background()
	db, err := warehouse.Open(ctx, warehouse.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	dir, err := os.MkdirTemp("", "models-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A raw table with a typo in one status.
	raw := models.RawTables{"meetings": filepath.Join(dir, "meetings.parquet")}
	if err := db.CopyToParquet(ctx, `select * from (values ('10MSP', 'held'), ('11MSP', 'planed'))
		as t(meeting_id, status)`, raw["meetings"]); err != nil {
		log.Fatal(err)
	}
	project, err := models.Load(fstest.MapFS{"staging/stg_demo__meetings.sql": {Data: []byte(
		`-- grain: one row per meeting
-- description: Meetings, typed.
-- check: unique(meeting_id)
-- check: accepted_values(status, 'held', 'planned')
select meeting_id, status from raw_meetings
`)}})
	if err != nil {
		log.Fatal(err)
	}

	results, err := models.Run(ctx, db, project, raw, nil)
	for _, r := range results {
		fmt.Println(r.Name, r.Passed(), r.FailingRows)
	}
	fmt.Println(err)
	// Output:
	// unique(meeting_id) true 0
	// accepted_values(status, 'held', 'planned') false 1
	// 1 of 2 checks failed:
	// model stg_demo__meetings: check accepted_values(status, 'held', 'planned'): 1 failing rows, e.g. {meeting_id=11MSP, status=planed}
}
