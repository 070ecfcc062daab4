"""Write public/models/index.json: the models the app offers, from their manifests and evaluations.

    python3 -m train.models_index

For every folder in MODELS: its name, path, image size and training schedule (read from its
model.json, which the app checks again on load; the schedule block keeps the manifest's own
spelling, logsnr_min / logsnr_max, which src/math/samplingGrid.ts parseTrainingSchedule reads
for both files), its weight bytes, and its SWD at 25 steps (DPM-Solver++(2M) on its own training
schedule) with the floor it is measured against, read from the evaluation that produced it
(docs/model/v3/eval.json for emoji64 v3: unconditional samples, steps uniform in t; for the
128 px pair, PAIR_EVALS: steps uniform in lambda, compare mode's default, and per pyramid band,
finest first), with the number of samples it was measured on and the file it came from (`source`,
which the prose tests read too); null where there is none yet.
A class-conditional model also gets `classes` and `vendors` (its manifest's snrlab.labels) and
`guidance: {default}`, the w its evaluation chose (train.eval_cond), and `randomClasses`, the
categories the app's class=random draws from (those its evaluation found recognisable at that w).

The index holds facts and numbers only: a model's one line of prose for people is a translation,
models.summaries.NAME in src/ui/i18n/en.ts and zh.ts (test/unit/modelProse.test.ts checks that
every model listed here has it in both languages, and that no prose is left for a model that is
gone).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PUBLIC = os.path.join(ROOT, "public", "models")
INDEX = os.path.join(PUBLIC, "index.json")

# the models offered, in the selector's order
MODELS = ["emoji64", "emoji128w-cosine", "emoji128w-shifted"]
SCHEDULE_KEYS = ("name", "logsnr_min", "logsnr_max", "shift")
DEFAULT = "emoji64"
COMPARE = ["emoji128w-cosine", "emoji128w-shifted"]
# models no longer shipped -> what replaced them, so an old link opens the successor with a notice
# (the narrow-stem 128 px pair: docs/MODEL_CARD_128.md, "Why the samples stay noisy")
REPLACED = {"emoji128-cosine": "emoji128w-cosine", "emoji128-shifted": "emoji128w-shifted"}
STEPS = 25
# Categories whose samples the GAN-test's classifier accepts but a viewer does not, left out of
# class=random by a judgement made by eye on a recorded grid (the classifier cannot see the failure,
# so no threshold on its accuracy can). model -> {category: (the grid looked at, what the eye saw)}.
# Asking for the category by name still works; only the random draw skips it.
# (docs/MODEL_CARD_128.md, "Looked at and counted: what compare mode shows"; docs/MODEL_CARD.md,
# the outcomes of runs 4-6; each run's grid is at the path, earlier ones in docs/model/v3/runN/)
NOT_RECOGNISABLE_BY_EYE = {
    "emoji64": {
        "travel": ("docs/model/v3/guided_w3.png",
                   "half the row clock faces, half blue-grey blobs (GAN-test 0.94 at w = 3; left "
                   "out at run 3 by the threshold, at 0.91)"),
        "animals": ("docs/model/v3/guided_w3.png",
                    "splashes of colour, at best one green bird-like shape (GAN-test 0.94 at w = 3 "
                    "after run 5, 0.97 after run 6, whose row looks the same; the classifier reads "
                    "the palette)"),
        "food": ("docs/model/v3/guided_w3.png",
                 "orange and yellow blobs, at best one fruit-like round (GAN-test 0.94 at w = 3 "
                 "after run 5; 0.84 after run 6, whose row looks the same)")},
    "emoji128w-cosine": {
        "flags": ("docs/model128/cond/pair_random_w4.png",
                  "rectangles of colour fields that name no country (the classifier reads the "
                  "rectangle)")},
    "emoji128w-shifted": {
        "flags": ("docs/model128/cond/pair_random_w4.png",
                  "rectangles of colour fields that name no country (the classifier reads the "
                  "rectangle)"),
        "travel": ("docs/model128/cond/emoji128w-shifted/guided_w4.png",
                   "light-blue blobs (GAN-test 0.97)")},
}
V3_EVAL = os.path.join(ROOT, "docs", "model", "v3", "eval.json")
# The 128 px pair's 2 x 2 tables, in order of preference: the 2,000-sample table (issue 26), used
# only while the weights it recorded are the shipped ones (it takes ~2.5 h of this CPU, so it can
# lag a retrain), then the 500-sample table that train/emoji128.sh rewrites at every shipped run.
PAIR_EVALS = [os.path.join(ROOT, "docs", "model128", "n2000", "eval.json"),
              os.path.join(ROOT, "docs", "model128", "eval.json")]


def pair_eval_of(name):
    """(path, table) of the first of PAIR_EVALS that exists and measured the shipped weights of
    `name` (a table that records no weights, the older 500-sample one, is taken as it is), or
    (None, None)."""
    from .export import weights_sha256                  # imports torch: only where a model needs it
    for path in PAIR_EVALS:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            table = json.load(f)
        recorded = table["models"].get(name, {}).get("weights_sha256")
        if recorded is None or recorded == weights_sha256(os.path.join(PUBLIC, name)):
            return path, table
    return None, None


def swd_of(name):
    """{steps, average, floor, samples, source, sampler} from the model's evaluation, or None."""
    if name == "emoji64":
        path = V3_EVAL
        if not os.path.exists(path):
            return None
        res = json.load(open(path))
        if res["steps"] != STEPS:
            return None
        cell, floor = res["swd"]["unconditional"], res["swd"]["floor_train_subset"]["avg"]
        samples = res["n"]
        spacing = "uniform in t"
    else:
        # the 128 px pair as compare mode samples it by default: steps uniform in lambda over the
        # model's own training schedule; per band too, for compare mode's columns (issue 26)
        path, table = pair_eval_of(name)
        if table is None:
            return None
        res, samples = table["swd"], table["n_samples"]
        cell = res.get(f"{name}|sampled-{name}|{STEPS}|uniform-logsnr")
        floors = [res["floor_train_subset_a"], res["floor_train_subset_b"]]
        floor = sum(f["avg"] for f in floors) / 2
        spacing = "uniform in lambda"
    if cell is None:
        return None
    out = dict(steps=STEPS, average=round(cell["avg"], 1), floor=round(floor, 1), samples=samples,
               source=os.path.relpath(path, ROOT),
               sampler=f"DPM-Solver++(2M), steps {spacing} on the model's training schedule")
    if name != "emoji64":
        out["bands"] = [dict(size=int(band), value=round(cell[band], 1),
                             floor=round(sum(f[band] for f in floors) / 2, 1))
                        for band in sorted((k for k in cell if k.isdigit()), key=int, reverse=True)]
    return out


def entry(name):
    with open(os.path.join(PUBLIC, name, "model.json")) as f:
        manifest = json.load(f)
    meta = manifest["snrlab"]
    sched = meta["schedule"]
    out = dict(name=name, path=f"./models/{name}/", imageSize=meta["input_shape"][1],
               trainingSchedule={k: sched[k] for k in SCHEDULE_KEYS},
               swd=swd_of(name), bytes=sum(s["bytes"] for s in meta["shards"].values()))
    if meta.get("labels"):
        out.update(classes=meta["labels"]["category"], vendors=meta["labels"]["vendor"],
                   guidance=dict(default=default_guidance(name)))
        drawn = random_classes_of(name)
        if drawn:
            out["randomClasses"] = drawn
    return out


def cond_eval_of(name):
    """The model's train.eval_cond results (emoji64: docs/model/v3/; a model of the 128 px pair,
    once it is conditional: docs/model128/cond/<name>/), or {} before there are any."""
    path = V3_EVAL if name == "emoji64" else os.path.join(ROOT, "docs", "model128", "cond", name,
                                                          "eval.json")
    return json.load(open(path)) if os.path.exists(path) else {}


def random_classes_of(name):
    """The categories the app's class=random draws from: train.eval_cond.random_classes applied to
    the per-category GAN-test accuracies its evaluation measured (so the threshold is the code's
    current RANDOM_CLASS_MIN, not the one the evaluation ran with), less the model's categories in
    NOT_RECOGNISABLE_BY_EYE (unless that leaves none), or None (every category) before there is an
    evaluation."""
    per_class = cond_eval_of(name).get("gan_test_uniform", {}).get("per_class")
    if not per_class:
        return None
    from .eval_cond import random_classes          # imports torch: only where a model needs it
    passed = random_classes(per_class)
    seen = [c for c in passed if c not in NOT_RECOGNISABLE_BY_EYE.get(name, {})]
    return seen or passed


def default_guidance(name):
    """The guidance weight the model's evaluation chose (train.eval_cond), 1 (plain conditional)
    before there is one."""
    return cond_eval_of(name).get("default_guidance", 1.0)


def build():
    present = [n for n in MODELS if os.path.exists(os.path.join(PUBLIC, n, "model.json"))]
    return dict(models=[entry(n) for n in present], default=DEFAULT,
                compare=[n for n in COMPARE if n in present],
                replaced={old: new for old, new in REPLACED.items() if new in present})


if __name__ == "__main__":
    index = build()
    with open(INDEX, "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print("wrote", INDEX, [m["name"] for m in index["models"]])
