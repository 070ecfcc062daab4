"""Draws the installable app's PNG icons from the favicon's design (public/favicon.svg): a blue
rounded square with a white logSNR-like curve. Run from the repository root: /usr/bin/python3 scripts/make_icons.py (Debian python3-pil).

Writes public/icons/icon-192.png, icon-512.png (rounded, transparent corners), maskable-512.png
(full bleed, the curve inside the 80 % safe zone that launchers may crop to) and
apple-touch-icon.png (180 px, opaque: iOS fills transparency with black).
"""
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (31, 111, 235, 255)  # #1f6feb, the favicon's and the manifest's theme colour
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4  # draw large, then downsample: cheap antialiasing
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def bezier(p0, p1, p2, p3, n=400):
    """Points on a cubic Bézier curve."""
    points = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        points.append(tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d for a, b, c, d in zip(p0, p1, p2, p3)))
    return points


# The favicon's path in its 16-unit box: M2 12 C5 12 6 4 9 4 S13 10 14 10 (S mirrors (6,4) about (9,4)).
CURVE = bezier((2, 12), (5, 12), (6, 4), (9, 4)) + bezier((9, 4), (12, 4), (13, 10), (14, 10))[1:]


def draw(size, rounded, scale_into=1.0):
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 3 // 16, fill=BLUE)
    else:
        pen.rectangle((0, 0, big, big), fill=BLUE)
    unit = big / 16 * scale_into
    offset = big * (1 - scale_into) / 2
    points = [(offset + x * unit, offset + y * unit) for x, y in CURVE]
    width = round(1.6 * unit)
    # A thick line as discs stamped along the curve: PIL's wide-line joints leave notches.
    for x, y in points:
        pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, rounded=True).save(OUT / "icon-192.png", optimize=True)
    draw(512, rounded=True).save(OUT / "icon-512.png", optimize=True)
    draw(512, rounded=False, scale_into=0.7).save(OUT / "maskable-512.png", optimize=True)
    draw(180, rounded=False).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
