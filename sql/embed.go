// Package sqlmodels embeds synergy's SQL models so the pipeline binary carries
// them; synergy/pipeline/models loads and runs them.
package sqlmodels

import "embed"

// FS holds the macros, staging, intermediate and marts folders, with paths
// such as "marts/party_counts.sql".
//
//go:embed macros staging intermediate marts
var FS embed.FS
