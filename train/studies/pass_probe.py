"""The high-frequency pass probe (issue 26, docs/MODEL_CARD_128.md): models that share data, size
and training schedule, each sampled on its own schedule from the SAME noises, scored on what the
pass is meant to change (background speckle, the pixel-level band of x0_hat's error) and on what
it should leave alone (the coarse SWD bands).

    python3 -m train.studies.pass_probe --models public/models/emoji128w-shifted \
        train/runs/probe128-plain/export train/runs/probe128-hfpass/export [--n 300] [--steps 25]

Pixel-band error: held-out images noised to lambda; the RMS, over pixels and colours, of the
pixel band (each pixel minus its 2x2 mean) of x0_hat - x0, against alpha*sigma*eps in that band,
which is what a network that ignored the noise would leave (x0_hat = x0 + (sigma/alpha) eps at
high lambda; alpha*sigma*eps exactly for x0_hat = alpha x_t - sigma v_hat with v_hat = alpha eps
- sigma x0 built from x0 alone). Results to <docs>/eval.json, rewritten after every cell.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from ..data import build_dataset
from ..diffusion import alpha_sigma_nhwc, spaced_logsnr_grid, to_model_range
from ..eval import heldout_without_train_duplicates, speckle, swd
from ..export import load_model
from ..sample import grid_image
from .eval_shift import manifest_of, sample_on

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PIXEL_BAND_LOGSNRS = (-4.0, -2.0, 0.0, 2.0, 4.0, 6.0)


def pixel_band(x):
    """NHWC minus its 2x2 block means (each mean repeated over its block)."""
    nchw = x.permute(0, 3, 1, 2)
    return (nchw - F.interpolate(F.avg_pool2d(nchw, 2), scale_factor=2, mode="nearest")).permute(0, 2, 3, 1)


@torch.no_grad()
def pixel_band_error(model, images, logsnrs, seed=0):
    """{lambda: (model's RMS, noise-ignoring RMS)} of the pixel band of x0_hat - x0 (see above)."""
    x0 = to_model_range(images)
    eps = torch.randn(x0.shape, generator=torch.Generator().manual_seed(seed))
    out = {}
    for lam in logsnrs:
        lams = torch.full((len(x0),), lam)
        alpha, sigma = alpha_sigma_nhwc(lams, torch.float32)
        x_t = alpha * x0 + sigma * eps
        x0_hat = alpha * x_t - sigma * model(x_t, lams)
        rms = lambda e: float(pixel_band(e).pow(2).mean().sqrt())
        out[lam] = (rms(x0_hat - x0), rms(alpha * sigma * eps))
    return out


def main():
    from PIL import Image
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--docs", default=os.path.join(ROOT, "docs", "model128", "probe"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.docs, exist_ok=True)
    metas = [manifest_of(m) for m in args.models]
    datasets = {m["train_config"]["dataset"] for m in metas}
    sizes = {m["architecture"]["image_size"] for m in metas}
    assert len(datasets) == 1 and len(sizes) == 1, "the probe's models must share data and size"
    size = sizes.pop()
    d = build_dataset(datasets.pop())
    train, held = d["train"], heldout_without_train_duplicates(d["train"], d["heldout"])
    count = 128 * len(held)
    res = dict(n_samples=args.n, steps=args.steps, sampler="DPM-Solver++(2M), float32, the same "
               "initial noises (seed %d) for every model" % args.seed,
               real_heldout=dict(frac_offwhite=speckle(held)[1], background_band_rms=speckle(held)[0]),
               models={})

    def save():
        with open(os.path.join(args.docs, "eval.json"), "w") as f:
            json.dump(res, f, indent=1)

    noise = torch.randn((args.n, size, size, 3), generator=torch.Generator().manual_seed(args.seed))
    band_images = held[np.random.RandomState(args.seed).choice(len(held), 32, replace=False)]
    firsts = []
    for path, meta in zip(args.models, metas):
        model, shift = load_model(path), float(meta["schedule"]["shift"])
        name = f'{meta["config_name"]} ({meta["images_seen"]:,} images)'
        entry = res["models"][name] = dict(path=os.path.relpath(path, ROOT), shift=shift,
                                           images_seen=meta["images_seen"],
                                           hf_pass=bool(meta["architecture"].get("hf_pass")))
        errors = pixel_band_error(model, band_images, PIXEL_BAND_LOGSNRS, args.seed)
        entry["pixel_band_error"] = {str(k): v[0] for k, v in errors.items()}
        res["pixel_band_noise_if_ignored"] = {str(k): v[1] for k, v in errors.items()}
        for spacing in ("uniform-logsnr", "uniform-t"):
            t = time.time()
            samples = sample_on(model, noise, spaced_logsnr_grid(args.steps, spacing, shift))
            rms, frac = speckle(samples)
            entry[spacing] = dict(swd(samples, held, count, seed=1), frac_offwhite=frac,
                                  background_band_rms=rms,
                                  sampling_s=round(time.time() - t, 1))
            print(name, spacing, json.dumps(entry[spacing]), flush=True)
            if spacing == "uniform-logsnr":
                firsts.append(samples[:8])
            save()
    # one row per model, the same 8 noises: what the pass changes, side by side
    Image.fromarray(grid_image(np.concatenate(firsts), 8)).save(
        os.path.join(args.docs, f"side_by_side_{args.steps}steps.png"))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
