"""Look at a file before anything parses it.

A deck from the internet is survived, not trusted: this module decides from the zip directory
alone (sizes, names, flags, a peek at XML prologues) whether opening it is safe, and turns every
kind of unusable input into one SlidesanError sentence.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from slidesan.errors import SlidesanError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# Limits chosen so that the whole package held in memory stays well under 2 GB.
MAX_PART_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200            # deflate tops out near 1000:1 only for degenerate data
RATIO_FLOOR = 16 * 1024 * 1024  # small parts may compress as well as they like
MAX_ENTRIES = 20000
PROLOGUE_PEEK = 4096


@dataclass
class Preflight:
    """What the zip directory told us, including entries that will be ignored."""

    unsafe_names: list[str] = field(default_factory=list)


def is_unsafe_member_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    parts = name.split("/")
    return any(p == ".." for p in parts) or posixpath.normpath(name).startswith("..")


def refuse_non_zip(path: Path, head: bytes) -> None:
    if not head and path.stat().st_size == 0:
        raise SlidesanError(f"{path.name}: empty file (0 bytes): nothing to clean; copy the deck again")
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()[: 1024 * 1024]
        if ENCRYPTED_STREAM in data:
            raise SlidesanError(
                f"{path.name}: the deck is password-protected (encrypted); remove the password in "
                "PowerPoint (File > Info > Protect Presentation) and save a copy, then try again")
        raise SlidesanError(
            f"{path.name}: this is a legacy PowerPoint 97-2003 (.ppt) file; open it in PowerPoint or "
            "LibreOffice Impress and save it as .pptx, then try again")
    raise SlidesanError(f"{path.name}: not a PowerPoint .pptx file (it is not a zip package)")


def preflight(path: Path) -> Preflight:
    """Raise SlidesanError unless `path` is a zip package that is safe to load into memory."""
    if not path.exists():
        raise SlidesanError(f"{path}: no such file")
    if not path.is_file():
        raise SlidesanError(f"{path}: not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise SlidesanError(f"{path}: cannot read ({exc.strerror})") from None
    if not head.startswith(b"PK"):
        refuse_non_zip(path, head)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SlidesanError(f"{path.name}: the zip package is truncated or corrupt") from None
    result = Preflight()
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise SlidesanError(f"{path.name}: {len(infos)} zip entries; refusing more than {MAX_ENTRIES}")
        total = 0
        names, lowered = set(), set()      # OPC part names are case-insensitive
        for info in infos:
            if info.flag_bits & 0x1:
                raise SlidesanError(f"{path.name}: zip entries are encrypted; cannot inspect them")
            if is_unsafe_member_name(info.filename):
                result.unsafe_names.append(info.filename)
                continue
            if info.filename.lower() in lowered:
                raise SlidesanError(
                    f"{path.name}: zip entry {info.filename} appears twice; readers disagree on which copy is "
                    "the part, so the deck cannot be cleaned reliably")
            lowered.add(info.filename.lower())
            names.add(info.filename)
            if info.file_size > MAX_PART_BYTES:
                raise SlidesanError(
                    f"{path.name}: part {info.filename} inflates to {info.file_size / 2**20:.0f} MB; "
                    f"refusing parts over {MAX_PART_BYTES // 2**20} MB")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise SlidesanError(
                    f"{path.name}: part {info.filename} is a zip bomb "
                    f"({info.compress_size} bytes inflating to {info.file_size})")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise SlidesanError(
                f"{path.name}: the package inflates to {total / 2**20:.0f} MB; refusing more than "
                f"{MAX_TOTAL_BYTES // 2**20} MB")
        if "[Content_Types].xml" not in names:
            raise SlidesanError(f"{path.name}: not an Office package ([Content_Types].xml is missing)")
        for info in infos:
            if info.filename in names and info.filename.lower().endswith((".xml", ".rels")):
                check_prologue(path, zf, info)
    return result


def check_prologue(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """OOXML never declares a DTD; one that does is an entity-expansion or XXE attempt."""
    try:
        with zf.open(info) as fh:
            head = fh.read(PROLOGUE_PEEK)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise SlidesanError(f"{path.name}: part {info.filename} is corrupt ({exc})") from None
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<\x00!\x00D\x00O\x00C" in head:
        raise SlidesanError(
            f"{path.name}: part {info.filename} declares a DTD or entities, which Office never "
            "writes; refusing a possibly hostile file")
