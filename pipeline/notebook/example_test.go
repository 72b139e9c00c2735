package notebook_test

import (
	"context"
	"fmt"
	"strings"

	"synergy/pipeline/notebook"
	"synergy/pipeline/tabular"
	"synergy/pipeline/warehouse"
)

// Execute a notebook's %%sql cells on an in-memory DuckDB and print the first
// result as Jupyter shows it.
func ExampleExecute() {
	ctx := context.Background()
	db, err := warehouse.Open(ctx, warehouse.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	nb, err := notebook.Parse(strings.NewReader(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
		{"id": "setup", "cell_type": "code", "source": "%load_ext sql", "metadata": {}, "outputs": [], "execution_count": null},
		{"id": "parties", "cell_type": "code", "source": "%%sql\nselect 'APMBC' as instrument, 165 as parties", "metadata": {}, "outputs": [], "execution_count": null}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	q := notebook.QueryFunc(func(ctx context.Context, sql string) (*tabular.Result, error) { return db.Query(ctx, sql) })
	rep, err := notebook.Execute(ctx, nb, q, notebook.Options{Snapshot: "example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ran %d, skipped %d\n", rep.Executed, len(rep.Skipped))
	fmt.Print(nb.Cells[1].Outputs[0]["data"].(map[string]any)["text/plain"])
	// Output:
	// ran 1, skipped 1
	// +------------+---------+
	// | instrument | parties |
	// +------------+---------+
	// | APMBC      |     165 |
	// +------------+---------+
	// (1 row)
}
