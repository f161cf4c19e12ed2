"""Where the default picture reading's time goes (issue 10): CPU seconds per stage, one process,
over the first N pictures of each benchmark set, beside plain Tesseract's CPU on the same pictures.

    .venv/bin/python benchmarks/ocr_stage_times.py [--count 30] [--sets generated,second,real]

CPU, not wall time: the machine is shared, and a stage's own thread time (plus its Tesseract child
processes) moves far less with other load than its wall time. Stages are timed by wrapping the
engine's functions in this process only; the detector's and the recogniser's time is onnxruntime's
(one thread, on the calling thread). Stages nest: `reconcile` holds the recogniser.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ocr  # noqa: E402,F401  (puts src/ on the path)
import ocr_sets  # noqa: E402

os.environ["OMP_THREAD_LIMIT"] = "1"

import pytesseract  # noqa: E402

from slidesan.images.safe_open import open_image  # noqa: E402
from slidesan.options import Options  # noqa: E402
from slidesan.scan.ocr import confirm, engine, learned, second_look  # noqa: E402
from slidesan.scan.ocr.cache import RESULTS  # noqa: E402
from slidesan.scan.picture_text import reading_settled  # noqa: E402

SECONDS: collections.Counter = collections.Counter()
CALLS: collections.Counter = collections.Counter()
ITEMS: collections.Counter = collections.Counter()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(module, name: str, label: str, counts_items: bool = False) -> None:
    function = getattr(module, name)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start, children = time.thread_time(), _children_cpu()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[label] += time.thread_time() - start + _children_cpu() - children
            CALLS[label] += 1
            ITEMS[label] += len(args[0]) if counts_items else 0

    setattr(module, name, wrapper)


STAGES = [(engine, "open_image", "decode"), (engine, "to_rgb_array", "to RGB"),
          (learned, "content_box", "content box"), (learned, "detect_places", "detector"),
          (engine, "channels", "channels"), (engine, "stroke_masks", "stroke masks"),
          (engine, "find_regions", "region finding"), (engine, "small_text_crops", "small-text pass"),
          (engine, "crop_for_ocr", "crops for Tesseract"), (engine, "read_crops", "Tesseract", True),
          (second_look, "read_crops", "Tesseract, second look", True), (engine, "assemble_lines", "lines"),
          (confirm, "reconcile", "reconcile (holds the recogniser)"), (learned, "recognise", "recogniser", True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="pictures per set")
    parser.add_argument("--sets", default="generated,second,real")
    args = parser.parse_args()
    if not learned.status()[0]:
        sys.exit(learned.status()[1])
    for stage in STAGES:
        _timed(*stage)
    with tempfile.TemporaryDirectory(prefix="slidesan-stages-") as tmp:
        sets = {"generated": lambda: ocr_sets.generated(Path(tmp), 120, 7),
                "second": lambda: ocr_sets.second(Path(tmp), 60, 11), "real": ocr_sets.real}
        for name in args.sets.split(","):
            datas = [case["data"] for case in sets[name]()][:args.count]
            SECONDS.clear(), CALLS.clear(), ITEMS.clear()
            RESULTS.clear()
            start, own, children = time.perf_counter(), time.process_time(), _children_cpu()
            engine.read_many({str(i): data for i, data in enumerate(datas)}, jobs=1,
                             settled=reading_settled(Options()))       # as `slidesan clean` reads
            total = time.process_time() - own + _children_cpu() - children
            wall = time.perf_counter() - start
            own, children = time.process_time(), _children_cpu()
            for data in datas:
                pytesseract.image_to_data(open_image(data), output_type=pytesseract.Output.DICT)
            plain = time.process_time() - own + _children_cpu() - children
            n = len(datas)
            print(f"== ({name}) {n} pictures: slidesan {total:.2f} CPU s ({total / n * 1000:.0f} ms a picture, "
                  f"wall {wall:.1f} s), plain Tesseract {plain:.2f} CPU s ({plain / n * 1000:.0f} ms): "
                  f"{total / plain:.2f}x; load {os.getloadavg()[0]:.1f}")
            for label, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
                items = f", {ITEMS[label]} crops" if ITEMS[label] else ""
                print(f"   {label:34} {seconds:7.2f} s {seconds / n * 1000:6.0f} ms a picture ({CALLS[label]} calls{items})")


if __name__ == "__main__":
    main()
