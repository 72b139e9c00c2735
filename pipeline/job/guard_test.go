package job

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmptiedMembershipFileIsGuarded: on the real data, a membership file
// emptied to its header while the depositary's page still lists the parties
// kept the instrument's party count (the page fills every row) and once
// published silently; the per-file guard stops it and names the parties the
// page alone now gives.
func TestEmptiedMembershipFileIsGuarded(t *testing.T) {
	cfg := realConfig(t)
	cfg.NoPlanBacktest = true
	cfg.DatasetsDir = t.TempDir()
	if err := os.CopyFS(cfg.DatasetsDir, os.DirFS("../../datasets")); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(cfg.DatasetsDir, "membership", "ccm.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	if err := os.WriteFile(path, append(header, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Run(t.Context(), cfg)
	if !errors.Is(err, ErrShrunk) || !strings.Contains(err.Error(), "file/membership/ccm.csv") ||
		!strings.Contains(err.Error(), "depositary-filled: CCM:") {
		t.Fatalf("run on an emptied membership file: %v", err)
	}
	if strings.Contains(err.Error(), "parties/CCM ") {
		t.Errorf("the party count itself should hold (the page fills it): %v", err)
	}
	cfg.AllowShrink = true
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Errorf("--allow-shrink: %v", err)
	}
}
