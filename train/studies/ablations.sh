#!/usr/bin/env bash
# The paired ablations of docs/MODEL_CARD.md ("Model v2: ablations"), one after another (keep the
# machine otherwise quiet). Each run resumes if interrupted; each is evaluated as soon as it ends.
#   bash train/studies/ablations.sh [names...]     (default: all of train.config.ABLATIONS, in order)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <($PY -c 'from train.config import ABLATIONS; print("\n".join(ABLATIONS))')
fi
for name in "${names[@]}"; do
  $PY -m train.train --config "$name" --resume
  $PY -m train.studies.ablate "$name"
done
