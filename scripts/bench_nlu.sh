#!/usr/bin/env bash
# NLU benchmark (bot/benchmarks/nlu.py): 5-fold cross-validation of the intent model, the
# trained model on both held-out sets (intents, FAQ topics, parse time), profile entities
# on the independent set and the other annotated corpora, the fallback trade-off plot.
# Writes var/bench/nlu/ and prints a summary. Not a test: it takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
mkdir -p var/bench
PYTHONPATH=. .venv/bin/python -m bot.benchmarks.nlu --model bot/models/onderwijsloket.tar.gz --out var/bench/nlu \
  --folds "${FOLDS:-5}" 2> var/bench/nlu.log || { tail -n 40 var/bench/nlu.log; exit 1; }
for corpus in profiel_benchmark_heldout profiel_benchmark profiel_ontwikkelset profiel_vrij_heldout profiel_vrij_ontwikkel profiel_vrij2_heldout profiel_vrij2_ontwikkel; do
  echo "$corpus:"
  PYTHONPATH=. .venv/bin/python -m bot.benchmarks.entities "tests/data/$corpus.yml"
done
