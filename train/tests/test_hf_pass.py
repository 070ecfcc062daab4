"""The high-frequency pass (train.model.HfPass, issue 26): its high-pass is the image-space one,
its copy is exactly the flat patch's v, it is capped above lambda = 8, and a model gaining it by
warm start computes the export it started from (tiny models; seconds on CPU)."""
import json
import math
from dataclasses import replace

import torch
import torch.nn.functional as F

from train.config import get_config
from train.diffusion import alpha_sigma_nhwc
from train.export import export, load_model
from train.model import COARSE, HF_PASS_MAX_LOGSNR, UNet, patch_highpass, space_to_depth_nhwc
from train.train import warm_start
from train.tests.test_conditional import random_weights

torch.set_num_threads(1)
TINY128 = get_config("tiny128")
PASS = replace(TINY128.model, hf_pass=True)


def image_space_highpass(x, p):
    """x [B, S, S, C] NHWC minus its p x p block means (average pool, then each mean repeated)."""
    nchw = x.permute(0, 3, 1, 2)
    means = F.interpolate(F.avg_pool2d(nchw, p), scale_factor=p, mode="nearest")
    return (nchw - means).permute(0, 2, 3, 1)


def test_patch_highpass_is_pixel_minus_its_block_mean():
    x = torch.randn(2, 16, 16, 3, dtype=torch.float64)
    s2d = space_to_depth_nhwc(x, 4).permute(0, 3, 1, 2)
    want = space_to_depth_nhwc(image_space_highpass(x, 4), 4).permute(0, 3, 1, 2)
    assert torch.allclose(patch_highpass(s2d, 4, 3), want, atol=1e-12)


def pass_only(cfg):
    """A model whose output conv is zero and whose gate is 1 everywhere: v_hat is the pass alone."""
    net = random_weights(UNet(cfg))
    with torch.no_grad():
        net.out_conv.weight.zero_(); net.out_conv.bias.zero_()
        net.hf_pass.gate.weight.zero_(); net.hf_pass.gate.bias.fill_(1.0)
    return net.double()


def test_the_open_pass_is_the_flat_images_v_in_the_pixel_band():
    """On an image flat within each 4x4 block, the pixel band of v = alpha eps - sigma x0 is alpha
    times that band of eps, which the open pass reproduces from x_t exactly for lambda <= 8; above,
    its gain stays at exp(8 / 2)."""
    net = pass_only(PASS)
    torch.manual_seed(0)
    blocks = torch.rand(3, 32, 32, 3, dtype=torch.float64) * 2 - 1
    x0 = F.interpolate(blocks.permute(0, 3, 1, 2), scale_factor=4, mode="nearest").permute(0, 2, 3, 1)
    eps = torch.randn_like(x0)
    lam = torch.tensor([-3.0, 0.5, 6.0], dtype=torch.float64)
    alpha, sigma = alpha_sigma_nhwc(lam, torch.float64)
    x_t, v = alpha * x0 + sigma * eps, alpha * eps - sigma * x0
    with torch.no_grad():
        v_hat = net(x_t, lam)
    assert torch.allclose(v_hat, image_space_highpass(v, 4), atol=1e-9)
    assert image_space_highpass(v, 4).abs().max() > 0.1            # the band is not empty
    high = torch.full((3,), 12.0, dtype=torch.float64)
    a12, s12 = alpha_sigma_nhwc(high, torch.float64)
    with torch.no_grad():
        capped = net(a12 * x0 + s12 * eps, high)
    want = math.exp(HF_PASS_MAX_LOGSNR / 2) * image_space_highpass(s12 * eps, 4)
    assert torch.allclose(capped, want, atol=1e-9)


def test_warm_start_gains_the_pass_at_zero(tmp_path):
    """A model gaining the pass by warm start computes exactly the export it started from."""
    original = random_weights(UNet(TINY128.model))
    export(original.state_dict(), TINY128.model, str(tmp_path))
    warm = UNet(PASS)
    warm_start(warm, str(tmp_path))
    x, lam = torch.randn(2, 128, 128, 3), torch.tensor([-2.0, 5.0])
    with torch.no_grad():
        assert torch.equal(warm.eval()(x, lam), load_model(str(tmp_path))(x, lam))
        assert torch.equal(warm.hf_pass.gate.weight, torch.zeros_like(warm.hf_pass.gate.weight))


def test_the_coarse_gate_copies_a_16px_flat_images_v_in_its_band():
    """hf_pass_coarse: on an image flat within 16 x 16 blocks, the open coarse gate adds exactly the
    band of v between each 4 x 4 patch's mean and its 16 x 16 block's mean (as the fine gate does
    for the pixel band, which is then empty); the coarse gate starts closed."""
    cfg = replace(PASS, hf_pass_coarse=True)
    net = pass_only(cfg)
    assert torch.equal(UNet(cfg).hf_pass.coarse.weight, torch.zeros_like(UNet(cfg).hf_pass.coarse.weight))
    with torch.no_grad():
        net.hf_pass.coarse.weight.zero_(); net.hf_pass.coarse.bias.fill_(1.0)
    torch.manual_seed(1)
    blocks = torch.rand(2, 8, 8, 3, dtype=torch.float64) * 2 - 1
    x0 = F.interpolate(blocks.permute(0, 3, 1, 2), scale_factor=16, mode="nearest").permute(0, 2, 3, 1)
    eps = torch.randn_like(x0)
    lam = torch.tensor([-1.0, 4.0], dtype=torch.float64)
    alpha, sigma = alpha_sigma_nhwc(lam, torch.float64)
    x_t, v = alpha * x0 + sigma * eps, alpha * eps - sigma * x0
    with torch.no_grad():
        v_hat = net(x_t, lam)
    want = image_space_highpass(v, 16)           # pixel band + coarse band = v minus its 16 px means
    assert torch.allclose(v_hat, want, atol=1e-9)


def test_warm_start_gains_the_coarse_gate_at_zero_and_the_export_says_its_scale(tmp_path):
    """Run 3 of the 128 px pair: a model with the pass gains the coarse gate by warm start and
    computes exactly its export; exported again, the manifest carries the band's scale, which is
    all the TypeScript twin reads (src/model/modelConfig.ts)."""
    original = random_weights(UNet(PASS))
    export(original.state_dict(), PASS, str(tmp_path / "run2"))
    coarse = replace(PASS, hf_pass_coarse=True)
    warm = UNet(coarse)
    warm_start(warm, str(tmp_path / "run2"))
    x, lam = torch.randn(2, 128, 128, 3), torch.tensor([-2.0, 5.0])
    with torch.no_grad():
        assert torch.equal(warm.eval()(x, lam), load_model(str(tmp_path / "run2"))(x, lam))
    export(warm.state_dict(), coarse, str(tmp_path / "run3"))
    with open(tmp_path / "run3" / "model.json") as f:
        manifest = json.load(f)
    architecture = manifest["snrlab"]["architecture"]
    assert architecture["hf_pass_coarse"] is True and architecture["hf_pass_coarse_patches"] == COARSE
    names = [w["name"] for w in manifest["weightsManifest"][0]["weights"]]
    assert names[-4:] == ["hf_pass.gate.weight", "hf_pass.gate.bias", "hf_pass.coarse.weight",
                          "hf_pass.coarse.bias"]
