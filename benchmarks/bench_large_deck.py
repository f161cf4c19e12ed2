"""The 200-slide case of issue 13: time, peak memory and output size of `slidesan clean` (OCR on).

A generated lecture: 200 slides with a title each, and photographs/screenshots placed uncropped
(JPEG at camera quality, a few PNG screenshots), about 100 MB, the size lecturers' decks reach.
Nothing is cropped, so the output should be about as large as the input: untouched parts keep
their original bytes (deck/package.py). Each run is a fresh process (peak RSS is that run's);
the baseline in the same run is a plain copy of every zip member into a new zip.

    python benchmarks/bench_large_deck.py [--slides 200] [--pictures 110] [--keep DIR] [--no-ocr]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def photo(rng: random.Random, index: int) -> tuple[bytes, str]:
    """A smooth 'photograph' (gradients and blobs, little text-like edge) or a small screenshot."""
    from PIL import Image, ImageDraw, ImageFilter

    if index % 10 == 9:                               # a screenshot-like PNG with a caption
        img = Image.new("RGB", (1280, 800), (rng.randrange(30), rng.randrange(30), rng.randrange(30)))
        draw = ImageDraw.Draw(img)
        for _ in range(12):
            x, y = rng.randrange(1280), rng.randrange(800)
            draw.ellipse([x - 60, y - 60, x + 60, y + 60], fill=(rng.randrange(256),) * 3)
        draw.text((20, 20), f"Series {index} Image 12/40", fill=(230, 230, 230))
        buf = io.BytesIO()
        img.save(buf, "PNG")
        return buf.getvalue(), "png"
    width, height = 2600, 1950                        # ~5 MP camera picture
    small = Image.effect_noise((width // 24, height // 24), 50).convert("RGB")
    img = small.resize((width, height), Image.BICUBIC).filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 12).convert("RGB")
    img = Image.blend(img, noise, 0.25)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    return buf.getvalue(), "jpeg"


def build_deck(path: Path, slides: int, pictures: int, seed: int = 13) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    rng = random.Random(seed)
    prs = Presentation()
    slide_list = []
    for n in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Case {n + 1}: a 60-year-old man with chest pain"
        slide_list.append(slide)
    for i in range(pictures):
        blob, _ = photo(rng, i)
        slide_list[(i * slides) // max(pictures, 1)].shapes.add_picture(io.BytesIO(blob), Emu(457200), Emu(1371600),
                                                                        width=Emu(6400800))
    prs.save(path)


def run(code: str, *args: str) -> tuple[float, int, str]:
    """(seconds, peak RSS MB, stdout) of `code` in a fresh Python process."""
    script = ("import resource, sys, time, json\n" + code +
              "\nprint(json.dumps({'rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))")
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    last = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, last["rss"] // 1024, done.stdout


COPY = """
import zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        dst.writestr(info.filename, src.read(info))
"""
CLEAN = """
import slidesan
from slidesan import Options
report = slidesan.clean(sys.argv[1], sys.argv[2], Options(ocr=sys.argv[3] == "1"))
print(json.dumps({"verdict": report.verdict, "timings": report.timings}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slides", type=int, default=200)
    ap.add_argument("--pictures", type=int, default=110)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--no-ocr", action="store_true")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="slidesan-large-"))
    work.mkdir(parents=True, exist_ok=True)
    deck = work / "lecture.pptx"
    if not deck.exists():
        build_deck(deck, args.slides, args.pictures)
    size_in = deck.stat().st_size
    print(f"deck: {args.slides} slides, {args.pictures} pictures, {size_in / 1e6:.1f} MB; load {os.getloadavg()}")
    seconds, rss, _ = run(COPY, str(deck), str(work / "copy.pptx"))
    print(f"baseline zip copy:  {seconds:6.1f} s  peak {rss:5d} MB  output {(work / 'copy.pptx').stat().st_size / 1e6:.1f} MB")
    seconds, rss, out = run(CLEAN, str(deck), str(work / "lecture.clean.pptx"), "0" if args.no_ocr else "1")
    result = json.loads(out.strip().splitlines()[-2])
    size_out = (work / "lecture.clean.pptx").stat().st_size
    slow = sorted(result["timings"].items(), key=lambda kv: -kv[1])[:4]
    print(f"slidesan clean{' --no-ocr' if args.no_ocr else ''}: {seconds:6.1f} s  peak {rss:5d} MB  output "
          f"{size_out / 1e6:.1f} MB ({size_out / size_in:.3f} of the input); verdict {result['verdict']}")
    print("slowest stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow))


if __name__ == "__main__":
    main()
