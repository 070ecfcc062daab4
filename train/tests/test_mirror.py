"""Flips only where a mirror image is still an emoji of the data (issue 25 §3, train.mirror)."""
import json
from dataclasses import asdict, replace

import pytest
import torch

from train.config import get_config
from train.data import synthetic
from train.mirror import mirrorable
from train.train import sample_batch

TINY = get_config("tiny")


def emoji_json(tmp_path):
    entries = [
        dict(image="1f600.png", name="GRINNING FACE", category="Smileys & Emotion",
             subcategory="face-smiling"),
        dict(image="1f34e.png", name="RED APPLE", category="Food & Drink", subcategory="food-fruit"),
        dict(image="1f3c3-200d-27a1-fe0f.png", name="PERSON RUNNING FACING RIGHT",
             category="People & Body", subcategory="person-activity",
             skin_variations={"1F3FB": dict(image="1f3c3-1f3fb-200d-27a1-fe0f.png")}),
        dict(image="1f50e.png", name="RIGHT-POINTING MAGNIFYING GLASS", category="Objects",
             subcategory="light & video"),
        dict(image="1f552.png", name="CLOCK FACE THREE OCLOCK", category="Travel & Places",
             subcategory="time"),
        dict(image="1f4f0.png", name="NEWSPAPER", category="Objects", subcategory="book-paper"),
        dict(image="1f1eb-1f1f7.png", name=None, category="Flags", subcategory="country-flag"),
        dict(image="2b50.png", name="WHITE MEDIUM STAR", category="Symbols",
             subcategory="other-symbol"),
        dict(image="1f3fb.png", name="EMOJI MODIFIER FITZPATRICK TYPE-1-2", category="Component",
             subcategory="skin-tone"),
        dict(image="1f431.png", name="CAT FACE", category="Animals & Nature",
             subcategory="animal-mammal"),
    ]
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps(entries))
    return str(path)


def test_only_emoji_without_text_numerals_or_direction_are_mirrorable(tmp_path):
    files = ["google/1f600.png", "twitter/1f34e.png", "google/1f3c3-200d-27a1-fe0f.png",
             "twitter/1f3c3-1f3fb-200d-27a1-fe0f.png", "google/1f50e.png", "google/1f552.png",
             "twitter/1f4f0.png", "google/1f1eb-1f1f7.png", "twitter/2b50.png",
             "google/1f3fb.png", "google/1f431.png"]
    got = mirrorable(files, emoji_json(tmp_path)).tolist()
    # face, apple yes; a direction (and its skin variant), a pointing glass, a clock, a newspaper,
    # a flag, a symbol, a skin swatch no; a cat yes
    assert got == [True, True, False, False, False, False, False, False, False, False, True]
    with pytest.raises(KeyError, match="not in emoji.json"):
        mirrorable(["google/ffff.png"], emoji_json(tmp_path))


def test_mirrorable_flips_only_the_marked_images_and_draws_as_hflip_true():
    """hflip = "mirrorable" draws the same indices, flips, t and noise as hflip = True and flips
    exactly those of them the mask allows: with every image marked it is hflip = True, with none
    it is no flip at all (but the same t and noise as the flipping run)."""
    images = torch.from_numpy(synthetic(n=16))
    every, none = torch.ones(16, dtype=torch.bool), torch.zeros(16, dtype=torch.bool)
    flips, plain = replace(TINY, hflip=True), replace(TINY, hflip=False)
    mirror = replace(TINY, hflip="mirrorable")
    some = torch.arange(16) % 2 == 0
    flipped_any = False
    for step in (0, 3, 11):
        x_flip, lam_flip, noise_flip = sample_batch(images, step, flips, "cpu")
        x_all, lam_all, noise_all = sample_batch(images, step, mirror, "cpu", mirrorable=every)
        assert torch.equal(x_all, x_flip) and torch.equal(lam_all, lam_flip)
        assert torch.equal(noise_all, noise_flip)
        x_none, lam_none, noise_none = sample_batch(images, step, mirror, "cpu", mirrorable=none)
        assert torch.equal(lam_none, lam_flip) and torch.equal(noise_none, noise_flip)
        x_plain = sample_batch(images, step, plain, "cpu")[0]
        assert torch.equal(x_none, x_plain)          # the indices are drawn before the flips
        x_some = sample_batch(images, step, mirror, "cpu", mirrorable=some)[0]
        for k in range(TINY.batch_size):
            # each example is either as drawn or as the hflip=True run flipped it
            assert torch.equal(x_some[k], x_plain[k]) or torch.equal(x_some[k], x_flip[k])
            if not torch.equal(x_flip[k], x_plain[k]):
                flipped_any = True
    assert flipped_any
    with pytest.raises(ValueError, match="mirrorable mask"):
        sample_batch(images, 0, mirror, "cpu")


def test_the_flip_probe_is_paired_on_run_4s_recipe():
    """The flip probe's arms differ only in hflip; both are run 4's recipe (V3_RUN4) but for the
    seed and the length; the seed is one no earlier v3 run or probe used."""
    from train.config import V3_RUN4
    off, on = asdict(get_config("probe64-noflip")), asdict(get_config("probe64-flip"))
    assert {k for k in off if off[k] != on[k]} == {"name", "hflip"}
    assert off["hflip"] is False and on["hflip"] == "mirrorable"
    run4 = asdict(V3_RUN4)
    assert {k for k in run4 if run4[k] != off[k]} == {"name", "seed", "steps", "ckpt_every"}
    assert off["seed"] not in (3, 4, 5, 6, 7)
