"""Clean one PDF end to end; the whole pipeline on one screen (the deck cleaner's shape)."""

from __future__ import annotations

import time
from pathlib import Path

from slidesan.options import Options
from slidesan.pdf.document import PdfDoc
from slidesan.pdf.pipeline import DAMAGE, refuse, run_steps
from slidesan.pdf.verify import check_written
from slidesan.report.model import Report
from slidesan.step_context import StepContext
from slidesan.written_output import check_paths as check_output_paths
from slidesan.written_output import account_for, sha256_of, write_verified

PDF_SUFFIXES = (".pdf",)


def default_output(path: Path) -> Path:
    return path.with_name(path.stem + ".clean.pdf")


def clean_pdf(path: Path, output: Path | None, options: Options, report: Report, progress=None) -> Report:
    from slidesan.pdf.scan import scan_pdf

    path = Path(path)
    output = Path(output) if output else default_output(path)
    check_paths(path, output)
    t0 = time.perf_counter()
    report.input_sha256 = sha256_of(path)
    doc = PdfDoc(path, password=options.extra.get("password"))          # open (preflight + parse)
    report.timings["open"] = time.perf_counter() - t0
    ctx = StepContext(options, progress=progress)
    opened(doc, ctx)
    report.timings.update(run_steps(doc, ctx, progress))               # scrub, one step per hiding place
    if progress:
        progress("scan")
    t1 = time.perf_counter()
    try:
        scan_pdf(doc, ctx, report)                                      # visible text + OCR
    except DAMAGE as exc:
        raise refuse(doc, "the scan", exc) from None
    report.timings["scan"] = time.perf_counter() - t1
    report.findings.extend(ctx.findings)
    if progress:
        progress("write")

    def save(tmp: Path) -> None:
        try:
            doc.save(tmp)                                               # the whole file anew
        except DAMAGE as exc:
            raise refuse(doc, "the writer", exc) from None

    def verify(tmp: Path) -> list[str]:
        # A file slidesan already cleaned comes out byte for byte the same, its ID derived from that
        # content again: then the input's ID is not one that links back to a lecturer's disk.
        same = tmp.stat().st_size == len(doc.raw) and tmp.read_bytes() == doc.raw
        checked = check_written(tmp, options, frozenset() if same else doc.input_ids, report.findings)
        return account_for(checked, report)

    write_verified(output, save, verify, f"{path.name}: self-check of the cleaned PDF failed (printing the file to a "
                   "new PDF from a viewer drops what no step cleans; clean that copy)", report.timings)
    report.output_path = str(output)
    report.output_sha256 = sha256_of(output)
    return report


def opened(doc: PdfDoc, ctx: StepContext) -> None:
    """What opening found: a repaired cross-reference table, an encryption that is dropped."""
    ctx.step = "open"
    if doc.repairs:
        ctx.add("pdf-structure", "info", "replaced", f"damaged structure repaired by qpdf ({len(doc.repairs)} "
                "warning(s)); check the pages look right", text=doc.repairs[0][:300])
    if doc.was_encrypted:
        ctx.add("encryption", "info", "removed", "encryption removed (the cleaned copy is meant to be shared)")
    ctx.step = ""


def check_paths(path: Path, output: Path) -> None:
    check_output_paths(path, output, ".pdf", "the cleaned handout is a PDF; name the output *.pdf")
