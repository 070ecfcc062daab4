"""Write test/fixtures/math_fixture.json: the Python side of the diffusion math, for the TypeScript
side to be checked against (test/unit/mathFixture.test.ts, test/unit/scheduleCode.test.ts).

    /usr/bin/python3 -m train.math_fixture

The model card's numbers come from the Python samplers and grids, the app samples with the
TypeScript ones; this file is where the two are held to the same numbers. It holds
- lambda(t) on a fixed t grid for every catalogue schedule (train.schedules), unshifted and with
  two shifts in both clip modes;
- the step times and lambda grid of every spacing (train.spacing) at two step counts, on every
  family and on shifted schedules (inverse by bisection included), and the grids the evaluations
  sample on (train.diffusion.logsnr_grid on a model's training schedule);
- a 3-step trajectory (x and x0_hat after each step) of every sampler (train.sample.SAMPLERS),
  with the exact denoiser of Gaussian data x0 ~ N(mu, s^2) per dimension, from a stored x_T, and
  for the stochastic ones the stored standard normal draws that each step adds.
train/tests/test_math_fixture.py fails when this file is not what the code writes.
"""
import json
import os

import torch

from .diffusion import alpha_sigma, logsnr_grid, resolution_shift
from .sample import SAMPLERS
from .schedules import (CLIP_MODES, SCHEDULE_IDS, build_schedule, cosine_schedule,
                        shifted_schedule)
from .spacing import SPACINGS, spaced_logsnrs, step_times

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "math_fixture.json")

T = [0.0, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.77, 0.9, 0.99, 0.999, 1.0]
# a resolution shift (512 px on the 64 px base: -4.159 nats) and a positive one, which the
# clip-after-shift mode cuts off at +15
SHIFTS = [resolution_shift(512), 1.25]
INTERPOLATION = dict(base=64, lo=32, hi=256)           # the catalogue's interpolated cosine
WIDE_INTERPOLATION = dict(base=64, lo=16, hi=512)
STEPS = [3, 16]                  # 16: diffusers' trailing rounds 812.5 etc. to even
EVAL_STEPS = [3, 25]

# Samplers: lambda values exact in float32, because train.diffusion.denoise hands the model a
# float32 lambda and the exact denoiser below must see the lambda the sampler steps to; the lambda
# steps differ so that DPM-Solver++(2M)'s ratio r is not 1.
SAMPLER_LOGSNRS = [-12.5, -4.0, 2.25, 9.0]
MU = [-0.5, 0.3, 0.0, 0.8, -0.2, 0.45, 0.1, -0.7]
S = [0.5, 0.2, 1.0, 0.3, 0.7, 0.05, 0.4, 0.9]
RUNS = [("ddim", 0.0), ("ddim", 0.5), ("ddpm", 1.0), ("dpmpp-2m", 0.0)]   # (sampler id, eta)


def spec(family, shift=0.0, clip_mode="shift-after-clip", interpolation=INTERPOLATION):
    """A lab schedule spec (src/math/scheduleSpec.ts ScheduleSpec, same keys)."""
    return dict(family=family, interpolation=dict(interpolation), shift=shift, clipMode=clip_mode)


def schedule_specs():
    """Every family unshifted and with each shift in each clip mode; the interpolated cosine
    also with other resolutions."""
    specs = []
    for family in SCHEDULE_IDS:
        specs.append(spec(family))
        specs += [spec(family, s, mode) for s in SHIFTS for mode in CLIP_MODES]
    specs.append(spec("cosine-interpolated", interpolation=WIDE_INTERPOLATION))
    specs.append(spec("cosine-interpolated", SHIFTS[0], "clip-after-shift", WIDE_INTERPOLATION))
    return specs


def floats(tensor):
    return [float(v) for v in tensor]


def schedules():
    t = torch.tensor(T, dtype=torch.float64)
    return [dict(spec=s, logsnr=floats(build_schedule(s).logsnr(t))) for s in schedule_specs()]


def spacings():
    """Every spacing on every family, and on shifted schedules in both clip modes (the latter and
    the interpolated cosine have no closed-form inverse: uniform-logsnr bisects)."""
    specs = [spec(f) for f in SCHEDULE_IDS] + [
        spec("cosine", SHIFTS[0]), spec("cosine", SHIFTS[1], "clip-after-shift"),
        spec("cosine-interpolated", SHIFTS[0], "clip-after-shift")]
    out = []
    for s in specs:
        schedule = build_schedule(s)
        for spacing in SPACINGS:
            for steps in STEPS:
                times = step_times(schedule, steps, spacing)
                out.append(dict(spec=s, spacing=spacing, steps=steps, times=floats(times),
                                logsnr=floats(spaced_logsnrs(schedule, steps, spacing))))
    return out


def eval_grids():
    """The grids the evaluations sample on: the cosine of a model's manifest (lambda range, its
    training shift) moved by a sampler's shift, uniform in t (train.diffusion.logsnr_grid, what
    train.sample.generate uses) or by a spacing (train.diffusion.spaced_logsnr_grid)."""
    out = []
    for low, high, train_shift, sampler_shift in [(-15.0, 15.0, 0.0, 0.0),
                                                  (-15.0, 15.0, resolution_shift(128), 0.0),
                                                  (-15.0, 15.0, 0.0, -1.0), (-20.0, 20.0, 0.0, 0.0)]:
        for spacing in SPACINGS:
            for steps in EVAL_STEPS:
                shift = train_shift + sampler_shift
                if spacing == "uniform-t":
                    grid = logsnr_grid(steps, low, high, shift)
                else:
                    grid = spaced_logsnrs(shifted_schedule(cosine_schedule(low, high), shift),
                                          steps, spacing)
                # the manifest's own schedule block (model.json snrlab.schedule), as the app reads it
                out.append(dict(training=dict(name="cosine", logsnr_min=low, logsnr_max=high,
                                              shift=train_shift),
                                samplerShift=sampler_shift, spacing=spacing, steps=steps,
                                logsnr=floats(grid)))
    return out


class GaussianV(torch.nn.Module):
    """The exact v-prediction for x0 ~ N(mu, s^2) per dimension, x [B, D]:
    E[x0 | x_t] = mu + alpha s^2 (x_t - alpha mu) / (alpha^2 s^2 + sigma^2), v = (alpha x_t - x0)/sigma,
    in float64 from the float32 lambda the sampler hands over (exact on SAMPLER_LOGSNRS)."""

    def forward(self, x, logsnr):
        alpha, sigma = (a[:, None] for a in alpha_sigma(logsnr.double()))
        mu, s = torch.tensor(MU, dtype=torch.float64), torch.tensor(S, dtype=torch.float64)
        x0 = mu + alpha * s ** 2 * (x - alpha * mu) / (alpha ** 2 * s ** 2 + sigma ** 2)
        return (alpha * x - x0) / sigma


def float32_normal(shape, seed):
    """Standard normal draws rounded to float32, so that the app's Float32Arrays hold them exactly."""
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed)).double()


def samplers():
    steps = len(SAMPLER_LOGSNRS) - 1
    x_t = float32_normal((1, len(MU)), 1)
    noise = float32_normal((steps, 1, len(MU)), 2)
    runs = []
    for sampler, eta in RUNS:
        draws, xs, x0s = iter(noise), [], []
        kwargs = dict(eta=eta) if sampler == "ddim" else {}
        SAMPLERS[sampler](GaussianV(), x_t, torch.tensor(SAMPLER_LOGSNRS, dtype=torch.float64),
                          callback=lambda i, x, x0: (xs.append(floats(x[0])), x0s.append(floats(x0[0]))),
                          noise=lambda like: next(draws), **kwargs)
        runs.append(dict(sampler=sampler, eta=eta, x=xs, x0=x0s))
    return dict(mu=MU, s=S, logsnrs=SAMPLER_LOGSNRS, x_T=floats(x_t[0]),
                noise=[floats(n[0]) for n in noise], runs=runs)


def build():
    return dict(
        description="Python's diffusion math (train.schedules, train.spacing, train.diffusion, "
                    "train.sample), written by `python3 -m train.math_fixture`; the TypeScript "
                    "is checked against it. Samplers: x and x0 after each step; stochastic runs "
                    "add noise[i] at step i.",
        ids=dict(schedules=list(SCHEDULE_IDS), clipModes=list(CLIP_MODES), spacings=list(SPACINGS),
                 samplers=list(SAMPLERS)),
        t=T, schedules=schedules(), spacings=spacings(), evalGrids=eval_grids(), samplers=samplers())


def dumps(value, indent=""):
    """JSON with each list of numbers and each small object on one line, for short diffs."""
    inner = indent + " "
    if isinstance(value, dict) and (len(json.dumps(value)) > 100 or
                                    any(isinstance(v, list) for v in value.values())):
        items = [f"{inner}{json.dumps(k)}: {dumps(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, allow_nan=False)


def main():
    with open(OUT, "w") as f:
        f.write(dumps(build()) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
