"""Prove the written PDF: re-open it from disk, run every step's inventory again, then sweep it.

Checking the objects in memory would only prove the steps agree with themselves; re-reading the
bytes catches anything the writer kept (an object qpdf still found reachable, a revision, an ID).
The residue (each step's own inventory, pipeline.residue) proves every step's hiding place empty;
the sweep (sweep.py) knows no hiding place and reads every string left, so a place no step knows is
found too. This is verification, not a step: it changes nothing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.pdf.document import PdfDoc
from slidesan.pdf.pipeline import residue
from slidesan.written_output import Verification


def check_written(path: Path, options: Options, input_ids: set[bytes] = frozenset(), findings=()) -> Verification:
    """`findings`: the run's findings so far (what the scan already flagged in shown places)."""
    from slidesan.pdf.verify.sweep import sweep_pdf

    try:
        doc = PdfDoc(path, written_here=True)
    except SlidesanError as exc:
        return Verification([f"the written PDF does not re-open: {exc}"])
    if doc.was_encrypted:
        return Verification(["the written PDF is encrypted"])
    options = dataclasses.replace(options, extra={**options.extra, "pdf_input_ids": set(input_ids)})
    problems = residue(doc, options)
    if options.extra.get("skip_sweep"):
        return Verification(problems)
    sweep = sweep_pdf(doc.pdf, options, findings)
    return Verification.of(problems, sweep)


def verify_written(path: Path, options: Options, input_ids: set[bytes] = frozenset(), findings=()) -> list[str]:
    """What fails the self-check of the PDF written at `path`; empty when it passes."""
    return check_written(path, options, input_ids, findings).problems
