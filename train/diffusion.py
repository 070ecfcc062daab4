"""The diffusion vocabulary, each formula once: schedule, alpha/sigma, noising, v, x0_hat, pixels.

Variance-preserving process in logSNR terms (VDM, Kingma et al. 2021): lambda = log(alpha^2 /
sigma^2), alpha^2 = sigmoid(lambda), sigma^2 = sigmoid(-lambda); x_t = alpha x0 + sigma eps.
The model predicts v = alpha eps - sigma x0 (Salimans & Ho 2022) and is conditioned on lambda.
the pipeline (train, sample, eval, fixture, ...) and the studies (train/studies) import these;
nothing here knows a model's architecture or an image size.
"""
import math

import numpy as np
import torch

# Cosine schedule in logSNR terms (Nichol & Dhariwal 2021; Hoogeboom et al. 2023, "simple
# diffusion", eq. for logSNR_cosine): lambda(t) = -2 ln tan(t_min + t (t_max - t_min)),
# clipped to [LOGSNR_MIN, LOGSNR_MAX]; t = 0 is clean (lambda = +15), t = 1 is noise (lambda = -15).
LOGSNR_MIN = -15.0
LOGSNR_MAX = 15.0


BASE_RESOLUTION = 64               # simple diffusion's base: the cosine schedule is right at 64 px


def resolution_shift(resolution, base=BASE_RESOLUTION):
    """Simple diffusion's schedule shift for a d-px image (Hoogeboom et al. 2023, sec. 3.1):
    lambda_d(t) = lambda_base(t) + 2 ln(base / d); 128 px -> -1.386 nats."""
    return 2.0 * math.log(base / resolution)


def _t_range(logsnr_min, logsnr_max):
    """(t_min, t_max) of the clipped cosine: the angles where lambda = max and lambda = min."""
    return math.atan(math.exp(-0.5 * logsnr_max)), math.atan(math.exp(-0.5 * logsnr_min))


def logsnr_from_t(t, logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX, shift=0.0):
    """Cosine schedule: t in [0, 1] (tensor or float) -> lambda (float64), in [min, max] moved by
    `shift` (clip, then shift: simple diffusion's shift for resolution d is 2 ln(64 / d))."""
    t_min, t_max = _t_range(logsnr_min, logsnr_max)
    t = torch.as_tensor(t, dtype=torch.float64)
    return (-2.0 * torch.log(torch.tan(t_min + t * (t_max - t_min))) + shift)


def logsnr_laplace_from_t(t, mu=0.0, b=1.0, logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX,
                          shift=0.0):
    """A Laplace(mu, b) density of lambda (Hang et al. 2024, "Improved noise schedule for diffusion
    training": training lambda drawn more often near 0, where signal and noise trade places), as a
    map from t in [0, 1] (uniform) through the Laplace inverse CDF, oriented as the cosine (t = 0
    clean, lambda large): lambda = mu + b sgn(t - 1/2) ln(1 - 2 |t - 1/2|), clipped to [min, max],
    then moved by `shift` as logsnr_from_t. Float64."""
    t = torch.as_tensor(t, dtype=torch.float64)
    u = t - 0.5
    lam = mu + b * torch.sign(u) * torch.log1p(-2.0 * u.abs())
    return lam.clamp(logsnr_min, logsnr_max) + shift


def t_from_logsnr(logsnr, logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX):
    """Inverse of the unshifted cosine schedule: lambda (float) -> t."""
    t_min, t_max = _t_range(logsnr_min, logsnr_max)
    return (math.atan(math.exp(-0.5 * logsnr)) - t_min) / (t_max - t_min)


def logsnr_grid(steps, logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX, shift=0.0):
    """Sampling grid, steps uniform in t on the (shifted) cosine: t = 1, 1 - 1/N, ..., 0 ->
    lambda_0 < ... < lambda_N, float64 [N + 1]."""
    t = torch.linspace(1.0, 0.0, steps + 1, dtype=torch.float64)
    return logsnr_from_t(t, logsnr_min, logsnr_max, shift)


def spaced_logsnr_grid(steps, spacing="uniform-t", shift=0.0, end=None):
    """lambda_0 < ... < lambda_N for N = steps model calls, float64 [N + 1].

    end=None: uniform in t (logsnr_grid) or in lambda ("uniform-logsnr") on the (shifted) cosine
    from its noisy end to its clean end (+15 + shift); the last step jumps from lambda_{N-1} to
    lambda_N.
    end=value: the N model calls are spread (uniform in t, or in lambda) from the noisy end up to
    lambda = end itself, and lambda_N = +inf: the last step returns that call's x0_hat (sigma = 0;
    every sampler's step to +inf is exactly "output x0_hat").
    """
    if end is None:
        if spacing == "uniform-logsnr":
            # the app's spacing, from its one Python copy (train.spacing imports this module)
            from .schedules import cosine_schedule, shifted_schedule
            from .spacing import spaced_logsnrs
            return spaced_logsnrs(shifted_schedule(cosine_schedule(), shift), steps, spacing)
        return logsnr_grid(steps, shift=shift)
    if spacing == "uniform-logsnr":
        calls = torch.linspace(LOGSNR_MIN + shift, end, steps, dtype=torch.float64)
    else:
        t_end = t_from_logsnr(end - shift)
        calls = logsnr_from_t(torch.linspace(1.0, t_end, steps, dtype=torch.float64), shift=shift)
    return torch.cat([calls, torch.tensor([math.inf], dtype=torch.float64)])


def alpha_sigma(logsnr):
    """alpha = sqrt(sigmoid(lambda)), sigma = sqrt(sigmoid(-lambda)) (VDM, Kingma et al. 2021):
    the stable form, never 1 - alpha^2. Same dtype and shape as logsnr."""
    return torch.sigmoid(logsnr).sqrt(), torch.sigmoid(-logsnr).sqrt()


def alpha_sigma_nhwc(logsnr, dtype):
    """Per-example alpha, sigma for NHWC images: lambda [B] -> two [B, 1, 1, 1] in `dtype`
    (computed in lambda's dtype, then cast)."""
    return tuple(a.to(dtype)[:, None, None, None] for a in alpha_sigma(logsnr))


def alpha_sigma_float(logsnr):
    """alpha, sigma of one lambda as Python floats, computed in float64 (the samplers' scalars)."""
    alpha, sigma = alpha_sigma(torch.tensor(float(logsnr), dtype=torch.float64))
    return float(alpha), float(sigma)


def noised(x0, eps, alpha, sigma):
    """Forward process x_t = alpha x0 + sigma eps."""
    return alpha * x0 + sigma * eps


def v_target(x0, eps, alpha, sigma):
    """v = alpha eps - sigma x0 (Salimans & Ho 2022, sec. 4)."""
    return alpha * eps - sigma * x0


def x0_from_v(x_t, v_hat, alpha, sigma):
    """x0_hat = alpha x_t - sigma v_hat (Salimans & Ho 2022, appendix D)."""
    return alpha * x_t - sigma * v_hat


def eps_from_x0(x_t, x0, alpha, sigma):
    """eps_hat = (x_t - alpha x0_hat) / sigma: the noise that x0_hat implies."""
    return (x_t - alpha * x0) / sigma


def denoise(model, x, logsnr, clip=False):
    """The denoiser wrapper: x0_hat from the model's v-prediction at one lambda (float) for the
    batch x [B, H, W, 3]; clip: clamp x0_hat to the data range [-1, 1] (Imagen's static
    thresholding). The model is called as model(x_t, lambda [B] float32) -> v_hat."""
    lam = torch.full((x.shape[0],), float(logsnr), dtype=torch.float32, device=x.device)
    alpha, sigma = alpha_sigma_float(logsnr)
    x0 = x0_from_v(x, model(x, lam), alpha, sigma)
    return x0.clamp(-1, 1) if clip else x0


def to_model_range(images_uint8):
    """uint8 pixels in [0, 255] (numpy array or torch tensor) -> float32 in [-1, 1], same type."""
    if isinstance(images_uint8, torch.Tensor):
        return images_uint8.float() / 127.5 - 1.0
    return np.asarray(images_uint8).astype(np.float32) / 127.5 - 1.0


def to_uint8(x):
    """[-1, 1] float tensor (any device) -> uint8 numpy (clipped, rounded): to_model_range's inverse."""
    return ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).cpu().numpy()
