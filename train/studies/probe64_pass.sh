#!/usr/bin/env bash
# Issue 25's high-frequency pass probe (train/config.py, probe64-*): the shipped emoji64 v3
# trained on for the same 900 steps with the same seed, once as it is and once with the pass,
# side by side on one thread each (the same batches, t draws and noise), then both judged on the
# same noises by train.studies.draw_study (guided GAN-test and off-white share, unconditional SWD,
# an 8 x 8 grid each). Needs an AMX or avx512_bf16 CPU (~20 min of training, ~10 of evaluation)
# and an otherwise quiet machine. Results: docs/model/v3/pass/.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
$PY -c "from train import data; data.build()"          # once, before the two runs (no race)
for name in probe64-plain probe64-pass; do
  $PY -m train.train --config "$name" --init public/models/emoji64 --threads 1 --resume \
    --out "train/runs/$name" > "train/runs/$name.out" 2>&1 &
done
wait
$PY -m train.studies.draw_study probe64-plain=train/runs/probe64-plain \
  probe64-pass=train/runs/probe64-pass --out docs/model/v3/pass
