"""train.studies.bootstrap128, the pyramid form of the SWD it rests on, and the SWD floor, on
synthetic images."""
import numpy as np
import pytest

from train.eval import laplacian_pyramid, pyramid_resolutions, swd, swd_of_pyramids, \
    swd_of_resampled
from train.studies.bootstrap128 import comparisons, paired_bootstrap, summarise

RES = pyramid_resolutions(32)           # 32 px images: 32 and 16 px levels, small and quick


def images(seed, n=24):
    return np.random.RandomState(seed).randint(60, 200, (n, 32, 32, 3)).astype(np.uint8)


def pyramid(x):
    return laplacian_pyramid(x, len(RES))


def test_swd_of_pyramids_is_swd_and_a_direction_subset_is_the_same_draws():
    a, b = images(0), images(1)
    assert swd_of_pyramids(pyramid(a), pyramid(b), RES, 500, seed=1) == swd(a, b, 500, seed=1)
    # all 512 of the drawn directions = no subset; fewer = a different (cheaper) estimate
    assert swd_of_pyramids(pyramid(a), pyramid(b), RES, 500, seed=1, use_directions=512) == \
        swd(a, b, 500, seed=1)
    few = swd_of_pyramids(pyramid(a), pyramid(b), RES, 500, seed=1, use_directions=16)
    assert few["avg"] != swd(a, b, 500, seed=1)["avg"] and few["avg"] > 0


def test_a_resampled_score_is_the_score_of_the_resampled_copy_exactly():
    # the bootstrap scores a replicate through composed indices instead of copying the pyramid;
    # the number must be the copy's to the last bit, with repeated and missing rows alike
    a, b = pyramid(images(0)), pyramid(images(1))
    score = swd_of_resampled(a, b, RES, 500, seed=1, use_directions=32)
    rows = np.random.RandomState(7).randint(0, 24, 24)
    assert len(set(rows)) < 24
    assert score(rows) == swd_of_pyramids([level[rows] for level in a], b, RES, 500, seed=1,
                                          use_directions=32)
    assert score() == swd_of_pyramids(a, b, RES, 500, seed=1, use_directions=32)
    assert score(rows) != score()


def test_identical_cells_differ_by_exactly_zero_in_every_replicate():
    # only if every replicate uses the same indices in both cells (the pairing)
    held = pyramid(images(5))
    same = pyramid(images(0))
    reps = paired_bootstrap({"a": same, "b": same}, held, RES, 300, reps=5, directions=32)
    full = {"a": swd(images(0), images(5), 300, seed=1), "b": swd(images(0), images(5), 300, seed=1)}
    s = summarise(full, reps, "a", "b")
    for band in ("32", "16", "avg"):
        assert s[band]["difference"] == 0 and s[band]["se"] == 0
        assert s[band]["share_first_better"] == 0.0


def test_a_cell_nearer_the_reference_is_better_in_nearly_every_replicate():
    # The descriptors are normalised per set (so a brightness or contrast change is invisible);
    # texture is not: "far" is each image's mean colour, flat, "near" noise like the reference's,
    # so the 32 px band (all zero for "far") tells them apart.
    held_images = images(5)
    near = images(0)
    far = np.broadcast_to(near.mean(axis=(1, 2), keepdims=True), near.shape).astype(np.uint8)
    reps = paired_bootstrap({"near": pyramid(near), "far": pyramid(far)}, pyramid(held_images),
                            RES, 300, reps=20, directions=32)
    full = {k: swd(x, held_images, 300, seed=1) for k, x in (("near", near), ("far", far))}
    s = summarise(full, reps, "near", "far")
    assert s["32"]["difference"] < 0 and s["32"]["ci95"][1] < 0
    assert s["32"]["share_first_better"] >= 0.95


def test_comparisons_name_the_four_cells_of_each_setting():
    cells = {c for _, first, second in comparisons(25, "uniform-t") for c in (first, second)}
    assert len(cells) == 4 and all(c.endswith("|25|uniform-t") for c in cells)


def test_swd_floor_is_a_seeded_training_subset_against_the_held_out_set():
    """train.eval.swd_floor is the one definition of the floor that eval_cond, draw_study and
    spacing_swd report: n distinct training images drawn with RandomState(0), scored with the
    models' projection seed; asking for more images than the training set has is refused."""
    from train.eval import swd_floor
    rng = np.random.RandomState(3)
    train = rng.randint(0, 256, (40, 16, 16, 3)).astype(np.uint8)
    held = rng.randint(0, 256, (12, 16, 16, 3)).astype(np.uint8)
    subset = train[np.random.RandomState(0).choice(40, 10, replace=False)]
    assert swd_floor(train, held, 10, 200) == swd(subset, held, 200, seed=1)
    assert swd_floor(train, held, 10, 200) != swd_floor(train, held, 10, 200, subset_seed=1)
    with pytest.raises(ValueError, match="n <= 40"):
        swd_floor(train, held, 41, 200)
