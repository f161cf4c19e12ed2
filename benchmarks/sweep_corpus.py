"""False alarms of the final sweep on real decks (../shared/corpus/decks by default) and what it costs.

Each deck is cleaned as `slidesan clean` would (steps, scan without OCR, write), then the written
package is swept and every hit is printed: defects (places nobody sees: they would fail the
self-check) and flags (shown places the scan had not flagged). On decks that hold no patient, every
hit is a false alarm. Also prints the sweep's time against the whole clean.

    python benchmarks/sweep_corpus.py [DECK_OR_FOLDER ...] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def clean_and_sweep(path: Path, work: Path):
    from slidesan import Options
    from slidesan.step_context import StepContext
    from slidesan.deck.package import Deck
    from slidesan.deck.pipeline import run_steps
    from slidesan.deck.verify.sweep import sweep_zip
    from slidesan.report.model import new_report
    from slidesan.scan.deck_scan import scan_deck

    options = Options(ocr=False)
    t0 = time.process_time()
    deck = Deck(path)
    ctx = StepContext(options)
    run_steps(deck, ctx)
    deck.make_plain_presentation()
    report = new_report("clean", path, options)
    scan_deck(deck, ctx, report)
    out = work / (path.stem + ".clean.pptx")
    deck.save(out)
    t1 = time.process_time()
    sweep = sweep_zip(out, options, ctx.findings + report.findings)
    return sweep, t1 - t0, time.process_time() - t1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus" / "decks"])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    decks = sorted(p for root in args.paths for p in ([root] if root.is_file() else root.glob("*.pp[st][xm]")))
    total_clean = total_sweep = 0.0
    defects = flags = high_flags = 0
    with tempfile.TemporaryDirectory() as tmp:
        for deck in decks:
            try:
                sweep, clean_s, sweep_s = clean_and_sweep(deck, Path(tmp))
            except Exception as exc:  # report and go on: this is a measurement
                print(f"{deck.name}: not cleaned ({type(exc).__name__}: {exc})")
                continue
            total_clean += clean_s
            total_sweep += sweep_s
            defects += len(sweep.defects)
            flags += len(sweep.flags)
            high_flags += sum(1 for f in sweep.flags if f.severity == "high")
            print(f"{deck.name}: {sweep.strings} strings, {len(sweep.defects)} defect(s), {len(sweep.flags)} flag(s); "
                  f"clean {clean_s:.2f} s, sweep {sweep_s:.2f} s")
            for line in [d.message for d in sweep.defects][: None if args.verbose else 5]:
                print("    DEFECT", line)
            for f in sweep.flags[: None if args.verbose else 5]:
                print(f"    FLAG   {f.severity} {f.category} \u201c{f.text}\u201d {f.message} {f.part}")
    print(f"\n{len(decks)} decks: {defects} defect(s) (would fail the self-check), {flags} flag(s) "
          f"({high_flags} high); sweep {total_sweep:.2f} s = {100 * total_sweep / max(total_clean, 1e-9):.1f} % "
          f"of cleaning without OCR ({total_clean:.2f} s; CPU time of this process)")


if __name__ == "__main__":
    main()
