"""Samplers for the v-prediction model, in logSNR (lambda) terms.

One signature (k-diffusion style): sample_x(model, x, logsnrs, callback=None, clip=False,
noise=None) -> x0, where x is the initial noise [B, H, W, 3] (H = W = the model config's
image_size) and logsnrs the decreasing-noise grid lambda_0 < ... < lambda_N
(train.diffusion.logsnr_grid, or train.spacing for the app's other schedules and spacings). The
model is called through train.diffusion.denoise (v_hat -> x0_hat). `noise(x)` returns standard
normal draws shaped like x; only a stochastic step calls it (once per step), and one without it
is an error, as in the app. SAMPLERS names them by the app's ids (src/math/samplers.ts), and
test/fixtures/math_fixture.json (train.math_fixture) checks that each does what the app's does.

    python3 -m train.sample --n 64 --steps 25 --out docs/model/samples.png
"""
import argparse
import math

import numpy as np
import torch

from .diffusion import alpha_sigma_float, denoise, eps_from_x0, spaced_logsnr_grid, to_uint8


@torch.no_grad()
def sample_dpmpp_2m(model, x, logsnrs, callback=None, clip=False, noise=None):
    """DPM-Solver++(2M), Lu et al. 2022 (arXiv:2211.01095), Algorithm 2, written with lambda.

    x_{i+1} = (sigma_{i+1}/sigma_i) x_i - alpha_{i+1} expm1(-h_i) D_i,  h_i = (lambda_{i+1} - lambda_i)/2
    (DPM-Solver's lambda is log(alpha/sigma), half our logSNR); the final step is first order
    (diffusers' lower_order_final), since its lambda step is far longer than the previous one,
    D_i = x0_hat_i on the first step, else (1 + 1/(2 r)) x0_hat_i - 1/(2 r) x0_hat_{i-1},
    r = h_{i-1} / h_i. Returns the final x (at lambda_N = +15, sigma ~ 5.5e-4). Deterministic:
    `noise` is only there for the common signature.
    """
    old = None
    lams = [float(l) for l in logsnrs]
    for i in range(len(lams) - 1):
        x0 = denoise(model, x, lams[i], clip)
        a_next, s_next = alpha_sigma_float(lams[i + 1])
        s_cur = alpha_sigma_float(lams[i])[1]
        h = 0.5 * (lams[i + 1] - lams[i])    # DPM-Solver's lambda = log(alpha/sigma) = logSNR/2
        if old is None or i == len(lams) - 2:     # first order on the first and the final step
            d = x0
        else:
            r = 0.5 * (lams[i] - lams[i - 1]) / h     # h_{i-1} / h_i, both in half-logSNR
            d = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * old
        x = (s_next / s_cur) * x - a_next * math.expm1(-h) * d
        old = x0
        if callback is not None:
            callback(i, x, x0)
    return x


@torch.no_grad()
def sample_ddim(model, x, logsnrs, callback=None, clip=False, noise=None, eta=0.0):
    """DDIM (Song et al. 2021, eq. 12) with eta, from lambda_t to the cleaner lambda_s:
    eps_hat = (x - alpha_t x0_hat) / sigma_t, c^2 = eta^2 sigma_s^2 (1 - e^(lambda_t - lambda_s)),
    x_s = alpha_s x0_hat + sqrt(sigma_s^2 - c^2) eps_hat + c z. At eta = 1, c^2 is the variance
    of the DDPM posterior q(x_s | x_t, x0) (Ho et al. 2020, eq. 7), written with expm1."""
    lams = [float(l) for l in logsnrs]
    for i in range(len(lams) - 1):
        a, s = alpha_sigma_float(lams[i])
        x0 = denoise(model, x, lams[i], clip)
        eps = eps_from_x0(x, x0, a, s)
        a_next, s_next = alpha_sigma_float(lams[i + 1])
        c_sq = eta * eta * s_next * s_next * -math.expm1(lams[i] - lams[i + 1])
        if c_sq > 0:
            if noise is None:
                raise ValueError("sampler: a stochastic step needs noise")
            x = a_next * x0 + math.sqrt(max(0.0, s_next * s_next - c_sq)) * eps \
                + math.sqrt(c_sq) * noise(x)
        else:
            x = a_next * x0 + s_next * eps
        if callback is not None:
            callback(i, x, x0)
    return x


@torch.no_grad()
def sample_ddpm(model, x, logsnrs, callback=None, clip=False, noise=None):
    """DDPM ancestral sampling (Ho et al. 2020, Algorithm 2): DDIM at eta = 1."""
    return sample_ddim(model, x, logsnrs, callback, clip, noise, eta=1.0)


# The app's sampler ids (src/math/samplers.ts SAMPLER_IDS), the one name of each on both sides.
SAMPLERS = {"ddim": sample_ddim, "ddpm": sample_ddpm, "dpmpp-2m": sample_dpmpp_2m}
DEFAULT_SAMPLER = "dpmpp-2m"          # the model card's evaluations and the app's default


class Guided:
    """Classifier-free guidance (Ho & Salimans 2022) in v-space, as a model the samplers call:
    v = v_u + w (v_c - v_u), v_c with the asked labels [B, 2], v_u with both labels "unknown" (0).
    w = 1 is the plain conditional model (one call); otherwise one call of batch 2B (conditional
    rows, then unconditional). `interval` = (lo, hi): guide only for lambda in [lo, hi] and use
    the conditional model elsewhere (Kynkäänniemi et al. 2024); None guides at every step."""

    def __init__(self, model, labels, w, interval=None):
        self.model, self.labels, self.w, self.interval = model, labels, float(w), interval
        self.cfg = model.cfg

    def parameters(self):
        return self.model.parameters()

    def __call__(self, x, logsnr):
        lam = float(logsnr[0])
        w = self.w
        if self.interval is not None and not (self.interval[0] <= lam <= self.interval[1]):
            w = 1.0
        if w == 1.0:
            return self.model(x, logsnr, self.labels)
        both = self.model(torch.cat([x, x]), torch.cat([logsnr, logsnr]),
                          torch.cat([self.labels, torch.zeros_like(self.labels)]))
        v_c, v_u = both.chunk(2)
        return v_u + w * (v_c - v_u)


def generate(model, n, steps, seed=0, batch=100, sampler=DEFAULT_SAMPLER, shift=0.0, labels=None,
             guidance=1.0, interval=None, spacing="uniform-t"):
    """n samples as uint8 [n, size, size, 3]; initial noise from torch.Generator(seed); steps
    spaced by `spacing` (uniform in t, or "uniform-logsnr", the app's default) on the cosine
    schedule moved by `shift` (the model's training schedule).
    labels: int64 [n, 2] (category, vendor; 0 = unknown) for a conditional model, sampled with
    guidance weight `guidance` (class Guided); None: unconditional. Sampling runs on the model's
    device; the noise is drawn on the CPU, so a seed gives the same starting noise on every
    device (and the same noise with or without labels). A stochastic sampler's step noise comes
    from the same generator, after all the starting noise."""
    g = torch.Generator().manual_seed(seed)
    size = model.cfg.image_size
    device = next(model.parameters()).device
    noise = torch.randn((n, size, size, 3), generator=g)
    step_noise = lambda like: torch.randn(like.shape, generator=g).to(like.device, like.dtype)
    out = []
    grid = spaced_logsnr_grid(steps, spacing, shift)
    for i in range(0, n, batch):
        net = model if labels is None else Guided(model, labels[i:i + batch].to(device), guidance,
                                                  interval)
        x = SAMPLERS[sampler](net, noise[i:i + batch].to(device), grid, noise=step_noise)
        out.append(to_uint8(x))
    return np.concatenate(out)


def grid_image(images, cols):
    """uint8 [N, H, W, 3] -> one uint8 grid image with 2 px white gutters."""
    n, h, w, _ = images.shape
    rows = -(-n // cols)
    g = np.full((rows * (h + 2) + 2, cols * (w + 2) + 2, 3), 255, np.uint8)
    for k in range(n):
        r, c = divmod(k, cols)
        g[2 + r * (h + 2):2 + r * (h + 2) + h, 2 + c * (w + 2):2 + c * (w + 2) + w] = images[k]
    return g


def main():
    from PIL import Image
    from .export import load_model, DEFAULT_OUT
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sampler", default=DEFAULT_SAMPLER, choices=list(SAMPLERS))
    ap.add_argument("--out", default="samples.png")
    args = ap.parse_args()
    torch.set_num_threads(2)
    model = load_model(args.model)
    imgs = generate(model, args.n, args.steps, args.seed, sampler=args.sampler)
    Image.fromarray(grid_image(imgs, int(math.ceil(math.sqrt(args.n))))).save(args.out)


if __name__ == "__main__":
    main()
