"""The class-conditional model (emoji64 v3): labels, warm start, guidance, label dropout,
micro-batches, the cool-down and the lineage (tiny models, synthetic data; seconds on CPU)."""
import json
import os
from dataclasses import replace

import numpy as np
import pytest
import torch

from train.config import get_config
from train.export import export, load_exported, load_model, provenance
from train.labels import CATEGORIES, labels_for, dataset_labels
from train.model import UNet
from train.sample import Guided
from train.train import (accumulate_gradients, diffusion_loss, drop_labels, lr_at, train,
                         warm_start)

torch.set_num_threads(1)
TINY, COND = get_config("tiny"), get_config("tiny-cond")


def random_weights(model, seed=0):
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.1 * torch.randn_like(p))
    return model.eval()


def emoji_json(tmp_path):
    entries = [
        dict(image="1f600.png", unified="1F600", category="Smileys & Emotion"),
        dict(image="1f44b.png", unified="1F44B", category="People & Body",
             skin_variations={"1F3FB": dict(image="1f44b-1f3fb.png")}),
        dict(image="1f3fb.png", unified="1F3FB", category="Component"),
        dict(image="1f1eb-1f1f7.png", unified="1F1EB-1F1F7", category="Flags"),
    ]
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps(entries))
    return str(path)


def test_labels_come_from_emoji_json(tmp_path):
    files = ["google/1f600.png", "twitter/1f44b-1f3fb.png", "google/1f3fb.png",
             "twitter/1f1eb-1f1f7.png"]
    got = labels_for(files, emoji_json(tmp_path))
    cat = lambda name: CATEGORIES.index(name) + 1
    # a skin-tone variant takes its base's category; Component's swatches join symbols
    assert got.tolist() == [[cat("smileys"), 1], [cat("people"), 2], [cat("symbols"), 1],
                            [cat("flags"), 2]]
    assert (got > 0).all()                             # 0 (unknown) is never a data label
    with pytest.raises(KeyError, match="not in emoji.json"):
        labels_for(["google/ffff.png"], emoji_json(tmp_path))


def test_dataset_labels_follow_the_split(tmp_path):
    """Labels are looked up per split from the split's own file list: the held-out emoji stay
    held out, and every label is emoji.json's."""
    pkg = tmp_path / "google" / "package"
    pkg.mkdir(parents=True)
    os.replace(emoji_json(tmp_path), pkg / "emoji.json")
    index = dict(train=["google/1f600.png", "twitter/1f600.png"],
                 heldout=["google/1f1eb-1f1f7.png"])
    got = dataset_labels(index, cache=str(tmp_path))
    assert got["train"][:, 0].tolist() == [CATEGORIES.index("smileys") + 1] * 2
    assert got["heldout"].tolist() == [[CATEGORIES.index("flags") + 1, 1]]


def test_warm_start_is_exact_at_step_0(tmp_path):
    """A conditional model warm-started from an exported unconditional one computes exactly the
    exported model's v_hat, whatever the labels (the new tables start at zero), and the original
    float32 model's within float16 rounding."""
    original = random_weights(UNet(TINY.model))
    export(original.state_dict(), TINY.model, str(tmp_path))
    warm = UNet(COND.model)
    warm_start(warm, str(tmp_path))
    warm.eval()
    x, lam = torch.randn(3, 64, 64, 3), torch.tensor([-6.0, 0.5, 7.0])
    labels = torch.tensor([[1, 2], [3, 0], [0, 0]])
    with torch.no_grad():
        exported = load_model(str(tmp_path))(x, lam)
        assert torch.equal(warm(x, lam, labels), exported)
        assert torch.equal(warm(x, lam), exported)
        assert (warm(x, lam) - original(x, lam)).abs().max() < 2e-2


def test_warm_start_refuses_another_architecture(tmp_path):
    export(random_weights(UNet(TINY.model)).state_dict(), TINY.model, str(tmp_path))
    other = UNet(replace(TINY.model, channels=(8, 16, 24)))
    with pytest.raises((ValueError, RuntimeError)):
        warm_start(other, str(tmp_path))


def test_guidance_closed_forms():
    model = random_weights(UNet(COND.model))
    x, lam = torch.randn(2, 64, 64, 3), torch.tensor([-2.0, 3.0])
    labels = torch.tensor([[2, 1], [1, 2]])
    with torch.no_grad():
        v_c, v_u = model(x, lam, labels), model(x, lam)
        assert (v_c - v_u).abs().max() > 1e-3        # the labels matter in this model
        assert torch.allclose(Guided(model, labels, 0.0)(x, lam), v_u, atol=1e-5)
        assert torch.equal(Guided(model, labels, 1.0)(x, lam), v_c)
        # one batched call of 2B equals two separate calls
        assert torch.allclose(Guided(model, labels, 3.0)(x, lam), v_u + 3 * (v_c - v_u), atol=1e-5)
        # outside the guidance interval the conditional model alone
        assert torch.equal(Guided(model, labels, 3.0, interval=(5.0, 9.0))(x, lam), v_c)


def test_label_dropout_rates():
    cfg = replace(COND, label_drop_all=0.15, label_drop_each=0.1)
    labels = torch.ones((200_000, 2), dtype=torch.long)
    out = drop_labels(labels, torch.Generator().manual_seed(0), cfg)
    both = ((out == 0).all(1)).float().mean().item()
    cat_only = ((out[:, 0] == 0) & (out[:, 1] == 1)).float().mean().item()
    assert abs(both - (0.15 + 0.85 * 0.1 * 0.1)) < 0.005
    assert abs(cat_only - 0.85 * 0.1 * 0.9) < 0.005
    assert set(out.unique().tolist()) == {0, 1}


def test_micro_batches_give_the_same_gradient():
    model = random_weights(UNet(COND.model)).train()
    g = torch.Generator().manual_seed(1)
    x0 = torch.rand(4, 64, 64, 3, generator=g) * 2 - 1
    lam, noise = torch.tensor([-5.0, -1.0, 2.0, 6.0]), torch.randn(4, 64, 64, 3, generator=g)
    labels = torch.tensor([[1, 1], [2, 0], [0, 2], [3, 1]])
    grads = []
    for k in (1, 2, 4):
        model.zero_grad()
        loss = accumulate_gradients(model, x0, lam, noise, labels, replace(COND, micro_batches=k),
                                    False, 1)
        grads.append((loss, [p.grad.clone() for p in model.parameters()]))
    (l1, g1) = grads[0]
    full, _ = diffusion_loss(model, x0, lam, noise, COND, labels=labels)
    assert torch.allclose(l1, full.detach())
    for lk, gk in grads[1:]:
        assert torch.allclose(lk, l1, atol=1e-6)
        for a, b in zip(g1, gk):
            assert torch.allclose(a, b, atol=1e-6, rtol=1e-4)
    with pytest.raises(ValueError, match="micro-batches"):
        accumulate_gradients(model, x0[:3], lam[:3], noise[:3], None,
                             replace(COND, micro_batches=2), False, 1)


def test_cooldown_schedule():
    cfg = replace(COND, lr=1e-3, steps=1000, warmup_steps=100, lr_schedule="cooldown",
                  cooldown_frac=0.25, lr_final_frac=0.0)
    assert lr_at(49, cfg) == pytest.approx(0.5e-3)            # warm-up
    assert lr_at(750, cfg) == pytest.approx(1e-3)             # the cool-down starts at 75 %
    assert lr_at(875, cfg) == pytest.approx(0.5e-3)           # half-way down
    assert lr_at(1000, cfg) == pytest.approx(0.0)


def test_conditional_export_keeps_tables_and_names(tmp_path):
    model = random_weights(UNet(COND.model))
    manifest = export(model.state_dict(), COND.model, str(tmp_path))
    s = manifest["snrlab"]
    assert s["weightLayouts"]["class_emb.weight"] == "embedding"
    assert s["labels"]["category"] == list(CATEGORIES[:COND.model.num_classes])
    assert s["labels"]["vendor"] == ["google", "twitter"]
    names = [w["name"] for w in manifest["weightsManifest"][0]["weights"]]
    assert names.index("class_emb.weight") == names.index("embed.linear2.bias") + 1
    specs = {w["name"]: w["shape"] for w in manifest["weightsManifest"][0]["weights"]}
    assert specs["class_emb.weight"] == [COND.model.num_classes + 1, COND.model.emb_dim]
    state, _ = load_exported(str(tmp_path))
    assert torch.equal(state["class_emb.weight"], model.class_emb.weight.half().float())


def test_conditional_run_trains_the_tables_and_records_its_lineage(tmp_path):
    base = tmp_path / "base"
    export(random_weights(UNet(TINY.model)).state_dict(), TINY.model, str(base),
           extra=dict(config_name="tiny", training_steps=7, batch_size=8, images_seen=56))
    images = torch.full((16, 64, 64, 3), 255, dtype=torch.uint8)
    images[8:, 16:48, 16:48] = 40                         # two kinds of image, two labels
    labels = torch.tensor([[1, 1]] * 8 + [[2, 2]] * 8)
    cfg = replace(COND, steps=6, micro_batches=2, ckpt_every=6, log_every=3)
    run = tmp_path / "run"
    net, ema, rows = train(cfg, images, str(run), quiet=True, labels=labels, init=str(base))
    assert net.class_emb.weight.abs().max() > 0 and net.vendor_emb.weight.abs().max() > 0
    ckpt = torch.load(run / "ckpt.pt")
    p = provenance(cfg, ckpt, str(run))
    assert [r["images_seen"] for r in p["lineage"]] == [56, 48]
    assert p["images_seen_total"] == 104
    assert p["lineage"][-1]["init"].endswith("base")
    assert "--init" in p["command"]


@pytest.mark.parametrize("size", [64, 128])
def test_classifier_learns_and_augments_by_the_rules(size):
    """train.classifier on two synthetic categories told apart by colour only, at either size: it
    learns them, and its augmentation shifts by at most size / 16 and never flips a flag (text and
    direction matter there)."""
    from train.classifier import NO_FLIP, accuracy_by_class, augment, predict, train_classifier
    q = size // 4                                          # the square spans the middle half
    images = np.full((64, size, size, 3), 255, np.uint8)
    images[:32, q:size - q, q:size - q] = (220, 30, 30)
    images[32:, q:size - q, q:size - q] = (30, 30, 220)
    smileys, flags = CATEGORIES.index("smileys") + 1, CATEGORIES.index("flags") + 1
    labels = np.array([smileys] * 32 + [flags] * 32)
    model = train_classifier(images, labels, epochs=6, batch=32, lr=3e-3, log=lambda *_: None)
    acc, per = accuracy_by_class(predict(model, images), labels)
    assert acc > 0.9 and set(per) == {"smileys", "flags"}
    assert flags in NO_FLIP and smileys not in NO_FLIP
    x = torch.zeros(2, size, size, 3)
    x[:, :, :size // 2] = 1.0                              # left half white, right half black
    out = augment(x, torch.tensor([flags, flags]), torch.Generator().manual_seed(0))
    m = size // 16
    assert out.shape == x.shape
    # shifted by at most m px, never mirrored: the left edge stays white, the right black
    assert (out[:, 2 * m:size - 2 * m, :size // 2 - m] == 1).all()
    assert (out[:, 2 * m:size - 2 * m, size // 2 + m:size - m] <= 0).all()


def test_default_guidance_is_the_smallest_w_near_the_best():
    from train.eval_cond import choose_default
    acc = lambda a: dict(gan_test_accuracy=a)
    assert choose_default({"1.0": acc(0.3), "2.0": acc(0.55), "3.0": acc(0.57), "4.0": acc(0.5)}) \
        == 2.0
    assert choose_default({"1.0": acc(0.3), "2.0": acc(0.4), "3.0": acc(0.57)}) == 3.0


def test_emoji_draw_counts_skin_tone_variants_once(tmp_path):
    """draw="emoji": every (vendor, base emoji) group is drawn equally often, its skin-tone
    variants sharing its share; draw="image" is uniform; an unknown draw is refused by name."""
    from train.data import draw_weights
    pkg = tmp_path / "google" / "package"
    pkg.mkdir(parents=True)
    os.replace(emoji_json(tmp_path), pkg / "emoji.json")
    files = ["google/1f600.png", "google/1f44b.png", "google/1f44b-1f3fb.png",
             "twitter/1f44b.png", "twitter/1f1eb-1f1f7.png"]
    w = draw_weights(files, "emoji", cache=str(tmp_path))
    # groups: google 1F600, google 1F44B (2 images), twitter 1F44B, twitter flag -> 1/4 each
    assert np.allclose(w, [0.25, 0.125, 0.125, 0.25, 0.25])
    assert np.allclose(draw_weights(files, "image", cache=str(tmp_path)), 0.2)
    with pytest.raises(ValueError, match="unknown draw 'category'"):
        draw_weights(files, "category", cache=str(tmp_path))


def test_weighted_draw_follows_the_weights_and_default_stream_is_unchanged():
    """draw_batch with weights picks images in proportion to them; without weights the
    batch is the one a seed always gave (torch.randint first), so old runs replay exactly."""
    from train.train import draw_batch
    cfg = replace(TINY, batch_size=4096)
    images = torch.arange(4, dtype=torch.uint8).view(4, 1, 1, 1).expand(4, 2, 2, 3).contiguous()
    weights = torch.tensor([0.5, 0.25, 0.25, 0.0], dtype=torch.float64)
    x0, *_ = draw_batch(images, torch.Generator().manual_seed(0), cfg, weights=weights)
    picked = torch.round((x0[:, 0, 0, 0] + 1) * 127.5).long()          # back to the image's value
    share = torch.bincount(picked, minlength=4).double() / len(picked)
    assert torch.allclose(share, weights, atol=0.03) and share[3] == 0
    x0, *_ = draw_batch(images, torch.Generator().manual_seed(0), cfg)
    idx = torch.randint(0, 4, (4096,), generator=torch.Generator().manual_seed(0))
    assert torch.equal(torch.round((x0[:, 0, 0, 0] + 1) * 127.5).long(), idx)


def test_random_classes_are_those_recognised_at_the_default_w():
    """class=random draws among the categories at or above RANDOM_CLASS_MIN (asked uniformly at
    the default w), in table order; if none reaches it, every category."""
    from train.eval_cond import RANDOM_CLASS_MIN, random_classes, uniform_asked
    acc = {c: 0.5 for c in CATEGORIES}
    acc.update(people=1.0, flags=RANDOM_CLASS_MIN, smileys=0.97, travel=RANDOM_CLASS_MIN - 0.01)
    assert random_classes(acc) == ["smileys", "people", "flags"]
    assert random_classes({c: 0.1 for c in CATEGORIES}) == list(CATEGORIES)
    asked = uniform_asked(3)
    assert asked.shape == (27, 2) and (asked[:, 1] == 0).all()
    assert torch.bincount(asked[:, 0]).tolist() == [0] + [3] * 9


def test_twemoji_categories_match_emoji_json_names(tmp_path):
    """Twemoji's file names drop VS16 and leading zeros (emoji.json keeps both); a ZWJ variant
    emoji.json lacks takes its base's category; a name with neither is unknown (0), not guessed."""
    from train.labels import twemoji_categories, twemoji_dataset_labels, twemoji_key
    entries = [
        dict(image="0023-fe0f-20e3.png", category="Symbols"),              # keycap #
        dict(image="00a9-fe0f.png", category="Symbols"),                   # (c)
        dict(image="1f9d1-200d-1f384.png", category="People & Body"),      # Mx Claus
        dict(image="1f600.png", category="Smileys & Emotion"),
    ]
    path = tmp_path / "google" / "package" / "emoji.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(entries))
    assert twemoji_key("23-20e3.svg") == twemoji_key("0023-fe0f-20e3.png") == "0023-20e3"
    cat = lambda name: CATEGORIES.index(name) + 1
    files = ["23-20e3.svg", "a9.svg", "1f469-1f3fd-200d-1f384.svg", "1f600.svg", "1f1e6.svg"]
    got = twemoji_categories(files, str(path))
    assert got.tolist() == [cat("symbols"), cat("symbols"), cat("people"), cat("smileys"), 0]
    split = twemoji_dataset_labels(dict(train=files[:2], heldout=files[3:]), cache=str(tmp_path))
    assert split["train"].tolist() == [cat("symbols")] * 2
    assert split["heldout"].tolist() == [cat("smileys"), 0]
    # what a conditional 128 px model trains on: the same categories, vendor unknown (one vendor)
    from train.labels import training_labels
    pairs = training_labels("twemoji128", dict(train=files[:2], heldout=files[3:]), cache=str(tmp_path))
    assert pairs["train"].tolist() == [[cat("symbols"), 0]] * 2
    assert pairs["heldout"].tolist() == [[cat("smileys"), 0], [0, 0]]


def test_the_emoji64_pass_probe_is_paired_on_the_shipped_recipe():
    """Issue 25's pass probe (train/studies/probe64.sh): the arms differ only in the pass's two
    gates, and both are emoji64 v3's recipe but for the seed and the length."""
    from dataclasses import asdict
    plain, with_pass = asdict(get_config("probe64-plain")), asdict(get_config("probe64-pass"))
    assert {k for k in plain if plain[k] != with_pass[k]} == {"name", "model"}
    assert {k for k, v in plain["model"].items() if with_pass["model"][k] != v} == \
        {"hf_pass", "hf_pass_coarse"}
    from train.config import V3_RUN3
    run3 = asdict(V3_RUN3)
    assert {k for k in run3 if run3[k] != plain[k]} == {"name", "seed", "steps", "ckpt_every"}
    assert plain["seed"] not in (3, 4, 5)              # a stream no v3 run has trained on


def test_emoji64_runs_4_to_6_are_the_winning_arms_of_their_probes_run_on():
    """Run 4 (V3_RUN4) is the pass probe's winning arm with run 3's recipe, run 5 (V3_RUN5) is run
    4's recipe again (the flip probe's noflip arm), and run 6 (the shipped emoji64-v3 config) is
    the recipe probe's shift arm: only the name, a seed no earlier run or probe used, the length and
    the checkpoint interval differ."""
    from dataclasses import asdict
    from train.config import V3_RUN4, V3_RUN5
    run4, arm = asdict(V3_RUN4), asdict(get_config("probe64-pass"))
    assert {k for k in run4 if run4[k] != arm[k]} == {"name", "seed", "steps", "ckpt_every"}
    assert run4["model"]["hf_pass"] and run4["model"]["hf_pass_coarse"]
    run5, noflip = asdict(V3_RUN5), asdict(get_config("probe64-noflip"))
    assert {k for k in run5 if run5[k] != run4[k]} == {"seed", "steps"}
    assert {k for k in run5 if run5[k] != noflip[k]} == {"name", "seed", "steps", "ckpt_every"}
    run6, shift = asdict(get_config("emoji64-v3")), asdict(get_config("probe64-shift"))
    assert {k for k in run6 if run6[k] != shift[k]} == {"name", "seed", "steps", "ckpt_every"}
    assert run6["schedule_shift"] == -1.0
    assert run4["seed"] not in (3, 4, 5, 6) and run5["seed"] not in (3, 4, 5, 6, 7, 8)
    assert run6["seed"] not in range(3, 11)


def test_the_recipe_probes_differ_from_their_control_in_one_question_each():
    """Issue 25 §3 items 2-4 (train/studies/probe64.sh docs/model/v3/recipe ...): every arm is
    the control but for the field(s) of its question; the control is run 5's recipe on a new seed."""
    from dataclasses import asdict
    from train.config import V3_RUN5
    control = asdict(get_config("probe64-control"))
    run5 = asdict(V3_RUN5)
    assert {k for k in control if control[k] != run5[k]} == {"name", "seed", "steps", "ckpt_every"}
    assert control["seed"] not in range(3, 10)
    questions = {"probe64-laplace": {"logsnr_density"}, "probe64-shift": {"schedule_shift"},
                 "probe64-emapow": {"ema_power"}, "probe64-constlr": {"lr_schedule"}}
    for name, fields in questions.items():
        arm = asdict(get_config(name))
        assert {k for k in arm if arm[k] != control[k]} == {"name"} | fields, name


def test_generate_walks_the_asked_spacing_on_the_models_schedule():
    """train.eval_cond samples a 128 px model as the app does (steps uniform in lambda on its own
    shifted schedule): generate's model calls land on spaced_logsnr_grid's lambdas, and the default
    is still steps uniform in t on the cosine (emoji64 v3's evaluation, unchanged)."""
    from types import SimpleNamespace
    from train.diffusion import logsnr_grid, spaced_logsnr_grid
    from train.sample import generate

    class Spy(torch.nn.Module):
        cfg = SimpleNamespace(image_size=4)

        def __init__(self):
            super().__init__()
            self.p, self.seen = torch.nn.Parameter(torch.zeros(())), []

        def forward(self, x, logsnr, labels=None):
            self.seen.append(float(logsnr.reshape(-1)[0]))
            return torch.zeros_like(x)

    for kwargs, grid in [(dict(shift=-1.386, spacing="uniform-logsnr"),
                          spaced_logsnr_grid(6, "uniform-logsnr", -1.386)),
                         (dict(), logsnr_grid(6))]:
        spy = Spy()
        generate(spy, 2, 6, **kwargs)
        assert np.allclose(spy.seen, grid[:-1].numpy(), atol=1e-6), kwargs
    uniform_t = Spy()
    generate(uniform_t, 2, 6, shift=-1.386)
    assert not np.allclose(uniform_t.seen, spaced_logsnr_grid(6, "uniform-logsnr", -1.386)[:-1])


def test_guided_samples_never_ask_the_unknown_category():
    """twemoji128's held-out split has images without a category (label 0): the GAN-test asks only
    real categories, in the held-out proportions of those that have one."""
    from train.eval_cond import asked_categories
    held = np.array([[0, 0], [3, 0], [3, 0], [3, 0], [5, 0], [0, 0]])
    asked = asked_categories(held, 4000)
    assert set(asked.tolist()) == {3, 5}
    assert abs((asked == 3).mean() - 0.75) < 0.03


def test_the_index_draws_random_classes_by_the_current_threshold(monkeypatch):
    """The index applies today's RANDOM_CLASS_MIN to the measured per-category accuracies, not the
    list an older evaluation stored with its threshold of the time."""
    from train import models_index
    from train.eval_cond import RANDOM_CLASS_MIN
    per = {c: 0.5 for c in CATEGORIES}
    per.update(smileys=1.0, food=RANDOM_CLASS_MIN - 0.02)
    stored = dict(random_classes=["smileys", "food"], gan_test_uniform=dict(per_class=per))
    monkeypatch.setattr(models_index, "cond_eval_of", lambda name: stored)
    assert models_index.random_classes_of("emoji64") == ["smileys"]
    monkeypatch.setattr(models_index, "cond_eval_of", lambda name: {})
    assert models_index.random_classes_of("emoji64") is None


def test_the_index_leaves_out_what_the_eye_rejected(monkeypatch):
    """A category in models_index.NOT_RECOGNISABLE_BY_EYE is not drawn at random even when the
    classifier passes it (the 128 px flags: colour fields the classifier reads as flags), unless
    nothing else would be left; every such judgement names a grid that is in the repository."""
    from train import models_index
    per = {c: 1.0 if c in ("people", "flags") else 0.5 for c in CATEGORIES}
    monkeypatch.setattr(models_index, "cond_eval_of",
                        lambda name: dict(gan_test_uniform=dict(per_class=per)))
    assert models_index.random_classes_of("emoji128w-shifted") == ["people"]
    assert models_index.random_classes_of("emoji64") == ["people", "flags"]
    assert models_index.random_classes_of("emoji128w-cosine") == ["people"]
    only_flags = {c: 1.0 if c == "flags" else 0.5 for c in CATEGORIES}
    monkeypatch.setattr(models_index, "cond_eval_of",
                        lambda name: dict(gan_test_uniform=dict(per_class=only_flags)))
    assert models_index.random_classes_of("emoji128w-cosine") == ["flags"]
    for name, judged in models_index.NOT_RECOGNISABLE_BY_EYE.items():
        assert name in models_index.MODELS
        for category, (grid, seen) in judged.items():
            assert category in CATEGORIES and seen
            assert os.path.exists(os.path.join(models_index.ROOT, grid)), grid


def test_the_shipped_emoji64_draws_at_random_none_of_what_the_eye_rejected():
    """The index as shipped applies emoji64's judgements: after run 5 the classifier passes
    animals, food and travel at w = 3, but by eye their rows are blobs, so class=random (the
    lesson's first batch) draws none of them; each can still be asked for by name."""
    from train import models_index
    with open(models_index.INDEX) as f:
        emoji64 = next(m for m in json.load(f)["models"] if m["name"] == "emoji64")
    rejected = set(models_index.NOT_RECOGNISABLE_BY_EYE["emoji64"])
    assert {"animals", "food", "travel"} <= rejected
    assert emoji64["randomClasses"] and not rejected & set(emoji64["randomClasses"])
    assert rejected <= set(emoji64["classes"])


def test_the_shipped_pair_does_not_draw_flags_at_random():
    """The index as shipped applies the judgement: neither 128 px model draws flags at random."""
    from train import models_index
    with open(models_index.INDEX) as f:
        shipped = {m["name"]: m for m in json.load(f)["models"]}
    for name in models_index.COMPARE:
        assert "flags" not in shipped[name]["randomClasses"]
        assert "flags" in shipped[name]["classes"]


def test_the_shipped_emoji64_is_the_last_run_of_the_emoji64_v3_config():
    """public/models/emoji64 was exported from the run train/config.py names last (its seed), and
    samples on that config's training schedule: a config changed without a new export, or an
    export from another config, fails here."""
    import json
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "public", "models", "emoji64", "model.json")) as f:
        shipped = json.load(f)["snrlab"]
    cfg = get_config("emoji64-v3")
    last = shipped["lineage"][-1]
    assert (last["config"], last["seed"], last["steps"]) == ("emoji64-v3", cfg.seed, cfg.steps)
    assert shipped["schedule"]["shift"] == cfg.schedule_shift
    assert shipped["images_seen_total"] == sum(r["images_seen"] for r in shipped["lineage"])
