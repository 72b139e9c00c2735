package job

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"synergy/pipeline/changes"
	"synergy/pipeline/civil"
	"synergy/pipeline/lock"
	"synergy/pipeline/sources"
	"synergy/pipeline/sources/archive"
	"synergy/pipeline/sources/fetch"
)

// listingName is the store entry recording which local files a run read, one
// "<path relative to datasets>\t<sha256>" per line.
const listingName = "inputs-listing"

// storeName names a local input in the store: "file." and its path relative to the
// datasets folder, "/" written as ".".
func storeName(rel string) string {
	return "file." + strings.ReplaceAll(filepath.ToSlash(rel), "/", ".")
}

func storeExt(rel string) string {
	ext := strings.TrimPrefix(filepath.Ext(rel), ".")
	if ext == "" {
		return "bin"
	}
	return ext
}

// remoteFiles brings every URL source of the manifest into the store and returns the
// stored file per source name. Online it fetches with conditional requests and keeps a
// new version only when the content changed and passed fetch.Validate; a source that
// fails (an error, a timeout, content its reader cannot read) falls back to its last
// good version (the latest a published run saw) and is reported in the failures, and
// fails the run only when no such version is kept or under --strict. With --offline
// it uses the latest kept version that a published run saw; when replaying, the one
// as of the run's as-of day. Versions kept by runs that failed are never used.
//
// It also returns the URL each version came from, after redirects (the version's
// origin), for the manifest.
func remoteFiles(ctx context.Context, cfg Config, m *sources.Manifest, store *archive.Store) (files, origins map[string]string, failed []changes.SourceFailure, err error) {
	files, origins = map[string]string{}, map[string]string{}
	for _, s := range m.Sources {
		if !s.Remote() {
			continue
		}
		var v archive.Version
		switch {
		case cfg.Replay:
			v, err = store.AsOfPublished(s.Name, cfg.AsOf)
		case cfg.Offline:
			v, err = store.LatestPublished(s.Name)
		default:
			v, err = fetchOne(ctx, cfg, s, store)
			if err != nil && ctx.Err() == nil && !cfg.Strict {
				var f *changes.SourceFailure
				if v, f = lastGood(store, s, err); f != nil {
					failed = append(failed, *f)
					err = nil
				}
			}
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("source %s (%s): %w", s.Name, s.URL, err)
		}
		files[s.Name], origins[s.Name] = store.Path(v), v.Origin
	}
	return files, origins, failed, nil
}

// lastGood returns the kept version of a source whose fetch failed with err, and the
// failure to report; no failure when nothing is kept (the run then fails).
func lastGood(store *archive.Store, s sources.Source, err error) (archive.Version, *changes.SourceFailure) {
	v, lerr := store.LatestPublished(s.Name)
	if lerr != nil {
		return archive.Version{}, nil
	}
	return v, &changes.SourceFailure{Source: s.Name, URL: s.URL, Error: err.Error(), Kept: v.SeenAt.UTC().Format(time.RFC3339)}
}

func fetchOne(ctx context.Context, cfg Config, s sources.Source, store *archive.Store) (archive.Version, error) {
	if cfg.Fetcher == nil {
		return archive.Version{}, errors.New("no fetcher configured for URL sources")
	}
	var prev *archive.Version
	if v, err := store.Latest(s.Name); err == nil {
		prev = &v
	} else if !errors.Is(err, archive.ErrNoVersion) {
		return archive.Version{}, err
	}
	res, err := cfg.Fetcher.FetchWith(ctx, s.URL, prev, fetch.Redirects{AllowHosts: s.RedirectHosts})
	if err != nil {
		return archive.Version{}, err
	}
	now := time.Now().UTC()
	origin := res.FinalURL // the URL that answered, after redirects
	if origin == "" {
		origin = s.URL
	}
	if res.NotModified {
		return store.Unchanged(s.Name, origin, res.Meta(), now)
	}
	if err := fetch.Validate(s.Format, res.Body); err != nil {
		return archive.Version{}, err
	}
	v, _, err := store.Put(s.Name, origin, fetch.Ext(s.Format), bytes.NewReader(res.Body), res.Meta(), now)
	return v, err
}

// inputsToKeep returns the inputs whose bytes the store does not hold yet, and
// the listing of all of them (path and sha256 per line).
//
// The local inputs a published run read (the manifest and every file it names),
// seen on the run's as-of day, and the listing of them are kept so that `synergy
// run --replay --as-of DAY` can rebuild that day's outputs from the store. Each
// file's bytes are kept once, as a blob named by their sha256 (archive.PutBlob): a
// file already in the latest listing, or whose bytes are kept, is not copied
// again, and replay finds it by the listing's sha256. The blobs are flushed with
// one sync before the listing is stored (recordListing), not one by one: at scale
// a run keeps 200,000 files.
func inputsToKeep(store *archive.Store, inputs []Input) (missing []Input, listing string, err error) {
	kept, err := latestListing(store)
	if err != nil {
		return nil, "", err
	}
	var b strings.Builder
	for _, in := range inputs {
		fmt.Fprintf(&b, "%s\t%s\n", in.File, in.SHA256)
		if kept[in.File] == in.SHA256 {
			continue
		}
		if _, err := os.Stat(store.BlobPath(in.SHA256, storeExt(in.File))); err == nil {
			continue // the same bytes are kept under another path or an earlier listing
		}
		missing = append(missing, in)
	}
	return missing, b.String(), nil
}

// recordListing flushes every blob written so far with one sync, then stores the
// listing that names them.
func recordListing(store *archive.Store, cfg Config, listing string) error {
	if err := store.Sync(); err != nil {
		return err
	}
	_, _, err := store.Put(listingName, "synergy run", "txt", strings.NewReader(listing), archive.Meta{}, cfg.AsOf.Time())
	return err
}

// keepOne copies one input into the store as a blob and checks that its bytes are
// still those the run hashed.
func keepOne(store *archive.Store, datasetsDir string, in Input) error {
	f, err := os.Open(filepath.Join(datasetsDir, filepath.FromSlash(in.File)))
	if err != nil {
		return err
	}
	defer f.Close()
	sum, _, err := store.PutBlob(storeExt(in.File), f)
	if err != nil {
		return err
	}
	if sum != in.SHA256 {
		return fmt.Errorf("keep inputs: %s changed while the run read it (sha256 %s, now %s)", in.File, in.SHA256, sum)
	}
	return nil
}

// latestListing reads the latest kept listing as path → sha256 (empty when none).
func latestListing(store *archive.Store) (map[string]string, error) {
	kept := map[string]string{}
	v, err := store.Latest(listingName)
	if errors.Is(err, archive.ErrNoVersion) {
		return kept, nil
	}
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(store.Path(v))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rel, sum, ok := strings.Cut(line, "\t"); ok {
			kept[rel] = sum
		}
	}
	return kept, nil
}

// ReplayPrefix begins the name of the temporary folder a replay rebuilds its
// inputs in (lock.TempDir: a run removes those of dead replays).
const ReplayPrefix = "synergy-replay-"

// materialize rebuilds, in a new temporary folder, the datasets folder as it was read
// by the last run on or before day that published (the listing kept as of that
// day). The caller calls cleanup when done with the folder.
func materialize(store *archive.Store, day civil.Day) (dir string, cleanup func(), err error) {
	lv, err := store.AsOfPublished(listingName, day)
	if err != nil {
		return "", nil, fmt.Errorf("replay %s: no kept inputs on or before that day: %w", day, err)
	}
	lf, err := os.Open(store.Path(lv))
	if err != nil {
		return "", nil, err
	}
	defer lf.Close()
	dir, owner, err := lock.TempDir(ReplayPrefix)
	if err != nil {
		return "", nil, err
	}
	cleanup = func() {
		os.RemoveAll(dir)
		owner.Release()
	}
	if err := copyListing(store, lv, lf, dir); err != nil {
		cleanup()
		return "", nil, err
	}
	return dir, cleanup, nil
}

// copyListing copies every file the listing lf (version lv) names into dir.
func copyListing(store *archive.Store, lv archive.Version, lf io.Reader, dir string) error {
	sc := bufio.NewScanner(lf)
	for sc.Scan() {
		rel, sum, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return fmt.Errorf("replay: bad listing line %q", sc.Text())
		}
		src := store.BlobPath(sum, storeExt(rel))
		if _, err := os.Stat(src); err != nil {
			// kept by a version of synergy that stored each input under its own name
			src = store.Path(archive.Version{Name: storeName(rel), SHA256: sum, Ext: storeExt(rel)})
		}
		dst, err := sources.Confined(dir, rel) // a listing is data: it may not write elsewhere
		if err != nil {
			return fmt.Errorf("replay: kept listing %s: %w", store.Path(lv), err)
		}
		if err := copyFile(src, dst); err != nil {
			return fmt.Errorf("replay %s: %w", rel, err)
		}
	}
	return sc.Err()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
