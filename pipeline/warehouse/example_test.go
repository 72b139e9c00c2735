package warehouse_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"synergy/pipeline/warehouse"
)

func ExampleOpen() {
	ctx := context.Background()
	db, err := warehouse.Open(ctx, warehouse.Options{}) // in-memory, 2 threads, 4GB
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	if err := db.Exec(ctx, `create temp table meetings as
		select * from (values ('10MSP', date '2010-11-29'), ('CCM-1MSP', date '2010-11-09'))
		as t(meeting_id, start_date)`); err != nil {
		log.Fatal(err)
	}
	res, err := db.Query(ctx, "select meeting_id, start_date from meetings where start_date >= $1 order by start_date", "2010-01-01")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Columns, res.Types)
	for _, row := range res.Rows {
		fmt.Println(row...)
	}

	_, err = db.Query(ctx, "select * from no_such_table")
	fmt.Println(errors.Is(err, warehouse.ErrCatalog))
	// Output:
	// [meeting_id start_date] [VARCHAR DATE]
	// CCM-1MSP 2010-11-09
	// 10MSP 2010-11-29
	// true
}
