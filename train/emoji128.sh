#!/usr/bin/env bash
# The 128 px pair (issue 26, docs/MODEL_CARD_128.md), one run: train both side by side (one thread
# each, so both see the same machine), export both, write their parity fixtures, evaluate them as
# a pair, rebuild the models index. Run 1 started from scratch; each later run is this script again
# with a new seed in train/config.py (emoji128w-*): it warm-starts both from their last exports,
# with the same seed and steps, so the pair stays equal. Keep the machine otherwise quiet.
#   bash train/emoji128.sh [--n 500 --steps 25]      (arguments go to train.studies.eval_shift;
#                                                      none: --steps 25, the run-by-run table's)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
PAIR=($($PY -c "from train.models_index import COMPARE; print(*COMPARE)"))
SEED=$($PY -c "from train.config import get_config; print(get_config('${PAIR[0]}').seed)")
mkdir -p train/runs
# Build (or load) the data once, before the two runs start: both building it at once raced (one
# listed the SVG folder while the other was still unpacking it, and trained on 2,774 images of 3,405).
$PY -c "from train import data; from train.config import get_config; data.build_dataset(get_config('${PAIR[0]}').dataset)"
for name in "${PAIR[@]}"; do
  INIT=()
  if [ "$SEED" != 1 ]; then INIT=(--init "public/models/$name"); fi
  $PY -m train.train --config "$name" --threads 1 --resume "${INIT[@]}" \
    --out "train/runs/$name-seed$SEED" > "train/runs/$name-seed$SEED.out" 2>&1 &
done
wait
for name in "${PAIR[@]}"; do
  $PY -m train.export --config "$name" --ckpt "train/runs/$name-seed$SEED/ckpt.pt" --out "public/models/$name"
  $PY -m train.fixture --model "$name"
done
# eval_shift's own default adds 50-step cells (the 2,000-sample table's); run by run, 25 steps
if [ $# -eq 0 ]; then set -- --steps 25; fi
$PY -m train.studies.eval_shift "$@"
# A conditional pair (run 7 on) is also judged by the GAN-test, each model on its own schedule with
# steps uniform in lambda as the app samples (docs/model128/cond/<name>/; ~15 min per model here).
if $PY -c "import sys; from train.config import get_config; sys.exit(not get_config('${PAIR[0]}').model.num_classes)"; then
  for name in "${PAIR[@]}"; do
    $PY -m train.eval_cond --model "public/models/$name" --spacing uniform-logsnr --n 100 --n-guided 180 --w 1 2 4
  done
fi
$PY -m train.models_index
