#!/bin/sh
# Red team 12: photographs and captures of screens and film.
#   benchmarks/redteam12/run.sh SEED OUT [SLIDESAN]
# SLIDESAN defaults to `slidesan`; pictures and reports go under OUT (never into the project).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
SEED=${1:-12}; OUT=${2:-/tmp/rt12}; SLIDESAN=${3:-slidesan}
PY=${PYTHON:-python}
mkdir -p "$OUT/out"
[ -f "$OUT/truth.json" ] || { $PY "$HERE/gen.py" --seed "$SEED" --count 90 --out "$OUT/pics" && mv "$OUT/pics/truth.json" "$OUT/truth.json"; }
[ -d "$OUT/decks" ] || $PY "$HERE/mkdecks.py" "$OUT/pics" "$OUT/decks"
$SLIDESAN check "$OUT/pics" -j 1 -q --report-json "$OUT/out/folder.json" > "$OUT/out/folder.log" 2>&1 || true
$PY "$HERE/score.py" "$OUT/truth.json" "$OUT/out/folder.json"
for deck in "$OUT"/decks/*.pptx; do
  stem=$(basename "$deck" .pptx)
  $SLIDESAN check "$deck" -q --report-json "$OUT/out/$stem.check.json" > "$OUT/out/$stem.check.log" 2>&1 || true
  $SLIDESAN clean "$deck" -o "$OUT/out/$stem.cleaned.pptx" -q > "$OUT/out/$stem.clean.log" 2>&1 || true
  [ -f "$OUT/out/$stem.cleaned.pptx" ] && $SLIDESAN check "$OUT/out/$stem.cleaned.pptx" -q \
      --report-json "$OUT/out/$stem.cleaned-check.json" > "$OUT/out/$stem.cleaned-check.log" 2>&1 || true
done
$PY "$HERE/score_decks.py" "$OUT/decks" "$OUT/out"
grep -l Traceback "$OUT"/out/*.log && echo "TRACEBACKS above" || echo "no tracebacks"
