"""The adversarial generator: one deck per hiding place (fixtures/hiding/), cleaned, then judged.

For each case the canary (a made-up patient name, NHS-like number and file path) is looked for in
the written deck (fixtures/hiding/oracle.py: every part, raw and decompressed, UTF-8 and UTF-16,
NFKC, soft hyphens and zero-width characters removed; pixel cases decode the pictures):

    removed   the canary is gone from every part
    flagged   it is still there, and a remaining finding names it or asks for a look at its part
    SILENT    it is still there and nothing says so (the defect this benchmark counts)
    refused   the clean stopped with an error and wrote nothing

    python benchmarks/hiding_places.py [--no-ocr] [--side package|picture] [--only NAME ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def judge(case, work: Path, options) -> dict:
    import slidesan
    from fixtures.hiding import build_case
    from fixtures.hiding.oracle import flagged_by, survives
    from slidesan.errors import SlidesanError

    deck, out = work / f"{case.name}.pptx", work / f"{case.name}.clean.pptx"
    canary = build_case(case, deck)
    planted = case.oracle(deck, canary) if case.oracle else survives(deck, canary)
    row = {"case": case.name, "side": case.side, "expect": case.expect, "verdict": "-", "where": ""}
    if not planted:
        return {**row, "outcome": "NOT-PLANTED"}
    try:
        report = slidesan.clean(deck, out, options)
    except SlidesanError as exc:
        return {**row, "outcome": "refused", "where": str(exc)[:90]}
    left = case.oracle(out, canary) if case.oracle else survives(out, canary)
    row["verdict"] = report.verdict
    if not left:
        return {**row, "outcome": "removed"}
    row["where"] = ", ".join(left[:3])
    return {**row, "outcome": "flagged" if flagged_by(report, canary, left) else "SILENT"}


def table(rows: list[dict]) -> str:
    width = max(len(r["case"]) for r in rows)
    lines = [f"{'case':{width}}  side     expect   outcome   verdict         where it survives"]
    for r in rows:
        lines.append(f"{r['case']:{width}}  {r['side']:7}  {r['expect']:7}  {r['outcome']:8}  {r['verdict']:14}  "
                     f"{r['where']}")
    return "\n".join(lines)


def summary(rows: list[dict]) -> str:
    lines = []
    for side in ("package", "picture"):
        mine = [r for r in rows if r["side"] == side]
        if not mine:
            continue
        counts = Counter(r["outcome"] for r in mine)
        silent_pub = sum(1 for r in mine if r["outcome"] == "SILENT" and r["verdict"] == "publication")
        hidden_kept = sum(1 for r in mine if r["expect"] == "removed" and r["outcome"] == "flagged")
        lines.append(f"{side:8} {len(mine):3} places: removed {counts['removed']}, flagged {counts['flagged']} "
                     f"(of which {hidden_kept} in places nobody sees), SILENT {counts['SILENT']} "
                     f"(verdict publication: {silent_pub}), refused {counts['refused']}"
                     + (f", not planted {counts['NOT-PLANTED']}" if counts["NOT-PLANTED"] else ""))
    return "\n".join(lines)


def main() -> None:
    import slidesan
    from fixtures.hiding import CASES

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-ocr", action="store_true", help="clean without OCR (fast; the verdict is then never publication)")
    ap.add_argument("--side", choices=("package", "picture"))
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--keep", type=Path, help="keep decks and outputs in DIR")
    args = ap.parse_args()
    cases = [c for c in CASES if (not args.side or c.side == args.side) and (not args.only or c.name in args.only)]
    work = args.keep or Path(tempfile.mkdtemp(prefix="slidesan-hiding-"))
    work.mkdir(parents=True, exist_ok=True)
    options = slidesan.Options(ocr=not args.no_ocr, jobs=1)
    t0 = time.perf_counter()
    rows = []
    for case in cases:
        rows.append(judge(case, work, options))
        print(f"  {case.name}: {rows[-1]['outcome']}", file=sys.stderr, flush=True)
    print(table(rows))
    print()
    print(summary(rows))
    print(f"{len(rows)} decks in {time.perf_counter() - t0:.0f} s (OCR {'off' if args.no_ocr else 'on'})")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
