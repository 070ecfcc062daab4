#!/usr/bin/env bash
# emoji64 v3, one run: train on from the shipped weights, export over them, then the fixture,
# the evaluation and the models index (docs/MODEL_CARD.md, "Version 3"). Each later run is this
# script again with a new seed (train/config.py, emoji64-v3): it warm-starts from the last export.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
$PY -m train.train --config emoji64-v3 --init public/models/emoji64 --resume
$PY -m train.export --config emoji64-v3 --out public/models/emoji64
$PY -m train.fixture --model emoji64
$PY -m train.classifier
$PY -m train.eval_cond
$PY -m train.models_index
