"""train.studies.eval_shift's bf16 sampling option on a tiny 128 px model (seconds on CPU): it
hands the sampler float32 and stays close to the float32 forward, so it can only be a speed-up."""
import numpy as np
import torch

from train.config import get_config
from train.diffusion import spaced_logsnr_grid
from train.model import UNet
from train.studies.eval_shift import Bf16, sample_on

torch.set_num_threads(1)


def tiny_model():
    torch.manual_seed(0)
    model = UNet(get_config("tiny128").model)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.05 * torch.randn_like(p))
    return model.eval()


def test_bf16_forward_returns_float32_close_to_the_float32_forward():
    model = tiny_model()
    x = torch.randn(2, 128, 128, 3, generator=torch.Generator().manual_seed(1))
    lam = torch.tensor([-2.0, 4.0])
    with torch.no_grad():
        want, got = model(x, lam), Bf16(model)(x, lam)
    assert got.dtype == torch.float32 and got.shape == want.shape
    rel = ((got - want).norm() / want.norm()).item()
    assert 0 < rel < 0.05                      # bf16 rounds (not silently float32), but little


def test_bf16_sampling_changes_few_pixels_by_more_than_a_level():
    model = tiny_model()
    noise = torch.randn(2, 128, 128, 3, generator=torch.Generator().manual_seed(2))
    grid = spaced_logsnr_grid(4, "uniform-logsnr", 0.0)
    a = sample_on(model, noise, grid).astype(np.int16)
    b = sample_on(Bf16(model), noise, grid).astype(np.int16)
    assert a.dtype == b.dtype and a.shape == b.shape == (2, 128, 128, 3)
    assert (np.abs(a - b) > 1).mean() < 0.05


def test_a_kept_cell_is_reused_only_for_the_same_weights_noises_grid_and_precision(tmp_path):
    from train.studies.eval_shift import cell_signature, keep_cell, kept_cell
    grid = spaced_logsnr_grid(4, "uniform-logsnr", 0.0)
    sig = cell_signature({"model.json": "aa", "group1-shard1of1.bin": "bb"}, 8, 0, grid, "float32")
    path = str(tmp_path / "cell.npy")
    assert kept_cell(path, sig) is None                     # nothing kept yet
    samples = np.arange(8 * 4 * 4 * 3, dtype=np.uint8).reshape(8, 4, 4, 3)
    keep_cell(path, sig, samples)
    assert np.array_equal(kept_cell(path, sig), samples)
    other_weights = cell_signature({"model.json": "aa", "group1-shard1of1.bin": "cc"}, 8, 0, grid,
                                   "float32")
    other_grid = cell_signature(sig["weights"], 8, 0, spaced_logsnr_grid(4, "uniform-logsnr", -1.4),
                                "float32")
    for changed in (other_weights, other_grid, dict(sig, n=16), dict(sig, seed=1),
                    dict(sig, precision="bf16-autocast")):
        assert kept_cell(path, changed) is None
