package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// martAndRawSums maps each raw and mart table of the current snapshot to its sha256.
func martAndRawSums(t *testing.T, out string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	for _, tb := range readManifest(t, out).Tables {
		if tb.Layer != "history" {
			sums[tb.Name] = tb.SHA256
		}
	}
	return sums
}

// TestReplayReproducesAnEarlierSnapshot: a run on 20 November, then a run on
// 27 November on changed inputs; replaying 20 November from the kept inputs gives
// that day's raw and mart tables byte for byte, without reading --datasets.
func TestReplayReproducesAnEarlierSnapshot(t *testing.T) {
	out := t.TempDir()
	day1 := copyDatasets(t)
	if r := run(t, "", "run", "-q", "--datasets", day1, "--out", out, "--as-of", "2026-11-20"); r.code != ExitOK {
		t.Fatalf("day 1: exit %d: %s", r.code, r.stderr)
	}
	want := martAndRawSums(t, out)

	day2 := copyDatasets(t)
	list := filepath.Join(day2, "meetings", "meetings.csv")
	data := must(os.ReadFile(list))
	// A meeting's venue changes in the list.
	changed := strings.Replace(string(data), ",Polana Hotel (opening plenary),", ",Polana Hotel,", 1)
	if changed == string(data) {
		t.Fatal("test edit found nothing to change")
	}
	os.WriteFile(list, []byte(changed), 0o644)
	if r := run(t, "", "run", "-q", "--datasets", day2, "--out", out, "--as-of", "2026-11-27"); r.code != ExitOK {
		t.Fatalf("day 2: exit %d: %s", r.code, r.stderr)
	}
	if got := martAndRawSums(t, out); got["meetings"] == want["meetings"] {
		t.Fatal("day 2 did not change the meetings table; the test proves nothing")
	}

	// A plain run as of day 1 is refused: history is not written backwards.
	current, _ := snapshotState(t, out)
	if r := run(t, "", "run", "-q", "--force", "--datasets", day2, "--out", out, "--as-of", "2026-11-20"); r.code != ExitUsage ||
		!strings.Contains(r.stderr, "--replay") {
		t.Errorf("a plain run as of an earlier day: exit %d: %s", r.code, r.stderr)
	}

	// Replay day 1 with a datasets folder that no longer exists: published aside,
	// current stays on day 2.
	os.RemoveAll(day1)
	r := run(t, "", "run", "-q", "--replay", "--force", "--datasets", day1, "--out", out, "--as-of", "2026-11-20")
	if r.code != ExitOK || !strings.Contains(r.stdout, "aside") {
		t.Fatalf("replay: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if after, _ := snapshotState(t, out); after != current {
		t.Errorf("replay moved current from %s to %s", current, after)
	}
	r = run(t, "", "run", "-q", "--replay", "--set-current", "--force", "--datasets", day1, "--out", out, "--as-of", "2026-11-20")
	if r.code != ExitOK {
		t.Fatalf("replay --set-current: exit %d: %s", r.code, r.stderr)
	}
	if after, _ := snapshotState(t, out); after == current {
		t.Error("replay --set-current left current where it was")
	}
	got := martAndRawSums(t, out)
	if len(got) != len(want) {
		t.Fatalf("replay published %d tables, day 1 had %d", len(got), len(want))
	}
	for name, sum := range want {
		if got[name] != sum {
			t.Errorf("table %s: replay %s, day 1 %s", name, got[name], sum)
		}
	}
	if r := run(t, "", "run", "--replay", "--out", out); r.code != ExitUsage {
		t.Errorf("--replay without --as-of: exit %d, want usage error", r.code)
	}
}

// TestURLSourceIsFetchedValidatedAndKept: a calendar feed named by URL in the sources
// manifest is fetched from a local server, validated, kept in the store, and read;
// the next run sends If-None-Match and gets 304; a feed that turns into an HTML error
// page is refused and nothing is published.
func TestURLSourceIsFetchedValidatedAndKept(t *testing.T) {
	feed := must(os.ReadFile(filepath.Join("..", "ics", "testdata", "allday_multiday", "input.ics")))
	var conditional, served int
	broken := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served++
		if broken {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>Service temporarily unavailable</body></html>"))
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(feed)
	}))
	defer srv.Close()

	dir := copyDatasets(t)
	manifest := filepath.Join(dir, "sources.json")
	m := string(must(os.ReadFile(manifest)))
	m = strings.Replace(m, `"sources": [`, `"sources": [
    {"name": "calendar_feed", "url": "`+srv.URL+`/meetings.ics", "format": "ics", "feeds": ["meetings"], "about": "test feed"},`, 1)
	os.WriteFile(manifest, []byte(m), 0o644)

	out := t.TempDir()
	if r := run(t, "", "run", "-q", "--datasets", dir, "--out", out, "--as-of", asOf); r.code != ExitOK {
		t.Fatalf("first run: exit %d: %s", r.code, r.stderr)
	}
	versions, _ := filepath.Glob(filepath.Join(out, "sources", "calendar_feed", "*.ics"))
	if len(versions) != 1 {
		t.Fatalf("kept versions of the feed: %v", versions)
	}
	if n := queryInt(t, out, `select count(*) from rejects where source_file like 'calendar_feed%'`); n != 0 {
		t.Errorf("%d rejects from the feed", n)
	}
	if r := run(t, "", "run", "-q", "--datasets", dir, "--out", out, "--as-of", asOf); r.code != ExitOK || conditional != 1 {
		t.Fatalf("second run: exit %d, conditional requests %d: %s", r.code, conditional, r.stderr)
	}
	before, _ := snapshotState(t, out)
	broken = true
	r := run(t, "", "run", "-q", "--strict", "--force", "--datasets", dir, "--out", out, "--as-of", asOf)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "calendar_feed") {
		t.Fatalf("broken feed, --strict: exit %d, stderr %q; want a failure naming the source", r.code, r.stderr)
	}
	if after, _ := snapshotState(t, out); after != before {
		t.Errorf("a refused feed moved current from %s to %s", before, after)
	}
	// Without --strict the run reads the feed's last good version and says so.
	r = run(t, "", "run", "-q", "--force", "--datasets", dir, "--out", out, "--as-of", asOf)
	if r.code != ExitOK || !strings.Contains(r.stdout, "source_failed: source calendar_feed not read") {
		t.Fatalf("broken feed: exit %d, stdout %q; want the last good version used and the failure in the digest", r.code, r.stdout)
	}
	if r := run(t, "", "status", "--out", out); r.code != ExitFailure || !strings.Contains(r.stdout, "source calendar_feed not read") {
		t.Errorf("status after a night whose feed failed: exit %d, want unhealthy naming the source:\n%s", r.code, r.stdout)
	}
	// --offline reads the kept version without asking the server.
	n := served
	if r := run(t, "", "run", "-q", "--offline", "--force", "--datasets", dir, "--out", out, "--as-of", asOf); r.code != ExitOK || served != n {
		t.Errorf("offline run: exit %d, server asked %d times: %s", r.code, served-n, r.stderr)
	}
}

// feedDatasets is a copy of the shipped datasets whose manifest adds the calendar
// feed at url as the source calendar_feed.
func feedDatasets(t *testing.T, url string) string {
	t.Helper()
	dir := copyDatasets(t)
	manifest := filepath.Join(dir, "sources.json")
	m := strings.Replace(string(must(os.ReadFile(manifest))), `"sources": [`, `"sources": [
    {"name": "calendar_feed", "url": "`+url+`", "format": "ics", "feeds": ["meetings"], "about": "test feed"},`, 1)
	if err := os.WriteFile(manifest, []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// feedSHA is the sha256 of the calendar feed the current snapshot read.
func feedSHA(t *testing.T, out string) string {
	t.Helper()
	for _, in := range readManifest(t, out).Inputs {
		if in.Source == "calendar_feed" {
			return in.SHA256
		}
	}
	t.Fatal("the snapshot read no calendar_feed")
	return ""
}

// TestVersionsOfFailedRunsAreNotUsed: a feed version fetched by a run that then
// failed (here --strict refusing its bad rows) is kept, marked with that run's
// outcome, and neither --offline nor --replay of that day takes it: both use the
// version the published snapshot read, and with nothing published they refuse,
// saying why.
func TestVersionsOfFailedRunsAreNotUsed(t *testing.T) {
	good := must(os.ReadFile(filepath.Join("..", "ics", "testdata", "allday_multiday", "input.ics")))
	bad := must(os.ReadFile(filepath.Join("..", "ics", "testdata", "bad_rows", "input.ics")))
	body := good
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(body)
	}))
	defer srv.Close()
	dir := feedDatasets(t, srv.URL+"/meetings.ics")
	today := time.Now().UTC().Format(time.DateOnly) // kept versions are seen today
	out := t.TempDir()

	// With nothing published yet, a failed run's version is not used.
	body = bad
	if r := run(t, "", "run", "-q", "--strict", "--datasets", dir, "--out", out, "--as-of", today); r.code != ExitRejects {
		t.Fatalf("strict run on the bad feed: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "", "run", "-q", "--offline", "--datasets", dir, "--out", out, "--as-of", today); r.code != ExitFailure ||
		!strings.Contains(r.stderr, "runs that did not publish") {
		t.Errorf("offline with only a failed run's version: exit %d: %s", r.code, r.stderr)
	}

	body = good
	if r := run(t, "", "run", "-q", "--datasets", dir, "--out", out, "--as-of", today); r.code != ExitOK {
		t.Fatalf("run on the good feed: exit %d: %s", r.code, r.stderr)
	}
	published := feedSHA(t, out)
	body = bad
	if r := run(t, "", "run", "-q", "--strict", "--force", "--datasets", dir, "--out", out, "--as-of", today); r.code != ExitRejects {
		t.Fatalf("strict run on the bad feed: exit %d: %s", r.code, r.stderr)
	}
	if versions, _ := filepath.Glob(filepath.Join(out, "sources", "calendar_feed", "*.ics")); len(versions) != 2 {
		t.Fatalf("kept versions of the feed: %v; want the good one and the failed run's", versions)
	}
	for _, args := range [][]string{{"--offline"}, {"--replay", "--set-current"}} {
		args = append([]string{"run", "-q", "--force", "--datasets", dir, "--out", out, "--as-of", today}, args...)
		if r := run(t, "", args...); r.code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if got := feedSHA(t, out); got != published {
			t.Errorf("%v read the feed version %s, want the published %s", args, got, published)
		}
	}
}

// TestFeedRedirects: a feed moved on its own host is followed and the manifest
// records the URL that served it; a redirect to another host or port is refused
// at once (one request, no retries), naming the refused redirect: --strict fails
// the run, otherwise the last published version is read.
func TestFeedRedirects(t *testing.T) {
	feed := must(os.ReadFile(filepath.Join("..", "ics", "testdata", "allday_multiday", "input.ics")))
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(feed) }))
	defer elsewhere.Close()
	target, asked := "/feed/v1.ics", 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/meetings.ics" {
			asked++
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(feed)
	}))
	defer srv.Close()
	dir := feedDatasets(t, srv.URL+"/meetings.ics")
	out := t.TempDir()
	if r := run(t, "", "run", "-q", "--datasets", dir, "--out", out, "--as-of", asOf); r.code != ExitOK {
		t.Fatalf("run: exit %d: %s", r.code, r.stderr)
	}
	var final string
	for _, in := range readManifest(t, out).Inputs {
		if in.Source == "calendar_feed" {
			final = in.FinalURL
		}
	}
	if final != srv.URL+"/feed/v1.ics" {
		t.Errorf("manifest final_url %q, want %s", final, srv.URL+"/feed/v1.ics")
	}

	// Refused at once: with --strict the run fails; without, the last published
	// version is read and the refusal logged.
	target, asked = elsewhere.URL+"/meetings.ics", 0
	r := run(t, "", "run", "-q", "--strict", "--force", "--datasets", dir, "--out", out, "--as-of", asOf)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "redirect refused") || !strings.Contains(r.stderr, "(1 attempt)") || asked != 1 {
		t.Errorf("--strict, redirect to another port: exit %d, asked %d times: %s", r.code, asked, r.stderr)
	}
	asked = 0
	r = run(t, "", "run", "-q", "--force", "--datasets", dir, "--out", out, "--as-of", asOf)
	if r.code != ExitOK || !strings.Contains(r.stderr, "redirect refused") || !strings.Contains(r.stderr, "(1 attempt)") || asked != 1 {
		t.Errorf("redirect to another port: exit %d, asked %d times: %s", r.code, asked, r.stderr)
	}
}
