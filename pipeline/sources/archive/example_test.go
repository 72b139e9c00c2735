package archive_test

import (
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"synergy/pipeline/civil"
	"synergy/pipeline/sources/archive"
)

// A source fetched on three nights: a run replayed "as of" the 4th reads the bytes
// seen on the 4th, those stored on the 3rd.
func ExampleStore_AsOf() {
	root, err := os.MkdirTemp("", "archive-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	store, err := archive.Open(root)
	if err != nil {
		log.Fatal(err)
	}
	nights := []struct{ at, body string }{
		{"2026-02-03T02:00:00Z", "Parties : 111"},
		{"2026-02-04T02:00:00Z", "Parties : 111"},
		{"2026-02-05T02:00:00Z", "Parties : 112"},
	}
	for _, n := range nights {
		at, _ := time.Parse(time.RFC3339, n.at)
		v, isNew, err := store.Put("ccm", "https://treaties.un.org/ccm", "html", strings.NewReader(n.body), archive.Meta{}, at)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(v.SeenAt.Format(time.DateOnly), v.Status, isNew)
	}
	v, err := store.AsOf("ccm", civil.Date(2026, 2, 4))
	if err != nil {
		log.Fatal(err)
	}
	body, err := os.ReadFile(store.Path(v))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("as of 2026-02-04: %s\n", body)
	// Output:
	// 2026-02-03 new true
	// 2026-02-04 unchanged false
	// 2026-02-05 new true
	// as of 2026-02-04: Parties : 111
}
