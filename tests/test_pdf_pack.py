"""A PDF is one more file kind in packs: cleaned beside decks and DICOM, refused ones listed."""

from __future__ import annotations

from pdf_helpers import build_pdf, where_planted
from typer.testing import CliRunner

import slidesan
from fixtures.pdfs import hostile
from slidesan.cli import app
from slidesan.options import Options


def test_folder_with_pdfs(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    good, planted = build_pdf(pack, "annotations")
    hostile.encrypted(pack / "locked.pdf")
    (pack / "renamed.bin").write_bytes(good.read_bytes())          # found by content, not by name
    out = tmp_path / "out"
    report = slidesan.clean(pack, out, Options(ocr=False, jobs=1))
    kinds = {item["path"]: item for item in report.files}
    assert kinds["annotations.pdf"]["kind"] == "pdf" and kinds["annotations.pdf"]["output"]
    assert kinds["renamed.bin"]["kind"] == "pdf"
    assert "password" in kinds["locked.pdf"]["problem"]
    cleaned = out / "annotations.pdf"
    for canary in planted["canaries"]:
        assert not where_planted(cleaned, canary)
    assert not (out / "locked.pdf").exists()


def test_cli_clean_and_check_pdf(tmp_path):
    path, _ = build_pdf(tmp_path, "document_info")
    runner = CliRunner()
    result = runner.invoke(app, ["clean", str(path), "--no-ocr"])
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "document_info.clean.pdf").exists()
    assert (tmp_path / "document_info.clean.report.json").exists()
    result = runner.invoke(app, ["check", str(path), "--no-ocr"])
    assert result.exit_code == 1 and "pdf" in result.output


def test_html_report_speaks_of_pages(tmp_path):
    from slidesan.report.html_view import render_html

    path, _ = build_pdf(tmp_path, "invisible_text")
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    html = render_html(report)
    assert "Page 1" in html and "Slide 1" not in html


def test_desktop_window_job_cleans_a_pdf(tmp_path):
    """The window's worker goes through the same API (gui/jobs.py has no Qt)."""
    import threading

    from slidesan.gui.jobs import clean_and_report

    path, _ = build_pdf(tmp_path, "annotations")
    report, html, _json = clean_and_report(path, Options(ocr=False), threading.Event(), lambda *a: None)
    assert report.output_path.endswith("annotations.clean.pdf") and html.exists()
