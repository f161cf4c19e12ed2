"""Issue 14's second target on the real PDFs in ../shared/corpus/pdfs (read there, never copied):
no traceback, every output opens in pikepdf and poppler and renders alike, and encrypted files are
refused with a hint or opened with --password."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from pdf_helpers import render_diff

import slidesan
from conftest import SHARED
from slidesan.errors import SlidesanError
from slidesan.options import Options

FOLDER = SHARED / "corpus" / "pdfs"
PDFS = sorted(FOLDER.glob("*.pdf")) if FOLDER.exists() else []
# Passwords the source projects' own tests use (the README names where each file comes from).
PASSWORDS = {"pypdf__r4-aes-user-password.pdf": "asdfzxcv", "pdfminer__rc4-40.pdf": "foo"}


def decrypted_copy(path, tmp_path, password=""):
    """The input as the renderer can open it (an empty user password still encrypts)."""
    copy = tmp_path / "input-decrypted.pdf"
    with pikepdf.open(path, password=password) as pdf:
        pdf.save(copy)
    return copy


@pytest.mark.skipif(not PDFS, reason="../shared/corpus/pdfs is not present")
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_real_pdf(path, tmp_path):
    out = tmp_path / "out.pdf"
    password = PASSWORDS.get(path.name)
    if password:
        with pytest.raises(SlidesanError, match="--password"):
            slidesan.clean(path, out, Options(ocr=False))
        assert not out.exists()
    slidesan.clean(path, out, Options(ocr=False, extra={"password": password} if password else {}))
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted and len(pdf.pages) >= 1
    if shutil.which("pdftoppm"):
        done = subprocess.run(["pdftoppm", "-r", "10", "-png", str(out), str(tmp_path / "page")],
                              capture_output=True, timeout=120)
        assert done.returncode == 0
    before = decrypted_copy(path, tmp_path, password or "")
    assert max(render_diff(before, out, dpi=50)) <= 4
