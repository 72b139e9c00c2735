package snapshot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ViewsSQL is the text of views.sql for tables: one `create or replace view` per
// table over read_parquet. With base "" the paths stay relative to the snapshot
// folder (the published file, so a copied or moved snapshot still works); with a
// folder they are joined onto it, for a client started anywhere.
func ViewsSQL(tables []Table, base string) string {
	var b strings.Builder
	b.WriteString("-- synergy snapshot views: run `.read views.sql` from this folder.\n")
	for _, t := range tables {
		path := t.Path
		if base != "" {
			path = filepath.Join(base, filepath.FromSlash(t.Path))
		}
		fmt.Fprintf(&b, "create or replace view %s as select * from read_parquet('%s');\n",
			t.Name, strings.ReplaceAll(path, "'", "''"))
	}
	return b.String()
}

// WriteViews writes dir/views.sql for tables, with paths relative to dir.
func WriteViews(dir string, tables []Table) error {
	return os.WriteFile(filepath.Join(dir, ViewsFile), []byte(ViewsSQL(tables, "")), 0o644)
}
