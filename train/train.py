"""Train the emoji64 denoiser.

    python3 -m train.train --config emoji64            # retrains the shipped model (CPU or CUDA)
    python3 -m train.train --config emoji64 --resume   # continues from runs/<name>/ckpt.pt

Writes train/runs/<name>/{log.csv, ckpt.pt, config.json}. Every step's randomness (batch
indices, t, noise) comes from a generator seeded with (seed, step), so a resumed run draws the
same batches as an uninterrupted one.
"""
import argparse
import copy
import csv
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import data as data_mod
from .config import alpha_sigma, get_config, train_config_dict, logsnr_from_t
from .model import UNet, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def diffusion_loss(model, x0, logsnr, noise, cfg, autocast=False):
    """v-prediction MSE. x0, noise [B, 64, 64, 3] NHWC; logsnr [B]. Returns a scalar and [B]."""
    alpha, sigma = alpha_sigma(logsnr)
    alpha, sigma = alpha[:, None, None, None], sigma[:, None, None, None]   # [B, 1, 1, 1]
    x_t = alpha * x0 + sigma * noise                                        # [B, H, W, 3]
    v = alpha * noise - sigma * x0                                          # target
    with torch.autocast(device_type=x0.device.type, dtype=torch.bfloat16, enabled=autocast):
        v_hat = model(x_t, logsnr)
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
    raw = _raw_weight(logsnr.double(), cfg)
    t = (torch.arange(4096, dtype=torch.float64) + 0.5) / 4096              # midpoint rule in t
    norm = _raw_weight(logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max, cfg.schedule_shift),
                       cfg).mean()
    return (raw / norm).to(logsnr.dtype)


def _raw_weight(logsnr, cfg):
    if cfg.loss_weighting == "sigmoid":
        return (torch.sigmoid(cfg.sigmoid_bias - logsnr) * torch.sigmoid(logsnr)
                * torch.cosh(0.5 * (logsnr - cfg.schedule_shift)))
    if cfg.loss_weighting == "min_snr":
        snr = logsnr.exp()
        return snr.clamp(max=cfg.min_snr_gamma) / (snr + 1)
    raise ValueError(f"unknown loss_weighting {cfg.loss_weighting!r}")


def sample_batch(images, step, cfg, device):
    """Deterministic batch for this step: x0 [B,64,64,3] in [-1,1], logsnr [B], noise."""
    g = torch.Generator().manual_seed(cfg.seed * 1_000_003 + step)
    idx = torch.randint(0, images.shape[0], (cfg.batch_size,), generator=g)
    x0 = images[idx].float() / 127.5 - 1.0                                  # [B, 64, 64, 3]
    if cfg.hflip:
        flip = torch.rand(cfg.batch_size, generator=g) < 0.5
        x0 = torch.where(flip[:, None, None, None], x0.flip(2), x0)
    t = torch.rand(cfg.batch_size, generator=g, dtype=torch.float64)
    logsnr = logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max, cfg.schedule_shift).float()
    noise = torch.randn(x0.shape, generator=g)
    return x0.to(device), logsnr.to(device), noise.to(device)


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
    """Linear warm-up, then constant or a half-cosine decay to lr * lr_final_frac at cfg.steps."""
    warm = min(1.0, (step + 1) / max(1, cfg.warmup_steps))
    if cfg.lr_schedule == "constant":
        return cfg.lr * warm
    if cfg.lr_schedule == "cosine":
        progress = min(1.0, max(0.0, (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps)))
        decay = cfg.lr_final_frac + (1 - cfg.lr_final_frac) * 0.5 * (1 + math.cos(math.pi * progress))
        return cfg.lr * warm * decay
    raise ValueError(f"unknown lr_schedule {cfg.lr_schedule!r}")


def train(cfg, images, out_dir, resume=False, device=None, max_steps=None, quiet=False):
    """Train; returns (model, ema_model, rows). images: uint8 tensor [N, 64, 64, 3]."""
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        torch.set_num_threads(cfg.num_threads)
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(cfg.seed)
    model = UNet(cfg.model).to(device)
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=cfg.betas,
                            weight_decay=cfg.weight_decay)
    ckpt_path = os.path.join(out_dir, "ckpt.pt")
    log_path = os.path.join(out_dir, "log.csv")
    step, wall_before = 0, 0.0
    if resume and os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location=device)
        model.load_state_dict(ck["model"])
        ema.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        step, wall_before = ck["step"], ck["wall_s"]
        # drop log rows written after the checkpoint
        if os.path.exists(log_path):
            with open(log_path) as f:
                rows = [r for r in csv.DictReader(f) if int(r["step"]) <= step]
            with open(log_path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=LOG_FIELDS)
                w.writeheader()
                w.writerows(rows)
    else:
        with open(log_path, "w", newline="") as f:
            csv.DictWriter(f, fieldnames=LOG_FIELDS).writeheader()
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(dict(train_config_dict(cfg), params=count_params(model), device=device,
                       bf16_autocast_used=use_bf16_autocast(cfg, device),
                       torch=torch.__version__), f, indent=1)
    autocast = use_bf16_autocast(cfg, device)
    end = cfg.steps if max_steps is None else min(cfg.steps, max_steps)
    t0 = time.time()
    t_last, losses, rows = t0, [], []
    model.train()
    while step < end:
        x0, logsnr, noise = sample_batch(images, step, cfg, device)
        for group in opt.param_groups:
            group["lr"] = lr_at(step, cfg)
        loss, _ = diffusion_loss(model, x0, logsnr, noise, cfg, autocast=autocast)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if cfg.grad_clip:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        opt.step()
        decay = min(cfg.ema_decay, (1 + step) / (10 + step)) if cfg.ema_warmup else cfg.ema_decay
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        losses.append(loss.item())
        step += 1
        if step % cfg.log_every == 0 or step == end:
            now = time.time()
            row = dict(step=step, images=step * cfg.batch_size,
                       wall_s=round(wall_before + now - t0, 2),
                       img_per_s=round(len(losses) * cfg.batch_size / (now - t_last), 2),
                       loss=round(float(np.mean(losses)), 6), lr=lr_at(step - 1, cfg))
            with open(log_path, "a", newline="") as f:
                csv.DictWriter(f, fieldnames=LOG_FIELDS).writerow(row)
            rows.append(row)
            if not quiet:
                print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
            t_last, losses = now, []
        if step % cfg.ckpt_every == 0 or step == end:
            save_checkpoint(ckpt_path, model, ema, opt, step, wall_before + time.time() - t0, cfg)
    return model, ema, rows


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
    ap.add_argument("--max-steps", type=int, default=None, help="stop early (schedule unchanged)")
    args = ap.parse_args()
    cfg = get_config(args.config)
    out = args.out or os.path.join(HERE, "runs", cfg.name)
    d = data_mod.build()
    images = torch.from_numpy(d["train"])                                  # uint8 [N, 64, 64, 3]
    print(f"config {cfg.name}: {images.shape[0]} training images, out {out}", flush=True)
    train(cfg, images, out, resume=args.resume, max_steps=args.max_steps)


if __name__ == "__main__":
    main()
