"""Clean one deck end to end; the whole pipeline on one screen."""

from __future__ import annotations

import os
import time
from pathlib import Path

from slidesan.deck.package import Deck, sha256_of
from slidesan.deck.pipeline import run_steps
from slidesan.deck.titles import slide_titles
from slidesan.deck.verify import check_written
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.report.model import Report
from slidesan.scan.deck_scan import scan_deck
from slidesan.step_context import StepContext


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
    tmp = output.with_name(f".{output.name}.slidesan-partial")
    try:
        t2 = time.perf_counter()
        deck.save(tmp)                                                  # write to a temporary name
        report.timings["write"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        checked = check_written(tmp, options, report.findings)          # re-open, re-inventory, sweep
        report.timings["verify"] = time.perf_counter() - t3
        problems = checked.problems
        if problems:
            raise SlidesanError(
                f"{path.name}: self-check of the cleaned deck failed, nothing written: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
        report.findings.extend(checked.findings)
        os.replace(tmp, output)                                         # only now does it look finished
    except OSError as exc:
        raise SlidesanError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    report.output_path = str(output)
    report.output_sha256 = sha256_of(output)
    return report


def check_paths(path: Path, output: Path) -> None:
    if not path.exists():
        raise SlidesanError(f"{path}: no such file")
    if not path.is_file():
        raise SlidesanError(f"{path}: not a file")
    if output.suffix.lower() != ".pptx":
        raise SlidesanError(f"{output.name}: the cleaned deck is always a macro-free .pptx; name the output *.pptx")
    if output.exists() and path.exists() and output.resolve() == path.resolve():
        raise SlidesanError(f"{output}: refusing to write over the input")
    if not output.parent.exists():
        raise SlidesanError(f"{output.parent}: output folder does not exist")
