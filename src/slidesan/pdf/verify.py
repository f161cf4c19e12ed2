"""Prove the written PDF: re-open it from disk with pikepdf and run every step's inventory again.

Checking the objects in memory would only prove the steps agree with themselves; re-reading the
bytes catches anything the writer kept (an object qpdf still found reachable, a revision, an ID).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.pdf.document import PdfDoc
from slidesan.pdf.pipeline import residue


def verify_written(path: Path, options: Options, input_ids: set[bytes] = frozenset()) -> list[str]:
    try:
        doc = PdfDoc(path, written_here=True)
    except SlidesanError as exc:
        return [f"the written PDF does not re-open: {exc}"]
    if doc.was_encrypted:
        return ["the written PDF is encrypted"]
    options = dataclasses.replace(options, extra={**options.extra, "pdf_input_ids": set(input_ids)})
    return residue(doc, options)
