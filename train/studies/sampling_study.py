"""Where does the end-of-sampling speckle come from? Paired sampling variants of one model.

    python3 -m train.studies.sampling_study [--n 500] [--steps 25] [--model public/models/emoji64]

Every variant samples the same n initial noises with the same model; only the grid of logSNRs or
the sampler's treatment of x0_hat changes. Reported per variant: SWD x 1e3 against the held-out
split (as train.eval), and two speckle measures on the final images:
- `speckle`: RMS of the finest Laplacian band (64 px level of train.eval's pyramid) over the pixels
  that are white background in the nearest-to-white sense (all channels >= 0.9 after a 5x5
  blur), in uint8 levels -- where real emoji are flat white, any energy is speckle;
- `frac_offwhite`: the fraction of those background pixels further than 6 levels from white.
The held-out images give the same two numbers for reference.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from .. import data as data_mod
from ..diffusion import spaced_logsnr_grid as grid, to_uint8
from ..eval import swd, heldout_without_train_duplicates, speckle
from ..export import load_model, DEFAULT_OUT
from ..sample import SAMPLERS, grid_image

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))    # train/
OUT = os.path.join(os.path.dirname(HERE), "docs", "model", "sampling-study")


VARIANTS = {
    # name: (spacing, shift, clip_x0, end) -- see grid()
    "today: uniform-t to +15": ("uniform-t", 0.0, False, None),
    "uniform-t, x0 clipped": ("uniform-t", 0.0, True, None),
    "uniform-t, last call at 3, output x0": ("uniform-t", 0.0, False, 3.0),
    "uniform-t, last call at 8, output x0": ("uniform-t", 0.0, False, 8.0),
    "uniform-logsnr to +15": ("uniform-logsnr", 0.0, False, None),
    "uniform-t shifted -1": ("uniform-t", -1.0, False, None),
    "uniform-t shifted -2": ("uniform-t", -2.0, False, None),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--variants", nargs="*", default=list(VARIANTS))
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    d = data_mod.build()
    held = heldout_without_train_duplicates(d["train"], d["heldout"])
    count = 128 * len(held)
    model = load_model(args.model)
    size = model.cfg.image_size
    noise = torch.randn((args.n, size, size, 3), generator=torch.Generator().manual_seed(0))
    results = dict(heldout=dict(zip(("speckle", "frac_offwhite"), speckle(held))))
    print(json.dumps(results), flush=True)
    for name in args.variants:
        spacing, shift, clip, end = VARIANTS[name]
        lams = grid(args.steps, spacing, shift, end)
        t0 = time.time()
        out = []
        with torch.no_grad():
            for i in range(0, args.n, 100):
                out.append(to_uint8(SAMPLERS["dpmpp-2m"](model, noise[i:i + 100], lams, clip=clip)))
        images = np.concatenate(out)
        rms, off = speckle(images)
        results[name] = dict(spacing=spacing, shift=shift, clip_x0=clip, end=end,
                             last_model_logsnr=float(lams[-2]), swd=swd(images, held, count, seed=1),
                             speckle=rms, frac_offwhite=off, seconds=round(time.time() - t0, 1))
        print(name, json.dumps(results[name]), flush=True)
        slug = name.replace(":", "").replace(",", "").replace(" ", "_")
        from PIL import Image
        Image.fromarray(grid_image(images[:64], 8)).save(os.path.join(args.out, f"{slug}.png"))
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(dict(n=args.n, steps=args.steps, sampler="DPM-Solver++(2M)", **results), f,
                      indent=1)


if __name__ == "__main__":
    main()
