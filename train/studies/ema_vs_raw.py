"""The shipped EMA weights against the raw weights at the end of a run (docs/MODEL_CARD_128.md).

    python3 -m train.studies.ema_vs_raw [--n 200] [--runs train/runs/<config>-seed<k> ...]

Why: every run of the 128 px pair ends with a cool-down of the learning rate to 0 over its last
quarter (750 of 3,000 steps), but the shipped weights are the EMA with decay 0.999, whose horizon
(~1,000 steps) reaches back past the cool-down into the constant-lr phase, where the weights are
noisier. The raw weights at lr = 0 are the cool-down's own average. Which of the two is better is
a question about the recipe (issue 25 lists the EMA among the candidates), and a cheap one: each
run's checkpoint (train/runs/..., not in git) holds both.

Both weights of each run are sampled from the same first n of train.studies.eval_shift's initial
noises (seed 0), on the model's own training schedule, steps uniform in lambda (the app's default),
DPM-Solver++(2M), 25 steps, float32 (neither is rounded to float16, so they are treated alike),
and scored as eval_shift scores them: SWD per band against the held-out split, the off-white share
and the background band RMS (train.eval.speckle). Writes docs/model128/ema_vs_raw.json and a
picture of the first 8 samples of each (EMA row above raw row, per run).
"""
import argparse
import glob
import json
import os
import time

import numpy as np
import torch

from ..config import get_config
from ..data import build_dataset
from ..diffusion import spaced_logsnr_grid
from ..eval import heldout_without_train_duplicates, speckle, swd
from ..model import UNet
from ..models_index import COMPARE
from ..sample import grid_image
from .eval_shift import DOCS, HERE, sample_on

NOISES_DRAWN = 500              # eval_shift's n: the noises are its first n, drawn as it draws them


def latest_runs():
    """The newest run folder of each model of the shipped pair (train/runs/<name>-seed<k>)."""
    out = []
    for name in COMPARE:
        found = [d for d in glob.glob(os.path.join(HERE, "runs", f"{name}-seed*"))
                 if os.path.exists(os.path.join(d, "ckpt.pt"))]
        if not found:
            raise FileNotFoundError(f"no train/runs/{name}-seed*/ckpt.pt: train the pair first")
        out.append(max(found, key=lambda d: int(d.rsplit("seed", 1)[1])))
    return out


def weights_of(run_dir):
    """(config, {"ema": UNet, "raw": UNet}) from a run's checkpoint."""
    ckpt = torch.load(os.path.join(run_dir, "ckpt.pt"), map_location="cpu")
    cfg = get_config(ckpt["config"]["name"])
    nets = {}
    for which in ("ema", "model"):
        net = UNet(cfg.model)
        net.load_state_dict(ckpt[which])
        nets["ema" if which == "ema" else "raw"] = net.eval()
    return cfg, nets, int(ckpt["step"])


def main():
    from PIL import Image
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--runs", nargs="+", default=None)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--out", default=os.path.join(DOCS, "ema_vs_raw.json"))
    args = ap.parse_args()
    assert args.n <= NOISES_DRAWN
    torch.set_num_threads(2)
    t0 = time.time()
    runs = args.runs or latest_runs()
    res = dict(n=args.n, steps=args.steps, spacing="uniform-logsnr", runs={})
    rows, size = [], None
    for run_dir in runs:
        cfg, nets, step = weights_of(run_dir)
        size = cfg.model.image_size
        d = build_dataset(cfg.dataset)
        held = heldout_without_train_duplicates(d["train"], d["heldout"])
        count = 128 * len(held)                       # as eval_shift
        noise = torch.randn((NOISES_DRAWN, size, size, 3),
                            generator=torch.Generator().manual_seed(0))[:args.n]
        lams = spaced_logsnr_grid(args.steps, "uniform-logsnr", cfg.schedule_shift)
        out = dict(config=cfg.name, step=step, ema_decay=cfg.ema_decay,
                   cooldown_steps=round(cfg.cooldown_frac * cfg.steps))
        for which, net in nets.items():
            t = time.time()
            with torch.no_grad():
                s = sample_on(net, noise, lams)
            band_rms, offwhite = speckle(s)
            out[which] = dict(swd(s, held, count, seed=1), frac_offwhite=offwhite,
                              background_band_rms=band_rms, sampling_s=round(time.time() - t, 1))
            rows.append(s[:8])
            print(cfg.name, which, json.dumps(out[which]), flush=True)
        res["runs"][os.path.basename(run_dir)] = out
    res["wall_s"] = round(time.time() - t0, 1)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    Image.fromarray(grid_image(np.concatenate(rows), 8)).save(args.out.replace(".json", ".png"))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
