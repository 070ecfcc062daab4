"""Where the 128 px pair's off-white background pixels are (docs/MODEL_CARD_128.md).

    python3 -m train.studies.offwhite_rings [--keep DIR]

The issue's background measure (train.eval.speckle: the share of near-white background pixels
more than 6 levels off white) is one number per cell; it cannot tell a tint over the whole
background from a halo of soft object edges, and the lever differs (a tint is a colour error of
the coarse bands, a halo a want of sharpness at the finest). train.eval.offwhite_by_distance splits
it by the distance of each background pixel from the nearest object pixel. Read on the samples
train.studies.eval_shift kept (by default train/runs/eval_shift/*.npy, every cell of its last run;
--keep names another folder, as eval_shift's own --keep does) and on the real held-out images beside
them; writes docs/model128/offwhite_rings.json.
"""
import argparse
import glob
import json
import os

import numpy as np

from ..data import build_dataset
from ..eval import heldout_without_train_duplicates, offwhite_by_distance, speckle
from .eval_shift import DOCS, KEEP


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", default=KEEP, help="the folder of eval_shift's kept samples")
    args = ap.parse_args()
    d = build_dataset("twemoji128")
    held = heldout_without_train_duplicates(d["train"], d["heldout"])
    res = dict(real_heldout=dict(frac_offwhite=speckle(held)[1], rings=offwhite_by_distance(held)),
               cells={})
    for path in sorted(glob.glob(os.path.join(args.keep, "*.npy"))):
        samples = np.load(path)
        key = os.path.basename(path)[:-4]
        res["cells"][key] = dict(n=len(samples), frac_offwhite=speckle(samples)[1],
                                 rings=offwhite_by_distance(samples))
        print(key, " ".join(f"{r['ring']}: {r['share']:.3f}" for r in res["cells"][key]["rings"]),
              flush=True)
    with open(os.path.join(DOCS, "offwhite_rings.json"), "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
