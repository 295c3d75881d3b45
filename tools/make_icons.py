#!/usr/bin/env python3
"""Draws the web app's PNG icons (192 and 512 px): the same shoebox as icons/icon.svg, at full bleed so that
systems that mask icons (maskable) keep the box inside their safe zone. Needs Pillow (Debian: python3-pil);
run from the repository root with /usr/bin/python3 tools/make_icons.py."""
from PIL import Image, ImageDraw

OUT = "src/Shoebox.Web/wwwroot/icons"
BLUE, LID, WHITE = (52, 97, 245), (201, 213, 255), (255, 255, 255)


def icon(size: int) -> Image.Image:
    # Drawn at 4x and shrunk, for smooth edges.
    s = size * 4
    u = s / 64
    image = Image.new("RGB", (s, s), BLUE)
    draw = ImageDraw.Draw(image)
    # The box body and its lid, within the central 80% (the maskable safe zone).
    draw.rounded_rectangle([16 * u, 28 * u, 48 * u, 48 * u], radius=3 * u, fill=WHITE)
    draw.rounded_rectangle([13.5 * u, 21 * u, 50.5 * u, 28 * u], radius=2.5 * u, fill=LID)
    draw.rounded_rectangle([27 * u, 33 * u, 37 * u, 36.5 * u], radius=1.75 * u, fill=BLUE)
    return image.resize((size, size), Image.LANCZOS)


for size in (192, 512):
    icon(size).save(f"{OUT}/icon-{size}.png", optimize=True)
