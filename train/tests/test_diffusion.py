"""train.diffusion: each formula checked against its definition, and the sampling grids."""
import math

import numpy as np
import pytest
import torch

from train.diffusion import (LOGSNR_MAX, LOGSNR_MIN, alpha_sigma, denoise, eps_from_x0,
                             logsnr_from_t, logsnr_grid, noised, spaced_logsnr_grid,
                             t_from_logsnr, to_model_range, to_uint8, v_target, x0_from_v)


def test_alpha_sigma_is_variance_preserving_with_the_named_logsnr():
    lam = torch.tensor([-12.0, -1.0, 0.0, 3.5, 14.0], dtype=torch.float64)
    alpha, sigma = alpha_sigma(lam)
    assert torch.allclose(alpha ** 2 + sigma ** 2, torch.ones_like(lam))
    assert torch.allclose(torch.log(alpha ** 2 / sigma ** 2), lam)


def test_t_from_logsnr_inverts_the_cosine_schedule():
    for t in (0.0, 0.1, 0.5, 0.93, 1.0):
        assert t_from_logsnr(float(logsnr_from_t(t))) == pytest.approx(t, abs=1e-12)
    assert float(logsnr_from_t(0.0)) == pytest.approx(LOGSNR_MAX)
    assert float(logsnr_from_t(1.0)) == pytest.approx(LOGSNR_MIN)


def test_x0_and_eps_are_recovered_from_the_exact_v():
    g = torch.Generator().manual_seed(0)
    x0, eps = torch.rand(2, 4, 4, 3, generator=g) * 2 - 1, torch.randn(2, 4, 4, 3, generator=g)
    alpha, sigma = (a.double()[:, None, None, None] for a in alpha_sigma(torch.tensor([-3.0, 5.0])))
    x0, eps = x0.double(), eps.double()
    x_t = noised(x0, eps, alpha, sigma)
    v = v_target(x0, eps, alpha, sigma)
    assert torch.allclose(x0_from_v(x_t, v, alpha, sigma), x0)
    assert torch.allclose(eps_from_x0(x_t, x0, alpha, sigma), eps)


def test_denoise_calls_the_model_on_lambda_and_returns_x0_hat():
    seen = []

    def model(x, lam):
        seen.append(lam)
        return torch.zeros_like(x)            # v_hat = 0: x0_hat = alpha x_t

    x = torch.ones(3, 2, 2, 3)
    out = denoise(model, x, 2.0)
    assert seen[0].dtype == torch.float32 and seen[0].tolist() == [2.0] * 3
    assert torch.allclose(out, x * math.sqrt(1 / (1 + math.exp(-2.0))))
    assert float(denoise(lambda x, lam: -10 * x, x, 2.0, clip=True).max()) == 1.0


def test_pixels_round_trip_through_the_model_range():
    pixels = np.arange(256, dtype=np.uint8).reshape(1, 16, 16, 1).repeat(3, axis=-1)
    x = to_model_range(pixels)
    assert x.dtype == np.float32 and x.min() == -1.0 and x.max() == 1.0
    assert torch.equal(to_model_range(torch.from_numpy(pixels)), torch.from_numpy(x))
    assert np.array_equal(to_uint8(torch.from_numpy(x)), pixels)


def test_sampling_grids_end_where_they_say():
    today = spaced_logsnr_grid(25)
    assert torch.equal(today, logsnr_grid(25)) and len(today) == 26
    assert bool((today[1:] > today[:-1]).all())
    shifted = spaced_logsnr_grid(10, "uniform-logsnr", shift=-1.0)
    assert torch.allclose(shifted, torch.linspace(-16.0, 14.0, 11, dtype=torch.float64))
    for spacing in ("uniform-t", "uniform-logsnr"):
        early = spaced_logsnr_grid(8, spacing, shift=-2.0, end=3.0)
        assert len(early) == 9 and math.isinf(float(early[-1]))
        assert float(early[-2]) == pytest.approx(3.0) and float(early[0]) == pytest.approx(-17.0)
