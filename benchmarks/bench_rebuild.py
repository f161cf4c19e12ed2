"""Time of rebuilding one picture (images/rebuild.py) per megapixel, by kind, and whether it re-encoded.

Uncropped pictures are not re-encoded by the crop step, so the rebuild is all the work a clean does
on them: a header rewrite for a clean JPEG or PNG, an inflate check for PNG, a decode for PNG with
alpha, a fresh encode for indexed pictures and GIF/BMP/TIFF/WebP.

    python benchmarks/bench_rebuild.py [--megapixels 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def photo(megapixels: float):
    from PIL import Image, ImageFilter

    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    small = Image.effect_noise((max(8, width // 16), max(8, height // 16)), 60).convert("RGB")
    return small.resize((width, height), Image.BILINEAR).filter(ImageFilter.GaussianBlur(2))


def pictures(megapixels: float) -> dict[str, bytes]:
    from PIL import Image, ImageCms

    img = photo(megapixels)
    out = {}

    def save(name, image, fmt, **params):
        buf = io.BytesIO()
        image.save(buf, fmt, **params)
        out[name] = buf.getvalue()

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    save("JPEG q88", img, "JPEG", quality=88)
    exif = Image.Exif()
    exif[315] = "A. Photographer"
    save("JPEG q88 + sRGB profile + EXIF", img, "JPEG", quality=88, icc_profile=srgb, exif=exif.tobytes())
    save("PNG RGB", img, "PNG", compress_level=6)
    rgba = img.convert("RGBA")
    save("PNG RGBA (alpha 255)", rgba, "PNG", compress_level=6)
    save("PNG indexed (256 colours)", img.quantize(256), "PNG")
    save("GIF still (256 colours)", img.quantize(256), "GIF")
    save("TIFF LZW", img, "TIFF", compression="tiff_lzw")
    save("BMP", img, "BMP")
    return out


def main() -> None:
    from slidesan.images.rebuild import rebuild_picture

    ap = argparse.ArgumentParser()
    ap.add_argument("--megapixels", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for name, data in pictures(args.megapixels).items():
        best, result = float("inf"), None
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = rebuild_picture(data)
            best = min(best, time.perf_counter() - t)
        how = "re-encoded" if result.reencoded else "header rewrite, data kept"
        print(f"{name:34s} {best / args.megapixels:6.3f} s/MP   {how}")


if __name__ == "__main__":
    main()
