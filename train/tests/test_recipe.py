"""The training-recipe options (LR schedule, loss weighting, bf16 choice, schedule shift) and the
Python samplers, checked against closed forms (seconds on CPU)."""
import math
from dataclasses import replace

import pytest
import torch

from train.config import get_config, ABLATIONS
from train.diffusion import alpha_sigma, logsnr_from_t, logsnr_grid
from train.sample import SAMPLERS
from train.train import loss_weight, lr_at, cpu_has_fast_bf16, use_bf16_autocast

TINY = get_config("tiny")


def test_cosine_lr_decays_to_final_fraction():
    cfg = replace(TINY, steps=1000, warmup_steps=100, lr=1e-3, lr_schedule="cosine",
                  lr_final_frac=0.1)
    assert lr_at(0, cfg) == pytest.approx(1e-5)                     # warm-up 1/100
    assert lr_at(100, cfg) == pytest.approx(1e-3)                   # peak right after warm-up
    assert lr_at(550, cfg) == pytest.approx(1e-3 * (0.1 + 0.9 * 0.5))   # half-way: cos = 0
    assert lr_at(1000, cfg) == pytest.approx(1e-4)
    const = replace(cfg, lr_schedule="constant")
    assert lr_at(999, const) == pytest.approx(1e-3)
    with pytest.raises(ValueError, match="lr_schedule"):
        lr_at(5, replace(cfg, lr_schedule="linear-ish"))


def test_plain_v_weighting_is_one():
    lam = torch.linspace(-15, 15, 31)
    assert torch.equal(loss_weight(lam, TINY), torch.ones(31))


def test_min_snr_weight_closed_form():
    cfg = replace(TINY, loss_weighting="min_snr", min_snr_gamma=5.0)
    lam = torch.tensor([-4.0, 0.0, math.log(5.0), 6.0], dtype=torch.float64)
    w = loss_weight(lam, cfg)
    snr = lam.exp()
    raw = torch.minimum(snr, torch.tensor(5.0, dtype=torch.float64)) / (snr + 1)
    # normalised by a constant: ratios are the closed form's
    assert torch.allclose(w / w[1], raw / raw[1])
    assert float(raw[1]) == pytest.approx(0.5)                      # SNR 1: 1/(1+1)


def test_sigmoid_weight_is_kingma_gao_integrand_over_training_density():
    # factor on v-MSE = sigmoid(b - lam) * sigmoid(lam) / p(lam), p ~ sech((lam - shift)/2)
    for shift in (0.0, -1.386):
        cfg = replace(TINY, loss_weighting="sigmoid", sigmoid_bias=2.0, schedule_shift=shift)
        lam = torch.tensor([-8.0, -1.0, 0.5, 3.0, 9.0], dtype=torch.float64)
        w = loss_weight(lam, cfg)
        expected = (torch.sigmoid(2.0 - lam) * torch.sigmoid(lam)
                    / (1 / torch.cosh((lam - shift) / 2)))
        assert torch.allclose(w / w[0], expected / expected[0], rtol=1e-9)
        # normalised: mean 1 over the training distribution of lambda (uniform t)
        t = (torch.arange(2000, dtype=torch.float64) + 0.5) / 2000
        assert float(loss_weight(logsnr_from_t(t, shift=shift), cfg).mean()) == pytest.approx(1, rel=1e-3)


def test_unknown_weighting_fails_loudly():
    with pytest.raises(ValueError, match="loss_weighting"):
        loss_weight(torch.zeros(2), replace(TINY, loss_weighting="snr+1"))


def test_bf16_only_where_the_cpu_has_it(tmp_path):
    avx2 = tmp_path / "avx2"
    avx2.write_text("processor: 0\nflags\t\t: fpu sse2 avx avx2 fma\n")
    amx = tmp_path / "amx"
    amx.write_text("processor: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 amx_bf16\n")
    assert not cpu_has_fast_bf16(str(avx2))
    assert cpu_has_fast_bf16(str(amx))
    assert not cpu_has_fast_bf16(str(tmp_path / "missing"))
    cfg = replace(TINY, bf16_autocast=True)
    assert use_bf16_autocast(cfg, "cuda")
    assert not use_bf16_autocast(replace(cfg, bf16_autocast=False), "cuda")
    assert use_bf16_autocast(cfg, "cpu") == cpu_has_fast_bf16()


def test_shifted_grid_moves_every_logsnr():
    base, shifted = logsnr_grid(10), logsnr_grid(10, shift=-2.0)
    assert torch.allclose(shifted, base - 2.0)
    assert float(base[0]) == pytest.approx(-15) and float(base[-1]) == pytest.approx(15)


def test_ablations_differ_from_their_reference_in_one_field():
    ref, cos = ABLATIONS["abl-base"], ABLATIONS["abl-cos"]
    for name, cfg in ABLATIONS.items():
        if name == "abl-base":
            continue
        other = ref if name == "abl-cos" else cos
        diff = [k for k in cfg.__dataclass_fields__
                if k != "name" and getattr(cfg, k) != getattr(other, k)]
        assert len(diff) == 1, (name, diff)


class GaussianV(torch.nn.Module):
    """The exact v-prediction for data x0 ~ N(mu, s^2) i.i.d. per pixel:
    E[x0 | x_t] = mu + alpha s^2 (x_t - alpha mu) / (alpha^2 s^2 + sigma^2), v = (alpha x_t - x0)/sigma."""

    def __init__(self, mu, s):
        super().__init__()
        self.mu, self.s = mu, s

    def forward(self, x, logsnr):
        alpha, sigma = alpha_sigma(logsnr.double())
        alpha, sigma = alpha[:, None, None, None], sigma[:, None, None, None]
        x = x.double()
        x0 = self.mu + alpha * self.s ** 2 * (x - alpha * self.mu) / (alpha ** 2 * self.s ** 2 + sigma ** 2)
        return ((alpha * x - x0) / sigma).float()


@pytest.mark.parametrize("sampler", sorted(SAMPLERS))
def test_samplers_reach_the_gaussian_data_distribution(sampler):
    mu, s = 0.3, 0.5
    model = GaussianV(mu, s)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4, 64, 64, 3, generator=g)
    noise = lambda like: torch.randn(like.shape, generator=g)         # DDPM's step noise
    out = SAMPLERS[sampler](model, x, logsnr_grid(200), noise=noise)  # DDIM, first order: 3 % low at 50
    assert float(out.mean()) == pytest.approx(mu, abs=0.01)
    assert float(out.std()) == pytest.approx(s, rel=0.02)
    # clipping x0_hat to [-1, 1] keeps the result in range up to the last step's sigma-sized
    # remainder of x (this Gaussian puts ~0.3 % of the values outside)
    assert float(out.abs().max()) > 1.2
    clipped = SAMPLERS[sampler](model, x, logsnr_grid(50), clip=True, noise=noise)
    assert float(clipped.abs().max()) <= 1.01


def midpoint_t(n=200_000):
    """n uniform t on (0, 1) by the midpoint rule: shares of lambda then match a density's
    integrals to ~1/n, with no sampling noise."""
    return (torch.arange(n, dtype=torch.float64) + 0.5) / n


def share(x, lo, hi):
    """The share of the draws x in [lo, hi)."""
    return float(((x >= lo) & (x < hi)).double().mean())


def test_the_cosine_density_is_still_the_schedules_own_map():
    from train.train import training_logsnr
    t = torch.rand(1000, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    cfg = replace(TINY, schedule_shift=-1.0)
    want = logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max, -1.0)
    assert torch.equal(training_logsnr(t, cfg), want)


def test_laplace_density_of_lambda_has_the_laplace_tails_and_median():
    # Laplace(mu, b): P(lambda > mu + x) = P(lambda < mu - x) = exp(-x / b) / 2, median mu
    from train.train import training_logsnr
    cfg = replace(TINY, logsnr_density="laplace", laplace_mu=0.5, laplace_b=1.5)
    t = midpoint_t()
    lam = training_logsnr(t, cfg)
    assert lam[0] > lam[-1]                                 # oriented as the cosine: t = 0 clean
    assert float(lam.median()) == pytest.approx(0.5, abs=1e-3)
    for x in (0.5, 2.0, 5.0):
        assert float((lam > 0.5 + x).double().mean()) == pytest.approx(0.5 * math.exp(-x / 1.5),
                                                                        abs=2e-4)
        assert float((lam < 0.5 - x).double().mean()) == pytest.approx(0.5 * math.exp(-x / 1.5),
                                                                        abs=2e-4)
    assert float(lam.max()) <= cfg.logsnr_max and float(lam.min()) >= cfg.logsnr_min
    shifted = training_logsnr(t, replace(cfg, schedule_shift=-1.0))
    assert torch.allclose(shifted, lam - 1.0)
    with pytest.raises(ValueError, match="cosine density"):
        loss_weight(lam[:4].float(), replace(cfg, loss_weighting="sigmoid"))
    with pytest.raises(ValueError, match="logsnr_density"):
        training_logsnr(t, replace(cfg, logsnr_density="logistic-ish"))


def test_ema_warmups_closed_forms():
    from train.train import ema_decay_at
    cfg = replace(TINY, ema_decay=0.999)
    for k in (0, 1, 9, 100, 900, 20_000):
        assert ema_decay_at(k, cfg) == min(0.999, (1 + k) / (10 + k))   # the shipped warm-up
        assert ema_decay_at(k, replace(cfg, ema_warmup=False)) == 0.999
        assert ema_decay_at(k, replace(cfg, ema_power=0.75)) == pytest.approx(
            min(0.999, 1 - (1 + k) ** -0.75))
    assert ema_decay_at(0, replace(cfg, ema_power=0.75)) == 0.0        # step 0 copies the model


def test_probe_arms_sample_on_their_own_schedule_unless_asked_otherwise():
    from train.studies.draw_study import sampling_of
    assert sampling_of("probe64-control") == (0.0, "probe64-control")
    assert sampling_of("probe64-shift") == (-1.0, "probe64-shift")
    # the control sampled as the shift arm samples: the sampling schedule's share of its result
    assert sampling_of("probe64-control", shift=-1.0) == (-1.0,
                                                         "probe64-control_uniform-t_shift-1")
    # the app's spacing keeps the arm's own shift unless asked, and says so in the tag
    assert sampling_of("probe64-shift", spacing="uniform-logsnr") == (
        -1.0, "probe64-shift_uniform-logsnr_shift-1")
    assert sampling_of("probe64-control", 0.0, "uniform-logsnr")[1] == \
        "probe64-control_uniform-logsnr_shift+0"


def test_padded_density_is_the_mixture_and_moves_with_the_shift():
    # (1 - p) * cosine + p * uniform on the pad range, from one uniform t, shifted as a whole
    from train.train import training_logsnr
    t = midpoint_t()
    cfg = replace(TINY, logsnr_pad_share=0.25, logsnr_pad_range=(0.0, 8.0))
    lam = training_logsnr(t, cfg)
    cos = logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max)
    # a sub-interval of the pad gets the pad's uniform share on top of the cosine's own
    for lo, hi in ((0.0, 8.0), (4.0, 8.0), (6.0, 7.0)):
        want = 0.75 * share(cos, lo, hi) + 0.25 * (hi - lo) / 8.0
        assert share(lam, lo, hi) == pytest.approx(want, abs=1e-4)
    for lo, hi in ((-15.0, 0.0), (8.0, 15.0)):                            # outside: the cosine's
        assert share(lam, lo, hi) == pytest.approx(0.75 * share(cos, lo, hi), abs=1e-4)
    assert float(lam[0]) == pytest.approx(8.0, abs=1e-3)                  # t = 0: the pad's clean end
    shifted = training_logsnr(t, replace(cfg, schedule_shift=-1.386))
    assert torch.allclose(shifted, lam - 1.386)
    assert torch.equal(training_logsnr(t, replace(cfg, logsnr_pad_share=0.0)), cos)
    with pytest.raises(ValueError, match="logsnr_pad_share"):
        training_logsnr(t, replace(cfg, logsnr_pad_share=1.0))
    with pytest.raises(ValueError, match="cosine density"):
        loss_weight(lam[:4].float(), replace(cfg, loss_weighting="sigmoid"))


def test_pad_taken_from_the_clean_half_leaves_the_noisy_half_untouched():
    # logsnr_pad_from="clean": the pad's share comes out of the cosine's clean half (lambda >= 0
    # before the shift) alone; every t >= 0.5 keeps its own lambda, so lambda < 0 keeps 50 %
    from train.train import training_logsnr
    t = midpoint_t()
    p = 0.25
    cfg = replace(TINY, logsnr_pad_share=p, logsnr_pad_range=(0.0, 8.0), logsnr_pad_from="clean")
    lam = training_logsnr(t, cfg)
    cos = logsnr_from_t(t, cfg.logsnr_min, cfg.logsnr_max)
    noisy = t >= 0.5
    assert torch.equal(lam[noisy], cos[noisy])                            # draw by draw
    assert share(lam, -20.0, 0.0) == pytest.approx(0.5, abs=1e-4)        # the "all" pad: 0.375
    kept = (0.5 - p) / 0.5                                                # of the clean half's own
    for lo, hi in ((0.0, 4.0), (4.0, 8.0), (6.0, 7.0)):
        want = kept * share(cos, lo, hi) + p * (hi - lo) / 8.0
        assert share(lam, lo, hi) == pytest.approx(want, abs=1e-4)
    assert share(lam, 8.0, 20.0) == pytest.approx(kept * share(cos, 8.0, 20.0), abs=1e-4)
    shifted = training_logsnr(t, replace(cfg, schedule_shift=-1.386))
    assert torch.allclose(shifted, lam - 1.386)
    with pytest.raises(ValueError, match="clean half"):
        training_logsnr(t, replace(cfg, logsnr_pad_share=0.5))
    with pytest.raises(ValueError, match="logsnr_pad_from"):
        training_logsnr(t, replace(cfg, logsnr_pad_from="noisy"))
