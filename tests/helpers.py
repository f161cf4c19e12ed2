"""Assertions shared by tests: search every byte of a package, decode every picture."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

from PIL import Image


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def where_bytes(path: Path, needle: bytes) -> list[str]:
    """Every place `needle` occurs: the raw file, any decompressed member, in UTF-8 or UTF-16."""
    hits = []
    raw = Path(path).read_bytes()
    variants = [needle, needle.decode("utf-8", "ignore").encode("utf-16-le")]
    if any(v in raw for v in variants):
        hits.append("<raw file>")
    for name, data in members(path).items():
        if any(v in data for v in variants):
            hits.append(name)
    return hits


def image_members(path: Path) -> dict[str, Image.Image]:
    out = {}
    for name, data in members(path).items():
        if name.startswith("ppt/media/"):
            try:
                img = Image.open(io.BytesIO(data))
                img.load()
            except Exception:
                continue
            out[name] = img
    return out


def count_colour(img: Image.Image, colour=(255, 0, 255), tolerance: int = 40) -> int:
    """Pixels within `tolerance` of `colour` (JPEG blurs the exact value)."""
    import numpy as np

    rgb = np.asarray(img.convert("RGB"), dtype=np.int16)
    close = np.abs(rgb - np.array(colour, dtype=np.int16)) <= tolerance
    return int(close.all(axis=2).sum())


def cli_in_process(capfd, *args, cwd=None) -> subprocess.CompletedProcess:
    """`slidesan ARGS` run by the command's own `main()` in this process, as a subprocess would run it
    but without the second a new interpreter spends importing: exit code from SystemExit, stdout and
    stderr captured at the file-descriptor level (so C libraries' output counts too), warnings filters,
    argv, working folder and PYTHONWARNINGS restored afterwards. An exception `main()` lets through is
    not caught: it fails the test as a traceback on stderr would. tests/test_cli.py, test_entry_point.py
    and test_fuzz_regressions.py keep running the real command in a subprocess."""
    from slidesan import cli

    capfd.readouterr()
    saved = sys.argv, os.getcwd(), os.environ.get("PYTHONWARNINGS")
    code, extra = 0, ""
    try:
        sys.argv = ["slidesan", *map(str, args)]
        if cwd is not None:
            os.chdir(cwd)
        with warnings.catch_warnings():
            try:
                cli.main()
            except SystemExit as exc:
                if isinstance(exc.code, int) or exc.code is None:
                    code = exc.code or 0
                else:                   # the interpreter prints a non-integer exit code and exits 1
                    code, extra = 1, f"{exc.code}\n"
    finally:
        sys.argv = saved[0]
        os.chdir(saved[1])
        if saved[2] is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = saved[2]
    out, err = capfd.readouterr()
    return subprocess.CompletedProcess(["slidesan", *map(str, args)], code, out, err + extra)


def ocr_line(text: str, x: int, y: int, conf: float = 92.0, reliable: bool = True, texture: bool = False,
             char: float = 7.0, height: int = 12):
    """A made-up OCR line at (x, y) whose words are boxed as a monospaced font would set them."""
    from slidesan.scan.ocr.lines import OcrLine

    spans, pos = [], 0
    for word in text.split(" "):
        if word:
            left = x + int(pos * char)
            spans.append((pos, pos + len(word), (left, y, left + int(len(word) * char), y + height)))
        pos += len(word) + 1
    box = (x, y, x + int(len(text) * char), y + height)
    return OcrLine(text, box, conf, text, tuple(spans), "tesseract", reliable, texture)
