"""Fast checks of the Python model side (tiny model, synthetic data; a few seconds on CPU)."""
import json
import os
from dataclasses import replace

import numpy as np
import pytest
import torch

from train.config import get_config
from train.diffusion import logsnr_from_t
from train.export import export, load_exported, load_model, verify_shards
from train.model import UNet, ModelConfig, space_to_depth_nhwc, depth_to_space_nhwc
from train.train import diffusion_loss, train

torch.set_num_threads(1)   # tiny ops: 1 thread avoids OpenMP barrier stalls on a busy machine
TINY = get_config("tiny")


def tiny_model(seed=0):
    torch.manual_seed(seed)
    model = UNet(TINY.model)
    # the output conv starts at zero; give it weights so outputs depend on the input
    torch.nn.init.normal_(model.out_conv.weight, std=0.1)
    return model.eval()


def test_shapes():
    model = tiny_model()
    x = torch.randn(3, 64, 64, 3)
    v, inter = model(x, torch.tensor([-10.0, 0.0, 8.0]), return_intermediates=True)
    assert v.shape == (3, 64, 64, 3)
    assert inter["space_to_depth"].shape == (3, 32, 32, 12)
    assert inter["logsnr_embedding"].shape == (3, TINY.model.emb_dim)
    assert inter["middle"].shape == (3, 8, 8, TINY.model.channels[-1])


def test_logsnr_conditioning_changes_output():
    model = tiny_model()
    x = torch.randn(1, 64, 64, 3).repeat(2, 1, 1, 1)
    v = model(x, torch.tensor([-5.0, 5.0]))
    assert (v[0] - v[1]).abs().max() > 1e-4


def test_space_to_depth_matches_tensorflow_order():
    # Hand-computed: 1 x 2 x 2 x 2 input, block 2. TF: out[0,0,0,(di*2+dj)*C+c] = in[0,di,dj,c].
    x = torch.tensor([[[[1., 2.], [3., 4.]],
                       [[5., 6.], [7., 8.]]]])            # [1, H=2, W=2, C=2]
    # (di,dj)=(0,0): [1,2]; (0,1): [3,4]; (1,0): [5,6]; (1,1): [7,8]
    assert space_to_depth_nhwc(x, 2).flatten().tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    # PyTorch's pixel_unshuffle is channel-major: c*4 + di*2 + dj -> [1,3,5,7,2,4,6,8]
    pu = torch.nn.functional.pixel_unshuffle(x.permute(0, 3, 1, 2), 2).flatten().tolist()
    assert pu == [1, 3, 5, 7, 2, 4, 6, 8]
    y = torch.randn(2, 8, 6, 3)
    s = space_to_depth_nhwc(y, 2)
    assert s[1, 2, 1, (1 * 2 + 0) * 3 + 2] == y[1, 5, 2, 2]
    assert torch.equal(depth_to_space_nhwc(s, 2), y)


def test_cosine_schedule_endpoints():
    lam = logsnr_from_t(torch.tensor([0.0, 0.5, 1.0]))
    assert torch.allclose(lam, torch.tensor([15.0, 0.0, -15.0], dtype=torch.float64), atol=1e-9)


def test_training_lowers_loss(tmp_path):
    g = torch.Generator().manual_seed(0)
    # synthetic "emoji": a white image with one coloured square
    images = torch.full((16, 64, 64, 3), 255, dtype=torch.uint8)
    for i in range(16):
        r, c = torch.randint(0, 40, (2,), generator=g).tolist()
        images[i, r:r + 24, c:c + 24] = torch.randint(0, 255, (3,), generator=g).to(torch.uint8)
    cfg = replace(TINY, steps=40, lr=3e-3, ckpt_every=1000, log_every=40)
    x0 = images[:8].float() / 127.5 - 1
    lam = torch.linspace(-6, 6, 8)
    noise = torch.randn(x0.shape, generator=g)
    torch.manual_seed(cfg.seed)
    before, _ = diffusion_loss(UNet(cfg.model), x0, lam, noise, cfg)
    model, _, _ = train(cfg, images, str(tmp_path), quiet=True)
    after, _ = diffusion_loss(model, x0, lam, noise, cfg)
    assert after.item() < 0.8 * before.item()


def test_resume_is_exact(tmp_path):
    images = torch.randint(0, 256, (12, 64, 64, 3), dtype=torch.uint8)
    cfg = replace(TINY, steps=6, ckpt_every=3, log_every=3)
    _, ema_full, _ = train(cfg, images, str(tmp_path / "a"), quiet=True)
    train(cfg, images, str(tmp_path / "b"), quiet=True, max_steps=3)
    _, ema_resumed, _ = train(cfg, images, str(tmp_path / "b"), resume=True, quiet=True)
    for (k, a), b in zip(ema_full.state_dict().items(), ema_resumed.state_dict().values()):
        assert torch.equal(a, b), k


def test_export_round_trip_bit_exact(tmp_path):
    model = tiny_model()
    sd = model.state_dict()
    manifest = export(sd, TINY.model, str(tmp_path), shard_bytes=4096)
    assert len(manifest["weightsManifest"][0]["paths"]) > 1      # several shards
    loaded, cfg = load_exported(str(tmp_path))
    assert cfg == TINY.model
    assert list(loaded) == list(sd)
    for k, t in sd.items():
        assert torch.equal(loaded[k], t.half().float()), k
    # layouts: conv OIHW -> HWIO, linear [out, in] -> [in, out]
    specs = {w["name"]: w for w in manifest["weightsManifest"][0]["weights"]}
    o, i, kh, kw = sd["stem.weight"].shape
    assert specs["stem.weight"]["shape"] == [kh, kw, i, o]
    assert specs["embed.linear1.weight"]["shape"] == list(sd["embed.linear1.weight"].shape[::-1])
    assert specs["stem.weight"]["quantization"] == {"dtype": "float16"}
    # the reloaded model computes the same function as the rounded original
    rounded = UNet(TINY.model)
    rounded.load_state_dict({k: t.half().float() for k, t in sd.items()})
    x, lam = torch.randn(2, 64, 64, 3), torch.tensor([-3.0, 4.0])
    assert torch.equal(load_model(str(tmp_path))(x, lam), rounded.eval()(x, lam))


def test_manifest_sha256_verifies(tmp_path):
    export(tiny_model().state_dict(), TINY.model, str(tmp_path), shard_bytes=4096)
    manifest = verify_shards(str(tmp_path))
    shard = os.path.join(str(tmp_path), manifest["weightsManifest"][0]["paths"][0])
    with open(shard, "r+b") as f:
        b = f.read(1)
        f.seek(0)
        f.write(bytes([b[0] ^ 1]))
    with pytest.raises(ValueError, match="sha256"):
        verify_shards(str(tmp_path))


def test_shipped_manifest_if_present():
    """The committed model.json verifies and matches the param budget (skipped before export)."""
    root = os.path.join(os.path.dirname(__file__), "..", "..", "public", "models", "emoji64")
    if not os.path.exists(os.path.join(root, "model.json")):
        pytest.skip("no shipped model")
    manifest = verify_shards(root)
    total = sum(v["bytes"] for v in manifest["snrlab"]["shards"].values())
    assert total <= 6 * 1000 * 1000
    assert total == 2 * manifest["snrlab"]["param_count"]
