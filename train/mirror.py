"""Which emoji64 training images a horizontal flip leaves in the data's distribution
(TrainConfig.hflip = "mirrorable", issue 25 §3: flips "where the emoji has no text or direction").

A mirrored face or apple is still a face or apple; a mirrored clock reads another time, a mirrored
flag is another (or no) country, mirrored text is no text. The rule reads the Google pack's
emoji.json (the labels' source, train.labels) and keeps an image out when its emoji
- is in a category made of glyphs, text and arrows (symbols, with Component's swatches, and flags),
- or in a subcategory whose pictures carry numerals, text or a map (MIRROR_UNSAFE_SUBCATEGORIES),
- or has a direction or handedness in its name (MIRROR_UNSAFE_WORDS: "... FACING RIGHT",
  "LEFT-POINTING ...", "... ARROW ...", "WRITING HAND").
A skin-tone variant follows its base emoji. The label of a flipped image is unchanged: the model is
conditioned on the category, which a mirror image keeps.
"""
import json
import re

import numpy as np

MIRROR_UNSAFE_CATEGORIES = ("Symbols", "Flags", "Component")
MIRROR_UNSAFE_SUBCATEGORIES = (
    "time",            # clock faces: the hands and numerals read another time
    "book-paper",      # pages, scrolls, newspapers: lines of text
    "money",           # banknotes and signs with currency glyphs
    "office",          # calendars with dates, charts with axes
    "place-map",       # world and Japan maps
    "place-building",  # signs on buildings: BANK, HOTEL, 24, the post office's mark
    "hotel",
)
MIRROR_UNSAFE_WORDS = re.compile(
    r"\b(LEFT|RIGHT|LEFTWARDS|RIGHTWARDS|UPWARDS|DOWNWARDS|ARROWS?|FACING|POINTING|CLOCKWISE|"
    r"ANTICLOCKWISE|WRITING)\b")


def mirror_safe(entry):
    """One emoji.json entry -> whether its picture may be mirrored."""
    return (entry["category"] not in MIRROR_UNSAFE_CATEGORIES
            and entry.get("subcategory") not in MIRROR_UNSAFE_SUBCATEGORIES
            and not MIRROR_UNSAFE_WORDS.search(entry.get("name") or ""))


def mirrorable_images(emoji_json_path):
    """Image file name (base emoji and every skin variant) -> whether it may be mirrored."""
    with open(emoji_json_path) as f:
        entries = json.load(f)
    out = {}
    for e in entries:
        safe = mirror_safe(e)
        out[e["image"]] = safe
        for var in (e.get("skin_variations") or {}).values():
            out[var["image"]] = safe
    return out


def mirrorable(files, emoji_json_path):
    """emoji64 index entries "vendor/name.png" -> bool [N]. A file emoji.json does not know is an
    error, as for the labels: guessing would flip what should not be flipped."""
    safe = mirrorable_images(emoji_json_path)
    out = np.zeros(len(files), bool)
    for i, f in enumerate(files):
        name = f.split("/", 1)[1]
        if name not in safe:
            raise KeyError(f"{f} is not in emoji.json: cannot tell whether it may be mirrored")
        out[i] = safe[name]
    return out
