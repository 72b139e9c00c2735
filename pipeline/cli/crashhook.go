//go:build !synergy_crashhook

package cli

// crashHook is nil in a normal build: a run has no crash points. The crash test
// builds synergy with the synergy_crashhook tag (crashhook_on.go).
func crashHook() func(point string) { return nil }
