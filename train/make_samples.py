"""Builds the three bundled sample images of the SNR explorer (public/samples/).

- photo.jpg: NASA's portrait of astronaut Eileen Collins (public domain), taken from the copy that
  Debian's python3-skimage ships (skimage/data/astronaut.png). Pass its path as the argument.
- flat.png: a flat graphic drawn here (large areas of constant colour, hard edges).
- white-noise.png: independent uniform pixels, seeded: the counterexample with no structure at any
  scale, so pooling gains it nothing.

Usage: /usr/bin/python3 train/make_samples.py /path/to/astronaut.png
"""
import sys

import numpy as np
from PIL import Image, ImageDraw

OUT = "public/samples"
SIZE = 512


def photo(src: str) -> None:
    Image.open(src).convert("RGB").save(f"{OUT}/photo.jpg", quality=92)


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
