#!/usr/bin/env bash
# Issue 25's paired probes of emoji64 v3 (train/config.py, probe64-*): the shipped emoji64 trained
# on twice for the same steps with the same seed (the same batches, t draws and noise), once per
# config, side by side on one thread each, then both judged on the same noises by
# train.studies.draw_study (guided GAN-test and off-white share, unconditional SWD, an 8 x 8 grid
# each). Needs an AMX or avx512_bf16 CPU (~17 min of training for 900 steps, ~6 of evaluation)
# and an otherwise quiet machine.
#   bash train/studies/probe64.sh probe64-plain probe64-pass docs/model/v3/pass    (run 2026-12-05)
#   bash train/studies/probe64.sh probe64-noflip probe64-flip docs/model/v3/flip   (prepared)
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 CONFIG_A CONFIG_B OUT_DIR" >&2; exit 2; }
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
$PY -c "from train import data; data.build()"          # once, before the two runs (no race)
for name in "$1" "$2"; do
  $PY -m train.train --config "$name" --init public/models/emoji64 --threads 1 --resume \
    --out "train/runs/$name" > "train/runs/$name.out" 2>&1 &
done
wait
$PY -m train.studies.draw_study "$1=train/runs/$1" "$2=train/runs/$2" --out "$3"
