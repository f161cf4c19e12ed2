"""Byte values the profile keeps, read all the same.

Outside the pixel data, an OB or UN value Table E.1-1 does not list is kept as written: a
calibration table, an ICC profile, a fill pattern, a certificate, an HPGL plot, a value a writer
stored under the wrong VR. Any of them can carry text, and a certificate names its signer. Every
run of printable characters in such a value is read: this header's own identity values, or a
direct identifier the detectors believe (kept_text.believed_direct), and the element is removed
with a high finding that names what it held. Numbers alone are not enough: binary data is full
of digit runs.
"""

from __future__ import annotations

import re

from slidesan.dicom import kept_text
from slidesan.report.model import HIGH

BYTE_VRS = frozenset({"OB", "UN", "OB or OW"})
_PRINTABLE_RUN = re.compile(rb"[\x20-\x7e]{5,}")
_LETTERS = re.compile(r"[A-Za-z]{3}")


def should_read(tag: int, vr: str) -> bool:
    """Kept bytes outside the pixel data (which burned_in.py and frame_markers.py read)."""
    return vr in BYTE_VRS and tag >> 16 != 0x7FE0


def identifier_in(value: bytes, run) -> tuple[str, str] | None:
    """(category, the printable run holding it) of the first identifier in `value`'s bytes: this
    header's own identity, or a direct identifier the detectors believe; None when there is none."""
    own = kept_text.own_terms(run)
    for match in _PRINTABLE_RUN.finditer(value):
        text = match.group().decode("ascii")
        if not _LETTERS.search(text):
            continue
        category = kept_text.believed_direct(text) or _own_term_kind(own.search(text) if own is not None else None)
        if category:
            return category, text
    return None


def read_element(ds, raw, run, where: str) -> None:
    value = getattr(raw, "value", None)
    if not isinstance(value, (bytes, bytearray)) or not value:
        return
    found = identifier_in(value, run)
    if found:
        category, text = found
        del ds[raw.tag]
        run.add(category, HIGH, "removed", f"bytes the profile keeps held an identifier; element removed{where}",
                f'{run.keyword(raw.tag)} <{len(value)} bytes>: "{text[:120]}"')


def _own_term_kind(match) -> str | None:
    """A value of this header's identity (its patient's name or ID) found in the bytes."""
    if match is None:
        return None
    return "patient-id" if any(ch.isdigit() for ch in match.group()) else "name"
