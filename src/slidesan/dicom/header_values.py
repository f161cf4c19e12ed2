"""A few header values of a DICOM file, small enough to keep for every file of a 10,000-file pack.

The pack survey needs about thirty top-level attributes of every file (who the patient is, for
pseudonyms and renames; the series geometry, for the face-risk check) before any work goes
parallel. A pydicom Dataset per file costs kilobytes and converting each value through pydicom
costs more than reading the file; `HeaderValues` keeps plain strings (text decoded from the raw
bytes, multi-valued text as a list, repeated strings interned) and answers `get` and `in` by
keyword, which is all naming.py, face_risk.py and face_volume.py ask of a header.
"""

from __future__ import annotations

import sys
from functools import lru_cache

from pydicom.datadict import tag_for_keyword

from slidesan.dicom import peek
from slidesan.dicom.peek import dictionary_vr

TEXT_VRS = frozenset({"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC",
                      "UI", "UR", "UT"})
FAST_CHARSETS = frozenset({"", "ISO_IR 6", "ISO_IR 100", "ISO_IR 192"})


class HeaderValues(dict):
    """keyword -> str (or list of str for multi-valued text, int/float for binary numbers)."""

    def get(self, keyword, default=None):
        return dict.get(self, keyword, default)


def header_values(ds, keywords) -> HeaderValues:
    """The values of `keywords` present at the top level of `ds`, without pydicom's conversions."""
    charset = ds.get_item(0x00080005)
    charset = charset.value if charset is not None else b""
    charset = charset.decode("ascii", "replace") if isinstance(charset, bytes) else str(charset or "")
    charset = charset.strip().strip("\0")
    utf8 = charset == "ISO_IR 192"
    fast = charset in FAST_CHARSETS          # other character sets: let pydicom decode
    out = HeaderValues()
    little = getattr(ds, "original_encoding", (None, True))[1] is not False
    for keyword in keywords:
        tag = _tag(keyword)
        raw = ds.get_item(tag) if tag is not None else None
        if raw is None:
            continue
        vr = raw.VR or dictionary_vr(tag)
        value = raw.value
        if vr == "US" and isinstance(value, (bytes, bytearray)) and len(value) == 2:
            out[keyword] = int.from_bytes(value, "little" if little else "big")
            continue
        if vr in TEXT_VRS and isinstance(value, (bytes, bytearray)) and fast:
            text = value.decode("utf-8" if utf8 else "latin-1", "replace").strip("\0 ")
            if not text:
                continue
            parts = [sys.intern(p.strip()) for p in text.split("\\")] if "\\" in text else None
            out[keyword] = parts if parts is not None else sys.intern(text)
            continue
        try:
            converted = peek.element(ds, tag).value
        except Exception:  # noqa: BLE001 - an odd value only costs this hint
            continue
        if converted not in (None, ""):
            many = isinstance(converted, (list, tuple)) or type(converted).__name__ == "MultiValue"
            out[keyword] = [str(v) for v in converted] if many else \
                (converted if isinstance(converted, (int, float)) else str(converted))
    return out


@lru_cache(maxsize=512)
def _tag(keyword: str) -> int | None:
    return tag_for_keyword(keyword)
