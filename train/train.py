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
    return per_example.mean(), per_example


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


def lr_at(step, cfg):
    return cfg.lr * min(1.0, (step + 1) / max(1, cfg.warmup_steps))


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
                       torch=torch.__version__), f, indent=1)
    autocast = cfg.bf16_autocast
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
