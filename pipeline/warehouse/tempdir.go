package warehouse

import "synergy/pipeline/lock"

// TempPrefix begins the name of every scratch folder [Open] creates under
// os.TempDir. Each is locked by the process that uses it for as long as the
// database is open (lock.TempDir), so that [RemoveStaleTemp] can tell a folder
// left by a killed process (its spill files can be gigabytes) from one in use.
const TempPrefix = "synergy-duckdb-"

func newTempDir() (string, *lock.Lock, error) { return lock.TempDir(TempPrefix) }

// RemoveStaleTemp removes the scratch folders of databases whose process died
// without closing them (a SIGKILL, an out-of-memory kill), never one in use
// (lock.RemoveAbandoned). It returns the folders removed.
func RemoveStaleTemp() ([]string, error) { return lock.RemoveAbandoned(TempPrefix) }
