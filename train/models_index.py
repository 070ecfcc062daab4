"""Write public/models/index.json: the models the app offers, from their manifests and evaluations.

    python3 -m train.models_index

For every folder in MODELS: its name, path, image size and training schedule (read from its
model.json, which the app checks again on load), its weight bytes, and its SWD at 25 steps
(DPM-Solver++(2M), steps uniform in t on its own training schedule) with the floor it is measured
against, read from the evaluation that produced it (docs/model/v3/eval.json for emoji64 v3,
unconditional samples; docs/model128/eval.json for the 128 px pair); null where there is none yet.
A class-conditional model also gets `classes` and `vendors` (its manifest's snrlab.labels) and
`guidance: {default}`, the w its evaluation chose (train.eval_cond).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PUBLIC = os.path.join(ROOT, "public", "models")
INDEX = os.path.join(PUBLIC, "index.json")

# name -> one-line summary shown in the app; the order is the selector's
MODELS = {
    "emoji64": "64 px, Google + Twitter emoji, cosine schedule; conditioned on the emoji's "
               "category and vendor, sampled with classifier-free guidance",
    "emoji128-cosine": "128 px, Twemoji, cosine schedule (no shift); pixel-level noise remains: "
                       "its stem is narrower than a 4×4 patch (model card)",
    "emoji128-shifted": "128 px, Twemoji, cosine schedule shifted by 2·ln(64/128); pixel-level "
                        "noise remains, as in emoji128-cosine",
}
DEFAULT = "emoji64"
COMPARE = ["emoji128-cosine", "emoji128-shifted"]
STEPS = 25
V3_EVAL = os.path.join(ROOT, "docs", "model", "v3", "eval.json")


def swd_of(name):
    """{steps, average, floor, sampler} from the model's evaluation, or None."""
    if name == "emoji64":
        path = V3_EVAL
        if not os.path.exists(path):
            return None
        res = json.load(open(path))
        if res["steps"] != STEPS:
            return None
        cell, floor = res["swd"]["unconditional"], res["swd"]["floor_train_subset"]["avg"]
    else:
        path = os.path.join(ROOT, "docs", "model128", "eval.json")
        if not os.path.exists(path):
            return None
        res = json.load(open(path))["swd"]
        cell = res.get(f"{name}|sampled-{name}|{STEPS}|uniform-t")
        floor = (res["floor_train_subset_a"]["avg"] + res["floor_train_subset_b"]["avg"]) / 2
    if cell is None:
        return None
    return dict(steps=STEPS, average=round(cell["avg"], 1), floor=round(floor, 1),
                sampler="DPM-Solver++(2M), steps uniform in t on the model's training schedule")


def entry(name, summary):
    with open(os.path.join(PUBLIC, name, "model.json")) as f:
        manifest = json.load(f)
    meta = manifest["snrlab"]
    sched = meta["schedule"]
    out = dict(name=name, path=f"./models/{name}/", imageSize=meta["input_shape"][1],
               trainingSchedule=dict(name=sched["name"], logsnrMin=sched["logsnr_min"],
                                     logsnrMax=sched["logsnr_max"], shift=sched["shift"]),
               swd=swd_of(name), bytes=sum(s["bytes"] for s in meta["shards"].values()),
               summary=summary)
    if meta.get("labels"):
        out.update(classes=meta["labels"]["category"], vendors=meta["labels"]["vendor"],
                   guidance=dict(default=default_guidance(name)))
    return out


def default_guidance(name):
    """The guidance weight the model's evaluation chose (train.eval_cond), 1 (plain conditional)
    before there is one."""
    if name == "emoji64" and os.path.exists(V3_EVAL):
        return json.load(open(V3_EVAL)).get("default_guidance", 1.0)
    return 1.0


def build():
    present = [n for n in MODELS if os.path.exists(os.path.join(PUBLIC, n, "model.json"))]
    return dict(models=[entry(n, MODELS[n]) for n in present], default=DEFAULT,
                compare=[n for n in COMPARE if n in present])


if __name__ == "__main__":
    index = build()
    with open(INDEX, "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print("wrote", INDEX, [m["name"] for m in index["models"]])
