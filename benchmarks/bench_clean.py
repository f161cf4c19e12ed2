"""Time and peak memory of `slidesan clean` (no OCR) on a generated 100-slide deck.

The deck has 150 cropped JPEG/PNG pictures of 1-4 MP. Each measurement runs in a fresh
process so that peak RSS belongs to that job alone. The baseline is reading every zip member
and writing them to a new zip: the least any cleaner that rewrites the file must do.

    python benchmarks/bench_clean.py [--slides 100] [--pictures 150] [--keep DIR] [--compare-src DIR]

--compare-src DIR also times the clean of another source tree (e.g. an older commit's src/ from
`git archive`), interleaved with this one on the same deck, so a change is judged under one load.
"""

from __future__ import annotations

import argparse
import io
import json
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
sys.path.insert(0, str(ROOT))


def make_picture(rng: random.Random, megapixels: float, fmt: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    small = Image.effect_noise((max(8, width // 16), max(8, height // 16)), 60).convert("RGB")
    img = small.resize((width, height), Image.BILINEAR).filter(ImageFilter.GaussianBlur(2))
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(20, max(21, width // 6))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256),) * 3)
    draw.rectangle([0, 0, width, height // 12], fill=(255, 0, 255))
    buf = io.BytesIO()
    if fmt == "JPEG":
        img.save(buf, "JPEG", quality=88)
    else:
        img.convert("L").save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def build_deck(path: Path, slides: int, pictures: int, seed: int = 7) -> float:
    """Write the deck; returns the total megapixels of the cropped pictures."""
    from pptx import Presentation
    from pptx.util import Emu

    rng = random.Random(seed)
    prs = Presentation()
    layout = prs.slide_layouts[6]
    slide_list = [prs.slides.add_slide(layout) for _ in range(slides)]
    total_mp = 0.0
    for i in range(pictures):
        mp = rng.uniform(1.0, 4.0)
        fmt = "JPEG" if i % 3 else "PNG"
        blob = make_picture(rng, mp, fmt)
        slide = slide_list[i % slides]
        pic = slide.shapes.add_picture(io.BytesIO(blob), Emu(457200 + (i % 2) * 4114800), Emu(914400),
                                       width=Emu(4000000))
        pic.crop_top, pic.crop_left = 0.1, rng.uniform(0.0, 0.15)
        pic.crop_right, pic.crop_bottom = rng.uniform(0.0, 0.15), rng.uniform(0.0, 0.1)
        from PIL import Image
        w, h = Image.open(io.BytesIO(blob)).size
        total_mp += w * h / 1e6
    prs.save(path)
    return total_mp


JOBS = {
    "clean": (
        "import slidesan, sys; from slidesan import Options;"
        "slidesan.clean(sys.argv[1], sys.argv[2], Options(ocr=False))"
    ),
    "clean-no-sweep": (
        "import slidesan, sys; from slidesan import Options;"
        "slidesan.clean(sys.argv[1], sys.argv[2], Options(ocr=False, extra={'skip_sweep': True}))"
    ),
    "rezip": (
        "import zipfile, sys\n"
        "with zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as zout:\n"
        "    for n in zin.namelist(): zout.writestr(n, zin.read(n))\n"
    ),
}


def measure(job: str, src: Path, out: Path, code_root: Path | None = None) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds) of one job in a child process pinned to one core. CPU
    time is what compares two jobs fairly on a shared machine; wall time is what a user waits."""
    code = (
        "import resource, sys, time, os\n"
        "os.sched_setaffinity(0, {0})\n"
        "t = time.perf_counter(); c = time.process_time()\n" + JOBS[job] + "\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " time.process_time() - c)\n"
    )
    res = subprocess.run([sys.executable, "-c", code, str(src), str(out)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(code_root or ROOT / "src"), "PATH": "/usr/bin:/bin"})
    if res.returncode != 0:
        raise SystemExit(f"{job} failed: {res.stderr.strip().splitlines()[-1:]}")
    seconds, rss, cpu = res.stdout.split()
    return float(seconds), float(rss), float(cpu)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--slides", type=int, default=100)
    ap.add_argument("--pictures", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--compare-src", type=Path)
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="slidesan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    deck = work / "bench.pptx"
    t = time.perf_counter()
    mp = build_deck(deck, args.slides, args.pictures)
    print(f"deck: {args.slides} slides, {args.pictures} cropped pictures, {mp:.1f} MP, "
          f"{deck.stat().st_size / 2**20:.1f} MB (built in {time.perf_counter() - t:.1f} s)")
    best = {}
    runs: dict[str, list] = {job: [] for job in ("rezip", "clean-no-sweep", "clean")}
    for _ in range(args.repeat):                      # interleaved, so load changes hit every job alike
        for job in runs:
            runs[job].append(measure(job, deck, work / f"{job}.pptx"))
    cpu = {}
    for job, results in runs.items():
        best[job] = min(results)[:2]
        cpu[job] = min(r[2] for r in results)
        print(f"{job:14s} {best[job][0]:7.2f} s   CPU {cpu[job]:7.2f} s   peak RSS {best[job][1]:7.0f} MB   "
              f"(best of {args.repeat}, one core)")
    clean_s, clean_mb = best["clean"]
    largest = max_image_mb(deck)
    print(f"clean: {clean_s / mp:.3f} s per cropped MP (target <= 0.1); "
          f"{clean_s / best['rezip'][0]:.1f}x the time of re-zipping")
    print(f"peak RSS {clean_mb:.0f} MB; deck {deck.stat().st_size / 2**20:.0f} MB; largest decoded picture {largest:.0f} MB")
    sweep_share = (cpu["clean"] - cpu["clean-no-sweep"]) / cpu["clean-no-sweep"]
    print(f"the final sweep adds {100 * sweep_share:+.1f} % CPU time to a clean (target <= 10 %)")
    print(json.dumps({"megapixels": round(mp, 1), "clean_s": round(clean_s, 2), "rezip_s": round(best["rezip"][0], 2),
                      "clean_no_sweep_s": round(best["clean-no-sweep"][0], 2), "clean_cpu_s": round(cpu["clean"], 2),
                      "clean_no_sweep_cpu_s": round(cpu["clean-no-sweep"], 2),
                      "s_per_mp": round(clean_s / mp, 4), "peak_rss_mb": round(clean_mb)}))
    if args.compare_src:
        compare(deck, work, args.compare_src, mp, args.repeat + 1)


def compare(deck: Path, work: Path, other: Path, mp: float, repeat: int) -> None:
    """This tree and `other` cleaning the same deck in turn; best of `repeat` each."""
    runs: dict[str, list] = {"this": [], str(other): []}
    for _ in range(repeat):
        runs["this"].append(measure("clean", deck, work / "this.pptx"))
        runs[str(other)].append(measure("clean", deck, work / "other.pptx", other))
    for name, times in runs.items():
        seconds, rss = min(times)[:2]
        print(f"compare {name}: {seconds:.2f} s = {seconds / mp:.4f} s per cropped MP, peak RSS {rss:.0f} MB "
              f"(best of {repeat}, interleaved)")


def max_image_mb(deck: Path) -> float:
    from PIL import Image

    biggest = 0
    with zipfile.ZipFile(deck) as zf:
        for name in zf.namelist():
            if name.startswith("ppt/media/"):
                w, h = Image.open(io.BytesIO(zf.read(name))).size
                biggest = max(biggest, w * h * 4)
    return biggest / 2**20


if __name__ == "__main__":
    main()
