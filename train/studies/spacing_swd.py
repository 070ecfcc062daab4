"""The unconditional SWD of exported emoji64 models with the app's step spacing beside
train.eval_cond's: the evaluation of emoji64 v3 samples with steps uniform in t (runs 1-6, kept so
the runs stay comparable), while the app spaces them uniformly in lambda by default, and the
recipe probe found the two far apart (docs/MODEL_CARD.md, "Outcome of the recipe probes").

    python3 -m train.studies.spacing_swd run5=train/runs/emoji64-v3-seed9/export \
        run6=public/models/emoji64 [--n 500] [--shift S] [--out docs/model/v3/spacing.json]

For each NAME=EXPORT_FOLDER and each spacing: --n unconditional samples from eval_cond's noises
(seed 0) on the model's own training schedule (its manifest's shift, or --shift), their SWD
against the held-out split and their off-white share, beside the floor for the same n (train.eval.swd_floor).
"""
import argparse
import json
import os
import time

import torch

from ..data import build_dataset
from ..eval import heldout_without_train_duplicates, speckle, swd, swd_floor
from ..export import load_model
from ..sample import generate

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                   "docs", "model", "v3", "spacing.json")
SPACINGS = ("uniform-t", "uniform-logsnr")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+", help="NAME=EXPORT_FOLDER")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shift", type=float, default=None,
                    help="sample on the cosine moved by this shift instead of each model's own "
                         "(run 5 on run 6's grid: what the sampling grid alone does)")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    d = build_dataset("emoji64")
    train, held = d["train"], heldout_without_train_duplicates(d["train"], d["heldout"])
    count = 128 * len(held)
    floor = swd_floor(train, held, args.n, count)
    res = dict(n=args.n, steps=args.steps, floor_train_subset=floor, models={})
    for spec in args.models:
        name, folder = spec.split("=", 1)
        with open(os.path.join(folder, "model.json")) as f:
            meta = json.load(f)["snrlab"]
        shift = float(meta["schedule"]["shift"]) if args.shift is None else args.shift
        model = load_model(folder)
        res["models"][name] = dict(export=folder, shift=shift,
                                   images_seen_total=meta.get("images_seen_total"))
        for spacing in SPACINGS:
            t = time.time()
            u = generate(model, args.n, args.steps, seed=0, shift=shift, spacing=spacing)
            res["models"][name][spacing] = dict(swd(u, held, count, seed=1),
                                                frac_offwhite=speckle(u)[1],
                                                sampling_s=round(time.time() - t, 1))
            print(name, spacing, json.dumps(res["models"][name][spacing]), flush=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
