package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// TestLogDefaultsToJSON: off a terminal the default log is JSON lines, durations in
// seconds; --log-format text still gives text.
func TestLogDefaultsToJSON(t *testing.T) {
	var b bytes.Buffer
	log, err := newLogger(&b, "", false)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("plan backtest", "duration", 1500*time.Millisecond, "years", 3)
	var line map[string]any
	if err := json.Unmarshal(b.Bytes(), &line); err != nil {
		t.Fatalf("default log off a terminal is not JSON: %v\n%s", err, b.String())
	}
	if line["duration"] != 1.5 || line["years"] != 3.0 || line["msg"] != "plan backtest" {
		t.Errorf("got %v; want duration 1.5 (seconds), years 3", line)
	}

	b.Reset()
	if log, err = newLogger(&b, "text", false); err != nil {
		t.Fatal(err)
	}
	log.Info("x", "duration", 1500*time.Millisecond)
	if got := b.String(); !strings.Contains(got, "msg=x duration=1.5s") {
		t.Errorf("text log: %q", got)
	}
	if _, err := newLogger(&b, "yaml", false); err == nil {
		t.Error("--log-format yaml accepted")
	}
}

// TestLogToFileIsJSON: the default log is JSON lines when
// stderr is a file, not a terminal.
func TestLogToFileIsJSON(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log, err := newLogger(f, "", false)
	if err != nil {
		t.Fatal(err)
	}
	log.Warn("w")
	b, _ := os.ReadFile(f.Name())
	if !json.Valid(bytes.TrimSpace(b)) {
		t.Errorf("log to a file is not JSON: %q", b)
	}
}
