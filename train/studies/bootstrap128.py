"""Paired bootstrap of the 128 px pair's SWD differences (issue 26, docs/MODEL_CARD_128.md).

    python3 -m train.studies.bootstrap128 [--reps 200] [--directions 64]

train.studies.eval_shift samples every cell of the 2x2 table (trained with/without the shift x
sampled with/without it, per spacing) from the same initial noises and keeps the samples
(train/runs/eval_shift/*.npy). So sample i of one cell and sample i of another share their noise,
and a difference between two cells can be bootstrapped in pairs: a replicate draws n sample
indices with replacement and uses the same indices in both cells. The held-out reference, the
descriptor positions and the projection directions stay those of eval_shift (the same seed; the
draws depend only on the sets' sizes), so the spread is what the finite number of samples leaves
uncertain, not the metric's own randomness (the two floors show that).

Replicates use the first `--directions` of eval_shift's 512 directions (a cheaper, slightly noisier
estimate of the same quantity). Per comparison and band the report gives the full-sample
difference with all 512 directions (the numbers in eval.json), the replicates' standard error, the
normal 95 % interval (difference ± 1.96 SE) and the share of replicates in which the difference
is below zero (the first cell better). Writes docs/model128/bootstrap.json.
"""
import argparse
import json
import os
import time

import numpy as np

from ..data import build_dataset
from ..eval import heldout_without_train_duplicates, laplacian_pyramid, pyramid_resolutions, \
    swd_of_resampled
from ..models_index import COMPARE
from .eval_shift import DOCS, KEEP
COSINE, SHIFTED = COMPARE                  # the shipped pair, as eval_shift samples it


def cell(model, sampled_on, steps, spacing):
    """eval_shift's key for a cell of the table."""
    return f"{model}|sampled-{sampled_on}|{steps}|{spacing}"


def comparisons(steps, spacing):
    """(what it asks, first cell, second cell); the difference is first minus second, so a
    negative difference means the first is closer to the real images."""
    c = lambda model, sampled_on: cell(model, sampled_on, steps, spacing)   # noqa: E731
    return [
        ("sampling with the shift, cosine-trained model", c(COSINE, SHIFTED), c(COSINE, COSINE)),
        ("sampling with the shift, shifted-trained model", c(SHIFTED, SHIFTED), c(SHIFTED, COSINE)),
        ("training with the shift, sampled on the shifted schedule", c(SHIFTED, SHIFTED),
         c(COSINE, SHIFTED)),
        ("training with the shift, sampled on the cosine schedule", c(SHIFTED, COSINE),
         c(COSINE, COSINE)),
        ("each model on its own schedule, shifted against cosine", c(SHIFTED, SHIFTED),
         c(COSINE, COSINE)),
    ]


def paired_bootstrap(cells, held_pyramid, resolutions, count, reps, directions, seed=0):
    """cells: {key: pyramid of that cell's n samples} (same n, same noises in the same order).
    Returns {key: {band: [reps] SWDs}}, each replicate's indices shared by every cell. The
    replicates depend only on the seed and n, so calls on different cells (e.g. one setting of
    the table at a time) draw the same replicates."""
    n = len(next(iter(cells.values()))[0])
    rng = np.random.RandomState(seed)
    scores = {key: swd_of_resampled(pyramid, held_pyramid, resolutions, count, seed=1,
                                    use_directions=directions) for key, pyramid in cells.items()}
    out = {key: {} for key in cells}
    for _ in range(reps):
        idx = rng.randint(0, n, n)
        for key, score in scores.items():
            for band, value in score(idx).items():
                out[key].setdefault(band, []).append(value)
    return out


def summarise(full, replicates, first, second):
    """Per band: the full-sample difference, the replicates' SE, the normal 95 % interval and the
    share of replicates with the first cell better."""
    out = {}
    for band in full[first]:
        if band not in replicates[first]:
            continue
        diff = np.asarray(replicates[first][band]) - np.asarray(replicates[second][band])
        d = full[first][band] - full[second][band]
        se = float(diff.std(ddof=1)) if len(diff) > 1 else 0.0
        out[band] = dict(difference=d, se=se, ci95=[d - 1.96 * se, d + 1.96 * se],
                         share_first_better=float((diff < 0).mean()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", default=KEEP, help="eval_shift's kept samples")
    ap.add_argument("--eval", default=os.path.join(DOCS, "eval.json"))
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--directions", type=int, default=64)
    ap.add_argument("--out", default=os.path.join(DOCS, "bootstrap.json"))
    args = ap.parse_args()
    with open(args.eval) as f:
        ev = json.load(f)
    d = build_dataset("twemoji128")
    held = heldout_without_train_duplicates(d["train"], d["heldout"])
    assert len(held) == ev["n_heldout"], "the held-out set differs from the one eval.json used"
    count = ev["descriptors"]
    resolutions = pyramid_resolutions(held.shape[1])
    held_pyramid = laplacian_pyramid(held, len(resolutions))
    cells = sorted({key for key, v in ev["swd"].items() if isinstance(v, dict) and "model" in v})
    settings = sorted({(ev["swd"][k]["steps"], ev["swd"][k]["spacing"]) for k in cells})
    res = dict(n_samples=ev["n_samples"], reps=args.reps, directions=args.directions,
               directions_full=ev["projections"], wall_s=None, comparisons=[])
    t0 = time.time()
    for steps, spacing in settings:      # one setting's four cells in memory at a time
        keys = [key for key in cells if ev["swd"][key]["steps"] == steps
                and ev["swd"][key]["spacing"] == spacing]
        pyramids = {}
        for key in keys:
            samples = np.load(os.path.join(args.keep, key.replace("|", "_") + ".npy"))
            assert len(samples) == ev["n_samples"], f"{key}: {len(samples)} kept samples, " \
                                                    f"eval.json says {ev['n_samples']}"
            pyramids[key] = laplacian_pyramid(samples, len(resolutions))
        replicates = paired_bootstrap(pyramids, held_pyramid, resolutions, count, args.reps,
                                      args.directions)
        for question, first, second in comparisons(steps, spacing):
            if first in replicates and second in replicates:
                res["comparisons"].append(dict(question=question, steps=steps, spacing=spacing,
                                               first=first, second=second,
                                               bands=summarise(ev["swd"], replicates, first,
                                                               second)))
    res["wall_s"] = round(time.time() - t0, 1)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    for c in res["comparisons"]:
        print(c["spacing"], c["steps"], c["question"], " ".join(
            f"{band}: {v['difference']:+.1f} ± {1.96 * v['se']:.1f} ({v['share_first_better']:.2f})"
            for band, v in c["bands"].items()))


if __name__ == "__main__":
    main()
