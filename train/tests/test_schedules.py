"""train.schedules and train.spacing against their own definitions (the TypeScript is checked
against them through test/fixtures/math_fixture.json)."""
import numpy as np
import pytest
import torch

from train.diffusion import logsnr_grid
from train.sample import SAMPLERS
from train.schedules import (SCHEDULE_IDS, SCHEDULES, build_schedule, cosine_schedule,
                             shifted_schedule, time_from_logsnr)
from train.spacing import SPACINGS, spaced_logsnrs, step_times


@pytest.mark.parametrize("family", SCHEDULE_IDS)
def test_every_family_decreases_and_its_inverse_finds_t_again(family):
    for shift, mode in [(0.0, "shift-after-clip"), (-2.0, "shift-after-clip"), (1.25, "clip-after-shift")]:
        schedule = build_schedule(dict(family=family, interpolation=dict(base=64, lo=32, hi=256),
                                       shift=shift, clipMode=mode))
        t = torch.linspace(0, 1, 101, dtype=torch.float64)
        lam = schedule.logsnr(t)
        assert bool((lam[1:] <= lam[:-1]).all())
        # away from the flat (clipped or floored) ends, where t(lambda) is not unique
        for ti in (0.2, 0.5, 0.7):
            assert time_from_logsnr(schedule, float(schedule.logsnr(ti))) == pytest.approx(ti, abs=1e-9)


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="unknown schedule"):
        build_schedule(dict(family="cosine_interpolated", interpolation={}, shift=0, clipMode=""))
    with pytest.raises(ValueError, match="unknown spacing"):
        step_times(SCHEDULES["cosine"](), 4, "uniform_t")


def test_uniform_t_on_the_training_cosine_is_the_evaluations_grid_bit_for_bit():
    for shift in (0.0, -1.3862943611198906):
        assert torch.equal(logsnr_grid(25, shift=shift),
                           spaced_logsnrs(shifted_schedule(cosine_schedule(), shift), 25, "uniform-t"))


@pytest.mark.parametrize("steps", [7, 16, 25, 80])
def test_trailing_is_diffusers_numpy_formula(steps):
    # diffusers, timestep_spacing="trailing": np.round(np.arange(T, 0, -T / N)) - 1, read as (k + 1)/T
    k = np.round(np.arange(1000, 0, -1000 / steps)).astype(np.int64) - 1
    assert step_times(None, steps, "trailing").tolist() == [*((k + 1) / 1000), 0.0]


def test_uniform_logsnr_has_equal_lambda_steps_also_where_it_bisects():
    spec = dict(family="cosine-interpolated", interpolation=dict(base=64, lo=32, hi=256), shift=0.0,
                clipMode="shift-after-clip")
    lam = spaced_logsnrs(build_schedule(spec), 6, "uniform-logsnr")
    assert torch.allclose(lam[1:] - lam[:-1], torch.full((6,), float(lam[1] - lam[0]),
                                                         dtype=torch.float64), atol=1e-9)
    assert set(SPACINGS) == {"uniform-t", "uniform-logsnr", "trailing"}


def test_a_stochastic_sampler_without_noise_is_an_error():
    model = lambda x, lam: torch.zeros_like(x)
    with pytest.raises(ValueError, match="needs noise"):
        SAMPLERS["ddpm"](model, torch.zeros(1, 3), torch.tensor([-5.0, 0.0, 5.0]))
    SAMPLERS["ddim"](model, torch.zeros(1, 3), torch.tensor([-5.0, 0.0, 5.0]))   # eta = 0: none
