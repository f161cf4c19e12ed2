"""Where the identifiers a variation loses go, line by line (reads the --lines file of
bench_ocr_varied.py; reads no picture again unless --silence).

    .venv/bin/python benchmarks/lost_identifiers.py /tmp/varied.pkl --kinds down050_lanczos [-v] [--silence]

For every identifier the default reading of a kind did not flag, the lines whose boxes overlap where
the identifier sits (its place in the original reading, scaled) say how it ended:
  judged harmless   a reliable line covers it (>= 80 % of its characters): the judgement let it go;
  texture           an unsure Tesseract line on no detector place (confirm.NOT_TEXT) covers or holds it;
  past budget       a line or place there was left unread or unsure because the re-read budget ran out;
  read unsure       a line there stayed unsure after the recogniser's re-read (or had none);
  misread           lines there hold too little of it (their best coverage is shown);
  never found       no line there at all.
`--silence` instead runs the learned detector on every picture of the kinds (as the default engine does)
and counts, by line height in the detector's pixels, the lines Tesseract read surely (conf >= 75, four
letters or digits) that no detector place covers: how much the detector's silence says at that size.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_ocr  # noqa: E402
import bench_ocr_varied as varied  # noqa: E402
import ocr_sets  # noqa: E402

from slidesan.scan.ocr import confirm  # noqa: E402
from slidesan.scan.picture_text import judge_picture  # noqa: E402


def overlap(a, b) -> float:
    """Share of a's area inside b."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return 0.0 if w <= 0 or h <= 0 else w * h / max(1, (a[2] - a[0]) * (a[3] - a[1]))


def fate(identifier: str, where: list, lines: list) -> tuple[str, str]:
    near = [ln for ln in lines if any(overlap(w, ln.box) >= 0.3 or overlap(ln.box, w) >= 0.5 for w in where)]
    if not where:
        near = [ln for ln in lines if bench_ocr.covered(identifier, [ln.text]) >= 0.5]
    holding = [ln for ln in near if bench_ocr.covered(identifier, [ln.text]) >= 0.8]
    for ln in holding or near:
        doubt = getattr(ln, "doubt", "") or ""
        said = f"{ln.text!r} conf {ln.conf:.0f} {ln.reader} h={ln.box[3] - ln.box[1]}"
        if "limit reached" in doubt:
            return "past budget", said
        if ln.texture and doubt == confirm.NOT_TEXT:
            return "texture" + ("" if holding else " (misread)"), said
    if holding:
        ln = holding[0]
        said = f"{ln.text!r} conf {ln.conf:.0f} {ln.reader} h={ln.box[3] - ln.box[1]} {ln.doubt or ''}"
        if not ln.reliable:
            return "read unsure", said
        if ln.texture:
            return "texture (other)", said
        return "judged harmless", said
    if near:
        best = max(near, key=lambda ln: bench_ocr.covered(identifier, [ln.text]))
        unsure = any(not ln.reliable for ln in near)
        return ("read unsure (misread)" if unsure else "misread"), \
            f"{best.text!r} conf {best.conf:.0f} {best.reader} cover {bench_ocr.covered(identifier, [best.text]):.2f}"
    return "never found", ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines")
    parser.add_argument("--kinds", required=True)
    parser.add_argument("--silence", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    with open(args.lines, "rb") as handle:
        kept = pickle.load(handle)
    originals = ocr_sets.real()
    boxes = {}
    for index, case in enumerate(originals):
        readings = [kept["lines"]["original"][e][index] for e in ("slidesan", "thorough")]
        boxes[case["name"]] = {i: varied.locate(i, [r for r in readings if not isinstance(r, str)])
                               for i in case["identifiers"]}
    if args.silence:
        for kind in args.kinds.split(","):
            silence(kind, originals, kept["lines"][kind]["slidesan"])
        return
    for kind in args.kinds.split(","):
        cases = varied.cases_of(kind, originals, boxes) if kind != "original" else [
            dict(c, set="original", heights=[None] * len(c["identifiers"]), all_identifiers=c["identifiers"])
            for c in originals]
        outputs = kept["lines"][kind]["slidesan"]
        counts: Counter = Counter()
        by_height: dict[str, Counter] = {}
        for case, lines in zip(cases, outputs):
            lines = [] if isinstance(lines, str) else lines
            highs = [m.text for _, m in judge_picture(lines).identifiers()]
            scale = _scale(kind)
            for identifier, height in zip(case["identifiers"], case["heights"]):
                if bench_ocr.covered(identifier, highs) >= 0.8:
                    continue
                where = [tuple(int(v * scale) for v in b) for b in boxes[case["name"]].get(identifier, [])]
                what, said = fate(identifier, where, lines)
                counts[what] += 1
                band = "<6" if height is not None and height < 6 else "6-8" if height is not None and height < 8 \
                    else ">=8" if height is not None else "?"
                by_height.setdefault(what, Counter())[band] += 1
                if args.verbose:
                    h = f"{height:.1f}" if height is not None else "?"
                    print(f"  {case['name'][:28]:28} {identifier[:28]!r:30} {h:>5}px  {what:28} {said}")
        print(f"{kind}: {sum(counts.values())} lost")
        for what, n in counts.most_common():
            print(f"  {n:4}  {what:40} by height {dict(by_height[what])}")


def _scale(kind: str) -> float:
    for prefix, factor in (("down050", 0.5), ("down066", 0.66), ("down075", 0.75), ("up150", 1.5)):
        if kind.startswith(prefix):
            return factor
    return 1.0


def silence(kind: str, originals: list[dict], outputs: list) -> None:
    """Sure Tesseract lines on no detector place / all sure lines, by height in the detector's pixels."""
    from slidesan.images.safe_open import open_image
    from slidesan.scan.ocr import learned
    from slidesan.scan.ocr.preprocess import to_rgb_array

    sure, silent = Counter(), Counter()
    for case, lines in zip(originals, outputs):
        data = case["data"] if kind == "original" else varied.picture_variations.vary(kind, case["data"])[0]
        rgb = to_rgb_array(open_image(data))
        k = learned.detect_scale(rgb, confirm.DETECT_SIDE)
        places = [p for p, _, _ in learned.detect_places(rgb, confirm.DETECT_SIDE)]
        for ln in [] if isinstance(lines, str) else lines:
            if ln.reader != "tesseract" or ln.conf < 75 or not ln.reliable or ln.texture \
                    or sum(c.isalnum() for c in ln.text) < 4:
                continue
            band = min(int((ln.box[3] - ln.box[1]) * k), 16)
            sure[band] += 1
            silent[band] += not confirm._on_place(ln.box, places)
    print(kind, "silent/sure by height (px in the detector's copy):",
          " ".join(f"{b}:{silent[b]}/{sure[b]}" for b in sorted(sure)))


if __name__ == "__main__":
    main()
