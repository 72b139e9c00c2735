# synergy — see README.md. Targets are verbs; `make help` lists them.
GO      ?= go
BIN     := bin/synergy
OUT     ?= out
DATA    ?= datasets
# Pinned in go.mod: github.com/duckdb/duckdb-go/v2 v2.10506.0 (DuckDB 1.5.6).
GOFLAGS_TEST ?= -count=1 -timeout 25m

.PHONY: help deps test-deps build run test vet fmt fmt-check tidy-check fuzz clean

help:
	@echo "make run       install what is missing, build, run the pipeline on $(DATA)/ into $(OUT)/"
	@echo "make test      vet, format check, and every test (unit, golden, end-to-end)"
	@echo "make fuzz      each reader's fuzz target for FUZZTIME (default 60s)"
	@echo "make build     build $(BIN)"
	@echo "make clean     remove $(BIN) and $(OUT)/"

# Go and a C compiler (the DuckDB driver is linked with cgo). Go modules are fetched
# by the go command itself.
deps:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/" >&2; exit 1; }
	@command -v gcc >/dev/null && command -v g++ >/dev/null || { \
		echo "installing gcc/g++ (cgo for DuckDB)"; \
		apt-get update -qq && apt-get install -y -qq gcc g++ >/dev/null; }
	@$(GO) mod download

# What the tests need beyond Go: Chromium (the report is checked in a real browser) and
# nbconvert (executed notebooks are validated and rendered). Debian packages.
test-deps: deps
	@command -v chromium >/dev/null && [ -x /usr/bin/jupyter-nbconvert ] || { \
		echo "installing chromium and jupyter-nbconvert (Debian)"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium jupyter-nbconvert python3-nbformat >/dev/null; }

build: deps
	$(GO) build -o $(BIN) ./cmd/synergy

run: build
	./$(BIN) run --datasets $(DATA) --out $(OUT)

test: test-deps vet fmt-check
	$(GO) test $(GOFLAGS_TEST) ./...
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

tidy-check:
	$(GO) mod tidy && git diff --exit-code go.mod go.sum

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
.PHONY: bench bench-quick
bench:
	scripts/bench.sh 1 10 100 1000

# scale 10 only, for a quick check (about 15 s on an idle machine)
bench-quick:
	BENCH_DOC=0 scripts/bench.sh 10
