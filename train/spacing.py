"""Where the steps of an N-step sampler land: the spacings of src/math/spacing.ts, by the same ids.

A sampler runs from t = 1 (noise) to t = 0 (data) through N + 1 times 1 = t_0 > ... > t_N = 0;
its grid is lambda at those times, lambda_0 < ... < lambda_N (train.sample's samplers take it).
"""
import torch

from .schedules import time_from_logsnr

SPACINGS = ("uniform-t", "uniform-logsnr", "trailing")
TRAINING_STEPS = 1000                 # DDPM's T, which the "trailing" spacing assumes


def step_times(schedule, steps, spacing):
    """The N + 1 times of an N-step sampler, float64 [N + 1]:
    - 'uniform-t': t_i = 1 - i/N (torch.linspace, as train.diffusion.logsnr_grid);
    - 'uniform-logsnr': lambda(t_i) evenly spaced from lambda(1) to lambda(0) (Lu et al. 2022);
    - 'trailing': diffusers' trailing timesteps (Lin et al. 2024, Table 2), for T = 1000:
      k_i = round(T - i T/N) - 1 with NumPy's rounding (halves to even), read as t = (k + 1)/T.
    """
    if not isinstance(steps, int) or steps < 1:
        raise ValueError(f"step_times: {steps} is not a positive step count")
    if spacing == "uniform-t":
        return torch.linspace(1.0, 0.0, steps + 1, dtype=torch.float64)
    if spacing == "uniform-logsnr":
        start, end = float(schedule.logsnr(1.0)), float(schedule.logsnr(0.0))
        inner = [time_from_logsnr(schedule, start + (end - start) * i / steps)
                 for i in range(1, steps)]
        return torch.tensor([1.0, *inner, 0.0], dtype=torch.float64)
    if spacing == "trailing":
        # Python's round() on a float rounds halves to even, as np.round does (N = 16: 812.5 -> 812)
        k = [round(TRAINING_STEPS - i * (TRAINING_STEPS / steps)) for i in range(steps)]
        return torch.tensor([kk / TRAINING_STEPS for kk in k] + [0.0], dtype=torch.float64)
    raise ValueError(f"unknown spacing {spacing!r}; one of {SPACINGS}")


def spaced_logsnrs(schedule, steps, spacing):
    """lambda at the step times: the grid lambda_0 < ... < lambda_N a sampler runs along."""
    return schedule.logsnr(step_times(schedule, steps, spacing))
