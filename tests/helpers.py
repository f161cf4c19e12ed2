"""Assertions shared by tests: search every byte of a package, decode every picture."""

from __future__ import annotations

import io
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
