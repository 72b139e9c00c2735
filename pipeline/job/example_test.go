package job_test

import (
	"fmt"

	"synergy/pipeline/job"
)

// The fingerprint of a run: equal fingerprints mean the run may be skipped.
func ExampleFingerprint() {
	inputs := []job.InputSum{{File: "states.csv", SHA256: "cc"}, {File: "meetings/meetings.csv", SHA256: "aa"}}
	a, _ := job.Fingerprint(inputs, "git:890ec61 go1.26.8", nil, "2024-01-02")
	b, _ := job.Fingerprint([]job.InputSum{inputs[1], inputs[0]}, "git:890ec61 go1.26.8", nil, "2024-01-02")
	c, _ := job.Fingerprint(inputs, "git:890ec61 go1.26.8", nil, "2024-01-03")
	fmt.Println(a == b, a == c)
	// Output: true false
}
