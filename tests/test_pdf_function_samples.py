"""A sampled function's stream holding bytes after its table: nothing reads them, so the step cuts them."""

from __future__ import annotations

import zlib

import pikepdf
import pytest

import slidesan
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan import Options

PATIENT = b"Patient: Thistlewood, Ansel  Hosp No RX4471209  DOB 12/03/1958"
TABLE = bytes([0, 0, 0, 255, 255, 255])          # two samples of three outputs at 8 bits: a grey ramp


def shaded_pdf(samples: bytes) -> pikepdf.Pdf:
    pdf = new_pdf()
    function = pdf.make_indirect(pikepdf.Stream(pdf, samples, FunctionType=0, Domain=[0, 1], Range=[0, 1, 0, 1, 0, 1],
                                                Size=[2], BitsPerSample=8))
    pdf.pages[0].obj.Resources.Shading = pikepdf.Dictionary(
        Sh1=pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 200, 0], Function=function))
    add_content(pdf, 0, b"q 0 0 100 100 re W n /Sh1 sh Q\n")
    return pdf


def functions(path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [o.read_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/FunctionType") == 0]


@pytest.mark.parametrize("hidden", [zlib.compress(PATIENT * 3), b"\n" + zlib.compress(PATIENT)],
                         ids=["deflated", "deflated after a newline"])
def test_bytes_after_a_sampled_functions_table_are_cut(tmp_path, hidden):
    """Compressed text after the table is opaque to the sweep; the function reads only its table."""
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(shaded_pdf(TABLE + hidden), path)
    report = slidesan.clean(path, out, Options(ocr=False))
    assert functions(out) == [TABLE]
    assert any(f.category == "private-data" and "sampled functions" in f.message for f in report.findings)
    assert slidesan.check([path], Options(ocr=False)).verdict != "publication"


def test_a_sampled_function_without_extra_bytes_is_kept_as_it_is(tmp_path):
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(shaded_pdf(TABLE), path)
    report = slidesan.clean(path, out, Options(ocr=False))
    assert functions(out) == [TABLE] and report.verdict == "publication"


def test_a_newline_after_the_table_is_cut_without_a_review(tmp_path):
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(shaded_pdf(TABLE + b"\r\n"), path)
    report = slidesan.clean(path, out, Options(ocr=False))
    assert functions(out) == [TABLE] and report.verdict == "publication"
