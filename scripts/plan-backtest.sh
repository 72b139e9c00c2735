#!/usr/bin/env bash
# The planner's backtest table in docs/planner.md: build synergy, run the shipped
# datasets as of the docs' as-of date (the Makefile's DOCS_AS_OF) into a fresh
# output root, plan every year FROM..TO with the default window, and rewrite the
# block between <!-- plan-backtest:begin --> and <!-- plan-backtest:end -->.
#
#   scripts/plan-backtest.sh            rewrite docs/planner.md
#   scripts/plan-backtest.sh --check    fail, writing nothing, when the table is stale
#
# Until the mart plan_backtest is in the snapshot (then the table can be a
# synergy:query block of `make docs`), this script is how the table is made.
set -euo pipefail
cd "$(dirname "$0")/.."
ASOF=$(sed -n 's/^DOCS_AS_OF *:= *//p' Makefile)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/synergy" ./cmd/synergy
"$WORK/synergy" run -q --datasets datasets --out "$WORK/out" --as-of "$ASOF" >/dev/null
go run ./scripts/planbacktest -synergy "$WORK/synergy" -out "$WORK/out" \
	-from "${PLAN_FROM:-2000}" -to "${PLAN_TO:-2025}" -doc docs/planner.md "$@"
