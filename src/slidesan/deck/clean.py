"""Clean one deck end to end; the whole pipeline on one screen."""

from __future__ import annotations

import time
from pathlib import Path

from slidesan.deck.package import Deck
from slidesan.deck.pipeline import run_steps
from slidesan.deck.titles import slide_titles
from slidesan.deck.verify import check_written
from slidesan.options import Options
from slidesan.report.model import Report
from slidesan.scan.deck_scan import scan_deck
from slidesan.step_context import StepContext
from slidesan.written_output import check_paths as check_output_paths
from slidesan.written_output import account_for, sha256_of, write_verified


def default_output(path: Path) -> Path:
    return path.with_name(path.stem + ".clean.pptx")


def clean_deck(path: Path, output: Path | None, options: Options, report: Report, progress=None) -> Report:
    path = Path(path)
    output = Path(output) if output else default_output(path)
    check_paths(path, output)
    t0 = time.perf_counter()
    report.input_sha256 = sha256_of(path)
    deck = Deck(path)                                                   # open (preflight + parse)
    report.timings["open"] = time.perf_counter() - t0
    ctx = StepContext(options, progress=progress)
    report.timings.update(run_steps(deck, ctx, progress))               # scrub, one step per hiding place
    deck.make_plain_presentation()
    if progress:
        progress("scan")
    t1 = time.perf_counter()
    scan_deck(deck, ctx, report)                                        # visible text + OCR
    report.timings["scan"] = time.perf_counter() - t1
    report.findings.extend(ctx.findings)
    report.slide_titles[""] = slide_titles(deck)                        # "Slide 9 (title)" in the report
    if progress:
        progress("write")

    def verify(tmp: Path) -> list[str]:
        checked = check_written(tmp, options, report.findings)          # re-open, re-inventory, sweep
        return account_for(checked, report)

    write_verified(output, deck.save, verify, f"{path.name}: self-check of the cleaned deck failed", report.timings)
    report.output_path = str(output)
    report.output_sha256 = sha256_of(output)
    return report


def check_paths(path: Path, output: Path) -> None:
    check_output_paths(path, output, ".pptx", "the cleaned deck is always a macro-free .pptx; name the output *.pptx")
