"""Assertions for PDFs: search the raw file and every decoded stream, decode every image, render."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pikepdf

from helpers import count_colour


def strings_in(obj, out: list, depth: int = 0) -> None:
    """Every PDF string inside a direct object (hex strings included), decoded to bytes."""
    if depth > 50:
        return
    if isinstance(obj, pikepdf.String):
        out.append(bytes(obj))
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, pikepdf.Object) and not item.is_indirect:
                strings_in(item, out, depth + 1)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in obj.keys():
            item = obj.get(key)
            if isinstance(item, pikepdf.Object) and not item.is_indirect:
                strings_in(item, out, depth + 1)


def stream_texts(path) -> list[bytes]:
    """The raw file, every stream decoded (as far as qpdf decodes it) and every string object."""
    out = [Path(path).read_bytes()]
    with pikepdf.open(path) as pdf:
        strings: list[bytes] = []
        strings_in(pdf.trailer, strings)
        for obj in pdf.objects:
            strings_in(obj, strings)
        out.append(b"\n".join(strings))
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    out.append(obj.read_bytes())
                except pikepdf.PdfError:
                    out.append(obj.read_raw_bytes())
    return out


def where_planted(path, needle: bytes) -> list[int]:
    """Where `needle` survives: raw bytes or any decoded stream, as ASCII or UTF-16 (either order)."""
    text = needle.decode()
    variants = [needle, text.encode("utf-16-be"), text.encode("utf-16-le")]
    return [i for i, data in enumerate(stream_texts(path)) if any(v in data for v in variants)]


def images_of(path):
    with pikepdf.open(path) as pdf:
        return [pikepdf.PdfImage(obj).as_pil_image().convert("RGB") for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


def magenta_pixels(path) -> int:
    return sum(count_colour(img) for img in images_of(path))


def render_diff(before, after, dpi: int = 72) -> list[float]:
    """Mean absolute difference (0-255) per page between two PDFs rendered alike."""
    from slidesan.pdf.render import render_pages

    a = render_pages(Path(before).read_bytes(), dpi)
    b = render_pages(Path(after).read_bytes(), dpi)
    assert len(a) == len(b)
    return [float(np.abs(np.asarray(x, dtype=np.int16) - np.asarray(y, dtype=np.int16)).mean()) for x, y in zip(a, b)]


def build_pdf(tmp_path, name: str, **kwargs):
    module = importlib.import_module(f"fixtures.pdfs.{name}")
    path = tmp_path / f"{name}.pdf"
    return path, module.build(path, **kwargs) or {}
