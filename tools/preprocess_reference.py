#!/usr/bin/python3
"""Reference tensors for Shoebox's image preprocessing, computed the way Hugging Face's slow
CLIPImageProcessor and SiglipImageProcessor compute them: Pillow resizes the uint8 image, NumPy
crops, rescales and normalises.

Writes into the test fixture folder:
  - a few synthetic photo-like PNGs (deterministic; lossless, so C# decodes the same pixels),
  - optionally a vendored JPEG (--jpeg PATH copies it in first),
  - <image>.<spec>.f32.gz: gzip of little-endian float32, shape [1, 3, 224, 224] (NCHW),
  - reference.json: what was written, with shapes and the Pillow and NumPy versions.

Run with Debian's interpreter (python3-pil, python3-numpy):
  /usr/bin/python3 tools/preprocess_reference.py [--jpeg /path/to/photo.jpg]
"""

import argparse
import gzip
import json
import shutil
from pathlib import Path

import numpy as np
import PIL
from PIL import Image, ImageOps

FIXTURES = Path(__file__).resolve().parent.parent / "tests/Shoebox.Tests/Models/Preprocessing/Fixtures"

# name -> (width, height, seed). Odd sides exercise the rounding of the resize target and the crop offset;
# the small one makes Pillow enlarge, where the kernel keeps its natural width.
SCENES = {
    "landscape": (640, 480, 1),
    "portrait": (481, 643, 2),
    "panorama": (1000, 300, 3),
    "square": (300, 300, 4),
    "small": (150, 113, 5),
}

SPECS = {
    "clip": dict(size=224, mode="shortest_side_center_crop",
                 mean=(0.48145466, 0.4578275, 0.40821073), std=(0.26862954, 0.26130258, 0.27577711)),
    "siglip": dict(size=224, mode="squash", mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5)),
}


def scene(width, height, seed):
    """A landscape-like picture: smooth sky, a soft sun, a hard horizon, textured ground, a building with
    one-pixel window frames, a zone plate (every spatial frequency at once) and thin dark strokes."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    u, v = x / (width - 1), y / (height - 1)
    img = np.empty((height, width, 3))

    sky_top, sky_low = np.array([40.0, 90.0, 190.0]), np.array([200.0, 225.0, 245.0])
    img[:] = sky_top + (sky_low - sky_top) * v[..., None] ** 0.8

    sun_x, sun_y, sun_r = rng.uniform(0.15, 0.85), rng.uniform(0.1, 0.3), 0.08 * min(width, height)
    dist = np.hypot(x - sun_x * width, y - sun_y * height)
    glow = np.clip(1.3 - dist / sun_r, 0.0, 1.0)[..., None]
    img = img * (1 - glow) + np.array([255.0, 240.0, 190.0]) * glow

    phase = rng.uniform(0, 2 * np.pi)
    horizon = 0.58 + 0.07 * np.sin(2 * np.pi * 1.3 * u + phase) + 0.025 * np.sin(2 * np.pi * 5.1 * u)
    ground = v > horizon
    depth = np.clip((v - horizon) / (1 - horizon + 1e-9), 0, 1)[..., None]
    grass = np.array([70.0, 120.0, 40.0]) + np.array([60.0, 40.0, 10.0]) * depth
    ripple = 14 * np.sin(0.9 * x + 2.0 * np.sin(0.05 * y)) * np.sin(1.3 * y)
    noise = rng.normal(0.0, 6.0, (height, width))
    img[ground] = (grass + (ripple + noise)[..., None])[ground]

    bx0, bx1 = int(0.62 * width), int(0.80 * width)
    by0, by1 = int(0.35 * height), int(0.75 * height)
    img[by0:by1, bx0:bx1] = (150.0, 140.0, 130.0)
    img[by0:by1:7, bx0:bx1] = (30.0, 30.0, 35.0)
    img[by0:by1, bx0:bx1:5] = (30.0, 30.0, 35.0)

    size = max(16, min(width, height) // 4)
    zy, zx = np.mgrid[0:size, 0:size].astype(np.float64) - size / 2
    zone = 127.5 + 127.5 * np.cos(np.pi * (zx**2 + zy**2) / size)
    zx0, zy0 = int(0.06 * width), int(0.62 * height)
    zy1, zx1 = min(height, zy0 + size), min(width, zx0 + size)
    img[zy0:zy1, zx0:zx1] = zone[: zy1 - zy0, : zx1 - zx0, None]

    for _ in range(6):
        x0, y0 = rng.uniform(0.05, 0.5) * width, rng.uniform(0.05, 0.5) * height
        angle, length = rng.uniform(0, np.pi), rng.uniform(0.1, 0.3) * width
        t = np.linspace(0, 1, int(length * 2))
        xs = np.clip((x0 + np.cos(angle) * length * t).astype(int), 0, width - 1)
        ys = np.clip((y0 + np.sin(angle) * length * t).astype(int), 0, height - 1)
        img[ys, xs] = (15.0, 15.0, 20.0)

    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


# transformers' get_resize_output_image_size with default_to_square=False: the short side becomes `size`,
# the long side int(size * long / short), truncated.
def shortest_side_target(width, height, size):
    short, long = (width, height) if width <= height else (height, width)
    new_long = int(size * long / short)
    return (size, new_long) if width <= height else (new_long, size)


# transformers' center_crop: floor division for the offsets.
def center_crop(array, size):
    height, width = array.shape[:2]
    top, left = (height - size) // 2, (width - size) // 2
    return array[top:top + size, left:left + size]


def preprocess(image, spec):
    image = image.convert("RGB")
    size = spec["size"]
    target = shortest_side_target(image.width, image.height, size) if spec["mode"] != "squash" else (size, size)
    pixels = np.array(image.resize(target, resample=Image.BICUBIC, reducing_gap=None))
    if spec["mode"] != "squash":
        pixels = center_crop(pixels, size)
    rescaled = (pixels.astype(np.float64) * (1 / 255)).astype(np.float32)
    mean, std = np.array(spec["mean"], dtype=np.float32), np.array(spec["std"], dtype=np.float32)
    normalised = (rescaled - mean) / std
    return normalised.transpose(2, 0, 1)[None].astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jpeg", type=Path, help="copy this JPEG into the fixtures as photo.jpg first")
    args = parser.parse_args()
    FIXTURES.mkdir(parents=True, exist_ok=True)

    for name, (width, height, seed) in SCENES.items():
        Image.fromarray(scene(width, height, seed)).save(FIXTURES / f"{name}.png", optimize=True)
    if args.jpeg:
        shutil.copyfile(args.jpeg, FIXTURES / "photo.jpg")

    inputs = [f"{name}.png" for name in SCENES]
    if (FIXTURES / "photo.jpg").exists():
        inputs.append("photo.jpg")

    entries = []
    for file in inputs:
        with Image.open(FIXTURES / file) as opened:
            # transformers' load_image applies the EXIF orientation the same way.
            image = ImageOps.exif_transpose(opened)
            for spec_name, spec in SPECS.items():
                tensor = preprocess(image, spec)
                out = f"{Path(file).stem}.{spec_name}.f32.gz"
                with gzip.GzipFile(FIXTURES / out, "wb", compresslevel=9, mtime=0) as stream:
                    stream.write(tensor.astype("<f4").tobytes())
                entries.append({"image": file, "width": image.width, "height": image.height,
                                "spec": spec_name, "tensor": out, "shape": list(tensor.shape)})

    manifest = {"pillow": PIL.__version__, "numpy": np.__version__, "entries": entries}
    (FIXTURES / "reference.json").write_text(json.dumps(manifest, indent=2) + "\n")
    for entry in entries:
        print(f"{entry['image']:<14} {entry['width']:>5} x {entry['height']:<5} {entry['spec']:<7} -> {entry['tensor']}")


if __name__ == "__main__":
    main()
