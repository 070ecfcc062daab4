"""Evaluate the exported emoji64 model; numbers go to docs/model/eval.json and the model card.

    python3 -m train.eval [--n 2000] [--steps 10 25 50]

1. Sliced Wasserstein distance on Laplacian-pyramid patches (Karras et al. 2018, "Progressive
   growing of GANs", sec. 5 / appendix D): pyramid levels 64, 32 (band-pass) and 16 (low-pass
   residual); 7x7x3 neighbourhoods at random positions; each descriptor set normalised per colour
   channel by its own mean and std; 512 random unit directions; SWD = mean over directions of the
   mean |sorted projection difference|, reported x 1e3 like the paper. Generated samples (DPM-
   Solver++(2M), steps uniform in t on the training cosine schedule) vs the held-out split.
   The floor is a training subset of the same size vs held-out; the ceiling an independent
   per-pixel Gaussian fitted to the training set. The same number of descriptors is drawn from every
   set (128 per held-out image), so all rows are comparable.
2. Memorisation: RMS distance (in [0, 1] pixel units) from each sample to its nearest training
   image, vs the same for each held-out image; figure of the 8 closest sample/train pairs.
3. Validation v-MSE per logSNR bucket on the held-out split (and on a training subset).
4. Sample grids under docs/model/.

Runs on CUDA when present (the model, its sampling batches, the per-bucket loss and the
nearest-neighbour search on the GPU; TF32 off so the numbers stay float32 as on the CPU); the
initial noise and the per-bucket draws come from CPU generators, so a seed means the same
noise on either device.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

from . import data as data_mod
from .export import load_model, DEFAULT_OUT
from .diffusion import alpha_sigma_nhwc, noised, to_model_range, v_target
from .sample import DEFAULT_SAMPLER, generate, grid_image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = os.path.join(ROOT, "docs", "model")

# ---------------------------------------------------------------------------------------------
# Sliced Wasserstein distance on Laplacian pyramid patches

_K = np.array([1, 4, 6, 4, 1], np.float32) / 16.0      # binomial 5-tap Gaussian (Burt & Adelson)


def blur(x):
    """Separable 5x5 Gaussian blur with reflect padding. x [N, H, W, C] float32."""
    xp = np.pad(x, ((0, 0), (2, 2), (0, 0), (0, 0)), mode="reflect")
    x = sum(_K[i] * xp[:, i:i + x.shape[1]] for i in range(5))
    xp = np.pad(x, ((0, 0), (0, 0), (2, 2), (0, 0)), mode="reflect")
    return sum(_K[i] * xp[:, :, i:i + x.shape[2]] for i in range(5))


def _down(x):
    return blur(x)[:, ::2, ::2]


def _up(x):
    y = np.zeros((x.shape[0], x.shape[1] * 2, x.shape[2] * 2, x.shape[3]), np.float32)
    y[:, ::2, ::2] = x
    return blur(y) * 4.0


def pyramid_resolutions(size, coarsest=16):
    """Pyramid levels down to `coarsest` px: 64 -> (64, 32, 16); 128 -> (128, 64, 32, 16)."""
    return tuple(size >> i for i in range(int(math.log2(size // coarsest)) + 1))


def laplacian_pyramid(images, levels=3):
    """uint8 [N, S, S, 3] -> levels - 1 band-pass levels (S, S/2, ...) then the low-pass residual,
    float32 NHWC; 64 px, 3 levels: [L64 band-pass, L32 band-pass, G16 low-pass]."""
    g = to_model_range(images)
    pyr = []
    for _ in range(levels - 1):
        d = _down(g)
        pyr.append(g - _up(d))
        g = d
    pyr.append(g)
    return pyr


def descriptor_positions(shape, count, rng, size=7):
    """The random part of descriptors(): count (image, y, x) corners of 7x7 patches in a pyramid
    level of shape [N, H, W, 3], drawn in that order (so the draws depend only on the sizes)."""
    n, h, w = shape[:3]
    return (rng.randint(0, n, count), rng.randint(0, h - size + 1, count),
            rng.randint(0, w - size + 1, count))


def descriptors_at(level, positions, rows=None, size=7):
    """The 7x7x3 patches of `level` at `positions` -> [count, 147], normalised per colour channel
    over the set. rows: score the set level[rows] instead (a bootstrap replicate), read through
    the composed index rather than a copy of the level."""
    idx, ys, xs = positions
    if rows is not None:
        idx = rows[idx]
    dy, dx = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")      # [7, 7]
    out = level[idx[:, None, None], ys[:, None, None] + dy, xs[:, None, None] + dx]  # [count,7,7,3]
    out = out.astype(np.float32)
    # normalise per colour channel over the whole set (ProGAN's finalize_descriptors)
    out -= out.mean(axis=(0, 1, 2), keepdims=True)
    out /= out.std(axis=(0, 1, 2), keepdims=True) + 1e-8
    return out.reshape(len(idx), -1)


def descriptors(level, count, rng, size=7):
    """count random 7x7x3 patches from a pyramid level [N, H, W, 3] -> [count, 147]."""
    return descriptors_at(level, descriptor_positions(level.shape, count, rng, size), size=size)


def sorted_projections(d, directions):
    """Each direction's sorted 1-D projections of descriptors d [D, 147]: [D, P]."""
    return np.sort(d @ directions, axis=0)


def sliced_wasserstein_of_sorted(pa, pb):
    """Mean over directions of the 1-D W1 between two equally large sets of projections, each
    sorted along axis 0 (sorted_projections): [D, P] each."""
    return float(np.abs(pa - pb).mean())


def swd(images_a, images_b, count, seed=0, projections=512):
    """SWD x 1e3 per pyramid level (64 px images: 64, 32, 16; 128 px: 128, 64, 32, 16) and their
    average ("avg"); count descriptors per set and level."""
    resolutions = pyramid_resolutions(images_a.shape[1])
    return swd_of_pyramids(laplacian_pyramid(images_a, len(resolutions)),
                           laplacian_pyramid(images_b, len(resolutions)), resolutions, count, seed,
                           projections)


def swd_floor(train, held, n, count, subset_seed=0):
    """The SWD's floor at n samples: a random training subset of n images (RandomState(subset_seed),
    without replacement) against the held-out set, with the projection seed the models' scores use
    (1), so a model's SWD and its floor differ only in the images. The floors recorded for emoji64
    (docs/model/v3/*.json) are this call's."""
    if n > len(train):
        raise ValueError(f"the floor needs n <= {len(train)} training images (asked for {n})")
    subset = train[np.random.RandomState(subset_seed).choice(len(train), n, replace=False)]
    return swd(subset, held, count, seed=1)


def swd_of_pyramids(pa, pb, resolutions, count, seed=0, projections=512, use_directions=None):
    """swd() from the two sets' pyramids (so a bootstrap can index them instead of rebuilding
    them). The random draws depend only on the seed and the sets' sizes, so two calls with sets of
    the same sizes use the same descriptor positions and directions. use_directions: only the
    first k of the drawn directions (the same draws, a cheaper estimate)."""
    return swd_of_resampled(pa, pb, resolutions, count, seed, projections, use_directions)()


def swd_of_resampled(pa, pb, resolutions, count, seed=0, projections=512, use_directions=None):
    """swd_of_pyramids as a function of a resampling of the first set: score(rows) is
    swd_of_pyramids([level[rows] for level in pa], pb, ...) for rows as long as pa's set, score()
    is swd_of_pyramids(pa, pb, ...). Since the draws depend only on the seed and the sizes, the
    descriptor positions, the directions and pb's sorted projections are drawn and computed once;
    a bootstrap replicate then only gathers, projects and sorts the first set's descriptors."""
    rng = np.random.RandomState(seed)
    bands = []
    for res, la, lb in zip(resolutions, pa, pb):                # the draws in swd()'s order
        positions = descriptor_positions(la.shape, count, rng)
        db = descriptors(lb, count, rng)
        dirs = rng.randn(db.shape[1], projections).astype(np.float32)
        dirs /= np.linalg.norm(dirs, axis=0, keepdims=True)
        dirs = dirs[:, :use_directions]
        bands.append((str(res), la, positions, dirs, sorted_projections(db, dirs)))

    def score(rows=None):
        out = {band: 1e3 * sliced_wasserstein_of_sorted(
                   sorted_projections(descriptors_at(la, positions, rows), dirs), sorted_b)
               for band, la, positions, dirs, sorted_b in bands}
        out["avg"] = float(np.mean([out[str(r)] for r in resolutions]))
        return out
    return score


def speckle(images):
    """Background speckle of uint8 images [N, S, S, 3]: (RMS of the finest Laplacian band, in
    uint8 levels, over the background pixels; the fraction of those pixels further than 6 levels
    from white). Background: all channels >= 0.9 after a 5x5 blur, the pixels that are flat white
    in real emoji, so any energy there is speckle (train.studies.sampling_study; train.eval_cond)."""
    band = laplacian_pyramid(images)[0]                                  # [N, S, S, 3]
    background, off = background_and_offwhite(images)
    rms = float(np.sqrt((band[background] ** 2).mean()) * 127.5)
    return rms, float(off[background].mean())


def background_and_offwhite(images):
    """The two masks of the speckle measures, bool [N, S, S]: background (all channels >= 0.9 in
    model range after a 5x5 blur: flat white in real emoji) and off-white (a channel more than 6
    levels from 255)."""
    background = (blur(to_model_range(images)) >= 0.9 * 2 - 1).all(axis=-1)
    return background, np.abs(images.astype(np.int16) - 255).max(axis=-1) > 6


OFFWHITE_RINGS = (0, 3, 6, 12, 24)   # px from the nearest non-background pixel (Chebyshev)


def offwhite_by_distance(images, rings=OFFWHITE_RINGS):
    """Where speckle()'s off-white pixels are: per ring of background pixels at a distance in
    (rings[k], rings[k+1]] px from the nearest non-background pixel (the last ring: everything
    further), {"share": that ring's fraction of off-white pixels, "of_background": the ring's share
    of all background pixels}. A halo of soft object edges shows as a high share in the first rings;
    a tint over the whole background as the same share in every ring. Same background and threshold
    as speckle(); distance by max-pool dilation of the object mask (square neighbourhoods)."""
    background, off = map(torch.from_numpy, background_and_offwhite(images))      # [N, S, S]
    obj = (~background).float()[:, None]                                          # [N, 1, S, S]
    within = lambda d: torch.nn.functional.max_pool2d(obj, 2 * d + 1, 1, d)[:, 0] > 0 if d else \
        ~background
    edges = list(rings) + [None]
    counts, offs = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        ring = background & ~within(lo) & (within(hi) if hi is not None else True)
        counts.append(int(ring.sum())), offs.append(int((ring & off).sum()))
    total = max(sum(counts), 1)
    return [dict(ring=[lo, hi], share=o / c if c else 0.0, of_background=c / total)
            for lo, hi, c, o in zip(edges[:-1], edges[1:], counts, offs)]


# ---------------------------------------------------------------------------------------------

def per_pixel_gaussian(train, n, seed=0):
    """The ceiling baseline: independent Gaussian per pixel and channel, fitted to train."""
    x = train.astype(np.float32)
    mean, std = x.mean(0), x.std(0)
    rng = np.random.RandomState(seed)
    s = mean + std * rng.randn(n, *mean.shape).astype(np.float32)
    return np.clip(np.round(s), 0, 255).astype(np.uint8)


def nearest_distances(queries, refs, batch=500, device="cpu"):
    """RMS distance (pixels in [0, 1]) from each query to its nearest ref, and the ref index."""
    r = torch.from_numpy(refs.reshape(len(refs), -1)).to(device).float() / 255.0
    r2 = (r * r).sum(1)
    dist, idx = [], []
    for i in range(0, len(queries), batch):
        q = torch.from_numpy(queries[i:i + batch].reshape(-1, r.shape[1])).to(device).float() / 255.0
        d2 = (q * q).sum(1)[:, None] + r2[None, :] - 2 * q @ r.T
        m, j = d2.min(1)
        dist.append((m.clamp_min(0) / r.shape[1]).sqrt().cpu())
        idx.append(j.cpu())
    return torch.cat(dist).numpy(), torch.cat(idx).numpy()


@torch.no_grad()
def loss_per_bucket(model, images, edges, seed=0, batch=100):
    """v-MSE per logSNR bucket: each image once per bucket, lambda uniform in the bucket."""
    g = torch.Generator().manual_seed(seed)
    device = next(model.parameters()).device
    x0_all = to_model_range(torch.from_numpy(images).to(device))
    out = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        total = 0.0
        for i in range(0, len(x0_all), batch):
            x0 = x0_all[i:i + batch]
            # drawn on the CPU generator (the same numbers on every device), used on the device
            lam = (lo + (hi - lo) * torch.rand(len(x0), generator=g)).to(device)
            noise = torch.randn(x0.shape, generator=g).to(device)
            alpha, sigma = alpha_sigma_nhwc(lam, x0.dtype)                   # [b, 1, 1, 1]
            v = v_target(x0, noise, alpha, sigma)
            v_hat = model(noised(x0, noise, alpha, sigma), lam)
            total += float(((v_hat - v) ** 2).mean(dim=(1, 2, 3)).sum())
        out.append(total / len(x0_all))
    return out


def heldout_without_train_duplicates(train, held):
    """Some different emoji share an identical picture (plain squares, some flags): drop the
    held-out images that also occur, byte for byte, in the training split."""
    train_bytes = {im.tobytes() for im in train}
    return held[np.array([im.tobytes() not in train_bytes for im in held])]


def eval_device():
    """CUDA when present. TF32 off: the reported numbers stay float32, comparable with CPU runs
    (Ampere and later otherwise run convolutions in TF32 by default)."""
    if not torch.cuda.is_available():
        return "cpu"
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    return "cuda"


def sync(device):
    """Wait for queued GPU work, so wall-clock timings measure it."""
    if device != "cpu":
        torch.cuda.synchronize()


def main():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--steps", type=int, nargs="+", default=[10, 25, 50])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bucket-images", type=int, default=None, help="images per split for the "
                    "per-bucket loss (default: all held-out)")
    ap.add_argument("--docs", default=DOCS, help="output folder for figures and eval.json")
    args = ap.parse_args()
    docs = args.docs
    torch.set_num_threads(2)
    device = eval_device()
    os.makedirs(docs, exist_ok=True)
    d = data_mod.build()
    train, held_all = d["train"], d["heldout"]
    held = heldout_without_train_duplicates(train, held_all)
    n_dup = len(held_all) - len(held)
    model = load_model(args.model).to(device)
    count = 128 * len(held)                    # descriptors per set and level
    res = dict(n_samples=args.n, n_heldout=len(held), n_heldout_exact_duplicates_of_train_removed=
               n_dup, n_train=len(train), descriptors=count,
               projections=512, sampler="DPM-Solver++(2M), steps uniform in t (cosine, "
                                         "lambda in [-15, 15]), float32, x clipped to [-1, 1] "
                                         "only for the final uint8 conversion", swd={},
               device=str(device) if device == "cpu" else torch.cuda.get_device_name(device))
    t0 = time.time()
    with torch.no_grad():
        size = model.cfg.image_size
        x, lam = torch.randn(100, size, size, 3, device=device), torch.zeros(100, device=device)
        model(x, lam)
        sync(device)
        t1 = time.time()
        for _ in range(2):
            model(x, lam)
        sync(device)
    res["forward_img_per_s"] = round(200 / (time.time() - t1), 1)    # float32, batch 100
    print("forward img/s", res["forward_img_per_s"], flush=True)

    rng = np.random.RandomState(args.seed)
    floor_subset = train[rng.choice(len(train), args.n, replace=False)]
    res["swd"]["floor_train_subset"] = swd(floor_subset, held, count, seed=1)
    res["swd"]["ceiling_pixel_gaussian"] = swd(per_pixel_gaussian(train, args.n), held, count, seed=1)
    print(json.dumps(res["swd"]), flush=True)
    samples = {}
    key = lambda steps: f"{DEFAULT_SAMPLER}_{steps}"        # the sampler's id and its step count
    for steps in args.steps:
        t = time.time()
        samples[steps] = generate(model, args.n, steps, seed=args.seed)
        res["swd"][key(steps)] = swd(samples[steps], held, count, seed=1)
        res["swd"][key(steps)]["sampling_s"] = round(time.time() - t, 1)
        print(steps, json.dumps(res["swd"][key(steps)]), flush=True)
        Image.fromarray(grid_image(samples[steps][:64], 8)).save(
            os.path.join(docs, f"samples_{steps}steps.png"))
        os.makedirs(os.path.join(HERE, "runs"), exist_ok=True)
        np.save(os.path.join(HERE, "runs", f"samples_{steps}.npy"), samples[steps])
    floor = res["swd"]["floor_train_subset"]["avg"]
    for steps in args.steps:
        res["swd"][key(steps)]["ratio_to_floor"] = \
            res["swd"][key(steps)]["avg"] / floor
    Image.fromarray(grid_image(held[np.random.RandomState(0).choice(len(held), 64, False)], 8)).save(
        os.path.join(docs, "heldout_real.png"))

    # Memorisation check on the 25-step samples (or the middle setting)
    mem_steps = 25 if 25 in samples else args.steps[len(args.steps) // 2]
    s = samples[mem_steps]
    ds, js = nearest_distances(s, train, device=device)
    dh, _ = nearest_distances(held, train, device=device)
    res["memorisation"] = dict(
        steps=mem_steps, metric="RMS pixel distance in [0, 1] to nearest training image",
        samples_median=float(np.median(ds)), samples_p1=float(np.percentile(ds, 1)),
        samples_min=float(ds.min()), heldout_median=float(np.median(dh)),
        heldout_p1=float(np.percentile(dh, 1)), heldout_min=float(dh.min()),
        frac_samples_below_heldout_p1=float((ds < np.percentile(dh, 1)).mean()))
    order = np.argsort(ds)[:8]
    fig, axes = plt.subplots(2, 8, figsize=(12, 3.4))
    for k, i in enumerate(order):
        axes[0, k].imshow(s[i]); axes[0, k].set_title(f"d={ds[i]:.3f}", fontsize=8)
        axes[1, k].imshow(train[js[i]])
    for ax in axes.ravel():
        ax.set_xticks([]); ax.set_yticks([])
    axes[0, 0].set_ylabel("sample"); axes[1, 0].set_ylabel("nearest train")
    fig.suptitle(f"8 samples closest to a training image ({mem_steps} steps); held-out images' "
                 f"median nearest-train distance {np.median(dh):.3f}", fontsize=9)
    fig.tight_layout()
    fig.savefig(os.path.join(docs, "memorisation_closest_pairs.png"), dpi=100)
    plt.close(fig)

    # Validation loss per logSNR bucket
    edges = np.linspace(-15, 15, 13)
    nb = args.bucket_images or len(held)
    res["loss_per_bucket"] = dict(
        edges=edges.tolist(),
        heldout=loss_per_bucket(model, held[:nb], edges.tolist()),
        train_subset=loss_per_bucket(model, train[rng.choice(len(train), nb, False)],
                                     edges.tolist()))
    centers = 0.5 * (edges[1:] + edges[:-1])
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(centers, res["loss_per_bucket"]["heldout"], "o-", label="held-out")
    ax.plot(centers, res["loss_per_bucket"]["train_subset"], "s--", label="training subset")
    ax.set_xlabel("logSNR λ (bucket centre)"); ax.set_ylabel("v-MSE"); ax.set_yscale("log")
    ax.grid(alpha=0.3); ax.legend(); ax.set_title("emoji64: validation loss per λ bucket")
    fig.tight_layout()
    fig.savefig(os.path.join(docs, "val_loss_per_logsnr.png"), dpi=100)
    plt.close(fig)

    # Training loss curve from the run log
    # (the run that produced these weights: its config name is recorded in model.json)
    with open(os.path.join(args.model, "model.json")) as f:
        run_name = json.load(f)["snrlab"].get("config_name", "emoji64")
    log = os.path.join(HERE, "runs", run_name, "log.csv")
    if os.path.exists(log):
        import csv
        rows = list(csv.DictReader(open(log)))
        fig, ax = plt.subplots(figsize=(6, 3.6))
        ax.plot([int(r["step"]) for r in rows], [float(r["loss"]) for r in rows])
        ax.set_xlabel("step (batch 64)"); ax.set_ylabel("training loss (25-step mean)")
        ax.set_yscale("log"); ax.grid(alpha=0.3); ax.set_title(f"{run_name} training loss")
        fig.tight_layout()
        fig.savefig(os.path.join(docs, "train_loss.png"), dpi=100)
        plt.close(fig)
    res["eval_wall_s"] = round(time.time() - t0, 1)
    with open(os.path.join(docs, "eval.json"), "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
