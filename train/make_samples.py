"""Builds the bundled sample images of the SNR explorer (public/samples/).

- photo-2048.jpg and photo.jpg: one photograph at 2048 and 512 px, "friends" by Aitzol Berasategi
  (CC BY 4.0; 2056 x 3088), as Debian's lomiri-wallpapers-16.04 ships it
  (/usr/share/backgrounds/friends_by_Aitzol_Berasategi.jpg; `apt-get download
  lomiri-wallpapers-16.04`, then `dpkg-deb -x`). Pass its path as the argument. The centre square
  is box-filtered to 2048 px, and that to 512 px (exactly 4 x 4 means): the app fetches the large
  one only when H > 512, and both are the same picture.
- flat.png: a flat graphic drawn here (large areas of constant colour, hard edges).
- white-noise.png: independent uniform pixels, seeded: the counterexample with no structure at any
  scale, so pooling gains it nothing.

Usage: /usr/bin/python3 train/make_samples.py /path/to/friends_by_Aitzol_Berasategi.jpg
"""
import sys

import numpy as np
from PIL import Image, ImageDraw

OUT = "public/samples"
SIZE = 512
LARGE = 2048                  # the largest H the explorer offers


def photo(src: str) -> None:
    img = Image.open(src).convert("RGB")
    side = min(img.size)
    left, top = (img.width - side) // 2, (img.height - side) // 2
    large = img.crop((left, top, left + side, top + side)).resize((LARGE, LARGE), Image.BOX)
    large.save(f"{OUT}/photo-{LARGE}.jpg", quality=85, optimize=True)
    large.reduce(LARGE // SIZE).save(f"{OUT}/photo.jpg", quality=92)


def flat() -> None:
    img = Image.new("RGB", (SIZE, SIZE), (246, 241, 227))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 360, SIZE, SIZE], fill=(62, 122, 84))
    draw.ellipse([300, 50, 450, 200], fill=(244, 182, 46))
    draw.polygon([(40, 360), (180, 130), (320, 360)], fill=(96, 96, 140))
    draw.polygon([(200, 360), (330, 180), (470, 360)], fill=(70, 70, 110))
    draw.rectangle([90, 280, 170, 360], fill=(200, 70, 60))
    draw.polygon([(80, 280), (130, 230), (180, 280)], fill=(120, 40, 40))
    img.save(f"{OUT}/flat.png", optimize=True)


def white_noise() -> None:
    rng = np.random.default_rng(20231)
    pixels = rng.integers(0, 256, size=(SIZE, SIZE, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(f"{OUT}/white-noise.png")


if __name__ == "__main__":
    photo(sys.argv[1])
    flat()
    white_noise()
