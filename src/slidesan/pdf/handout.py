"""`slidesan clean talk.pptx --pdf`: also write the handout PDF of the cleaned deck, cleaned.

LibreOffice exports the cleaned deck (so the handout starts from what was already cleaned), then
the PDF cleaner runs on the export like on any PDF: LibreOffice writes the whole picture behind a
clip and its own document information, which the PDF steps remove. The handout's findings join the
deck's report, marked with the handout's file name. Without LibreOffice the deck is still written
and the report says the handout was not.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.report.model import REVIEW, Finding, new_report

EXPORT_TIMEOUT_S = 600


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def add_handout(report, options) -> Path | None:
    from slidesan.pdf.clean import clean_pdf

    deck = Path(report.output_path)
    target = deck.with_suffix(".pdf")
    program = soffice()
    if program is None:
        report.findings.append(Finding("handout", REVIEW, "not-inspected", "handout PDF not written: LibreOffice "
                                       "(soffice) is not installed", step="handout"))
        return None
    with tempfile.TemporaryDirectory(prefix=".slidesan-handout-", dir=deck.parent) as work:
        work = Path(work)
        try:
            subprocess.run([program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(work), str(deck)],
                           check=True, capture_output=True, timeout=EXPORT_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as exc:
            report.findings.append(Finding("handout", REVIEW, "not-inspected",
                                           f"handout PDF not written: LibreOffice failed ({type(exc).__name__})",
                                           step="handout"))
            return None
        exported = work / (deck.stem + ".pdf")
        handout = new_report("clean", exported, options)
        try:
            clean_pdf(exported, target, options, handout)
        except SlidesanError as exc:
            report.findings.append(Finding("handout", REVIEW, "not-inspected", f"handout PDF not written: {exc}",
                                           step="handout"))
            return None
    for finding in handout.findings:
        finding.file = target.name
        report.findings.append(finding)
    report.findings.append(Finding("handout", "info", "kept", f"handout PDF written: {target.name}",
                                   text=str(target), step="handout"))
    return target
