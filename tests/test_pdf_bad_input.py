"""Bad PDFs: one line, exit 2, nothing written; or cleaned without a traceback when survivable."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import slidesan
from fixtures.pdfs import hostile
from slidesan.cli import app
from slidesan.errors import SlidesanError
from slidesan.options import Options

runner = CliRunner()


@pytest.mark.parametrize("maker, message", [
    (hostile.encrypted, "needs a password; open it with --password"),
    (hostile.not_a_pdf, "not a PDF"),
    (hostile.truncated, "damaged beyond repair"),
    (hostile.huge_image, "over the 64 MP limit"),
])
def test_refused_in_one_line(tmp_path, maker, message):
    path = tmp_path / "bad.pdf"
    maker(path)
    result = runner.invoke(app, ["clean", str(path), "--no-ocr"])
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pdf"]


def test_bomb_refused(tmp_path, monkeypatch):
    from slidesan.pdf import document

    monkeypatch.setattr(document, "MAX_STREAM_BYTES", 1 << 20)
    path = tmp_path / "bomb.pdf"
    hostile.bomb(path, inflated=4 << 20)
    with pytest.raises(SlidesanError, match="decompression bomb"):
        slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert not (tmp_path / "out.pdf").exists()


def test_password_opens(tmp_path):
    path = tmp_path / "locked.pdf"
    hostile.encrypted(path, "secret")
    with pytest.raises(SlidesanError, match="does not open"):
        slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False, extra={"password": "wrong"}))
    result = runner.invoke(app, ["clean", str(path), "--no-ocr", "--password", "secret", "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code in (0, 1), result.output
    import pikepdf

    with pikepdf.open(tmp_path / "o.pdf") as pdf:
        assert not pdf.is_encrypted


def test_broken_xref_repaired_and_reported(tmp_path):
    path = tmp_path / "broken.pdf"
    hostile.broken_xref(path)
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert any(f.category == "pdf-structure" for f in report.findings)


def test_deep_graph_and_self_drawing_form(tmp_path):
    path = tmp_path / "deep.pdf"
    hostile.deep_graph(path)
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert any("nested too deep" in f.message for f in report.findings)
    assert report.verdict != "publication"


@pytest.mark.parametrize("maker", [hostile.no_xref, hostile.bad_name_bytes])
def test_damaged_but_readable_is_cleaned(tmp_path, maker):
    import pikepdf

    path = tmp_path / "damaged.pdf"
    maker(path)
    out = tmp_path / "out.pdf"
    slidesan.clean(path, out, Options(ocr=False))
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1
