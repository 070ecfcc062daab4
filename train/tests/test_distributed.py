"""Data-parallel training under torchrun and the device data path (CPU, gloo; ~25 s, most of it
starting three Python processes for torchrun)."""
import csv
import json
import math
import os
import socket
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
import torch

from train.config import get_config
from train.diffusion import t_from_logsnr
from train.data import synthetic
from train.train import (ema_update, make_optimizer, rank_share, sample_batch,
                         sample_batch_device, train)

torch.set_num_threads(1)
TINY = get_config("tiny")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Debian's python3-torch (1.13); its torchrun needs --redirects/--tee on Python 3.11
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_log(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def torchrun(nproc, args, tmp_path):
    """`python3 -m torch.distributed.run ... -m train.train args`; --redirects 1 --tee 1: the
    default 0 crashes Debian's PyTorch 1.13 on Python 3.11 before any worker starts
    (train/README.md). A free port of our own instead of --standalone's fixed 29400."""
    cmd = [PYTHON, "-m", "torch.distributed.run", "--redirects", "1", "--tee", "1",
           "--nnodes", "1", f"--nproc_per_node={nproc}", "--master_addr", "127.0.0.1",
           "--master_port", str(free_port()), "--log_dir", str(tmp_path / "torchrun-logs"),
           "-m", "train.train"] + args
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_two_processes_match_one_and_resume_on_one(tmp_path):
    # 2 ranks, gloo, the first 10 of tiny's 20 steps (global batch 8: 4 per rank)
    two = tmp_path / "two"
    r = torchrun(2, ["--config", "tiny", "--data", "synthetic", "--out", str(two),
                     "--max-steps", "10"], tmp_path)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    # rank 0 alone wrote: one checkpoint, one log (each row once), one config
    assert sorted(os.listdir(two)) == ["ckpt.pt", "config.json", "log.csv"]
    assert [row["step"] for row in read_log(two / "log.csv")] == ["5", "10"]
    with open(two / "config.json") as f:
        assert json.load(f)["world_size"] == 2
    assert torch.load(two / "ckpt.pt")["step"] == 10

    # the same run on one process, uninterrupted
    images = torch.from_numpy(synthetic())
    _, ema_one, _ = train(TINY, images, str(tmp_path / "one"), quiet=True)
    # resume the 2-process checkpoint on one process: any world size continues the same stream
    _, ema_resumed, _ = train(TINY, images, str(two), resume=True, quiet=True)

    one_log, two_log = read_log(tmp_path / "one" / "log.csv"), read_log(two / "log.csv")
    assert [row["step"] for row in two_log] == ["5", "10", "15", "20"]
    for a, b in zip(one_log, two_log):
        # equal up to float reduction order (gradients summed over 2 ranks by gloo)
        assert float(b["loss"]) == pytest.approx(float(a["loss"]), rel=1e-4), (a, b)
    for (k, a), b in zip(ema_one.state_dict().items(), ema_resumed.state_dict().values()):
        assert torch.allclose(a, b, rtol=1e-3, atol=1e-4 * float(a.abs().max()) + 1e-7), k


def test_indivisible_batch_is_refused():
    assert rank_share(8, 1, 2) == slice(4, 8)
    with pytest.raises(ValueError, match="not divisible by the world size 3"):
        rank_share(8, 0, 3)


def test_rank_shares_tile_the_global_batch():
    images = torch.from_numpy(synthetic(n=16))
    cfg = replace(TINY, hflip=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    for step in (0, 7):
        whole = sample_batch(images, step, cfg, "cpu")
        parts = [sample_batch(images, step, cfg, "cpu", rank, 2) for rank in range(2)]
        for w, a, b in zip(whole, *parts):
            assert torch.equal(w, torch.cat([a, b]))
        whole = sample_batch_device(images.to(device), step, cfg)
        parts = [sample_batch_device(images.to(device), step, cfg, rank, 4) for rank in range(4)]
        for w, *ps in zip(whole, *parts):
            assert torch.equal(w, torch.cat(ps))


def lambda_bucket_probs(edges, cfg):
    """Exact P(lambda in bucket) at uniform t: train.diffusion.t_from_logsnr inverts the cosine
    schedule, shift 0."""
    t_of = lambda lam: t_from_logsnr(lam, cfg.logsnr_min, cfg.logsnr_max)
    return np.array([t_of(a) - t_of(b) for a, b in zip(edges[:-1], edges[1:])])


def batch_stats(draw, steps):
    lam, x_mean, x_sq, n_mean, n_sq, n = [], 0.0, 0.0, 0.0, 0.0, 0
    for step in range(steps):
        x0, logsnr, noise = (v.double().cpu() for v in draw(step))
        lam.append(logsnr)
        x_mean += float(x0.sum()); x_sq += float((x0 ** 2).sum())
        n_mean += float(noise.sum()); n_sq += float((noise ** 2).sum())
        n += x0.numel()
    return dict(lam=torch.cat(lam).numpy(), x_mean=x_mean / n, x_var=x_sq / n - (x_mean / n) ** 2,
                n_mean=n_mean / n, n_var=n_sq / n - (n_mean / n) ** 2, n=n)


def test_device_path_draws_the_cpu_paths_distribution():
    """Batches, t and noise of the device path (on CUDA: a Philox stream, different numbers)
    against the CPU path and against closed forms: noise N(0, 1), x0 the data's mean and
    variance, lambda's histogram the cosine schedule's."""
    device = "cuda" if torch.cuda.is_available() else "cpu"
    cfg = replace(TINY, batch_size=256)
    images = torch.from_numpy(synthetic())                      # uint8 [64, 64, 64, 3]
    on_device = images.to(device)
    steps = 8                                                   # 2,048 examples, 25 M noise values
    cpu = batch_stats(lambda k: sample_batch(images, k, cfg, "cpu"), steps)
    dev = batch_stats(lambda k: sample_batch_device(on_device, k, cfg), steps)
    x = images.double() / 127.5 - 1
    per_image = x.mean(dim=(1, 2, 3))
    m = len(cpu["lam"])
    for s in (cpu, dev):
        assert abs(s["n_mean"]) < 5 / math.sqrt(s["n"])
        assert abs(s["n_var"] - 1) < 5 * math.sqrt(2 / s["n"])
        # x0's mean: a mean of m uniformly drawn images' means
        assert abs(s["x_mean"] - float(x.mean())) < 5 * float(per_image.std()) / math.sqrt(m)
        assert s["x_var"] == pytest.approx(float(x.var()), rel=0.05)
    # two samples from one distribution: differences within 5 standard errors of a difference
    assert abs(cpu["n_mean"] - dev["n_mean"]) < 5 * math.sqrt(2 / cpu["n"])
    assert abs(cpu["x_mean"] - dev["x_mean"]) < 5 * math.sqrt(2) * float(per_image.std()) / math.sqrt(m)
    edges = np.linspace(cfg.logsnr_min, cfg.logsnr_max, 11)
    expected = m * lambda_bucket_probs(edges, cfg)
    assert expected.sum() == pytest.approx(m)
    h_cpu, _ = np.histogram(cpu["lam"], edges)
    h_dev, _ = np.histogram(dev["lam"], edges)
    for h in (h_cpu, h_dev):
        assert np.all(np.abs(h - expected) < 5 * np.sqrt(expected) + 3), (h, expected)
    assert np.all(np.abs(h_cpu - h_dev) < 5 * np.sqrt(2 * expected) + 3), (h_cpu, h_dev)
    if device == "cpu":
        # a CPU generator is the same Mersenne Twister either way: the same numbers
        for a, b in zip(sample_batch(images, 3, cfg, "cpu"), sample_batch_device(images, 3, cfg)):
            assert torch.equal(a, b)


def test_foreach_ema_is_the_loop():
    torch.manual_seed(0)
    ema = [torch.randn(5, 3), torch.randn(7)]
    params = [torch.randn(5, 3), torch.randn(7)]
    loop = [e.clone().mul_(0.99).add_(p, alpha=1 - 0.99) for e, p in zip(ema, params)]
    ema_update(ema, params, 0.99)
    for a, b in zip(ema, loop):
        assert torch.equal(a, b)


def test_optimizer_falls_back_off_cuda():
    # fused AdamW only on CUDA, only on the fast path, only where AdamW takes `fused` (>= 2.0)
    params = [torch.nn.Parameter(torch.zeros(3))]
    _, kind = make_optimizer(params, replace(TINY, device_data=True), "cpu")
    assert kind == "default"
