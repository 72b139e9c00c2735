# synergy — see README.md. Targets are verbs; `make help` lists them.
GO      ?= go
BIN     := bin/synergy
OUT     ?= out
DATA    ?= datasets
# Pinned in go.mod: github.com/duckdb/duckdb-go/v2 v2.10506.0 (DuckDB 1.5.6).
GOFLAGS_TEST ?= -count=1 -timeout 25m

.PHONY: help deps test-deps build run test verify-units vet fmt fmt-check tidy-check staticcheck race lint-sql fuzz clean docs docs-check

help:
	@echo "make run          install what is missing, build, run the pipeline on $(DATA)/ into $(OUT)/"
	@echo "make test         every gate below, then every test (unit, golden, end-to-end), notebooks, fuzz"
	@echo "make vet          go vet"
	@echo "make fmt-check    fail if a Go file needs gofmt (make fmt rewrites them)"
	@echo "make staticcheck  staticcheck $(STATICCHECK_VERSION), run with go run (checks: staticcheck.conf)"
	@echo "make verify-units systemd-analyze verify of deploy/systemd (skipped without systemd-analyze)"
	@echo "make tidy-check   fail if go mod tidy would change go.mod or go.sum (changes nothing)"
	@echo "make race         the tests of the packages that start goroutines, under -race"
	@echo "make lint-sql     sqlfluff on sql/ through scripts/lint-sql.sh, when that script exists"
	@echo "make fuzz         each reader's fuzz target for FUZZTIME (default 60s)"
	@echo "make build        build $(BIN)"
	@echo "make docs         rebuild the shipped data as of $(DOCS_AS_OF), rewrite the figures marked in the docs"
	@echo "make docs-check   the same without writing: fail, with the differences, if a documented figure is stale"
	@echo "make bench-quick  the benchmark at scale 10 (make bench: every scale, into docs/performance.md)"
	@echo "make clean        remove $(BIN) and $(OUT)/"

# Go and a C compiler (the DuckDB driver is linked with cgo), and CBC (Debian
# coinor-cbc): the run's plan backtest solves every past year with it and fails
# without it. Go modules are fetched by the go command itself.
deps:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/" >&2; exit 1; }
	@command -v gcc >/dev/null && command -v g++ >/dev/null || { \
		echo "installing gcc/g++ (cgo for DuckDB)"; \
		apt-get update -qq && apt-get install -y -qq gcc g++ >/dev/null; }
	@command -v cbc >/dev/null || { \
		echo "installing coinor-cbc (the planner's solver; the run's plan backtest needs it)"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends coinor-cbc >/dev/null; }
	@$(GO) mod download

# What the tests need beyond Go: Chromium (the report is checked in a real browser) and
# nbconvert (executed notebooks are validated and rendered), and sqlfluff once
# scripts/lint-sql.sh exists to run it. Debian packages.
test-deps: deps
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null && [ -x /usr/bin/jupyter-nbconvert ] && command -v cbc >/dev/null || { \
		echo "installing chromium, poppler-utils, jupyter-nbconvert and coinor-cbc (Debian)"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium jupyter-nbconvert python3-nbformat poppler-utils coinor-cbc >/dev/null; }
	@/usr/bin/python3 -c 'import icalendar' 2>/dev/null && command -v systemd-analyze >/dev/null || { \
		echo "installing python3-icalendar (the feed's independent parser) and systemd (systemd-analyze verify of deploy/systemd) (Debian)"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-icalendar systemd >/dev/null; }
	@[ ! -f $(LINT_SQL) ] || command -v sqlfluff >/dev/null || { \
		echo "installing sqlfluff (Debian)"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends sqlfluff >/dev/null; }

build: deps
	$(GO) build -o $(BIN) ./cmd/synergy

# systemd-analyze verify of deploy/systemd, with the units' binary path pointed at
# the built one (verify checks that ExecStart's program exists). Skipped, saying
# so, where systemd-analyze is missing (Debian package systemd; make test-deps).
# verify exits 0 on unknown keys and bad values (it only warns): any output fails.
verify-units: build
	@command -v systemd-analyze >/dev/null || { echo "verify-units: systemd-analyze not installed (apt-get install systemd): skipped"; exit 0; }; \
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp deploy/systemd/*.service deploy/systemd/*.timer "$$tmp"/ && \
	sed -i "s#/usr/local/bin/synergy#$(CURDIR)/$(BIN)#g" "$$tmp"/*.service && \
	msgs=$$(systemd-analyze verify "$$tmp"/*.service "$$tmp"/*.timer 2>&1); rc=$$?; \
	if [ $$rc -ne 0 ] || [ -n "$$msgs" ]; then echo "$$msgs"; echo "verify-units: systemd-analyze verify failed"; exit 1; fi; \
	echo "verify-units: deploy/systemd verified"

run: build
	./$(BIN) run --datasets $(DATA) --out $(OUT)

# The quick gates come first so that a lint failure is reported in minutes.
test: test-deps vet fmt-check tidy-check staticcheck lint-sql verify-units
	$(GO) test $(GOFLAGS_TEST) ./...
	$(MAKE) --no-print-directory docs-check
	$(MAKE) --no-print-directory race
	scripts/check-notebooks.sh
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME)

# Every fuzz target runs this many inputs in `make test` (longer: make fuzz). A count,
# not a duration: with a duration, go test can end a run that is minimizing an input
# with "context deadline exceeded", a spurious failure.
CI_FUZZTIME ?= 5000x

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:" $$out >&2; exit 1; fi

# -diff prints what tidy would change and fails, without writing go.mod or go.sum.
tidy-check:
	$(GO) mod tidy -diff

# Pinned here rather than in go.mod: a tool, not a dependency of the module.
STATICCHECK_VERSION := v0.8.2
staticcheck:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# The packages that start goroutines: job (parallel), models (the data tests on two
# connections), themes (TagItems' shares), and sourcestore and lock, whose tests use
# them concurrently. The check fails when another package starts goroutines outside
# its tests, so that it is added here. Of cli only
# the tests in RACE_CLI_TESTS run under -race: two runs in one process (a whole run,
# job's parallel and themes' shares included, twice at once), and the sql prompt's
# statement interrupted from another goroutine (the prompt's signal watcher); its
# other tests take minutes, and their goroutines only wait for one run or one child
# process. A renamed test fails the check, not skips it.
RACE_PKGS := ./pipeline/job ./pipeline/models ./pipeline/themes ./pipeline/sources/archive ./pipeline/lock
RACE_CLI_TESTS := TestTwoRunsTogetherPublishOnce TestSQLInterruptKeepsSession
empty :=
space := $(empty) $(empty)
race:
	@new=$$(grep -rlE '^[[:space:]]*go [A-Za-z_]|\.Go\(' --include='*.go' --exclude='*_test.go' pipeline cmd | \
		xargs -r -n1 dirname | sort -u | while read -r d; do \
			case " $(RACE_PKGS) ./pipeline/cli " in *" ./$$d "*) ;; *) echo "$$d" ;; esac; done); \
	if [ -n "$$new" ]; then echo "start goroutines but are not in RACE_PKGS:" $$new >&2; exit 1; fi
	$(GO) test -race $(GOFLAGS_TEST) $(RACE_PKGS)
	@for t in $(RACE_CLI_TESTS); do grep -q "^func $$t(" pipeline/cli/*_test.go || { echo "no $$t in pipeline/cli" >&2; exit 1; }; done
	$(GO) test -race $(GOFLAGS_TEST) -run '^($(subst $(space),|,$(RACE_CLI_TESTS)))$$' ./pipeline/cli

# sqlfluff (its duckdb dialect) on sql/; the script holds the how, this only runs it.
LINT_SQL := scripts/lint-sql.sh
lint-sql:
	@if [ -f $(LINT_SQL) ]; then ./$(LINT_SQL); else echo "lint-sql: no $(LINT_SQL), skipped"; fi

FUZZTIME ?= 60s
fuzz:
	@grep -rHoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' pipeline | sort -u | \
	while IFS=: read -r file fn; do \
		name=$${fn#func }; pkg=./$$(dirname $$file); \
		echo "fuzz $$name in $$pkg"; \
		$(GO) test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=1s $$pkg || exit 1; \
	done

clean:
	rm -rf bin $(OUT)

# Benchmarks (docs/performance.md): synthetic data at scales 1, 10, 100, 1000, synergy
# against a hand-written DuckDB baseline; the table goes into docs/performance.md.
.PHONY: bench bench-quick bench-query
bench:
	scripts/bench.sh 1 10 100 1000
	scripts/bench-query.sh

# synergy query printing 100,000 generated rows as a table and as CSV (and JSON,
# Markdown): the table should take at most twice the CSV time
bench-query:
	scripts/bench-query.sh

# scale 10 only, for a quick check (about 15 s on an idle machine)
bench-quick:
	BENCH_DOC=0 scripts/bench.sh 10

# Figures the docs quote from the data (docs/figures.sql, package docsgen): a run of
# the shipped datasets into a fresh output root, at the as-of date the docs and the
# tests use, then every marked block rewritten (docs) or compared (docs-check).
DOCS_AS_OF   := 2026-11-27
DOCS_OUT     ?= $(OUT)/docs-run
DOCS_FILES   := README.md datasets/README.md $(sort $(wildcard docs/*.md))
DOCS_QUERIES := docs/figures.sql
docs docs-check: build
	rm -rf $(DOCS_OUT)
	./$(BIN) run -q --datasets datasets --out $(DOCS_OUT) --as-of $(DOCS_AS_OF) >/dev/null
	./$(BIN) docs --out $(DOCS_OUT) --as-of $(DOCS_AS_OF) --queries $(DOCS_QUERIES) $(if $(filter docs-check,$@),--check) $(DOCS_FILES)
