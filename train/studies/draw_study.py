"""Paired short runs that differ only in how a batch draws its images (TrainConfig.draw), judged
on what the draw is meant to change: recognisability per category.

    python3 -m train.studies.draw_study emoji64-v3=train/runs/emoji64-v3-seed5 \
        emoji64-v3-emojidraw=train/runs/emoji64-v3-emojidraw-seed5 [--w 4] [--per-class 32]

For each CONFIG=RUN_FOLDER (its ckpt.pt's EMA weights): guided samples at weight w asking every
category equally often (--per-class each, vendor unknown), their GAN-test accuracy per category
(train.classifier) and background speckle; the unconditional model's SWD on --n samples against
the held-out split, beside a floor of the same size, and its speckle; and the guided 8 x 8 grid
of train.eval_cond (a row per category). Every run starts from the same noises, so the numbers
are paired. Results: docs/model/v3/draw/<config>.json and .png.
"""
import argparse
import json
import os
import time

import torch
from PIL import Image

from .. import data as data_mod
from ..classifier import accuracy_by_class, load_or_train, predict
from ..config import get_config
from ..eval import heldout_without_train_duplicates, speckle, swd, swd_floor
from ..eval_cond import uniform_asked
from ..labels import CATEGORIES
from ..model import UNet
from ..sample import generate, grid_image

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))    # train/
OUT = os.path.join(os.path.dirname(HERE), "docs", "model", "v3", "draw")


def load_ema(config_name, run_dir):
    """The EMA weights of run_dir/ckpt.pt as an eval-mode UNet of config_name's model."""
    cfg = get_config(config_name)
    ck = torch.load(os.path.join(run_dir, "ckpt.pt"), map_location="cpu")
    model = UNet(cfg.model)
    model.load_state_dict(ck["ema"])
    return model.eval(), ck


def sampling_of(name, shift=None, spacing="uniform-t"):
    """(schedule shift, file tag) for sampling arm `name`. By default each arm samples on its own
    training schedule with steps uniform in t, as train.eval_cond (an arm trained with a shift,
    probe64-shift, samples with it; 0 for every other) and its files are named after it; asking
    another shift or spacing separates what the sampling schedule does from what training did, and
    the tag names both."""
    own = get_config(name).schedule_shift
    if shift is None and spacing == "uniform-t":
        return own, name
    shift = own if shift is None else shift
    return shift, f"{name}_{spacing}_shift{shift:+g}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+", help="CONFIG=RUN_FOLDER")
    ap.add_argument("--w", type=float, default=4.0)
    ap.add_argument("--per-class", type=int, default=32)
    ap.add_argument("--n", type=int, default=300, help="unconditional samples for the SWD")
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--spacing", choices=("uniform-t", "uniform-logsnr"), default="uniform-t",
                    help="the sampler's step spacing (uniform-logsnr: the app's default)")
    ap.add_argument("--shift", type=float, default=None,
                    help="sample every arm with this schedule shift instead of its own")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    d = data_mod.build()
    train, held = d["train"], heldout_without_train_duplicates(d["train"], d["heldout"])
    count = 128 * len(held)
    classifier, real_acc, real_per = load_or_train()
    floor = swd_floor(train, held, args.n, count)
    lab = uniform_asked(args.per_class)
    grid_lab = torch.tensor([[1 + (k // 8) % len(CATEGORIES), 0] for k in range(64)])
    for spec in args.runs:
        name, run_dir = spec.split("=", 1)
        model, ck = load_ema(name, run_dir)
        shift, tag = sampling_of(name, args.shift, args.spacing)
        t0 = time.time()
        s = generate(model, len(lab), args.steps, seed=0, labels=lab, guidance=args.w, shift=shift,
                     spacing=args.spacing)
        acc, per = accuracy_by_class(predict(classifier, s), lab[:, 0].numpy())
        u = generate(model, args.n, args.steps, seed=0, shift=shift, spacing=args.spacing)
        res = dict(config=name, run=run_dir, train_steps=ck["step"], w=args.w, shift=shift,
                   spacing=args.spacing,
                   per_class=args.per_class, gan_test_uniform=acc,
                   gan_test_per_class={k: a for k, (a, _) in per.items()},
                   guided_frac_offwhite=speckle(s)[1],
                   unconditional=dict(swd=swd(u, held, count, seed=1),
                                      frac_offwhite=speckle(u)[1]),
                   floor=floor, classifier_heldout_accuracy=real_acc,
                   classifier_heldout_per_class={k: a for k, (a, _) in real_per.items()})
        g = generate(model, 64, args.steps, seed=1, labels=grid_lab, guidance=args.w, shift=shift,
                     spacing=args.spacing)
        Image.fromarray(grid_image(g, 8)).save(os.path.join(args.out, f"{tag}.png"))
        res["eval_s"] = round(time.time() - t0, 1)
        print(json.dumps(res), flush=True)
        with open(os.path.join(args.out, f"{tag}.json"), "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
