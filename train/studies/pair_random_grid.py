"""What compare mode shows a class at its defaults, once the 128 px pair is conditional: an 8 x 8
grid per model, both from the same noises and asked the same classes, each drawn at random among
the classes both models' evaluations found clear, at the first model's default w (the app's rule:
src/ui/sampler/conditioning.ts askPair). It is the grid the card counts by eye; train.eval_cond's
grids ask one category per row, which is not what a viewer sees.

    python3 -m train.studies.pair_random_grid [--n 64] [--seed 1]

Reads the pair, their default w and random classes from public/models/index.json (as the app
does); samples on each model's own schedule, steps uniform in lambda (the app's default), 25 steps.
Writes docs/model128/cond/pair_random_w<w>.png (cosine left, shifted right) and .json (the asked
class of each cell, row by row, and what the 128 px classifier calls each sample).
"""
import argparse
import json
import os

import numpy as np
import torch
from PIL import Image

from ..classifier import load_or_train, predict
from ..export import load_model
from ..models_index import INDEX
from ..sample import generate, grid_image
from .eval_shift import DOCS, ROOT


def pair_draw(entries):
    """(class names, w) compare mode asks the pair: the first model's w; classes drawn among both
    models' random classes (none in common, or none listed: every class)."""
    first, second = entries
    if first.get("classes") != second.get("classes") or not first.get("classes"):
        raise SystemExit("the pair is not conditional on the same classes: nothing to ask")
    common = [c for c in first.get("randomClasses", []) if c in second.get("randomClasses", [])]
    return (common or first["classes"]), float(first["guidance"]["default"])


def ask(names, classes, n, seed):
    """n category rows (1-based: row 0 is unknown) drawn uniformly among `names`."""
    rng = np.random.RandomState(seed)
    drawn = rng.choice(len(names), n)
    return [names[k] for k in drawn], np.array([classes.index(names[k]) + 1 for k in drawn])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=25)
    args = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("SNRLAB_THREADS", "2")))
    with open(INDEX) as f:
        index = json.load(f)
    entries = [next(m for m in index["models"] if m["name"] == name) for name in index["compare"]]
    names, w = pair_draw(entries)
    classes = entries[0]["classes"]
    asked, rows = ask(names, classes, args.n, args.seed)
    labels = torch.from_numpy(np.stack([rows, np.zeros_like(rows)], 1)).long()
    classifier, _, _ = load_or_train(None, dataset="twemoji128")
    out = dict(w=w, steps=args.steps, seed=args.seed, drawn_from=names, asked=asked, models={})
    grids = []
    for entry in entries:
        model = load_model(os.path.join(ROOT, "public", "models", entry["name"]))
        shift = float(entry["trainingSchedule"]["shift"])
        s = generate(model, args.n, args.steps, seed=args.seed, labels=labels, guidance=w,
                     shift=shift, spacing="uniform-logsnr")
        called = [classes[k - 1] for k in predict(classifier, s)]      # rows 1..9
        out["models"][entry["name"]] = dict(
            classifier_says=called,
            classifier_agrees=float(np.mean([a == c for a, c in zip(asked, called)])))
        grids.append(grid_image(s, 8))
        print(entry["name"], out["models"][entry["name"]]["classifier_agrees"], flush=True)
    gap = np.full((grids[0].shape[0], 16, 3), 255, np.uint8)
    docs = os.path.join(DOCS, "cond")
    os.makedirs(docs, exist_ok=True)
    stem = os.path.join(docs, f"pair_random_w{w:g}")
    Image.fromarray(np.concatenate([grids[0], gap, grids[1]], 1)).save(stem + ".png")
    with open(stem + ".json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
