package models

import (
	"fmt"
	"regexp"
	"strings"
)

// PartitionKind is what a model can be rebuilt by in part.
type PartitionKind string

// The partition kinds.
const (
	// PartitionNone: the model is only ever rebuilt whole.
	PartitionNone PartitionKind = ""
	// PartitionYear: a row belongs to a calendar year (an integer); a year's rows
	// are a function of the meetings of that year and of those within the pair
	// horizon of it (the run's context, package job).
	PartitionYear PartitionKind = "year"
	// PartitionMeeting: a row belongs to one meeting (its meeting_id) and is a
	// function of that meeting's rows alone.
	PartitionMeeting PartitionKind = "meeting"
)

// Partition is a model's '-- partition:' header line:
//
//	-- partition: year = year(start_a)
//	-- partition: meeting = meeting_id
//	-- partition: none
//
// Key is the SQL expression over the model's own columns that gives the
// partition of a row; it must never be NULL (a check-free promise the
// incremental test holds to: rows with a NULL key would be dropped).
type Partition struct {
	Kind PartitionKind
	Key  string
}

var partitionLine = regexp.MustCompile(`^(year|meeting)\s*=\s*(\S.*)$`)

// ParsePartition parses the value of a '-- partition:' header line.
func ParsePartition(s string) (Partition, error) {
	s = strings.TrimSpace(s)
	if s == "none" {
		return Partition{}, nil
	}
	m := partitionLine.FindStringSubmatch(s)
	if m == nil {
		return Partition{}, fmt.Errorf("partition %q: want 'none', 'year = <expression>' or 'meeting = <expression>'", s)
	}
	if _, err := scanSQL(m[2]); err != nil {
		return Partition{}, fmt.Errorf("partition %q: %v", s, err)
	}
	return Partition{Kind: PartitionKind(m[1]), Key: strings.TrimSpace(m[2])}, nil
}

// String returns the header form of p.
func (p Partition) String() string {
	if p.Kind == PartitionNone {
		return "none"
	}
	return string(p.Kind) + " = " + p.Key
}
