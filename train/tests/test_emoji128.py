"""The 128 px pair (issue 14): data split, model shapes, the two configs, the 128 px evaluation."""
import math
import os
from dataclasses import asdict

import numpy as np
import torch

from train import twemoji
from train.config import get_config, train_config_dict
from train.data import synthetic
from train.diffusion import logsnr_from_t, resolution_shift
from train.eval import laplacian_pyramid, pyramid_resolutions, swd
from train.model import UNet, count_params, space_to_depth_nhwc
from train.train import train

torch.set_num_threads(1)

# File names as @twemoji/svg names them: code points in hex joined by '-'.
NAMES = [
    "1f600.svg",                                  # grinning face
    "1f44b.svg", "1f44b-1f3fb.svg", "1f44b-1f3ff.svg",                  # waving hand + skin tones
    "1f3c3.svg", "1f3c3-200d-2642-fe0f.svg", "1f3c3-1f3fd-200d-2640-fe0f.svg",   # runner, man, woman
    "1f9d1-200d-1f373.svg", "1f468-200d-1f373.svg", "1f469-1f3fd-200d-1f373.svg",  # cooks
    "1f468-200d-1f469-200d-1f467.svg", "1f469-200d-1f468-200d-1f466.svg",          # families
    "2764.svg", "2764-fe0f-200d-1f525.svg",       # red heart; heart on fire (its own emoji)
    "1f1e7-1f1ea.svg", "1f1eb-1f1f7.svg",         # flags
] + [f"1f{k:03x}.svg" for k in range(0x300, 0x340)]       # filler: 64 single emoji


def test_group_key_puts_variants_with_their_base():
    g = twemoji.group_key
    assert g("1f44b-1f3fb.svg") == g("1f44b-1f3ff.svg") == g("1f44b.svg") == "1f44b"
    assert g("1f3c3-200d-2642-fe0f.svg") == g("1f3c3-1f3fd-200d-2640-fe0f.svg") == "1f3c3"
    assert g("1f468-200d-1f373.svg") == g("1f469-1f3fd-200d-1f373.svg") == g("1f9d1-200d-1f373.svg")
    assert g("1f468-200d-1f469-200d-1f467.svg") == g("1f469-200d-1f468-200d-1f466.svg")
    # a ZWJ sequence that is an emoji of its own keeps its own key
    assert g("2764-fe0f-200d-1f525.svg") != g("2764.svg")
    assert g("1f1e7-1f1ea.svg") != g("1f1eb-1f1f7.svg")


def test_split_has_no_base_emoji_on_both_sides():
    split, held = twemoji.split_files(NAMES, fraction=0.25, seed=3)
    train_keys = {twemoji.group_key(n) for n in split["train"]}
    held_keys = {twemoji.group_key(n) for n in split["heldout"]}
    assert train_keys and held_keys and not (train_keys & held_keys)
    assert held_keys == held
    assert sorted(split["train"] + split["heldout"]) == sorted(NAMES)
    n_groups = len({twemoji.group_key(n) for n in NAMES})
    assert len(held) == round(0.25 * n_groups)
    # seeded: the same split again; another seed, another split
    assert twemoji.split_files(NAMES, fraction=0.25, seed=3)[1] == held
    assert twemoji.split_files(NAMES, fraction=0.25, seed=4)[1] != held


def test_resolution_shift_is_simple_diffusions():
    assert math.isclose(resolution_shift(128), -2 * math.log(2))
    assert resolution_shift(64) == 0.0
    assert math.isclose(resolution_shift(512), -2 * math.log(8))     # -4.159 nats, 64x in SNR


def test_the_pair_differs_only_in_the_training_shift():
    a = asdict(get_config("emoji128-cosine"))
    b = asdict(get_config("emoji128-shifted"))
    assert {k for k in a if a[k] != b[k]} == {"name", "schedule_shift"}
    assert a["schedule_shift"] == 0.0 and math.isclose(b["schedule_shift"], resolution_shift(128))
    assert a["model"]["image_size"] == 128 and a["model"]["patch_size"] == 4
    assert a["dataset"] == "twemoji128"
    # the shift moves every training lambda by exactly -2 ln 2 (clip, then shift)
    t = torch.linspace(0, 1, 11, dtype=torch.float64)
    shifted = logsnr_from_t(t, shift=b["schedule_shift"])
    assert torch.allclose(shifted - logsnr_from_t(t), torch.full_like(t, -2 * math.log(2)))


def test_128px_model_shapes_and_budget():
    cfg = get_config("emoji128-cosine").model
    model = UNet(cfg).eval()
    # same U-Net as emoji64 but for the 4x4 stem: float16 weights within the 6 MB budget
    assert 2 * count_params(model) <= 6_000_000
    assert abs(count_params(model) - count_params(UNet(get_config("emoji64").model))) < 30_000
    tiny = UNet(get_config("tiny128").model).eval()
    with torch.no_grad():
        v, inter = tiny(torch.randn(2, 128, 128, 3), torch.tensor([-3.0, 4.0]),
                        return_intermediates=True)
    assert v.shape == (2, 128, 128, 3)
    assert inter["space_to_depth"].shape == (2, 32, 32, 48)       # still a 32x32 grid
    assert inter["middle"].shape == (2, 8, 8, 16)


def test_tiny128_trains_and_records_its_dataset(tmp_path):
    cfg = get_config("tiny128")
    images = torch.from_numpy(synthetic(n=16, size=128))
    _, ema, rows = train(cfg, images, str(tmp_path), quiet=True)
    assert [r["step"] for r in rows] == [3, 6]
    assert all(np.isfinite(r["loss"]) for r in rows)
    assert train_config_dict(cfg)["dataset"] == "twemoji128"


def test_swd_at_128px_has_four_levels_and_sees_a_difference():
    assert pyramid_resolutions(128) == (128, 64, 32, 16)
    assert [p.shape[1] for p in laplacian_pyramid(synthetic(4, size=128), 4)] == [128, 64, 32, 16]
    a, b = synthetic(40, seed=1, size=128), synthetic(40, seed=2, size=128)
    noise = np.random.RandomState(0).randint(0, 256, a.shape).astype(np.uint8)
    same = swd(a, b, 2000, seed=1)
    far = swd(noise, b, 2000, seed=1)
    assert set(same) == {"128", "64", "32", "16", "avg"}
    assert far["avg"] > 3 * same["avg"]


def test_the_wide_pair_sees_every_input_dimension_and_fits_the_budget():
    """The narrow pair's stem (32 channels) is narrower than a 4x4x3 patch (48 values): v_hat
    depends on x only through it, so per spatial frequency a 16-dimensional subspace of the input
    is invisible to the model. The wide pair closes that gap within the 6 MB float16 budget."""
    narrow = get_config("emoji128-cosine").model
    assert narrow.channels[0] < narrow.patch_size ** 2 * narrow.in_channels
    a, b = asdict(get_config("emoji128w-cosine")), asdict(get_config("emoji128w-shifted"))
    assert {k for k in a if a[k] != b[k]} == {"name", "schedule_shift"}
    for name in ("emoji128w-cosine", "emoji128w-shifted"):
        cfg = get_config(name).model
        assert cfg.channels[0] >= cfg.patch_size ** 2 * cfg.in_channels
        assert 2 * count_params(UNet(cfg)) <= 6_000_000


def test_the_probe_is_paired_and_its_pass_arm_is_the_shifted_models_run_2():
    """The high-frequency pass probe (docs/MODEL_CARD_128.md): its two arms differ only in the pass,
    and the pass arm is emoji128w-shifted's run 2 (shipped from the probe's run folder): today's
    config (run 3) is it but for the name, the run's seed and length, and the coarse gate that run
    3 adds; run 2 warm-starts run 1's architecture plus the pass."""
    plain, with_pass = asdict(get_config("probe128-plain")), asdict(get_config("probe128-hfpass"))
    assert {k for k in plain if plain[k] != with_pass[k]} == {"name", "model"}
    assert {k for k, v in plain["model"].items() if with_pass["model"][k] != v} == {"hf_pass"}
    assert (with_pass["seed"], with_pass["steps"]) == (2, 900)
    # (and, since run 7, the category table and its dropout; since run 11, the pad from the clean half)
    shifted = asdict(get_config("emoji128w-shifted"))
    assert {k for k in shifted if shifted[k] != with_pass[k]} == \
        {"name", "seed", "steps", "model", "label_drop_each", "logsnr_pad_share", "logsnr_pad_from"}
    assert {k for k, v in shifted["model"].items() if with_pass["model"][k] != v} == \
        {"hf_pass_coarse", "num_classes"}
    assert shifted["model"]["hf_pass"] and not plain["model"]["hf_pass"]


def test_a_narrow_stem_is_blind_to_part_of_the_input():
    """What the test above relies on, shown: with a stem of fewer channels than patch values, an
    input change in the null space of the stem's linear map leaves v_hat unchanged. (tiny128's
    architecture at 16 px, so the stem's Jacobian is a small matrix: 4x4 locations x 8 channels
    out, 16 x 16 x 3 in.)"""
    from dataclasses import replace as dc_replace
    cfg = dc_replace(get_config("tiny128").model, image_size=16)   # stem 8 channels < 48 values
    torch.manual_seed(0)
    model = UNet(cfg).eval()
    torch.nn.init.normal_(model.out_conv.weight, std=0.1)

    def stem_of(x):                                     # x [16, 16, 3] -> stem output, flat
        h = space_to_depth_nhwc(x[None], cfg.patch_size).permute(0, 3, 1, 2)
        return model.stem(h).flatten()                  # [8 * 4 * 4]

    x = torch.randn(16, 16, 3)
    jac = torch.autograd.functional.jacobian(stem_of, x).reshape(8 * 16, 16 * 16 * 3).double()
    null = torch.linalg.svd(jac).Vh[-1]                # [768], jac @ null = 0 (rank <= 128)
    assert float((jac @ null).abs().max()) < 1e-6
    null = null.float().reshape(16, 16, 3)
    lam = torch.tensor([0.0])
    with torch.no_grad():
        v0 = model(x[None], lam)
        v1 = model((x + 3 * null)[None], lam)
        other = model((x + 3 * torch.randn_like(x) / 28)[None], lam)   # a change of similar size
    assert float((v1 - v0).abs().max()) < 1e-5
    assert float((other - v0).abs().max()) > 1e-4


def input_rank_of_v_hat(config_name, size=16):
    """Rank of d v_hat / d x_t for `config_name`'s U-Net (its channels, stem and patch size) on a
    size x size input, at random weights with a non-zero output layer (trained weights are generic
    the same way): the number of input directions v_hat responds to, of size * size * 3."""
    from dataclasses import replace as dc_replace
    cfg = dc_replace(get_config(config_name).model, image_size=size)
    torch.manual_seed(0)
    model = UNet(cfg).eval()
    torch.nn.init.normal_(model.out_conv.weight, std=0.1)
    model = model.double()
    n, h = size * size * 3, 1e-4
    # the Jacobian by central differences in float64, all n input directions in one batch
    # (autograd's row-by-row Jacobian takes minutes here; the difference error is ~1e-12)
    x = torch.randn(1, size, size, 3, dtype=torch.float64)
    step = h * torch.eye(n, dtype=torch.float64).reshape(n, size, size, 3)
    lam = torch.zeros(n, dtype=torch.float64)
    with torch.no_grad():
        jac = (model(x + step, lam) - model(x - step, lam)).reshape(n, n) / (2 * h)
    s = torch.linalg.svdvals(jac)
    return int((s > s[0] * 1e-10).sum())


def test_the_shipped_pair_sees_every_input_direction():
    """Issue 26: no direction of x_t leaves the shipped 128 px pair's v_hat unchanged but the
    `groups` global ones every GroupNorm-ended U-Net ignores (shifting one group of the output
    GroupNorm's input by a constant at every pixel), so no part of any patch's noise is invisible
    to the network and left in the samples. The old pair's 32-channel stem fails this: it sees
    32 of each 4x4 patch's 48 values, rank 2/3 n - groups (504 of 768 here)."""
    from train.models_index import COMPARE
    n = 16 * 16 * 3
    for name in COMPARE:
        assert input_rank_of_v_hat(name) == n - get_config(name).model.groups, name
    old = get_config("emoji128-cosine").model
    assert input_rank_of_v_hat("emoji128-cosine") == n * old.channels[0] // 48 - old.groups


def test_the_index_carries_the_pairs_swd_per_band():
    """Compare mode shows each model's measured SWD per pyramid band (issue 26): the shipped index
    is what train.models_index builds now, and its pair's bands, finest first, are the own-schedule
    cell at 25 steps uniform in lambda (the app's default spacing) of the table it names as its
    source, with that table's number of samples."""
    import json
    from train import models_index
    with open(models_index.INDEX) as f:
        shipped = json.load(f)
    assert models_index.build() == shipped
    for name in models_index.COMPARE:
        entry = next(m for m in shipped["models"] if m["name"] == name)
        assert os.path.join(models_index.ROOT, entry["swd"]["source"]) in models_index.PAIR_EVALS
        with open(os.path.join(models_index.ROOT, entry["swd"]["source"])) as f:
            table = json.load(f)
        cell = table["swd"][f"{name}|sampled-{name}|25|uniform-logsnr"]
        assert entry["swd"]["samples"] == table["n_samples"]
        assert [b["size"] for b in entry["swd"]["bands"]] == [128, 64, 32, 16]
        for band in entry["swd"]["bands"]:
            assert band["value"] == round(cell[str(band["size"])], 1)


def test_the_index_quotes_a_pair_table_only_while_it_measured_the_shipped_weights(tmp_path,
                                                                                    monkeypatch):
    """The 2,000-sample table is quoted only while the weights it recorded are the shipped ones;
    after a retrain the index falls back to the next table (the 500-sample one, rewritten at every
    shipped run), and a table that records no weights is taken as it is."""
    import json
    from train import models_index
    from train.export import weights_sha256
    name = models_index.COMPARE[0]
    shipped = weights_sha256(os.path.join(models_index.PUBLIC, name))
    cell = {"128": 60.0, "64": 30.0, "32": 25.0, "16": 40.0, "avg": 38.75}
    floor = {"128": 18.0, "64": 21.0, "32": 18.0, "16": 38.0, "avg": 23.75}

    def table(path, n, weights):
        record = {} if weights is None else {"weights_sha256": weights}
        swd = {f"{name}|sampled-{name}|25|uniform-logsnr": cell,
               "floor_train_subset_a": floor, "floor_train_subset_b": floor}
        path.write_text(json.dumps(dict(models={name: record}, n_samples=n, swd=swd)))
        return str(path)

    stale = table(tmp_path / "stale.json", 2000, {**shipped, "model.json": "0" * 64})
    current = table(tmp_path / "current.json", 2000, shipped)
    unrecorded = table(tmp_path / "unrecorded.json", 500, None)
    monkeypatch.setattr(models_index, "PAIR_EVALS", [stale, unrecorded])
    assert models_index.swd_of(name)["samples"] == 500
    monkeypatch.setattr(models_index, "PAIR_EVALS", [current, unrecorded])
    assert models_index.swd_of(name)["samples"] == 2000
    monkeypatch.setattr(models_index, "PAIR_EVALS", [stale, str(tmp_path / "missing.json")])
    assert models_index.swd_of(name) is None


def test_run_7_is_run_6_made_conditional_on_the_category():
    """The prepared run 7 (train/config.py) changes nothing but the seed and the labels: a category
    table of 9 rows + unknown, no vendor table (one vendor's artwork), and the category dropped
    only with label_drop_all, so the unconditional model keeps a 15 % share."""
    from train.config import E128W_RUN6, E128W_RUN7
    from train.labels import CATEGORIES
    run6, run7 = asdict(E128W_RUN6), asdict(E128W_RUN7)
    assert {k for k in run6 if run6[k] != run7[k]} == {"seed", "label_drop_each", "model"}
    assert {k for k in run6["model"] if run6["model"][k] != run7["model"][k]} == {"num_classes"}
    assert run7["model"]["num_classes"] == len(CATEGORIES) and run7["model"]["num_vendors"] == 0
    assert (run7["seed"], run7["label_drop_each"], run7["label_drop_all"]) == (7, 0.0, 0.15)


def test_run_8_is_run_7_with_a_new_seed():
    """Run 8 is run 7's config again with seed 8 (and 2,200 steps, this CPU's budget): each run
    after the first changes the seed and its length and nothing else unless the card says why."""
    from train.config import E128W_RUN7, E128W_RUN8
    run7, run8 = asdict(E128W_RUN7), asdict(E128W_RUN8)
    assert {k for k in run7 if run7[k] != run8[k]} == {"seed", "steps"}
    assert (run8["seed"], run8["steps"]) == (8, 2200)


def test_run_9_the_padded_probe_differs_from_run_8_in_the_lambdas_alone():
    """Run 9 (the card's padded probe, not shipped): run 8's config with seed 9, 1,400 steps and a
    quarter of the lambdas padded toward the clean end, for both models; the shifted arm still
    differs from the cosine one by the shift alone."""
    from train.config import E128W_RUN8
    run8 = asdict(E128W_RUN8)
    cosine = asdict(get_config("probe128-padded-cosine"))
    shifted = asdict(get_config("probe128-padded-shifted"))
    assert {k for k in run8 if run8[k] != cosine[k]} == \
        {"name", "seed", "steps", "logsnr_pad_share"}
    assert (cosine["seed"], cosine["steps"], cosine["logsnr_pad_share"]) == (9, 1400, 0.25)
    assert cosine["logsnr_pad_range"] == (0.0, 8.0)
    assert {k for k in cosine if cosine[k] != shifted[k]} == {"name", "schedule_shift"}
    assert shifted["schedule_shift"] == asdict(get_config("emoji128w-shifted"))["schedule_shift"]


def test_run_10_differs_from_run_9_in_where_the_pad_comes_from_alone():
    """Run 10 (the card's second padded probe): run 9's config, the same seed, steps and pad, with
    the pad's share taken from the clean half; the shifted arm differs by the shift alone."""
    from train.config import E128W_RUN9
    run9 = asdict(E128W_RUN9)
    cosine = asdict(get_config("probe128-padclean-cosine"))
    shifted = asdict(get_config("probe128-padclean-shifted"))
    assert {k for k in run9 if run9[k] != cosine[k]} == {"name", "logsnr_pad_from"}
    assert (run9["logsnr_pad_from"], cosine["logsnr_pad_from"]) == ("all", "clean")
    assert {k for k in cosine if cosine[k] != shifted[k]} == {"name", "schedule_shift"}
    assert shifted["schedule_shift"] == asdict(get_config("emoji128w-shifted"))["schedule_shift"]


def test_run_11_is_run_10_with_a_new_seed_and_run_8s_length():
    """Run 11: run 10's recipe, the pad from the clean half, with seed 11 and run 8's 2,200 steps,
    so it differs from run 8 in the lambdas drawn and the seed alone."""
    from train.config import E128W_RUN8, E128W_RUN10, E128W_RUN11
    run8, run10, run11 = asdict(E128W_RUN8), asdict(E128W_RUN10), asdict(E128W_RUN11)
    assert {k for k in run10 if run10[k] != run11[k]} == {"seed", "steps"}
    assert (run11["seed"], run11["steps"]) == (11, run8["steps"])
    assert {k for k in run8 if run8[k] != run11[k]} == {"seed", "logsnr_pad_share", "logsnr_pad_from"}


def test_run_12_is_run_11_with_a_new_seed_and_the_pairs_config():
    """Run 12: run 11 again with seed 12 (the same recipe and length); the pair's config now, the
    shifted model differing by the shift alone."""
    from train.config import E128W_RUN11, E128W_RUN12
    run11, run12 = asdict(E128W_RUN11), asdict(E128W_RUN12)
    assert asdict(get_config("emoji128w-cosine")) == run12         # the pair; the next run's base
    shifted = asdict(get_config("emoji128w-shifted"))
    assert {k for k in run12 if run12[k] != shifted[k]} == {"name", "schedule_shift"}
    assert {k for k in run11 if run11[k] != run12[k]} == {"seed"}
    assert run12["seed"] == 12


def test_run_7_warm_starts_exactly_from_an_unconditional_export(tmp_path):
    """Adding the category table to an exported unconditional 128 px model (run 6's network, as
    run 7 started from run 6's exports) changes nothing at step 0: v_hat of the warm-started
    conditional model equals the exported model's bit for bit, whatever is asked. (Until run 7 this
    read the shipped pair; they are conditional since, so the export is made here.)"""
    from train.config import E128W_RUN6, E128W_RUN7
    from train.export import export, load_model
    from train.train import warm_start
    torch.manual_seed(0)
    run6 = UNet(E128W_RUN6.model)
    with torch.no_grad():                  # every weight non-zero (the init zeroes some layers)
        for p in run6.parameters():
            p.add_(0.02 * torch.randn_like(p))
    export(run6.state_dict(), E128W_RUN6.model, str(tmp_path), extra={"lineage": []})
    warm = UNet(E128W_RUN7.model)
    warm_start(warm, str(tmp_path))
    warm.eval()
    x, lam = torch.randn(3, 128, 128, 3), torch.tensor([-5.0, 0.5, 6.0])
    with torch.no_grad():
        exported = load_model(str(tmp_path))(x, lam)
        assert exported.std() > 0.01
        assert torch.equal(warm(x, lam, torch.tensor([[1, 0], [9, 0], [0, 0]])), exported)
        assert torch.equal(warm(x, lam), exported)


def test_ema_vs_raw_reads_both_weights_of_a_run(tmp_path):
    """train.studies.ema_vs_raw compares a run's shipped EMA with its raw end weights: it must load
    each from the checkpoint into the run's own architecture, and they must be different nets."""
    from train.studies.ema_vs_raw import weights_of
    cfg = get_config("tiny128")
    _, ema, _ = train(cfg, torch.from_numpy(synthetic(n=16, size=128)), str(tmp_path), quiet=True)
    got_cfg, nets, step = weights_of(str(tmp_path))
    assert (got_cfg.name, step, sorted(nets)) == ("tiny128", cfg.steps, ["ema", "raw"])
    ema_sd, raw_sd = nets["ema"].state_dict(), nets["raw"].state_dict()
    assert all(torch.equal(ema_sd[k], v) for k, v in ema.state_dict().items())
    assert any(not torch.equal(raw_sd[k], ema_sd[k]) for k in ema_sd)


def test_offwhite_rings_tell_a_halo_from_a_tint():
    """train.eval.offwhite_by_distance: a sharp square on white has no off-white pixel anywhere; the
    same square with a soft edge (a halo 8 px wide) has them only in the rings near it; a tint of
    10 levels over the whole background has them at the same share in every ring. Both the halo
    and the tint count in speckle()'s single share, which cannot tell them apart."""
    from train.eval import offwhite_by_distance, speckle
    sharp = np.full((1, 128, 128, 3), 255, np.uint8)
    sharp[:, 56:72, 56:72] = (200, 40, 40)
    halo = sharp.copy()
    around = np.zeros((128, 128), bool)       # 8 px around the square, 8 levels off white
    around[48:80, 48:80] = True
    around[56:72, 56:72] = False
    halo[0][around] = 247
    tint = sharp.copy()
    tint[0][(sharp[0] == 255).all(-1)] = (245, 245, 250)
    shares = lambda im: [r["share"] for r in offwhite_by_distance(im)]
    assert shares(sharp) == [0.0] * 5 and speckle(sharp)[1] == 0.0
    near, far = shares(halo)[:2], shares(halo)[3:]
    assert min(near) > 0.2 and max(far) == 0.0 and speckle(halo)[1] > 0.02
    assert min(shares(tint)) > 0.99
    rings = offwhite_by_distance(halo)
    assert abs(sum(r["of_background"] for r in rings) - 1) < 1e-9
    assert [r["ring"] for r in rings] == [[0, 3], [3, 6], [6, 12], [12, 24], [24, None]]


def test_pair_random_grid_asks_what_compare_mode_asks():
    """train.studies.pair_random_grid draws as the app's askPair does: the first model's default w,
    classes among those both models list as random (none in common: every class), rows 1-based;
    an unconditional or mismatched pair is refused rather than sampled unconditionally."""
    import pytest
    from train.studies.pair_random_grid import ask, pair_draw
    classes = ["smileys", "people", "animals", "flags"]
    a = dict(classes=classes, randomClasses=["smileys", "people", "flags"], guidance=dict(default=2.0))
    b = dict(classes=classes, randomClasses=["people", "flags"], guidance=dict(default=4.0))
    assert pair_draw([a, b]) == (["people", "flags"], 2.0)
    assert pair_draw([a, dict(b, randomClasses=["animals"])]) == (classes, 2.0)
    names, rows = ask(["people", "flags"], classes, 200, seed=1)
    assert set(names) == {"people", "flags"} and set(rows) == {2, 4}
    assert all(classes[r - 1] == n for n, r in zip(names, rows))
    for bad in (dict(b, classes=classes[:3]), dict(b, classes=[])):
        with pytest.raises(SystemExit):
            pair_draw([a, bad])
