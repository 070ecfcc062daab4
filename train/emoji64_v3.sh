#!/usr/bin/env bash
# emoji64 v3, one run: train on from the shipped weights, export over them, then the fixture,
# the evaluation and the models index (docs/MODEL_CARD.md, "Version 3"). Each later run is this
# script again with a new seed (train/config.py, emoji64-v3): it warm-starts from the last export.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
# One run folder per seed: --resume continues this run after an interruption, and the next run
# (a new seed in train/config.py) starts fresh from the last export instead of resuming this one.
SEED=$($PY -c "from train.config import get_config; print(get_config('emoji64-v3').seed)")
RUN=train/runs/emoji64-v3-seed$SEED
# INIT: what the run warm-starts from; a probe's winning arm when a paired probe came first
# (run 4: INIT=train/runs/probe64-pass/export), else the last export.
INIT=${INIT:-public/models/emoji64}
$PY -m train.train --config emoji64-v3 --init "$INIT" --resume --out $RUN
$PY -m train.export --config emoji64-v3 --ckpt $RUN/ckpt.pt --out public/models/emoji64
$PY -m train.fixture --model emoji64
$PY -m train.classifier
# the issue's 2,000 samples (since run 6; runs 1-5 were judged on 500 / 180, the same first noises)
$PY -m train.eval_cond --n 2000 --n-guided 2000 --w 3 --no-interval --train-log $RUN/log.csv
$PY -m train.models_index
