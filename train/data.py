"""The training data: `build_dataset(name)` returns a config's dataset by name (every consumer,
train.train, train.fixture and the studies, asks here); this module builds emoji64 from the
emoji-datasource npm packs, train.twemoji builds twemoji128.

Run `python3 -m train.data` (train.train calls it on first use). Steps:
  1. `npm pack emoji-datasource-{google,twitter}@16.0.0` into train/cache/ (skipped if present),
  2. extract img/<vendor>/64/*.png and emoji.json,
  3. composite every RGBA / palette PNG on white -> RGB uint8 [64, 64, 3],
  4. split by emoji: an emoji is one entry of emoji.json (its base code point sequence); all its
     skin-tone variants and both vendors go to the same split. 10 % of emoji are held out (seeded).
  5. cache as train/cache/emoji64_{train,heldout}.npy (uint8 [N, 64, 64, 3], NHWC) and a JSON
     index of file names.

Licences: package code MIT (c) 2013 Cal Henderson; Google/Noto images Apache-2.0; Twitter
(Twemoji) images CC-BY-4.0. See docs/MODEL_CARD.md.
"""
import json
import os
import subprocess
import tarfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "cache")
VERSION = "16.0.0"
VENDORS = ("google", "twitter")
HELDOUT_FRACTION = 0.10
SPLIT_SEED = 20261126


def fetch_packs(cache=CACHE):
    """npm pack both vendors (pinned) and extract the 64 px PNGs. Returns {vendor: package dir}."""
    os.makedirs(cache, exist_ok=True)
    dirs = {}
    for vendor in VENDORS:
        tgz = os.path.join(cache, f"emoji-datasource-{vendor}-{VERSION}.tgz")
        if not os.path.exists(tgz):
            subprocess.run(["npm", "pack", f"emoji-datasource-{vendor}@{VERSION}"], cwd=cache,
                           check=True, stdout=subprocess.DEVNULL)
        out = os.path.join(cache, vendor)
        pkg = os.path.join(out, "package")
        if not os.path.isdir(os.path.join(pkg, "img", vendor, "64")):
            with tarfile.open(tgz) as tar:
                members = [m for m in tar.getmembers()
                           if m.name.startswith(f"package/img/{vendor}/64/")
                           or m.name in ("package/LICENSE", "package/README.md",
                                         "package/emoji.json", "package/package.json")]
                tar.extractall(out, members=members)
        dirs[vendor] = pkg
    return dirs


def load_png_on_white(path):
    """PNG (RGBA, palette, grey...) -> uint8 [64, 64, 3] RGB composited on white."""
    im = Image.open(path).convert("RGBA")
    assert im.size == (64, 64), (path, im.size)
    rgba = np.asarray(im, dtype=np.float32) / 255.0                   # [64, 64, 4] in [0, 1]
    alpha = rgba[..., 3:4]
    rgb = rgba[..., :3] * alpha + (1.0 - alpha)                       # over white
    return np.clip(np.round(rgb * 255.0), 0, 255).astype(np.uint8)


def per_image(emoji_json_path, value_of):
    """Image file name (base emoji and every skin variant) -> value_of(its base emoji's entry).
    The one walk over emoji.json: the groups here, the labels (train.labels), the mirror rule
    (train.mirror). emoji.json lists skin-tone variants inside their base entry."""
    with open(emoji_json_path) as f:
        entries = json.load(f)
    out = {}
    for e in entries:
        value = value_of(e)
        out[e["image"]] = value
        for var in (e.get("skin_variations") or {}).values():
            out[var["image"]] = value
    return out


def image_to_group(emoji_json_path):
    """Map image file name -> group key (the emoji.json entry's `unified`, i.e. base emoji)."""
    return per_image(emoji_json_path, lambda e: e["unified"])


def draw_weights(files, how, cache=CACHE):
    """Draw weight of each training image (index entries "vendor/name.png"), float64 [N] summing
    to 1, for TrainConfig.draw: "image" gives every image 1/N; "emoji" gives every (vendor, base
    emoji) group 1/G, shared by its images. People & Body is 60 % of the images but 20 % of the
    groups (the skin-tone variants), so "emoji" draws every other category twice as often."""
    if how == "image":
        return np.full(len(files), 1.0 / len(files))
    if how != "emoji":
        raise ValueError(f"unknown draw {how!r} (image or emoji)")
    group_of = image_to_group(os.path.join(cache, "google", "package", "emoji.json"))
    keys = [(f.split("/", 1)[0], group_of.get(f.split("/", 1)[1], f)) for f in files]
    size = {}
    for k in keys:
        size[k] = size.get(k, 0) + 1
    w = np.array([1.0 / size[k] for k in keys])
    return w / w.sum()


def split_groups(groups, fraction=HELDOUT_FRACTION, seed=SPLIT_SEED):
    """Seeded choice of held-out groups. Returns a set of group keys."""
    keys = sorted(set(groups))
    rng = np.random.RandomState(seed)
    perm = rng.permutation(len(keys))
    n_held = int(round(fraction * len(keys)))
    return {keys[i] for i in perm[:n_held]}


def build(cache=CACHE, force=False):
    """Build (or load) the cached arrays. Returns dict(train=uint8 [N,64,64,3], heldout=..., index)."""
    paths = {s: os.path.join(cache, f"emoji64_{s}.npy") for s in ("train", "heldout")}
    index_path = os.path.join(cache, "emoji64_index.json")
    if not force and all(os.path.exists(p) for p in paths.values()) and os.path.exists(index_path):
        with open(index_path) as f:
            index = json.load(f)
        return dict(train=np.load(paths["train"]), heldout=np.load(paths["heldout"]), index=index)

    dirs = fetch_packs(cache)
    group_of = image_to_group(os.path.join(dirs["google"], "emoji.json"))
    files = []                                                         # (vendor, name, group)
    for vendor in VENDORS:
        img_dir = os.path.join(dirs[vendor], "img", vendor, "64")
        for name in sorted(os.listdir(img_dir)):
            if name.endswith(".png"):
                # Files not in emoji.json (none expected) form their own group.
                files.append((vendor, name, group_of.get(name, name[:-4].upper())))
    held_groups = split_groups([g for _, _, g in files])
    split = {"train": [], "heldout": []}
    for vendor, name, group in files:
        split["heldout" if group in held_groups else "train"].append((vendor, name, group))
    index = {"version": VERSION, "seed": SPLIT_SEED, "fraction": HELDOUT_FRACTION,
             "n_groups": len(set(g for _, _, g in files)), "n_heldout_groups": len(held_groups)}
    out = {}
    for s, items in split.items():
        arr = np.stack([load_png_on_white(os.path.join(dirs[v], "img", v, "64", n))
                        for v, n, _ in items])                          # [N, 64, 64, 3] uint8
        np.save(paths[s], arr)
        out[s] = arr
        index[s] = [f"{v}/{n}" for v, n, _ in items]
    with open(index_path, "w") as f:
        json.dump(index, f)
    out["index"] = index
    return out


def build_dataset(name):
    """A config's dataset by its name (TrainConfig.dataset), built and cached on first use:
    dict(train=uint8 [N, S, S, 3], heldout=..., index=). "emoji64": build() here (64 px);
    "twemoji128": train.twemoji.build() (128 px)."""
    if name == "emoji64":
        return build()
    if name == "twemoji128":
        from . import twemoji                  # imports this module: imported here, not at the top
        return twemoji.build()
    raise ValueError(f"unknown dataset {name!r} (emoji64 or twemoji128)")


def synthetic(n=64, seed=0, size=64):
    """A seeded stand-in for the emoji cache: uint8 [n, size, size, 3], white with one coloured
    square each (the shape of test_train's data). For tests and launcher smoke runs
    (`python3 -m train.train --data synthetic`), where the npm packs may be absent."""
    rng = np.random.RandomState(seed)
    images = np.full((n, size, size, 3), 255, np.uint8)
    side = size * 3 // 8
    for i in range(n):
        r, c = rng.randint(0, size - side, 2)
        images[i, r:r + side, c:c + side] = rng.randint(0, 255, 3).astype(np.uint8)
    return images


if __name__ == "__main__":
    d = build(force=True)
    print("train", d["train"].shape, "heldout", d["heldout"].shape,
          "groups", d["index"]["n_groups"], "heldout groups", d["index"]["n_heldout_groups"])
