"""The learned detector's places with another model beside the one slidesan loads (issue 10): does a
cheaper detector (benchmarks/quantise_detector.py's int8 model, say) find the same places?

    .venv/bin/python benchmarks/detector_places.py MODEL.onnx [MODEL2.onnx ...] [--sets generated,second,real]
    .venv/bin/python benchmarks/detector_places.py opt:ORT_ENABLE_BASIC      # the float model, other graph

Each picture of the OCR sets (ocr_sets.py, as bench_ocr.py draws them) is sized as the engine sizes
it (MAX_SIDE, content box, DETECT_SIDE) and given to learned.detect_places once per model, on the
same RapidOCR detector with only its onnxruntime session swapped. Per set: pictures whose places
(boxes) are all the same, places not kept to the pixel, places lost (no box of the other model
overlaps it at IoU >= 0.5), of those not even half covered by any one box, places new, and the
detector's CPU per picture. Every picture with an uncovered place is listed.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ocr  # noqa: E402,F401  (puts src/ on the path)
import ocr_sets  # noqa: E402


def _iou(a, b) -> float:
    w, h = max(0, min(a[2], b[2]) - max(a[0], b[0])), max(0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
    return w * h / union if union else 0.0


def _covered(a, boxes) -> float:
    area = max(1, (a[2] - a[0]) * (a[3] - a[1]))
    return max((max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1])) / area
                for b in boxes), default=0.0)


def sessions(models: list[str]) -> dict:
    """name -> onnxruntime session: the detector as slidesan runs it, and each model asked for."""
    import onnxruntime

    from slidesan.scan.ocr import learned
    from slidesan.scan.ocr.subnormal_weights import flush_subnormals

    loaded = learned._detector.text_det.session.session
    out = {"float": loaded}
    for model in models:
        options = loaded.get_session_options()
        if model.startswith("opt:"):
            options.graph_optimization_level = getattr(onnxruntime.GraphOptimizationLevel, model[4:])
            source = flush_subnormals((learned._model_dir() / learned.DET_MODEL).read_bytes())[0]
        else:
            source = model
        out[model] = onnxruntime.InferenceSession(source, sess_options=options, providers=["CPUExecutionProvider"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--sets", default="generated,second,real")
    args = parser.parse_args()

    import cv2

    from slidesan.images.safe_open import open_image
    from slidesan.scan.ocr import confirm, engine, learned
    from slidesan.scan.ocr.preprocess import to_rgb_array

    if not learned.status()[0]:
        sys.exit(learned.status()[1])
    runner = learned._detector.text_det.session
    by_name = sessions(args.models)
    wanted = args.sets.split(",")
    with tempfile.TemporaryDirectory() as tmp:      # the same pictures as bench_ocr.py's defaults
        cases = ((ocr_sets.generated(Path(tmp), 120, 7) if "generated" in wanted else [])
                 + (ocr_sets.second(Path(tmp), 60, 11) if "second" in wanted else [])
                 + (ocr_sets.real() if "real" in wanted else []))
    places: dict[str, list] = collections.defaultdict(list)
    seconds: dict[str, list] = collections.defaultdict(list)
    for case in cases:
        rgb = to_rgb_array(open_image(case["data"]))
        height, width = rgb.shape[:2]
        factor = min(1.0, engine.MAX_SIDE / max(height, width, 1))
        if factor < 1.0:
            rgb = cv2.resize(rgb, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_AREA)
        content = learned.content_box(rgb)
        for name, session in by_name.items():
            runner.session = session
            start = time.thread_time()
            places[name].append([box for box, _, _ in learned.detect_places(rgb, confirm.DETECT_SIDE, content)])
            seconds[name].append(time.thread_time() - start)
    runner.session = by_name["float"]
    for model in args.models:
        for subset in wanted:
            rows = [i for i, case in enumerate(cases) if case["set"] == subset]
            if not rows:
                continue
            same = moved = lost = uncovered = new = total = 0
            pictures = collections.Counter()
            for i in rows:
                before, after = places["float"][i], places[model][i]
                same += before == after
                total += len(before)
                moved += sum(box not in after for box in before)
                new += sum(max((_iou(box, b) for b in before), default=0.0) < 0.5 for box in after)
                for box in before:
                    if max((_iou(box, b) for b in after), default=0.0) < 0.5:
                        lost += 1
                        if _covered(box, after) < 0.5:
                            uncovered += 1
                            pictures[cases[i]["name"]] += 1
            ms = [1000 * sum(seconds[name][i] for i in rows) / len(rows) for name in ("float", model)]
            print(f"{model} {subset}: {len(rows)} pictures, {same} with the same places; {total} places, "
                  f"{moved} not kept to the pixel, {lost} lost (IoU < 0.5), {uncovered} of them not half covered, "
                  f"{new} new; detector {ms[0]:.0f} -> {ms[1]:.0f} ms CPU a picture")
            if pictures:
                print("   uncovered places in: " + ", ".join(f"{n} ({k})" for n, k in pictures.most_common()))


if __name__ == "__main__":
    main()
