"""The lab's schedule catalogue in Python, named by the TypeScript ids (src/math/scheduleCatalog.ts).

Training uses only the clipped cosine (train.diffusion); these families exist so that Python can
sample on any schedule the app offers and so that test/fixtures/math_fixture.json, written from
here, checks src/math/schedules.ts, scheduleCatalog.ts and scheduleSpec.ts formula by formula.
Each family was written from its paper (cited per function), not translated from the TypeScript,
so a slip on one side shows up as a disagreement.

A schedule is t in [0, 1] (float or tensor; t = 0 clean, t = 1 noise) -> lambda (float64 tensor),
decreasing in t, plus its closed-form inverse lambda -> t (float) where the family has one.
"""
import math
from typing import Callable, NamedTuple, Optional

import torch

from .diffusion import LOGSNR_MAX, LOGSNR_MIN, logsnr_from_t, resolution_shift, t_from_logsnr


class Schedule(NamedTuple):
    logsnr: Callable                        # t -> lambda, float64 tensor
    inverse: Optional[Callable] = None      # lambda (float) -> t (float), unclamped; None: bisect


def _t(t):
    return torch.as_tensor(t, dtype=torch.float64)


def _sigmoid(x):
    """sigmoid of a float without overflow (the families' constants)."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _logit(p):
    """log(p / (1 - p)) for a tensor, as log p - log1p(-p) (accurate near 1)."""
    return torch.log(p) - torch.log1p(-p)


def _clip(lam):
    """The [-15, 15] clip that families with an infinite end use (as the cosine's range)."""
    return torch.clamp(lam, LOGSNR_MIN, LOGSNR_MAX)


def cosine_schedule(logsnr_min=LOGSNR_MIN, logsnr_max=LOGSNR_MAX):
    """The clipped cosine: train.diffusion's, the one training uses."""
    return Schedule(lambda t: logsnr_from_t(t, logsnr_min, logsnr_max),
                    lambda lam: t_from_logsnr(lam, logsnr_min, logsnr_max))


def interpolated_cosine_schedule(base, lo, hi):
    """Simple diffusion's interpolated cosine (Hoogeboom et al. 2023, sec. 3.1):
    lambda(t) = t lambda_shift(hi)(t) + (1 - t) lambda_shift(lo)(t), lambda_shift(r) the cosine
    moved by 2 ln(base / r). No closed-form inverse."""
    shift_lo, shift_hi = resolution_shift(lo, base), resolution_shift(hi, base)
    return Schedule(lambda t: logsnr_from_t(t) + _t(t) * shift_hi + (1 - _t(t)) * shift_lo)


LINEAR_BETA = dict(start=1e-4, end=0.02, steps=1000)


def linear_ddpm_schedule(beta_start=LINEAR_BETA["start"], beta_end=LINEAR_BETA["end"],
                         steps=LINEAR_BETA["steps"]):
    """DDPM's linear beta (Ho et al. 2020) as the VP SDE (Song et al. 2021, eq. 32):
    -log alpha_bar(t) = A(t) = b_min t + (b_max - b_min) t^2 / 2 with b = steps * beta, and
    lambda = logit(alpha_bar) = -A - log(-expm1(-A)). t is floored at 1/steps, DDPM's first step."""
    b_min, b_max = beta_start * steps, beta_end * steps
    half = 0.5 * (b_max - b_min)

    def logsnr(t):
        time = torch.clamp(_t(t), min=1.0 / steps)
        a = b_min * time + half * time * time
        return -a - torch.log(-torch.expm1(-a))

    def inverse(lam):
        # A = -log alpha_bar = -log sigmoid(lambda) = softplus(-lambda), in its stable form
        a = math.log1p(math.exp(-lam)) if lam > 0 else -lam + math.log1p(math.exp(lam))
        return (-b_min + math.sqrt(b_min * b_min + 4 * half * a)) / (2 * half)
    return Schedule(logsnr, inverse)


SIGMOID_DEFAULTS = dict(start=-3.0, end=3.0, tau=1.0)


def sigmoid_schedule(start=SIGMOID_DEFAULTS["start"], end=SIGMOID_DEFAULTS["end"],
                     tau=SIGMOID_DEFAULTS["tau"]):
    """Chen 2023 ("On the importance of noise scheduling", Algorithm 1), which gives the signal
    variance alpha_bar(t) = (v_end - sigmoid((t (end - start) + start) / tau)) / (v_end - v_start);
    lambda = logit(alpha_bar), clipped to [-15, 15] since alpha_bar reaches exactly 1 and 0."""
    v_start, v_end = _sigmoid(start / tau), _sigmoid(end / tau)

    def logsnr(t):
        alpha_bar = (v_end - torch.sigmoid((_t(t) * (end - start) + start) / tau)) / (v_end - v_start)
        return _clip(_logit(torch.clamp(alpha_bar, 0.0, 1.0)))

    def inverse(lam):
        inner = v_end - _sigmoid(lam) * (v_end - v_start)
        return (tau * (math.log(inner) - math.log1p(-inner)) - start) / (end - start)
    return Schedule(logsnr, inverse)


EDM_SIGMAS = dict(min=0.002, max=80.0, rho=7.0)


def edm_schedule(sigma_min=EDM_SIGMAS["min"], sigma_max=EDM_SIGMAS["max"], rho=EDM_SIGMAS["rho"]):
    """Karras et al. 2022, eq. 5, over t in [0, 1]: sigma(t) = (s_min^(1/rho) + t (s_max^(1/rho)
    - s_min^(1/rho)))^rho; EDM's sigma is the noise-to-signal ratio, so lambda = -2 ln sigma."""
    low, high = sigma_min ** (1 / rho), sigma_max ** (1 / rho)
    return Schedule(lambda t: -2 * rho * torch.log(low + _t(t) * (high - low)),
                    lambda lam: (math.exp(-lam / (2 * rho)) - low) / (high - low))


SD3_SHIFT = 3.0                       # SD3's shift for its 1024 px models (Esser et al. 2024)


def rectified_flow_schedule(shift_k=1.0):
    """Rectified flow x_t = (1 - t) x0 + t eps (Liu et al. 2022): lambda = 2 ln((1 - t) / t),
    SD3's timestep shift k moves it by -2 ln k (Esser et al. 2024, sec. 5.3.2); clipped to
    [-15, 15] since lambda is infinite at both ends."""
    offset = -2.0 * math.log(shift_k)
    return Schedule(lambda t: _clip(2 * (torch.log1p(-_t(t)) - torch.log(_t(t))) + offset),
                    lambda lam: _sigmoid(-(lam - offset) / 2))


SCHEDULES = {
    "cosine": cosine_schedule,
    "cosine-interpolated": lambda: interpolated_cosine_schedule(64, 32, 256),
    "linear": linear_ddpm_schedule,
    "sigmoid": sigmoid_schedule,
    "edm": edm_schedule,
    "rectified-flow": lambda: rectified_flow_schedule(1.0),
    "rectified-flow-sd3": lambda: rectified_flow_schedule(SD3_SHIFT),
}
SCHEDULE_IDS = tuple(SCHEDULES)
CLIP_MODES = ("shift-after-clip", "clip-after-shift")


def shifted_schedule(base, shift, clip_mode="shift-after-clip", clip_range=(LOGSNR_MIN, LOGSNR_MAX)):
    """lambda(t) + shift. 'shift-after-clip' moves the clipped curve and its range (simple
    diffusion; train.diffusion.logsnr_from_t); 'clip-after-shift' clips the moved curve back to
    the base range (k-diffusion), which leaves no closed-form inverse."""
    if shift == 0:
        return base
    if clip_mode == "shift-after-clip":
        inverse = base.inverse
        return Schedule(lambda t: base.logsnr(t) + shift,
                        None if inverse is None else (lambda lam: inverse(lam - shift)))
    if clip_mode != "clip-after-shift":
        raise ValueError(f"unknown clip mode {clip_mode!r}; one of {CLIP_MODES}")
    return Schedule(lambda t: torch.clamp(base.logsnr(t) + shift, *clip_range))


def build_schedule(spec):
    """A schedule from the lab's spec (src/math/scheduleSpec.ts, same keys): family, interpolation
    {base, lo, hi} (used by 'cosine-interpolated'), shift in nats, clipMode."""
    family = spec["family"]
    if family == "cosine-interpolated":
        i = spec["interpolation"]
        base = interpolated_cosine_schedule(i["base"], i["lo"], i["hi"])
    elif family in SCHEDULES:
        base = SCHEDULES[family]()
    else:
        raise ValueError(f"unknown schedule {family!r}; one of {SCHEDULE_IDS}")
    return shifted_schedule(base, spec["shift"], spec["clipMode"])


def time_from_logsnr(schedule, lam):
    """t(lambda) clamped to [0, 1]: the closed form where there is one, else bisection to 1e-12
    (0 or 1 when lambda is outside the schedule's range)."""
    if schedule.inverse is not None:
        return min(1.0, max(0.0, schedule.inverse(lam)))
    at = lambda t: float(schedule.logsnr(t))
    if lam >= at(0.0):
        return 0.0
    if lam <= at(1.0):
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(60):
        if high - low <= 1e-12:
            break
        mid = 0.5 * (low + high)
        if at(mid) > lam:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)
