#!/usr/bin/env bash
# Issue 14, end to end: train the 128 px pair side by side (one thread each, so both see the same
# machine), export both, write their parity fixtures, evaluate them as a pair, rebuild the models
# index. Keep the machine otherwise quiet while it trains (~85 min on 2 cores); every step resumes.
#   bash train/emoji128.sh [--n 500]          (arguments go to train.studies.eval_shift)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
PAIR=(emoji128-cosine emoji128-shifted)
mkdir -p train/runs
for name in "${PAIR[@]}"; do
  $PY -m train.train --config "$name" --threads 1 --resume > "train/runs/$name.out" 2>&1 &
done
wait
for name in "${PAIR[@]}"; do
  $PY -m train.export --config "$name"
  $PY -m train.fixture --model "$name"
done
$PY -m train.studies.eval_shift "$@"
$PY -m train.models_index
