"""Real pictures, varied: set (c) of bench_ocr.py changed the way a lecturer's pipeline changes a
picture (benchmarks/picture_variations.py), scored per kind of change, with the verdict per picture.

    .venv/bin/python benchmarks/bench_ocr_varied.py [--jobs 2] [--kinds original,down050_lanczos,...]
                     [--lines FILE] [--reread KIND,...] [--plain] [--show-misses]

Reads ../shared/corpus (as bench_ocr.py's set (c); skipped when absent). The pictures of the original
set are read first, by the default engine and by --thorough; where each identifier sits is taken from
those readings (word boxes of the lines that cover it), so a corner crop keeps the identifiers inside
it and drops those it cuts out (an identifier no reading located counts for precision only). Scaling,
JPEG, grey, canvas, washed-out and photo variations keep every identifier.

`--lines FILE` keeps every kind's lines (pickle) and reuses them on the next run: only kinds not in the
file, or named by --reread, are read again; a change to the judgement is then re-scored in seconds.

Per kind: ids (identifiers kept), recall (flagged high, >= 80 % of its characters covered, as
bench_ocr's real set), +review, recall on identifiers whose text is >= 8 px high in the variation,
precision (a high match >= 50 % covered by any identifier of the original picture), and the verdict
per picture holding an identifier: identifiable / limited-access / needs-review / publication. A picture
with an identifier that ends `publication` is a failure (`fail`); `needs-review` is safe but counted.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_ocr  # noqa: E402  (puts src/ on the path)
import ocr_sets  # noqa: E402
import picture_variations  # noqa: E402

from slidesan.report.model import DIRECT_CATEGORIES  # noqa: E402
from slidesan.scan.identifiers.match import HIGH, REVIEW  # noqa: E402
from slidesan.scan.picture_text import judge_picture  # noqa: E402

KINDS = ["original", *picture_variations.KINDS]
LEGIBLE_PX = bench_ocr.LEGIBLE_PX


def locate(identifier: str, line_sets: list[list]) -> list[tuple]:
    """Boxes of the words that carry `identifier` in any of the readings (smallest run of words of a
    line that still covers 80 % of it)."""
    boxes = []
    for lines in line_sets:
        for line in lines:
            if bench_ocr.covered(identifier, [line.text]) < 0.8:
                continue
            spans = list(line.spans) or [(0, len(line.text), line.box)]
            best = None
            for i in range(len(spans)):
                for j in range(i, len(spans)):
                    if bench_ocr.covered(identifier, [line.text[spans[i][0]:spans[j][1]]]) >= 0.8:
                        if best is None or j - i < best[1] - best[0]:
                            best = (i, j)
                        break
            if best is None:
                boxes.append(tuple(line.box))
            else:
                hit = [b for _, _, b in spans[best[0]:best[1] + 1]]
                boxes.append((min(b[0] for b in hit), min(b[1] for b in hit),
                              max(b[2] for b in hit), max(b[3] for b in hit)))
    return boxes


def verdict(lines) -> str:
    """The verdict a picture's text alone leads to (report/model.verdict_of's order)."""
    if isinstance(lines, str):
        return "needs-review"       # not inspected
    judged = judge_picture(lines)
    matches = [m for _, m in judged.matches()]
    if any(m.severity == HIGH and m.category in DIRECT_CATEGORIES for m in matches):
        return "identifiable"
    if judged.unread() or any(m.severity == REVIEW for m in matches):
        return "needs-review"
    if any(m.severity == HIGH for m in matches):
        return "limited-access"
    return "publication"


def score_kind(cases: list[dict], outputs: list) -> dict:
    ids = found = reviewed = legible = legible_found = flagged = true_flags = 0
    verdicts = {"identifiable": 0, "limited-access": 0, "needs-review": 0, "publication": 0}
    clean_verdicts = dict(verdicts)
    misses, false, failures = [], [], []
    for case, lines in zip(cases, outputs):
        judged = judge_picture(lines if not isinstance(lines, str) else [])
        highs = [m.text for _, m in judged.identifiers()]
        review = [a.line.text for a in judged.unread()] + [m.text for _, m in judged.flagged() if m.severity == REVIEW]
        for identifier, height in zip(case["identifiers"], case["heights"]):
            ids += 1
            hit = bench_ocr.covered(identifier, highs) >= 0.8
            found += hit
            reviewed += hit or bench_ocr.covered(identifier, review) >= 0.8
            if height is None or height >= LEGIBLE_PX:
                legible += 1
                legible_found += hit
            if not hit:
                misses.append((case["name"], identifier, height))
        for text in highs:
            flagged += 1
            ok = any(bench_ocr.covered(text, [i]) >= 0.5 for i in case["all_identifiers"])
            true_flags += ok
            if not ok:
                false.append((case["name"], text))
        said = verdict(lines)
        (verdicts if case["identifiers"] else clean_verdicts)[said] += 1
        if case["identifiers"] and said == "publication":
            failures.append(case["name"])
    return {"ids": ids, "recall": found / max(ids, 1), "review": reviewed / max(ids, 1),
            "legible": legible_found / max(legible, 1), "flagged": flagged,
            "precision": true_flags / flagged if flagged else 1.0, "verdicts": verdicts, "clean": clean_verdicts,
            "misses": misses, "false": false, "failures": failures}


def cases_of(kind: str, originals: list[dict], boxes: dict) -> list[dict]:
    out = []
    for case in originals:
        data, geometry = picture_variations.vary(kind, case["data"])
        scale = geometry.get("scale", 1.0)
        kept, heights, unknown = [], [], []
        for identifier in case["identifiers"]:
            where = boxes[case["name"]].get(identifier, [])
            state = picture_variations.kept_after(geometry, where)
            if state == "kept":
                kept.append(identifier)
                heights.append(min(b[3] - b[1] for b in where) * scale if where else None)
            elif state == "unknown":
                unknown.append(identifier)
        out.append({"name": case["name"], "set": kind, "data": data, "identifiers": kept, "heights": heights,
                    "unlocated": unknown, "all_identifiers": case["identifiers"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=20)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--lines", metavar="FILE", help="keep and reuse every kind's lines (pickle)")
    parser.add_argument("--reread", default="", help="kinds to read again although FILE holds them")
    parser.add_argument("--plain", action="store_true", help="also read every kind with plain Tesseract (time)")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    ok, message = bench_ocr.tesseract_status()
    if not ok:
        sys.exit(message)
    originals = ocr_sets.real()
    if not originals:
        sys.exit("set (c) is absent (../shared/corpus): nothing to vary")
    names = [c["name"] for c in originals]
    kept = {"names": names, "lines": {}, "seconds": {}}
    if args.lines and os.path.exists(args.lines):
        with open(args.lines, "rb") as handle:
            kept = pickle.load(handle)
        if kept["names"] != names:
            sys.exit(f"{args.lines} holds other pictures")
    reread = set(filter(None, args.reread.split(",")))
    wanted = ["original"] + [k for k in args.kinds.split(",") if k and k != "original"]

    def read(kind: str, cases: list[dict], engines: dict) -> None:
        if kind in kept["lines"] and kind not in reread:
            return
        outputs, seconds = bench_ocr.run_engines(cases, engines, args.jobs, args.chunk, pool)
        kept["lines"][kind] = outputs
        kept["seconds"][kind] = {name: sum(s.values()) for name, s in seconds.items()}
        if args.lines:
            with open(args.lines, "wb") as handle:
                pickle.dump(kept, handle)

    pool = bench_ocr.start_pool(args.jobs)      # one pool for every kind (plain Tesseract's)
    base = {"plain": bench_ocr.run_plain} if args.plain else {}
    first = [dict(c, set="original") for c in originals]
    read("original", first, {**base, "slidesan": bench_ocr.run_slidesan, "thorough": bench_ocr.run_thorough})
    boxes = {}
    for index, case in enumerate(originals):
        readings = [kept["lines"]["original"][e][index] for e in ("slidesan", "thorough")]
        readings = [r for r in readings if not isinstance(r, str)]
        boxes[case["name"]] = {i: locate(i, readings) for i in case["identifiers"]}
    print(f"{message}; {len(originals)} pictures per kind; {args.jobs} workers; load {os.getloadavg()[0]:.1f}")
    print(f"{'kind':17} {'ids':>4} {'recall':>7} {'+review':>8} {'>=8px':>6} {'flagged':>7} {'precision':>9} "
          f"{'ident':>5} {'ltd':>4} {'review':>6} {'FAIL':>4} {'clean:ident/rev/pub':>20} {'s':>6} {'x plain':>7}")
    for kind in wanted:
        cases = cases_of(kind, originals, boxes) if kind != "original" else [
            dict(c, heights=[min((b[3] - b[1] for b in boxes[c["name"]][i]), default=None)
                             for i in c["identifiers"]], all_identifiers=c["identifiers"]) for c in first]
        read(kind, cases, {**base, "slidesan": bench_ocr.run_slidesan})
        r = score_kind(cases, kept["lines"][kind]["slidesan"])
        v, c = r["verdicts"], r["clean"]
        spent = kept["seconds"][kind].get("slidesan", 0.0)
        plain = kept["seconds"][kind].get("plain")
        ratio = f"{spent / plain:.2f}" if plain else "-"
        clean = f"{c['identifiable'] + c['limited-access']}/{c['needs-review']}/{c['publication']}"
        print(f"{kind:17} {r['ids']:>4} {r['recall']:>7.3f} {r['review']:>8.3f} {r['legible']:>6.3f} {r['flagged']:>7} "
              f"{r['precision']:>9.3f} {v['identifiable']:>5} {v['limited-access']:>4} {v['needs-review']:>6} "
              f"{v['publication']:>4} {clean:>20} {spent:>6.1f} {ratio:>7}")
        if args.show_misses:
            for name in r["failures"]:
                print(f"    FAIL  {name}: publication with an identifier")
            for name, text, height in r["misses"]:
                h = f"{height:.0f} px" if height is not None else "?"
                print(f"    miss  {name}: {text!r} ({h})")
            for name, text in r["false"]:
                print(f"    false {name}: {text!r}")


if __name__ == "__main__":
    main()
