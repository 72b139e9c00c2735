#!/usr/bin/env bash
# Benchmark synergy against a hand-written DuckDB baseline on synthetic data.
#
#   scripts/bench.sh [SCALE...]        default scales: 1 10 100 1000
#
# For each scale: `synergy gen` writes a synthetic datasets folder, then
#   - synergy run --plan-backtest=false (the planner is timed on the real data below; timed by /usr/bin/time -v: wall and peak RSS; stage times from
#     manifest.json timings_ms; per-model times from the log), then an unchanged rerun;
#     after the baseline, the start day of one meeting is changed in place and
#     synergy runs again: the incremental build (build mode and years in its manifest);
#   - baseline ingest: DuckDB read_csv of the same inputs, COPY to Parquet;
#   - baseline marts: the same sql/ models run directly on synergy's raw Parquet;
#   - baseline yardstick: meeting_pairs and state_year_burden against independent
#     hand-written queries on the same inputs (stopped after BENCH_YARDSTICK_TIMEOUT
#     seconds, default 900).
# Then the planner on the real data (see below).
# A synergy run is stopped after BENCH_TIMEOUT seconds (default 1800) and a baseline
# mart after BENCH_MART_TIMEOUT (default 10m), and a synergy run is killed when less
# than BENCH_MIN_FREE_GB (default 25) stays free on $TMPDIR, where DuckDB spills; what
# finished is still reported.
# Each of these runs BENCH_REPEAT times (default 1); the run with the median wall
# time is kept. Results go to $BENCH_WORK/results (default /tmp/synergy-bench); the
# table is written into docs/performance.md between the bench markers and the
# chart to docs/performance-scaling.svg, unless BENCH_DOC=0.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES=${*:-1 10 100 1000}
WORK=${BENCH_WORK:-/tmp/synergy-bench}
RESULTS=$WORK/results
REPEAT=${BENCH_REPEAT:-1}
SEED=${BENCH_SEED:-1}
ASOF=${BENCH_AS_OF:-2026-11-27}
TIMEOUT=${BENCH_TIMEOUT:-1800}          # seconds for one synergy run
MART_TIMEOUT=${BENCH_MART_TIMEOUT:-10m} # per mart, baseline
YARDSTICK_TIMEOUT=${BENCH_YARDSTICK_TIMEOUT:-900} # seconds for both yardstick marts
MIN_FREE_GB=${BENCH_MIN_FREE_GB:-25}    # stop a synergy run whose DuckDB spill leaves less free disk
# synergy runs with the memory the scale-1000 target allows (< 1 GiB): DuckDB's
# --memory-limit and the Go runtime's GOMEMLIMIT; the baseline keeps its 4GB.
MEMORY_LIMIT=${BENCH_MEMORY_LIMIT:-1GB}
GO_MEMLIMIT=${BENCH_GOMEMLIMIT:-1GiB}
# The one-meeting-changed run keeps synergy's default 4GB: at scale 1000 and 1GB its
# export of meeting_pairs (a sort of the published rows and the rebuilt ones) runs
# out of memory (docs/performance.md, "Incremental builds"); its target is time.
INCR_MEMORY_LIMIT=${BENCH_INCR_MEMORY_LIMIT:-4GB}

if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time (for peak RSS)" >&2
	apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
mkdir -p "$WORK/bin" "$RESULTS"
go build -o "$WORK/bin/synergy" ./cmd/synergy
go build -o "$WORK/bin/baseline" ./scripts/baseline
SYN=$WORK/bin/synergy
BASE=$WORK/bin/baseline
T() { /usr/bin/time -v -o "$1" "${@:2}"; }
# change_one_meeting CSV: moves the start of the meeting on the middle line of CSV
# to the first day of its month (the second if it is the first), in place; the
# original is kept as $WORK/meetings.csv.orig until restore_meetings CSV.
change_one_meeting() {
	cp "$1" "$WORK/meetings.csv.orig"
	local n
	n=$((($(wc -l <"$1") + 1) / 2))
	sed -i -E "${n}s/,([0-9]{4}-[0-9]{2})-(0[2-9]|[1-3][0-9]),/,\\1-01,/; t; ${n}s/,([0-9]{4}-[0-9]{2})-01,/,\\1-02,/" "$1"
	cmp -s "$1" "$WORK/meetings.csv.orig" && echo "   no date changed on line $n of $1" >&2 || true
}
restore_meetings() { mv "$WORK/meetings.csv.orig" "$1"; }
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; print s}'; }

{
	echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty tree)')"
	echo "nproc: $(nproc)  RAM: $(free -g | awk '/Mem:/{print $2" GiB"}')  $(go version)"
	echo "uptime: $(uptime)"
} >"$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

for s in $SCALES; do
	tag=s$s
	data=$WORK/data-$s
	if [ ! -f "$data/.gen-seed-$SEED" ] || [ ! -s "$RESULTS/$tag.gen.json" ]; then
		rm -rf "$data"
		echo "== scale $s: gen" >&2
		T "$RESULTS/$tag.gen.time" "$SYN" gen --scale "$s" --seed "$SEED" --out "$data" >"$RESULTS/$tag.gen.json"
		touch "$data/.gen-seed-$SEED"
	fi
	for r in $(seq 1 "$REPEAT"); do
		k=$tag.r$r
		uptime >"$RESULTS/$k.load"
		out=$WORK/out-$s
		rm -rf "$out"
		echo "== scale $s run $r: synergy run  ($(uptime | sed 's/.*load/load/'))" >&2
		rm -rf "$WORK/raw-$s" "$RESULTS/$k.manifest.json"
		rm -f "$RESULTS/$k.guard"
		T "$RESULTS/$k.synergy.time" timeout -k 15 "$TIMEOUT" env GOMEMLIMIT="$GO_MEMLIMIT" "$SYN" run --log-format text --plan-backtest=false --memory-limit "$MEMORY_LIMIT" --datasets "$data" --out "$out" --as-of "$ASOF" \
			>"$RESULTS/$k.synergy.out" 2>"$RESULTS/$k.synergy.log" &
		tpid=$!
		(
			# keep a copy of the raw Parquet as soon as it is written (for the baseline,
			# in case the run does not finish), then guard the disk: DuckDB spills to its
			# temp folder up to 90% of the free space by default
			while ! grep -q 'msg="model built"' "$RESULTS/$k.synergy.log" 2>/dev/null; do sleep 0.2; done
			cp -r "$out"/.staging-*/raw "$WORK/raw-$s" 2>/dev/null || true
			while sleep 2; do
				free=$(df -Pk "${TMPDIR:-/tmp}" | awk 'NR==2 {print int($4 / 1048576)}')
				[ "$free" -ge "$MIN_FREE_GB" ] && continue
				spid=$(pgrep -P "$(pgrep -P "$tpid")")
				spill=$(ls -l /proc/"$spid"/fd 2>/dev/null | grep -o '/[^ ]*synergy-duckdb-[0-9]*' | head -1)
				echo "stopped: $free GiB free on ${TMPDIR:-/tmp}; DuckDB temp $spill: $(du -sh "$spill" 2>/dev/null | cut -f1)" >"$RESULTS/$k.guard"
				kill -KILL "$spid" 2>/dev/null
				sleep 1
				[ -n "$spill" ] && rm -rf "$spill"
				break
			done
		) &
		watcher=$!
		rc=0
		wait "$tpid" || rc=$?
		kill "$watcher" 2>/dev/null || true
		wait "$watcher" 2>/dev/null || true
		[ -f "$RESULTS/$k.guard" ] && echo "   $(cat "$RESULTS/$k.guard")" >&2
		echo "$rc" >"$RESULTS/$k.synergy.rc"
		raw=$WORK/raw-$s
		if [ "$rc" = 0 ]; then
			cp "$out/current/manifest.json" "$RESULTS/$k.manifest.json"
			raw=$out/current/raw
			echo "== scale $s run $r: unchanged rerun" >&2
			T "$RESULTS/$k.rerun.time" env GOMEMLIMIT="$GO_MEMLIMIT" "$SYN" run --log-format text --plan-backtest=false --memory-limit "$MEMORY_LIMIT" --datasets "$data" --out "$out" --as-of "$ASOF" -q >/dev/null 2>&1
		else
			if [ "$rc" = 124 ]; then
				echo "   synergy run did not finish within ${TIMEOUT}s; last model: $(grep -o 'model=[a-z_]*' "$RESULTS/$k.synergy.log" | tail -1)" >&2
			else
				echo "   synergy run failed (exit $rc): $(grep -m1 '^synergy run:' "$RESULTS/$k.synergy.log")" >&2
			fi
			rm -f "$RESULTS/$k.rerun.time"
		fi
		rm -rf "$WORK/base-$s"
		echo "== scale $s run $r: baseline" >&2
		T "$RESULTS/$k.baseline-ingest.time" "$BASE" ingest -datasets "$data" -work "$WORK/base-$s/raw" -json "$RESULTS/$k.baseline-ingest.json"
		if [ -d "$raw" ]; then
			T "$RESULTS/$k.baseline-marts.time" "$BASE" marts -raw "$raw" -work "$WORK/base-$s/marts" \
				-timeout "$MART_TIMEOUT" -json "$RESULTS/$k.baseline-marts.json"
			echo "== scale $s run $r: yardstick (hand-written meeting_pairs, state_year_burden)" >&2
			timeout -k 15 "$YARDSTICK_TIMEOUT" "$BASE" yardstick -raw "$raw" -json "$RESULTS/$k.yardstick.json" \
				2>>"$RESULTS/$k.yardstick.log" || echo "   yardstick failed or stopped after ${YARDSTICK_TIMEOUT}s" >&2
		fi
		if [ "$rc" = 0 ]; then
			echo "== scale $s run $r: one meeting changed (incremental build)" >&2
			change_one_meeting "$data/meetings/meetings.csv"
			T "$RESULTS/$k.incr.time" "$SYN" run --log-format text --plan-backtest=false --memory-limit "$INCR_MEMORY_LIMIT" --datasets "$data" --out "$out" --as-of "$ASOF" -q \
				>/dev/null 2>"$RESULTS/$k.incr.log" && cp "$out/current/manifest.json" "$RESULTS/$k.incr.manifest.json" || true
			restore_meetings "$data/meetings/meetings.csv"
		fi
		echo "   synergy $(wall "$RESULTS/$k.synergy.time") s, rerun $( [ -f "$RESULTS/$k.rerun.time" ] && wall "$RESULTS/$k.rerun.time") s, baseline $(wall "$RESULTS/$k.baseline-ingest.time") + $(wall "$RESULTS/$k.baseline-marts.time") s" >&2
	done
	# keep the repeat with the median synergy wall time
	med=$(for r in $(seq 1 "$REPEAT"); do echo "$(wall "$RESULTS/$tag.r$r.synergy.time") $r"; done | sort -n | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
	for x in manifest.json incr.manifest.json incr.time incr.log rerun.time synergy.time synergy.log synergy.out synergy.rc guard baseline-ingest.json baseline-ingest.time baseline-marts.json baseline-marts.time yardstick.json yardstick.log load; do
		rm -f "$RESULTS/$tag.$x"
	done
	for f in "$RESULTS/$tag.r$med".*; do cp "$f" "$RESULTS/$tag.${f#"$RESULTS/$tag.r$med."}"; done
	rm -rf "$WORK/out-$s" "$WORK/base-$s" "$WORK/raw-$s"
done

# The planner on the real data (datasets/, not synthetic): `synergy plan --year
# PLAN_YEAR` (default 2019), every meeting movable within the default 28 days, and
# the whole backtest, one `synergy plan` per year PLAN_FROM..PLAN_TO (default
# 2000..2025), each timed by /usr/bin/time; skipped with BENCH_PLAN=0.
rm -f "$RESULTS"/planner.*
if [ "${BENCH_PLAN:-1}" != 0 ]; then
	PLAN_YEAR=${PLAN_YEAR:-2019} PLAN_FROM=${PLAN_FROM:-2000} PLAN_TO=${PLAN_TO:-2025}
	out=$WORK/out-real
	rm -rf "$out" "$WORK/plan"
	echo "== planner: synergy run on datasets/, then synergy plan" >&2
	"$SYN" run -q --datasets datasets --out "$out" --as-of "$ASOF" >/dev/null
	uptime | sed "s/.*load average: //" >"$RESULTS/planner.load"
	T "$RESULTS/planner.year.time" "$SYN" plan --year "$PLAN_YEAR" --out "$out" --dir "$WORK/plan/$PLAN_YEAR" \
		>"$RESULTS/planner.year.out" 2>/dev/null
	T "$RESULTS/planner.backtest.time" bash -c 'for y in $(seq "$1" "$2"); do "$3" plan --year "$y" --out "$4" --dir "$5/$y" 2>/dev/null || exit 1; done' \
		_ "$PLAN_FROM" "$PLAN_TO" "$SYN" "$out" "$WORK/plan" >"$RESULTS/planner.backtest.out"
	echo "$PLAN_YEAR $PLAN_FROM $PLAN_TO" >"$RESULTS/planner.years"
	echo "   plan $PLAN_YEAR $(wall "$RESULTS/planner.year.time") s, backtest $PLAN_FROM–$PLAN_TO $(wall "$RESULTS/planner.backtest.time") s" >&2
	rm -rf "$out" "$WORK/plan"
fi

if [ "${BENCH_DOC:-1}" != 0 ]; then
	"$BASE" report -dir "$RESULTS" -doc docs/performance.md -svg docs/performance-scaling.svg
else
	"$BASE" report -dir "$RESULTS"
fi
