"""Train the emoji64 denoiser.

    python3 -m train.train --config emoji64            # retrains the shipped model (CPU or CUDA)
    python3 -m train.train --config emoji64 --resume   # continues from runs/<name>/ckpt.pt

Writes train/runs/<name>/{log.csv, ckpt.pt, config.json}. Every step's randomness (batch
indices, t, noise) comes from a generator seeded with (seed, step), so a resumed run draws the
same batches as an uninterrupted one.

Data-parallel on several processes (train/README.md; `--redirects 1 --tee 1` works around a bug of
Debian's PyTorch 1.13 on Python 3.11, train/README.md):

    python3 -m torch.distributed.run --standalone --redirects 1 --tee 1 --nproc_per_node=2 \
        -m train.train --config emoji64-gpu

Every rank draws the whole global batch of a step from the same (seed, step) stream and keeps its
contiguous share, so N processes run the same training as one, up to float reduction order; rank 0
alone writes the log, the checkpoint and config.json.
"""
import argparse
import contextlib
import copy
from dataclasses import replace
import csv
import inspect
import json
import math
import os
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F

from . import data as data_mod
from .config import get_config, train_config_dict
from .diffusion import (alpha_sigma_nhwc, logsnr_from_t, logsnr_laplace_from_t, noised,
                        to_model_range, v_target)
from .model import ADDED_AT_ZERO, UNet, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def diffusion_loss(model, x0, logsnr, noise, cfg, autocast=False, labels=None):
    """v-prediction MSE. x0, noise [B, S, S, 3] NHWC; logsnr [B]; labels int64 [B, 2] or None
    (unconditional). Returns a scalar and [B]."""
    alpha, sigma = alpha_sigma_nhwc(logsnr, x0.dtype)                       # [B, 1, 1, 1]
    x_t = noised(x0, noise, alpha, sigma)                                   # [B, H, W, 3]
    v = v_target(x0, noise, alpha, sigma)                                   # target
    with torch.autocast(device_type=x0.device.type, dtype=torch.bfloat16, enabled=autocast):
        v_hat = model(x_t, logsnr) if labels is None else model(x_t, logsnr, labels)
    err = v_hat.float() - v                                                 # [B, H, W, 3]
    if cfg.multiscale_loss:
        # simple diffusion (Hoogeboom et al. 2023, sec. 3.3): sum over resolutions of the MSE of
        # the average-pooled error; here each term is a per-pixel mean, averaged over resolutions.
        e = err.permute(0, 3, 1, 2)                                         # [B, 3, H, W]
        per = []
        for res in cfg.multiscale_resolutions:
            k = e.shape[-1] // res
            per.append((F.avg_pool2d(e, k) if k > 1 else e).pow(2).mean(dim=(1, 2, 3)))
        per_example = torch.stack(per, 0).mean(0)                           # [B]
    else:
        per_example = err.pow(2).mean(dim=(1, 2, 3))                        # [B]
    per_example = per_example * loss_weight(logsnr, cfg)                    # [B]
    return per_example.mean(), per_example


def training_logsnr(t, cfg):
    """The training lambda of each uniform t (float64): the cosine schedule's own map, or the
    Laplace density (TrainConfig.logsnr_density), clipped to the config's range and shifted.

    With logsnr_pad_share = p > 0 the density is the mixture (1 - p) * that density + p * uniform
    on logsnr_pad_range, shifted as a whole, from the same one uniform t (so a pair that differs
    only in schedule_shift still sees the same t at every step): t < p lands in the pad, clean end
    first (t = 0 -> the range's top). Where the pad's share comes from (logsnr_pad_from):
    "all": t >= p is rescaled to [0, 1] for the base density, which keeps (1 - p) of its share
    everywhere; "clean": only t in [p, 0.5) is rescaled, onto [0, 0.5), the base density's clean
    half, and t >= 0.5 keeps its own lambda, so the noisy half (where the coarse bands form)
    keeps its whole share, draw by draw."""
    p = cfg.logsnr_pad_share
    if not 0.0 <= p < 1.0:
        raise ValueError(f"logsnr_pad_share {p} is not in [0, 1)")
    if p > 0:
        t = torch.as_tensor(t, dtype=torch.float64)
        lo, hi = cfg.logsnr_pad_range
        pad = hi - (t / p) * (hi - lo) + cfg.schedule_shift
        if cfg.logsnr_pad_from == "all":
            base_t = (t - p) / (1 - p)
        elif cfg.logsnr_pad_from == "clean":
            if p >= 0.5:
                raise ValueError(f"logsnr_pad_share {p} taken from the clean half must be < 0.5")
            base_t = torch.where(t < 0.5, 0.5 * (t - p) / (0.5 - p), t)
        else:
            raise ValueError(f"unknown logsnr_pad_from {cfg.logsnr_pad_from!r} (all or clean)")
        return torch.where(t < p, pad, _base_logsnr(base_t.clamp(0, 1), cfg))
    return _base_logsnr(t, cfg)


def _base_logsnr(t, cfg):
    if cfg.logsnr_density == "cosine":
        return logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max, cfg.schedule_shift)
    if cfg.logsnr_density == "laplace":
        return logsnr_laplace_from_t(t, cfg.laplace_mu, cfg.laplace_b, cfg.logsnr_min,
                                     cfg.logsnr_max, cfg.schedule_shift)
    raise ValueError(f"unknown logsnr_density {cfg.logsnr_density!r} (cosine or laplace)")


def ema_decay_at(step, cfg):
    """The EMA's decay at this step: its warm-up (TrainConfig.ema_warmup, ema_power), capped."""
    if cfg.ema_power > 0:
        return min(cfg.ema_decay, 1.0 - (1.0 + step) ** -cfg.ema_power)
    return min(cfg.ema_decay, (1 + step) / (10 + step)) if cfg.ema_warmup else cfg.ema_decay


def loss_weight(logsnr, cfg):
    """Per-example factor on the v-MSE, as a function of lambda [B]; 1 for plain v-MSE.

    Written in lambda (Kingma & Gao 2023, "Understanding diffusion objectives..."): with
    eps_hat - eps = alpha (v_hat - v) and x0_hat - x0 = -sigma (v_hat - v),
      eps-MSE = sigmoid(lambda) * v-MSE,   x0-MSE = sigmoid(-lambda) * v-MSE.
    - "sigmoid": their weighting w(lambda) = sigmoid(b - lambda) of the eps-loss integrand
      w(lambda) * ||eps_hat - eps||^2 d(lambda). t is uniform, so d(lambda) brings 1/p(lambda),
      p the training density of lambda (cosine, shifted: p ~ sech((lambda - shift)/2)); the factor
      on the v-MSE is sigmoid(b - lambda) * sigmoid(lambda) * cosh((lambda - shift)/2).
    - "min_snr": Min-SNR-gamma (Hang et al. 2023): x0-loss weight min(SNR, gamma), i.e.
      min(e^lambda, gamma) / (e^lambda + 1) on the v-MSE.
    Both are divided by their mean over the training lambda distribution, so the loss keeps the
    plain v-MSE's scale (AdamW is nearly scale-free, gradient clipping is not).
    """
    if cfg.loss_weighting == "v":
        return torch.ones_like(logsnr)
    pure_cosine = cfg.logsnr_density == "cosine" and not cfg.logsnr_pad_share
    if cfg.loss_weighting == "sigmoid" and not pure_cosine:
        raise ValueError("the sigmoid weighting's factor assumes the cosine density of lambda")
    raw = _raw_weight(logsnr.double(), cfg)
    t = (torch.arange(4096, dtype=torch.float64) + 0.5) / 4096              # midpoint rule in t
    norm = _raw_weight(training_logsnr(t, cfg), cfg).mean()
    return (raw / norm).to(logsnr.dtype)


def _raw_weight(logsnr, cfg):
    if cfg.loss_weighting == "sigmoid":
        return (torch.sigmoid(cfg.sigmoid_bias - logsnr) * torch.sigmoid(logsnr)
                * torch.cosh(0.5 * (logsnr - cfg.schedule_shift)))
    if cfg.loss_weighting == "min_snr":
        snr = logsnr.exp()
        return snr.clamp(max=cfg.min_snr_gamma) / (snr + 1)
    raise ValueError(f"unknown loss_weighting {cfg.loss_weighting!r}")


def step_seed(cfg, step):
    """Seed of step `step`'s generator: a function of (seed, step) only, so resume is exact."""
    return cfg.seed * 1_000_003 + step


def rank_share(batch_size, rank, world):
    """This rank's contiguous slice of the global batch; the world size must divide the batch."""
    if batch_size % world:
        raise ValueError(f"batch_size {batch_size} is not divisible by the world size {world}: "
                         f"each process takes batch_size / world examples of every step")
    n = batch_size // world
    return slice(rank * n, (rank + 1) * n)


def draw_batch(images, g, cfg, rank=0, world=1, labels=None, weights=None, mirrorable=None):
    """This rank's share of the step's batch, drawn where g lives (images must live there too).

    The whole global batch's indices, flips, t and noise are drawn, in that order, and sliced, so
    the stream, and every example in it, is the same for every world size. Returns x0 [b, S, S,
    3] in [-1, 1], logsnr [b], noise [b, S, S, 3], b = batch_size / world; with labels (int64
    [N, 2], the images' (category, vendor)) also the batch's labels [b, 2] after dropout
    (drop_labels), drawn after the noise so the images, t and noise are those of an
    unconditional run with the same seed. weights (float [N], optional): each image's draw
    probability up to a constant (train.data.draw_weights); None draws images uniformly.
    mirrorable (bool [N]): for cfg.hflip = "mirrorable", the images a flip may touch
    (train.mirror); the flip draws are the same as for hflip = True, so a paired run with flips
    everywhere differs only on the images left out.
    """
    dev, n = g.device, cfg.batch_size
    share = rank_share(n, rank, world)
    if weights is None:
        idx_all = torch.randint(0, images.shape[0], (n,), generator=g, device=dev)
    else:
        idx_all = torch.multinomial(weights, n, replacement=True, generator=g)
    idx = idx_all[share]
    x0 = to_model_range(images[idx])                                        # [b, H, W, 3]
    if cfg.hflip:
        flip = torch.rand(n, generator=g, device=dev) < 0.5
        if cfg.hflip == "mirrorable":
            if mirrorable is None:
                raise ValueError('hflip="mirrorable" needs the images\' mirrorable mask')
            flip = flip & mirrorable[idx_all]
        elif cfg.hflip is not True:
            raise ValueError(f"unknown hflip {cfg.hflip!r} (False, True or \"mirrorable\")")
        flip = flip[share]
        x0 = torch.where(flip[:, None, None, None], x0.flip(2), x0)
    t = torch.rand(n, generator=g, dtype=torch.float64, device=dev)[share]
    logsnr = training_logsnr(t, cfg).float()
    noise = torch.randn((n,) + tuple(images.shape[1:]), generator=g, device=dev)[share]
    if labels is None:
        return x0, logsnr, noise
    return x0, logsnr, noise, drop_labels(labels[idx_all], g, cfg)[share]


def drop_labels(labels, g, cfg):
    """Classifier-free guidance's label dropout (Ho & Salimans 2022): with probability
    label_drop_all both labels become 0 ("unknown"), so one model is also the unconditional one;
    besides, each label alone with probability label_drop_each, so a user may ask for a category
    with any vendor (or a vendor with any category). labels int64 [n, 2] -> [n, 2]."""
    n = labels.shape[0]
    all_ = torch.rand(n, generator=g, device=g.device) < cfg.label_drop_all          # [n]
    each = torch.rand((n, 2), generator=g, device=g.device) < cfg.label_drop_each    # [n, 2]
    return torch.where(all_[:, None] | each, torch.zeros_like(labels), labels)


def sample_batch(images, step, cfg, device, rank=0, world=1, labels=None, weights=None,
                 mirrorable=None):
    """Deterministic batch for this step, drawn on the CPU and copied to `device`: x0 [b,S,S,3]
    in [-1,1], logsnr [b], noise (and labels [b, 2] when given); b = batch_size / world."""
    g = torch.Generator().manual_seed(step_seed(cfg, step))
    return tuple(v.to(device) for v in draw_batch(images, g, cfg, rank, world, labels, weights,
                                                  mirrorable))


def sample_batch_device(images, step, cfg, rank=0, world=1, labels=None, weights=None,
                        mirrorable=None):
    """The fast path's batch: images (uint8) already on the device, every draw made there from a
    device generator seeded by (seed, step), so the GPU neither waits on the CPU's Mersenne
    Twister nor on a copy of B x 12,288 noise values each step. On CUDA the stream is Philox, so
    the draws differ from sample_batch's (same distribution, tests/test_distributed.py); on the
    CPU they are the same."""
    g = torch.Generator(device=images.device).manual_seed(step_seed(cfg, step))
    return draw_batch(images, g, cfg, rank, world, labels, weights, mirrorable)


def cpu_has_fast_bf16(cpuinfo="/proc/cpuinfo"):
    """True where the CPU computes bf16 natively (AVX512-BF16 or AMX-BF16). Elsewhere oneDNN
    emulates it: on an AVX2-only AMD EPYC, bf16 autocast trained at 1.6 img/s against 25 img/s in
    float32 (measured 2026-11-26, docs/MODEL_CARD.md)."""
    try:
        with open(cpuinfo) as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def use_bf16_autocast(cfg, device):
    """bf16 autocast as configured on CUDA; on CPU only where bf16 is native (see above)."""
    return bool(cfg.bf16_autocast) and (device != "cpu" or cpu_has_fast_bf16())


def lr_at(step, cfg):
    """Linear warm-up, then constant, constant with a linear cool-down to lr * lr_final_frac over
    the last cooldown_frac of cfg.steps ("cooldown", as in Hägele et al. 2024, "Scaling laws and
    compute-optimal training beyond fixed training durations"), or a half-cosine decay to
    lr * lr_final_frac at cfg.steps."""
    warm = min(1.0, (step + 1) / max(1, cfg.warmup_steps))
    if cfg.lr_schedule == "constant":
        return cfg.lr * warm
    if cfg.lr_schedule == "cooldown":
        start = cfg.steps * (1 - cfg.cooldown_frac)
        progress = min(1.0, max(0.0, (step - start) / max(1.0, cfg.steps - start)))
        return cfg.lr * warm * (1 - (1 - cfg.lr_final_frac) * progress)
    if cfg.lr_schedule == "cosine":
        progress = min(1.0, max(0.0, (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps)))
        decay = cfg.lr_final_frac + (1 - cfg.lr_final_frac) * 0.5 * (1 + math.cos(math.pi * progress))
        return cfg.lr * warm * decay
    raise ValueError(f"unknown lr_schedule {cfg.lr_schedule!r}")


def dist_info():
    """(rank, world size): (0, 1) unless torch.distributed is initialised (under torchrun)."""
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def init_distributed():
    """Join the process group torchrun describes in the environment (RANK, WORLD_SIZE,
    MASTER_ADDR/PORT): NCCL between GPUs, one GPU per process (LOCAL_RANK); gloo on CPU.
    Returns this process's device."""
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if torch.cuda.is_available():
        torch.cuda.set_device(local_rank)
        dist.init_process_group("nccl")
        return f"cuda:{local_rank}"
    dist.init_process_group("gloo")
    return "cpu"


def default_device():
    if not torch.cuda.is_available():
        return "cpu"
    return f"cuda:{torch.cuda.current_device()}" if dist_info()[1] > 1 else "cuda"


def make_optimizer(params, cfg, device):
    """AdamW; fused (one kernel for all parameters) on CUDA where this PyTorch has it (>= 2.0)
    and the config takes the fast path. Returns (optimizer, "fused" or "default")."""
    params = list(params)
    kw = dict(lr=cfg.lr, betas=cfg.betas, weight_decay=cfg.weight_decay)
    if (cfg.device_data and str(device).startswith("cuda")
            and "fused" in inspect.signature(torch.optim.AdamW).parameters):
        try:
            return torch.optim.AdamW(params, fused=True, **kw), "fused"
        except (RuntimeError, TypeError, ValueError):      # e.g. a dtype the fused kernel lacks
            pass
    return torch.optim.AdamW(params, **kw), "default"


@torch.no_grad()
def ema_update(ema_params, params, decay):
    """ema <- decay * ema + (1 - decay) * p for all parameters at once: the same arithmetic as a
    loop of mul_/add_ per parameter, as two foreach calls (few kernel launches on CUDA instead of
    two per tensor; torch._foreach_* exist since PyTorch 1.7)."""
    torch._foreach_mul_(ema_params, decay)
    torch._foreach_add_(ema_params, params, alpha=1 - decay)


def global_mean(value, world):
    """Mean of a scalar tensor over the ranks (all ranks must call it). Every rank holds the mean
    over an equal share of the batch, so this is the global batch's mean, as one process logs."""
    if world > 1:
        value = value.clone()
        dist.all_reduce(value)
        value /= world
    return float(value)


def param_groups(net, cfg):
    """AdamW groups: the label tables at label_lr_mult x the body's lr. A zero-initialised table
    beside a trained body learns slowly at the body's lr (guidance
    barely acted after 1,400 steps in a probe, docs/MODEL_CARD.md), so it gets its own, higher one."""
    tables = [p for n, p in net.named_parameters() if n.split(".")[0] in ("class_emb", "vendor_emb")]
    ids = {id(p) for p in tables}
    body = [p for p in net.parameters() if id(p) not in ids]
    groups = [dict(params=body, lr_mult=1.0)]
    if tables:
        groups.append(dict(params=tables, lr_mult=cfg.label_lr_mult))
    return groups


def warm_start(net, model_dir):
    """Load an exported model's weights (float16-decoded, train.export.load_exported) into net.
    Only parameters the exported model lacks may stay as initialised, and only those that start at
    zero (model.ADDED_AT_ZERO: the label tables, the high-frequency pass's gate): so step 0 computes exactly what the exported model computes. Returns the exported
    manifest's snrlab block (for the lineage)."""
    from .export import load_exported
    state, exported_cfg = load_exported(model_dir)
    missing, unexpected = net.load_state_dict(state, strict=False)
    bad = [k for k in missing if k.split(".")[0] not in ADDED_AT_ZERO]
    if bad or unexpected:
        raise ValueError(f"warm start from {model_dir}: the architectures differ (missing {bad}, "
                         f"unexpected {list(unexpected)})")
    with open(os.path.join(model_dir, "model.json")) as f:
        return json.load(f)["snrlab"]


def train(cfg, images, out_dir, resume=False, device=None, max_steps=None, quiet=False,
          labels=None, init=None, weights=None, mirrorable=None):
    """Train; returns (model, ema_model, rows). images: uint8 tensor [N, S, S, 3]; labels: int64
    [N, 2] (category, vendor) for a conditional model, else None; init: an exported model's
    folder to warm-start from (ignored when resuming a checkpoint); weights: float [N] draw
    weights for cfg.draw other than "image" (train.data.draw_weights); mirrorable: bool [N], the
    images cfg.hflip = "mirrorable" may flip (train.mirror).

    Under torchrun (torch.distributed initialised) each rank trains a DistributedDataParallel
    replica on its share of every batch; rows are returned (and files written) by rank 0 only."""
    rank, world = dist_info()
    rank_share(cfg.batch_size, rank, world)                 # fail early on an indivisible batch
    is_main = rank == 0
    device = str(device or default_device())
    if device == "cpu":
        # the config's thread budget is the machine's: split it between its processes
        local_world = int(os.environ.get("LOCAL_WORLD_SIZE", world))
        torch.set_num_threads(max(1, cfg.num_threads // local_world))
    if is_main:
        os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(cfg.seed)                             # the same initial weights on every rank
    net = UNet(cfg.model)
    init_meta = warm_start(net, init) if init and not (resume and os.path.exists(
        os.path.join(out_dir, "ckpt.pt"))) else None
    net = net.to(device)
    ema = copy.deepcopy(net).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt, opt_kind = make_optimizer(param_groups(net, cfg), cfg, device)
    ckpt_path = os.path.join(out_dir, "ckpt.pt")
    log_path = os.path.join(out_dir, "log.csv")
    step, wall_before = 0, 0.0
    if resume and os.path.exists(ckpt_path):
        # every rank loads the one checkpoint: it holds no per-rank state, so any world size
        # can resume it
        ck = torch.load(ckpt_path, map_location=device)
        net.load_state_dict(ck["model"])
        ema.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        step, wall_before = ck["step"], ck["wall_s"]
        if is_main:
            truncate_log(log_path, step)
    elif is_main:
        with open(log_path, "w", newline="") as f:
            csv.DictWriter(f, fieldnames=LOG_FIELDS).writeheader()
    check_same_step(step, world, device)
    autocast = use_bf16_autocast(cfg, device)
    if is_main:
        if init_meta is not None:     # what this run starts from, for the export's lineage
            with open(os.path.join(out_dir, "init.json"), "w") as f:
                json.dump(dict(init=init, lineage=lineage_of(init_meta)), f, indent=1)
        with open(os.path.join(out_dir, "config.json"), "w") as f:
            json.dump(dict(train_config_dict(cfg), params=count_params(net), device=device,
                           bf16_autocast_used=autocast, world_size=world, optimizer=opt_kind,
                           torch=torch.__version__), f, indent=1)
    model = net
    if world > 1:
        # broadcast_buffers off: the model's only buffer (the Fourier frequencies) is a constant
        model = torch.nn.parallel.DistributedDataParallel(
            net, device_ids=[torch.device(device).index] if device.startswith("cuda") else None,
            broadcast_buffers=False)
    if cfg.compile and hasattr(torch, "compile"):
        model = torch.compile(model)
    if cfg.device_data:
        images = images.to(device)                          # uint8 [N, 64, 64, 3], ~85 MB for emoji64
        if device.startswith("cuda"):
            torch.backends.cudnn.benchmark = True           # fixed shapes: autotune convs once
        labels = None if labels is None else labels.to(device)
        weights = None if weights is None else weights.to(device)
        mirrorable = None if mirrorable is None else mirrorable.to(device)
        draw = lambda k: sample_batch_device(images, k, cfg, rank, world, labels, weights,
                                             mirrorable)
    else:
        draw = lambda k: sample_batch(images, k, cfg, device, rank, world, labels, weights,
                                      mirrorable)
    ema_params, net_params = list(ema.parameters()), list(net.parameters())
    end = cfg.steps if max_steps is None else min(cfg.steps, max_steps)
    t0 = time.time()
    t_last, rows = t0, []
    # running sum of the step losses, on the device: no per-step .item(), which would make the
    # host wait for the GPU every step
    loss_sum, n_losses = torch.zeros((), dtype=torch.float64, device=device), 0
    model.train()
    while step < end:
        x0, logsnr, noise, *batch_labels = draw(step)
        for group in opt.param_groups:
            group["lr"] = lr_at(step, cfg) * group.get("lr_mult", 1.0)
        opt.zero_grad(set_to_none=True)
        loss = accumulate_gradients(model, x0, logsnr, noise, batch_labels[0] if batch_labels
                                    else None, cfg, autocast, world)
        if cfg.grad_clip:
            torch.nn.utils.clip_grad_norm_(net_params, cfg.grad_clip)
        opt.step()
        ema_update(ema_params, net_params, ema_decay_at(step, cfg))
        loss_sum += loss.detach().double()
        n_losses += 1
        step += 1
        if step % cfg.log_every == 0 or step == end:
            mean_loss = global_mean(loss_sum / n_losses, world)
            now = time.time()
            if is_main:
                row = dict(step=step, images=step * cfg.batch_size,
                           wall_s=round(wall_before + now - t0, 2),
                           img_per_s=round(n_losses * cfg.batch_size / (now - t_last), 2),
                           loss=round(mean_loss, 6), lr=lr_at(step - 1, cfg))
                with open(log_path, "a", newline="") as f:
                    csv.DictWriter(f, fieldnames=LOG_FIELDS).writerow(row)
                rows.append(row)
                if not quiet:
                    print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
            t_last, n_losses = now, 0
            loss_sum.zero_()
        if is_main and (step % cfg.ckpt_every == 0 or step == end):
            save_checkpoint(ckpt_path, net, ema, opt, step, wall_before + time.time() - t0, cfg)
    return net, ema, rows


def lineage_of(snrlab):
    """The runs behind an exported model, oldest first: its own `lineage` if it records one, else
    the one run its provenance describes (models exported before lineages were kept)."""
    if snrlab.get("lineage"):
        return list(snrlab["lineage"])
    return [dict(config=snrlab.get("config_name"), steps=snrlab.get("training_steps"),
                 batch_size=snrlab.get("batch_size"), images_seen=snrlab.get("images_seen"),
                 train_wall_s=snrlab.get("train_wall_s"), init=None)]


def accumulate_gradients(model, x0, logsnr, noise, labels, cfg, autocast, world):
    """The step's gradient of the batch's mean loss, computed in cfg.micro_batches equal chunks
    (each chunk's mean loss / chunks, backpropagated in turn): the same gradient as one pass,
    up to float summation order, with the activations of one chunk in memory. On a Zen 4 CPU a
    bf16 step of 32 images ran at ~67 img/s against ~45-58 for 64 (docs/MODEL_CARD.md), so the
    batch-64 recipe runs as 2 x 32. Under DDP only the last chunk all-reduces. Returns the mean
    loss (detached)."""
    k = cfg.micro_batches
    if x0.shape[0] % k:
        raise ValueError(f"a batch of {x0.shape[0]} does not split into {k} micro-batches")
    total = torch.zeros((), device=x0.device)
    for j, sl in enumerate(torch.arange(x0.shape[0], device=x0.device).chunk(k)):
        last = j == k - 1
        sync = contextlib.nullcontext() if last or world == 1 else model.no_sync()
        with sync:
            loss, _ = diffusion_loss(model, x0[sl], logsnr[sl], noise[sl], cfg, autocast=autocast,
                                     labels=None if labels is None else labels[sl])
            (loss / k).backward()                           # DDP: gradients averaged over ranks
        total += loss.detach() / k
    return total


def check_same_step(step, world, device):
    """Every rank must start at the same step: a rank that cannot see the checkpoint (--out not on
    a shared file system) would start from 0 and the ranks would wait on each other forever."""
    if world == 1:
        return
    steps = torch.tensor([step, -step], dtype=torch.int64, device=device)
    dist.all_reduce(steps, op=dist.ReduceOp.MAX)                  # [max step, -min step]
    if steps[0] != -steps[1]:
        raise RuntimeError(f"ranks start at different steps ({-int(steps[1])} to {int(steps[0])}):"
                           " every process must read the same --out (a shared file system)")


def truncate_log(log_path, step):
    """Drop the log rows written after the checkpoint being resumed."""
    if not os.path.exists(log_path):
        return
    with open(log_path) as f:
        rows = [r for r in csv.DictReader(f) if int(r["step"]) <= step]
    with open(log_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=LOG_FIELDS)
        w.writeheader()
        w.writerows(rows)


LOG_FIELDS = ["step", "images", "wall_s", "img_per_s", "loss", "lr"]


def save_checkpoint(path, model, ema, opt, step, wall_s, cfg):
    tmp = path + ".tmp"
    torch.save(dict(model=model.state_dict(), ema=ema.state_dict(), opt=opt.state_dict(),
                    step=step, wall_s=wall_s, config=train_config_dict(cfg)), tmp)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="emoji64")
    ap.add_argument("--out", default=None, help="run folder (default train/runs/<config>)")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", default=None, help="warm start from an exported model's folder, "
                    "e.g. public/models/emoji64 (fresh optimiser and warm-up; new label tables at 0)")
    ap.add_argument("--max-steps", type=int, default=None, help="stop early (schedule unchanged)")
    ap.add_argument("--steps", type=int, default=None,
                    help="override the config's run length (and so where a cool-down starts): "
                         "a run resumed with a new length before its cool-down is the run that "
                         "was configured with that length")
    ap.add_argument("--threads", type=int, default=None,
                    help="override the config's num_threads (e.g. 1 each for two runs side by side)")
    ap.add_argument("--data", default="emoji", choices=["emoji", "synthetic"],
                    help="synthetic: 64 seeded images (train.data.synthetic), for tests and "
                         "smoke runs where the emoji cache is absent")
    args = ap.parse_args()
    cfg = get_config(args.config)
    if args.threads:
        cfg = replace(cfg, num_threads=args.threads)
    if args.steps:
        cfg = replace(cfg, steps=args.steps)
    out = args.out or os.path.join(HERE, "runs", cfg.name)
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1       # set by torchrun
    device = init_distributed() if distributed else None
    rank, world = dist_info()
    try:
        labels, weights, mirrorable = None, None, None
        if args.data == "synthetic":
            images = torch.from_numpy(data_mod.synthetic(size=cfg.model.image_size))
            if cfg.model.num_classes or cfg.model.num_vendors:     # seeded stand-in labels
                g = torch.Generator().manual_seed(0)
                labels = torch.stack([torch.randint(1, max(2, cfg.model.num_classes + 1),
                                                    (len(images),), generator=g),
                                      torch.randint(1, max(2, cfg.model.num_vendors + 1),
                                                    (len(images),), generator=g)], 1)
        else:
            # the cache is built once per machine, by its local rank 0 (the processes of a
            # machine share train/cache/); the others wait at the barrier, then load it
            first_on_machine = int(os.environ.get("LOCAL_RANK", "0")) == 0
            if distributed and not first_on_machine:
                dist.barrier()
            dataset = data_mod.build_dataset(cfg.dataset)
            images = torch.from_numpy(dataset["train"])                   # uint8 [N, S, S, 3]
            if cfg.draw != "image":
                weights = torch.from_numpy(data_mod.draw_weights(dataset["index"]["train"],
                                                                 cfg.draw))
            if cfg.hflip == "mirrorable":
                if cfg.dataset != "emoji64":
                    raise SystemExit('hflip="mirrorable" reads emoji64\'s file names (emoji64 only)')
                from .labels import emoji_json_path
                from .mirror import mirrorable as mirrorable_of
                mirrorable = torch.from_numpy(mirrorable_of(dataset["index"]["train"],
                                                            emoji_json_path()))
            if cfg.model.num_classes or cfg.model.num_vendors:
                from .labels import training_labels
                labels = torch.from_numpy(training_labels(cfg.dataset, dataset["index"])["train"])
            if distributed and first_on_machine:
                dist.barrier()
        if rank == 0:
            print(f"config {cfg.name}: {images.shape[0]} training images, {world} process(es), "
                  f"out {out}", flush=True)
        train(cfg, images, out, resume=args.resume, device=device, max_steps=args.max_steps,
              labels=labels, init=args.init, weights=weights, mirrorable=mirrorable)
    finally:
        if distributed:
            dist.destroy_process_group()


if __name__ == "__main__":
    main()
