"""Class labels of the emoji64 images (and the category of the twemoji128 images), from the
emoji-datasource packs' own emoji.json.

Two labels per image, each an integer where 0 is the learned "unknown" token (the unconditional
model of classifier-free guidance, Ho & Salimans 2022) and i >= 1 names[i - 1]:
  category: emoji.json's `category`, short URL-friendly names (CATEGORIES). The 5 skin-tone
            swatches of "Component" are plain coloured squares, so they join "symbols" (where
            the coloured squares and circles are), not "people".
  vendor:   whose artwork the image is (train.data.VENDORS).
A skin-tone variant takes its base emoji's category (emoji.json lists variants inside the base
entry, without a category of their own).
"""
import os

import numpy as np

from .data import VENDORS, per_image

UNKNOWN = 0
# emoji.json category -> our name, in the order of the class table's rows 1..9
CATEGORY_NAMES = {
    "Smileys & Emotion": "smileys",
    "People & Body": "people",
    "Animals & Nature": "animals",
    "Food & Drink": "food",
    "Travel & Places": "travel",
    "Activities": "activities",
    "Objects": "objects",
    "Symbols": "symbols",
    "Flags": "flags",
}
FOLDED_CATEGORIES = {"Component": "symbols"}
CATEGORIES = tuple(CATEGORY_NAMES.values())


def per_file(files, table, what):
    """train.data index entries "vendor/name.png" -> [table[name]]. A file emoji.json does not
    know is an error (`what` says what it would lack): a silent guess would train on a wrong
    label or flip what should not be flipped."""
    out = []
    for f in files:
        name = f.split("/", 1)[1]
        if name not in table:
            raise KeyError(f"{f} is not in emoji.json: {what}")
        out.append(table[name])
    return out


def category_of_image(emoji_json_path):
    """Image file name (base emoji and every skin variant) -> our category name."""
    def ours(entry):
        return CATEGORY_NAMES.get(entry["category"]) or FOLDED_CATEGORIES[entry["category"]]
    return per_image(emoji_json_path, ours)


def labels_for(files, emoji_json_path):
    """files: train.data index entries "vendor/name.png" -> int64 [N, 2] (category, vendor),
    1-based (0 is UNKNOWN, never produced here)."""
    cats = per_file(files, category_of_image(emoji_json_path), "no category")
    out = np.zeros((len(files), 2), np.int64)
    for i, (f, cat) in enumerate(zip(files, cats)):
        out[i] = (CATEGORIES.index(cat) + 1, VENDORS.index(f.split("/", 1)[0]) + 1)
    return out


def emoji_json_path(cache=None):
    """Where train.data.fetch_packs leaves the Google pack's emoji.json (the labels' source)."""
    from . import data as data_mod
    return os.path.join(cache or data_mod.CACHE, "google", "package", "emoji.json")


def dataset_labels(index, cache=None):
    """Labels of a built emoji64 dataset (train.data.build()['index']): {split: int64 [N, 2]}."""
    path = emoji_json_path(cache)
    return {s: labels_for(index[s], path) for s in ("train", "heldout")}


def twemoji_key(file_name):
    """'23-20e3.svg' (Twemoji) and '0023-fe0f-20e3.png' (emoji.json) -> '0023-20e3': Twemoji's file
    names drop variation selector 16 and the code points' leading zeros, emoji.json keeps both."""
    points = file_name.rsplit(".", 1)[0].lower().split("-")
    return "-".join(p.zfill(4) for p in points if p != "fe0f")


def twemoji_categories(files, emoji_json_path):
    """Twemoji SVG names -> int64 [N] categories, 1-based, from emoji.json. A name emoji.json lacks
    (Twemoji draws a few ZWJ variants it does not list, e.g. man / woman Santa) takes the category
    of its base emoji (train.twemoji.group_key, where every emoji.json emoji of that base agrees).
    0 (unknown) where neither exists: Twemoji's own extras, such as the 26 regional-indicator
    letters; a classifier trains and is judged on the labelled images only."""
    from .twemoji import group_key              # twemoji imports train.data, as this module does
    cat_of = {twemoji_key(img): c for img, c in category_of_image(emoji_json_path).items()}
    by_group = {}
    for key, cat in cat_of.items():
        by_group.setdefault(group_key(key + ".svg"), set()).add(cat)
    out = np.zeros(len(files), np.int64)
    for i, f in enumerate(files):
        cat = cat_of.get(twemoji_key(f))
        base = by_group.get(group_key(twemoji_key(f) + ".svg"), set())
        if cat is None and len(base) == 1:
            cat = next(iter(base))
        out[i] = CATEGORIES.index(cat) + 1 if cat else UNKNOWN
    return out


def twemoji_dataset_labels(index, cache=None):
    """Categories of a built twemoji128 dataset (train.twemoji.build()['index']): {split: int64 [N]}."""
    path = emoji_json_path(cache)
    return {s: twemoji_categories(index[s], path) for s in ("train", "heldout")}


def training_labels(dataset, index, cache=None):
    """What a conditional model of `dataset` (TrainConfig.dataset) trains on: {split: int64 [N, 2]}
    (category, vendor). emoji64 has both labels; twemoji128 is one vendor's artwork, so its vendor
    column is 0 (unknown: a model with num_vendors = 0 has no vendor table) and its images without
    a category (Twemoji's extras) train the unknown row, as a dropped label does."""
    if dataset == "twemoji128":
        if cache is None:
            from . import data as data_mod
            data_mod.fetch_packs()              # emoji.json comes with the emoji64 packs
        return {s: np.stack([c, np.zeros_like(c)], 1)
                for s, c in twemoji_dataset_labels(index, cache).items()}
    return dataset_labels(index, cache)


def label_names():
    """The manifest's snrlab.labels: names[i] is table row i + 1."""
    return dict(category=list(CATEGORIES), vendor=list(VENDORS))
