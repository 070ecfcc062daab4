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
import re

import numpy as np

from .data import per_image
from .labels import per_file

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
    return per_image(emoji_json_path, mirror_safe)


def mirrorable(files, emoji_json_path):
    """emoji64 index entries "vendor/name.png" -> bool [N]."""
    return np.array(per_file(files, mirrorable_images(emoji_json_path),
                             "cannot tell whether it may be mirrored"), bool)
