#!/usr/bin/env bash
# Time `synergy query` printing generated rows in each output format (arrow: the IPC
# stream), table against
# CSV: the table format streams (widths from the first 1,000 rows), so it should
# take at most twice the CSV time (a target, not asserted in any test).
#
#   scripts/bench-query.sh            BENCH_QUERY_ROWS (default 100000) rows,
#                                     BENCH_QUERY_REPEAT (default 3) times each; median
#
# The rows come from DuckDB's range(), six columns of mixed types (integer, text of
# about 50 characters, date, decimal, list, text with NULLs), queried against a
# snapshot of the shipped datasets published into $BENCH_WORK/out-query. Output goes
# to /dev/null; the times to stderr and $BENCH_WORK/results/query.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${BENCH_WORK:-/tmp/synergy-bench}
ROWS=${BENCH_QUERY_ROWS:-100000}
REPEAT=${BENCH_QUERY_REPEAT:-3}
mkdir -p "$WORK/bin" "$WORK/results"
SYN=$WORK/bin/synergy-query
go build -o "$SYN" ./cmd/synergy
out=$WORK/out-query
if [ ! -d "$out/current" ]; then
	echo "== query bench: publishing datasets/ into $out" >&2
	"$SYN" run -q --log-format text --plan-backtest=false --datasets datasets --out "$out" --as-of 2026-11-27 >/dev/null
fi
Q="select i as id, 'Meeting ' || i || ' of the States Parties to the Convention' as title,
  date '2000-01-01' + (i % 9000)::int as day, i * 0.25 as score, [i % 7, i % 11] as tags,
  case when i % 5 = 0 then null else 'Geneva' end as city from range($ROWS) t(i)"

# median of REPEAT wall times in seconds of `synergy query --format $1`
measure() {
	for _ in $(seq 1 "$REPEAT"); do
		s=$(date +%s%N)
		"$SYN" query --out "$out" --format "$1" "$Q" >/dev/null
		e=$(date +%s%N)
		echo "$(( (e - s) / 1000000 ))"
	done | sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)] / 1000}'
}

{
	echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD)  rows: $ROWS  repeat: $REPEAT  load: $(uptime | sed 's/.*load average: //')"
	for f in csv json markdown table arrow; do
		echo "$f $(measure "$f")"
	done
} >"$WORK/results/query.txt"
csv=$(awk '$1 == "csv" {print $2}' "$WORK/results/query.txt")
tbl=$(awk '$1 == "table" {print $2}' "$WORK/results/query.txt")
ratio=$(awk -v t="$tbl" -v c="$csv" 'BEGIN {printf "%.2f", t / c}')
echo "table/csv $ratio (target at most 2)" >>"$WORK/results/query.txt"
sed 's/^/   /' "$WORK/results/query.txt" >&2
