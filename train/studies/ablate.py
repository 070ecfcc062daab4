"""Evaluate paired ablation runs the same way: SWD at 25 steps on the same noises, and a grid.

    python3 -m train.studies.ablate abl-base abl-cos ...  # after python3 -m train.train --config <name>

For each run folder train/runs/<name>/ (its ckpt.pt, EMA weights): n samples by DPM-Solver++(2M),
steps uniform in t on the run's own training schedule (cosine moved by its schedule_shift), all
from the same initial noise (seed 0), SWD x 1e3 against the held-out split exactly as train.eval
computes it, plus an 8 x 8 grid of the first 64 samples. Results go to
docs/model/ablations/<name>.json and .png; the model card tabulates them.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from PIL import Image

from .. import data as data_mod
from ..config import get_config
from ..eval import swd, heldout_without_train_duplicates
from ..model import UNet
from ..sample import generate, grid_image

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))    # train/
OUT = os.path.join(os.path.dirname(HERE), "docs", "model", "ablations")


def load_run_ema(name):
    """The EMA weights of train/runs/<name>/ckpt.pt as an eval-mode UNet, and the run's config."""
    cfg = get_config(name)
    ck = torch.load(os.path.join(HERE, "runs", name, "ckpt.pt"), map_location="cpu")
    model = UNet(cfg.model)
    model.load_state_dict(ck["ema"])
    return model.eval(), cfg, ck


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    d = data_mod.build()
    held = heldout_without_train_duplicates(d["train"], d["heldout"])
    count = 128 * len(held)
    for name in args.runs:
        model, cfg, ck = load_run_ema(name)
        t0 = time.time()
        samples = generate(model, args.n, args.steps, seed=0, shift=cfg.schedule_shift)
        res = dict(run=name, train_steps=ck["step"], train_wall_s=round(ck["wall_s"], 1),
                   n_samples=args.n, sampling_steps=args.steps, schedule_shift=cfg.schedule_shift,
                   swd=swd(samples, held, count, seed=1), eval_s=None)
        res["eval_s"] = round(time.time() - t0, 1)
        print(json.dumps(res), flush=True)
        with open(os.path.join(args.out, f"{name}.json"), "w") as f:
            json.dump(res, f, indent=1)
        Image.fromarray(grid_image(samples[:64], 8)).save(os.path.join(args.out, f"{name}.png"))


if __name__ == "__main__":
    main()
