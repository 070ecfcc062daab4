"""The closest samples to the training set, shown beside their nearest training image
(docs/MODEL_CARD_128.md, memorisation). train.eval_cond reports the closest distance as a number;
a number at the held-out 1st percentile can be a copy or a plain emoji that many real ones are
close to (a yellow face on white), and only the picture tells which.

    python3 -m train.studies.nearest_pairs [--samples A.npy B.npy] [--k 8] [--out PNG]

Default samples: the guided samples train.eval_cond kept for the 128 px pair at w = 4. Writes the
picture (per samples file, a row of its k closest samples over a row of their nearest training
images) and a .json beside it (each pair's distance and training index, and the held-out 1st
percentile, the line the card reads them against).
"""
import argparse
import json
import os

import numpy as np
from PIL import Image

from ..data import build_dataset
from ..eval import heldout_without_train_duplicates, nearest_distances
from ..models_index import COMPARE
from ..sample import grid_image
from .eval_shift import DOCS, HERE


def closest_pairs(samples, train, k):
    """The k samples nearest to the training set, closest first: (sample indices, their distances,
    their nearest training images' indices)."""
    dist, idx = nearest_distances(samples, train)
    order = np.argsort(dist, kind="stable")[:k]
    return order, dist[order], idx[order]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", nargs="+",
                    default=[os.path.join(HERE, "runs", f"{n}_guided_w4.npy") for n in COMPARE])
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--out", default=os.path.join(DOCS, "cond", "nearest_pairs_w4.png"))
    args = ap.parse_args()
    d = build_dataset("twemoji128")
    train = d["train"]
    held = heldout_without_train_duplicates(train, d["heldout"])
    dh, _ = nearest_distances(held, train)
    res = dict(heldout_p1=float(np.percentile(dh, 1)), samples={})
    rows = []
    for path in args.samples:
        samples = np.load(path)
        order, dist, nearest = closest_pairs(samples, train, args.k)
        res["samples"][os.path.basename(path)] = [
            dict(sample=int(i), distance=float(x), train_index=int(j))
            for i, x, j in zip(order, dist, nearest)]
        rows += [samples[order], train[nearest]]
        print(os.path.basename(path), " ".join(f"{x:.3f}" for x in dist), flush=True)
    Image.fromarray(grid_image(np.concatenate(rows), args.k)).save(args.out)
    with open(args.out[:-4] + ".json", "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
