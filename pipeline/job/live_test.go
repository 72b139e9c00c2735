package job_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"synergy/pipeline/changes"
	"synergy/pipeline/civil"
	"synergy/pipeline/job"
	"synergy/pipeline/snapshot"
	"synergy/pipeline/sources/fetch"
	"synergy/pipeline/warehouse"
)

// untcServer serves the recorded depositary pages (datasets/untc, captured
// 2026-02-03) under the UN Treaty Collection's real path, by mtdsg_no; a page may
// be replaced by another handler (a changed page, an error, a stall).
type untcServer struct {
	*httptest.Server
	mu       sync.Mutex
	pages    map[string][]byte // mtdsg_no → page
	override map[string]http.HandlerFunc
}

var captureFiles = map[string]string{"XXVI-5": "apmbc.html", "XXVI-6": "ccm.html", "XXVI-2": "ccw.html",
	"XXVI-2-b": "ccw_p2a.html", "XXVI-2-d": "ccw_p5.html", "XXVI-8": "att.html", "IV-15": "crpd.html"}

func newUNTCServer(t *testing.T) *untcServer {
	s := &untcServer{pages: map[string][]byte{}, override: map[string]http.HandlerFunc{}}
	for id, file := range captureFiles {
		b, err := os.ReadFile(filepath.Join("..", "..", "datasets", "untc", file))
		if err != nil {
			t.Fatal(err)
		}
		s.pages[id] = b
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("mtdsg_no")
		s.mu.Lock()
		page, ok := s.pages[id]
		h := s.override[id]
		s.mu.Unlock()
		switch {
		case r.URL.Path != "/Pages/ViewDetails.aspx" || !ok:
			http.NotFound(w, r)
		case h != nil:
			h(w, r)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *untcServer) set(id string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.override[id] = h
}

func serve(page []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { w.Write(page) }
}

// liveDatasets copies the shipped datasets into a temporary folder and points the
// live manifest's depositary URLs at base.
func liveDatasets(t *testing.T, base string) string {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "datasets")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "sources-live.json" {
			b = []byte(strings.ReplaceAll(string(b), "https://treaties.un.org", base))
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// edit applies a replacement that must match exactly once.
func edit(t *testing.T, page []byte, old, new string) []byte {
	t.Helper()
	if n := strings.Count(string(page), old); n != 1 {
		t.Fatalf("%q occurs %d times in the capture", old, n)
	}
	return []byte(strings.Replace(string(page), old, new, 1))
}

// changedPages are the captures with one new accession (Pakistan to the ATT) and
// one withdrawal footnote (Austria from the CCM), written as the depositary
// writes its rows and notes.
func changedPages(t *testing.T, s *untcServer) (att, ccm []byte) {
	att = edit(t, s.pages["XXVI-8"], "<tr class=\"trBGGrey\">\r\n\t\t<td>Norway<br></td>",
		"<tr class=\"trBWhite\">\r\n\t\t<td>Pakistan<br></td>\r\n\t\t<td>&nbsp;</td>\r\n\t\t<td>&nbsp;</td>\r\n\t\t<td>20 Jan\t 2026 a<br></td>\r\n\t</tr>\r\n\t<tr class=\"trBGGrey\">\r\n\t\t<td>Norway<br></td>")
	ccm = edit(t, s.pages["XXVI-6"], "<td>Austria<br></td>",
		"<td>Austria <SUP><A onclick='ShowNoteAll()' href='#9' class='noteIndex'>9</A> </SUP><br></td>")
	note8 := strings.Index(string(ccm), "<a name='8'>8</a>")
	end := note8 + strings.Index(string(ccm[note8:]), "</tr>")
	note9 := "</tr><tr align=\"justify\" valign=\"top\">\r\n\t\t\t<td>\r\n<div class=\"divNotesAll\" style=\"text-align: justify\"><a name='9'>9</a><index></index>On 28 January 2026, the Government of Austria deposited with the Secretary-General a notification of withdrawal. The withdrawal will take effect for Austria on 28 July 2026 in accordance with article 20 (3) of the Convention.<br><br></div>\r\n</td>\r\n\t\t"
	ccm = append(append(append([]byte{}, ccm[:end]...), note9...), ccm[end:]...)
	return att, ccm
}

// TestLiveSources runs the live profile against the recorded pages served over
// loopback: it publishes the participation of the local profile; a night with a
// new accession and a withdrawal footnote publishes a digest of exactly those two
// changes; a night with an error page, a stalled page and a page that is not a
// status page keeps their last good versions and says so; a page that fails with
// no version kept fails the run.
func TestLiveSources(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline four times")
	}
	srv := newUNTCServer(t)
	data := liveDatasets(t, srv.URL)
	asOf := civil.Date(2026, 12, 7)
	fetcher := &fetch.Fetcher{Timeout: time.Second, Retries: -1}
	cfg := func(out, manifest string) job.Config {
		return job.Config{DatasetsDir: data, SourcesFile: manifest, OutDir: out, AsOf: asOf, Version: "test",
			Threads: 2, MemoryLimit: "2GB", NoPlanBacktest: true, Fetcher: fetcher, Force: true}
	}
	local, live := t.TempDir(), t.TempDir()
	if _, err := job.Run(t.Context(), cfg(local, "")); err != nil {
		t.Fatalf("local profile: %v", err)
	}
	if _, err := job.Run(t.Context(), cfg(live, "sources-live.json")); err != nil {
		t.Fatalf("live profile: %v", err)
	}
	sameParticipation(t, current(t, local), current(t, live))

	att, ccm := changedPages(t, srv)
	srv.set("XXVI-8", serve(att))
	srv.set("XXVI-6", serve(ccm))
	if _, err := job.Run(t.Context(), cfg(live, "sources-live.json")); err != nil {
		t.Fatalf("live profile, changed pages: %v", err)
	}
	d := digest(t, live)
	got := map[string]string{}
	for _, c := range d.Changes {
		got[c.Kind+" "+c.Key] = c.Source
	}
	want := map[string]string{
		"consent ATT/PAK/1":             "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-8&chapter=26&clang=_en",
		"withdrawal_notified CCM/AUT/1": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&chapter=26&clang=_en",
	}
	if len(got) != len(want) || len(d.Changes) != len(want) {
		t.Fatalf("digest lists %d changes, want exactly the accession and the withdrawal:\n%s", len(d.Changes), changes.Markdown(d))
	}
	for k, url := range want {
		if src, ok := got[k]; !ok || !strings.Contains(src, url) {
			t.Errorf("digest: %s with source %q, want source %s\n%s", k, src, url, changes.Markdown(d))
		}
	}

	srv.set("XXVI-8", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
	})
	srv.set("XXVI-6", func(w http.ResponseWriter, r *http.Request) {
		select { // stalls past the fetcher's timeout
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv.set("IV-15", serve([]byte("<html><body><h1>Server Error in '/' Application.</h1></body></html>")))
	if _, err := job.Run(t.Context(), cfg(live, "sources-live.json")); err != nil {
		t.Fatalf("live profile, failing pages: %v", err)
	}
	d = digest(t, live)
	failed := map[string]bool{}
	for _, c := range d.Changes {
		if c.Kind != changes.KindSourceFailed {
			t.Errorf("a night whose pages failed lists %s %s: %s", c.Kind, c.Key, c.Text)
		}
		failed[c.Key] = true
	}
	for _, name := range []string{"depositary_att", "depositary_ccm", "depositary_crpd"} {
		if !failed[name] {
			t.Errorf("digest does not say %s failed:\n%s", name, changes.Markdown(d))
		}
	}

	_, err := job.Run(t.Context(), cfg(t.TempDir(), "sources-live.json"))
	if err == nil || !strings.Contains(err.Error(), "depositary_ccm") {
		t.Errorf("a failing page with no version kept: err %v, want the run to fail naming the first, depositary_ccm", err)
	}
}

func current(t *testing.T, out string) string {
	t.Helper()
	dir, err := snapshot.Current(out)
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(out, dir)
	}
	return dir
}

func digest(t *testing.T, out string) changes.Digest {
	t.Helper()
	d, err := changes.Read(current(t, out))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sameParticipation checks that two snapshots publish the same participation rows
// (but for the name of the file a row came from) and the same party counts.
func sameParticipation(t *testing.T, a, b string) {
	t.Helper()
	db, err := warehouse.Open(t.Context(), warehouse.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"select * exclude (source_file, source_line) from read_parquet('%s/raw/participation.parquet')",
		"select * from read_parquet('%s/marts/party_counts.parquet')",
	} {
		qa, qb := strings.ReplaceAll(q, "%s", a), strings.ReplaceAll(q, "%s", b)
		rows, err := db.Rows(t.Context(), "select (select count(*) from ("+qa+")), (select count(*) from ("+qa+" except all "+qb+")), (select count(*) from ("+qb+" except all "+qa+"))")
		if err != nil {
			t.Fatal(err)
		}
		if r := rows[0]; r[0].(int64) == 0 || r[1].(int64) != 0 || r[2].(int64) != 0 {
			t.Errorf("%s: %d rows, %d only in the local run, %d only in the live run", q, r[0], r[1], r[2])
		}
	}
}
