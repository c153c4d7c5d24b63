#!/usr/bin/env bash
# NLU benchmark: 5-fold cross-validation of the intent classifier and FAQ selector,
# and the profile extractor on the annotated corpora in tests/data/ (held-out first).
# Writes var/bench/nlu/ and prints a summary. Not a test: it takes 20-30 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=var/bench/nlu
rm -rf "$out" && mkdir -p "$out"
export RASA_TELEMETRY_ENABLED=false
start=$(date +%s)
.venv/bin/rasa test nlu --nlu bot/data --config config.yml --cross-validation --folds "${FOLDS:-5}" \
  --out "$out" >"$out/rasa.log" 2>&1 || { tail -n 40 "$out/rasa.log"; exit 1; }
echo "cross-validation: $(( $(date +%s) - start )) s"
PYTHONPATH=. .venv/bin/python -m bot.benchmarks.nlu_report "$out"
for corpus in profiel_benchmark_heldout profiel_benchmark profiel_ontwikkelset; do
  echo "$corpus:"
  PYTHONPATH=. .venv/bin/python -m bot.benchmarks.entities "tests/data/$corpus.yml"
done
