#!/usr/bin/env bash
# check-notebooks.sh: execute every notebook in notebooks/ against a fresh snapshot of
# datasets/ and prove each result is a valid notebook that Jupyter's tools render.
#
#   1. installs Debian's jupyter-nbconvert if missing (it brings nbformat for the
#      system python3; the pyenv python3 first on PATH does not see them),
#   2. builds synergy and runs the pipeline on datasets/ into a temporary output root,
#   3. executes the notebooks with `synergy notebook run` into a temporary folder
#      (fails on any cell error, naming notebook and cell),
#   4. validates each executed notebook with nbformat, checks it is in nbformat's
#      on-disk form, and renders it to HTML with nbconvert.
#
# Usage: scripts/check-notebooks.sh [NOTEBOOK...]     (default: notebooks/*.ipynb)
# Env:   KEEP=1 keeps the temporary folder and prints its path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PY=/usr/bin/python3
NBCONVERT=/usr/bin/jupyter-nbconvert
AS_OF=2026-11-27 # fixed, like the tests, so results do not depend on the day

start=$SECONDS
step() { printf '[%3ds] %s\n' "$((SECONDS - start))" "$*"; }

if [[ ! -x $NBCONVERT ]] || ! $PY -c 'import nbformat' 2>/dev/null; then
	step "installing jupyter-nbconvert (Debian)"
	if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
	if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends jupyter-nbconvert >/dev/null; then
		"${SUDO[@]}" apt-get update -qq
		"${SUDO[@]}" apt-get install -y -qq --no-install-recommends jupyter-nbconvert >/dev/null
	fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/synergy-notebooks.XXXXXX")"
if [[ ${KEEP:-} == 1 ]]; then
	trap 'echo "kept $tmp"' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi

step "building synergy"
go build -o "$tmp/synergy" ./cmd/synergy
if ! "$tmp/synergy" help 2>/dev/null | grep -qE '^  notebook '; then
	echo "check-notebooks: synergy has no 'notebook' command: register notebookCmd in pipeline/cli/cli.go" >&2
	exit 1
fi

step "running the pipeline on datasets/"
"$tmp/synergy" run -q --datasets datasets --out "$tmp/out" --as-of "$AS_OF" >"$tmp/run.log"

if [[ $# -gt 0 ]]; then notebooks=("$@"); else notebooks=(notebooks/*.ipynb); fi
step "executing ${#notebooks[@]} notebooks"
"$tmp/synergy" notebook run --out "$tmp/out" --output-dir "$tmp/executed" "${notebooks[@]}"

step "validating"
$PY - "$tmp"/executed/*.ipynb <<'PY'
import sys
import nbformat

failed = False
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
        if (nb.nbformat, nb.nbformat_minor) < (4, 5):
            raise ValueError(f"nbformat {nb.nbformat}.{nb.nbformat_minor}, want 4.5")
        errors = [c.get("id") for c in nb.cells if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        if errors:
            raise ValueError(f"error outputs in cells {errors}")
        if nbformat.writes(nb) + "\n" != text:
            raise ValueError("not in nbformat's on-disk form (nbformat.writes differs)")
        print(f"  valid     {path}")
    except Exception as e:  # report every notebook, then fail
        print(f"check-notebooks: {path}: {type(e).__name__}: {e}", file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
PY

step "rendering to HTML"
$NBCONVERT --to html --log-level WARN --output-dir "$tmp/html" "$tmp"/executed/*.ipynb
for nb in "$tmp"/executed/*.ipynb; do
	html="$tmp/html/$(basename "${nb%.ipynb}").html"
	if [[ ! -s $html ]] || ! grep -q '<table>' "$html"; then
		echo "check-notebooks: $(basename "$nb"): no HTML tables rendered" >&2
		exit 1
	fi
	printf '  rendered  %s (%s bytes)\n' "$html" "$(wc -c <"$html")"
done
step "all ${#notebooks[@]} notebooks executed, valid and rendered"
