#!/usr/bin/env bash
# Issue 25's paired probes of emoji64 v3 (train/config.py, probe64-*): the shipped emoji64 trained
# on for the same steps with the same seed (the same batches, t draws and noise) once per config,
# two at a time on one thread each, then all judged on the same noises by
# train.studies.draw_study (guided GAN-test and off-white share, unconditional SWD, an 8 x 8 grid
# each). Needs an AMX or avx512_bf16 CPU (~17 min of training per two arms of 900 steps, ~3.5 min
# of evaluation per arm) and an otherwise quiet machine.
#   bash train/studies/probe64.sh docs/model/v3/pass probe64-plain probe64-pass     (run 2026-12-05)
#   bash train/studies/probe64.sh docs/model/v3/flip probe64-noflip probe64-flip    (run 2026-12-05)
#   bash train/studies/probe64.sh docs/model/v3/recipe probe64-control probe64-laplace \
#        probe64-shift probe64-emapow probe64-constlr                                (run 2026-12-05)
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OUT_DIR CONFIG_A CONFIG_B [CONFIG ...]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
OUT=$1; shift
$PY -c "from train import data; data.build()"          # once, before the runs (no race)
train_one() {
  set -e
  $PY -m train.train --config "$1" --init public/models/emoji64 --threads 1 --resume \
    --out "train/runs/$1" > "train/runs/$1.out" 2>&1
  $PY -m train.export --config "$1" --ckpt "train/runs/$1/ckpt.pt" --out "train/runs/$1/export"
}
export -f train_one; export PY
printf '%s\n' "$@" | xargs -P 2 -I{} bash -c 'train_one {}'
args=(); for name in "$@"; do args+=("$name=train/runs/$name"); done
$PY -m train.studies.draw_study "${args[@]}" --out "$OUT"
