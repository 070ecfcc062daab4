"""Build the twemoji128 dataset: Twemoji SVGs rasterised at 128 px, for the emoji128 models.

Run `python3 -m train.twemoji` (train.train calls it on first use of an emoji128 config). Steps:
  1. `npm pack @twemoji/svg@15.0.0` into train/cache/ (skipped if present) and extract the SVGs,
  2. rasterise each with `rsvg-convert -w 128 -h 128 --background-color white` (Debian's
     librsvg2-bin; two parallel jobs, ~1 min for the 3,720 files),
  3. decode to RGB uint8 [128, 128, 3] (the SVGs' transparency already composited on white),
  4. split by base emoji (`group_key`): skin-tone and gender variants of an emoji go to the same
     split as their base; 10 % of the groups are held out (seeded),
  5. cache as train/cache/twemoji128_{train,heldout}.npy (uint8 NHWC) with a JSON index.

Licences: graphics CC-BY-4.0 (Twemoji, (c) Twitter, Inc and other contributors); the npm
package's own files MIT (c) 2023 Samuel Kopp. See docs/MODEL_CARD_128.md.
"""
import json
import os
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

from .data import CACHE, HELDOUT_FRACTION, SPLIT_SEED, split_groups

VERSION = "15.0.0"
SIZE = 128
NAME = f"twemoji{SIZE}"

# Code points that make a variant of another emoji rather than an emoji of its own:
# skin tones (Fitzpatrick modifiers), the zero-width joiner and variation selector 16, and the
# female / male signs that gender a ZWJ sequence ("man running" = runner + ZWJ + male sign).
VARIANT_CODEPOINTS = {"1f3fb", "1f3fc", "1f3fd", "1f3fe", "1f3ff", "200d", "fe0f", "2640", "2642"}
# Gendered people that are the same emoji up to gender: man / woman / person (and the ZWJ
# professions and families built on them), boy / girl / child, old man / old woman / older person.
GENDER_BASE = {"1f468": "1f9d1", "1f469": "1f9d1", "1f466": "1f9d2", "1f467": "1f9d2",
               "1f474": "1f9d3", "1f475": "1f9d3"}


def group_key(file_name):
    """'1f469-1f3fd-200d-1f373.svg' (woman cook, medium skin) -> '1f9d1-1f373' (person cook)."""
    points = file_name.rsplit(".", 1)[0].lower().split("-")
    kept = [GENDER_BASE.get(p, p) for p in points if p not in VARIANT_CODEPOINTS]
    return "-".join(kept) or file_name


def fetch_svgs(cache=CACHE):
    """npm pack the pinned package and extract its SVGs. Returns the folder holding them."""
    os.makedirs(cache, exist_ok=True)
    tgz = os.path.join(cache, f"twemoji-svg-{VERSION}.tgz")
    if not os.path.exists(tgz):
        subprocess.run(["npm", "pack", f"@twemoji/svg@{VERSION}"], cwd=cache, check=True,
                       stdout=subprocess.DEVNULL)
    out = os.path.join(cache, "twemoji-svg")
    pkg = os.path.join(out, "package")
    if not os.path.exists(os.path.join(pkg, "package.json")):
        with tarfile.open(tgz) as tar:
            tar.extractall(out)
    return pkg


def rasterise(svg_path, size=SIZE):
    """SVG -> uint8 [size, size, 3] RGB on white, via rsvg-convert (PNG on stdout)."""
    png = subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size),
                          "--background-color", "white", svg_path],
                         check=True, stdout=subprocess.PIPE).stdout
    from io import BytesIO
    im = Image.open(BytesIO(png)).convert("RGBA")
    assert im.size == (size, size), (svg_path, im.size)
    rgba = np.asarray(im, dtype=np.float32) / 255.0                    # [S, S, 4] in [0, 1]
    rgb = rgba[..., :3] * rgba[..., 3:4] + (1.0 - rgba[..., 3:4])      # white wherever still clear
    return np.clip(np.round(rgb * 255.0), 0, 255).astype(np.uint8)


def split_files(names, fraction=HELDOUT_FRACTION, seed=SPLIT_SEED):
    """File names -> {"train": [...], "heldout": [...]}, whole groups on one side (seeded)."""
    held = split_groups([group_key(n) for n in names], fraction, seed)
    out = {"train": [], "heldout": []}
    for n in sorted(names):
        out["heldout" if group_key(n) in held else "train"].append(n)
    return out, held


def build(cache=CACHE, force=False, size=SIZE, jobs=2):
    """Build (or load) the cached arrays. Returns dict(train=uint8 [N,S,S,3], heldout=..., index)."""
    paths = {s: os.path.join(cache, f"twemoji{size}_{s}.npy") for s in ("train", "heldout")}
    index_path = os.path.join(cache, f"twemoji{size}_index.json")
    if not force and all(os.path.exists(p) for p in paths.values()) and os.path.exists(index_path):
        with open(index_path) as f:
            index = json.load(f)
        return dict(train=np.load(paths["train"]), heldout=np.load(paths["heldout"]), index=index)
    pkg = fetch_svgs(cache)
    names = sorted(n for n in os.listdir(pkg) if n.endswith(".svg"))
    split, held = split_files(names)
    index = {"package": f"@twemoji/svg@{VERSION}", "size": size, "seed": SPLIT_SEED,
             "fraction": HELDOUT_FRACTION, "n_groups": len({group_key(n) for n in names}),
             "n_heldout_groups": len(held)}
    out = {}
    with ThreadPoolExecutor(jobs) as pool:      # rsvg-convert runs in its own process
        for s, items in split.items():
            arr = np.stack(list(pool.map(lambda n: rasterise(os.path.join(pkg, n), size), items)))
            np.save(paths[s], arr)                                      # [N, S, S, 3] uint8
            out[s] = arr
            index[s] = items
    with open(index_path, "w") as f:
        json.dump(index, f)
    out["index"] = index
    return out


if __name__ == "__main__":
    d = build(force=True)
    print("train", d["train"].shape, "heldout", d["heldout"].shape,
          "groups", d["index"]["n_groups"], "heldout groups", d["index"]["n_heldout_groups"])
