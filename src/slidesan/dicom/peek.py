"""Reading a header value without converting its element in place.

pydicom keeps every element it read as a RawDataElement (tag, VR, length, the value's bytes) until
something asks for it: `ds.get("Modality")` or `ds[tag]` then converts it (about 10 µs) and stores
the DataElement in its place, and on writing a converted element is encoded again (another ~10 µs)
where a raw one is copied as its bytes. Most of what slidesan reads for a decision (Modality, SOP
Class, Image Type, the Image Pixel attributes, a descriptor) is then kept as it was, so those reads
go through here: `value(ds, key, default)` answers what `ds.get(keyword, default)` answers and
`element(ds, key)` what `ds[tag]` answers, but a plain element is read from its bytes and stays raw:
a single US number, or an ASCII code string or text, whose bytes are exactly what pydicom would
write for the value it reads (trailing padding of one byte at most), so keeping it raw changes no
output byte. Anything else (other character sets, numbers written as text, dates, padding pydicom
would normalise, a VR pydicom would correct) is converted in place by pydicom as before.
tests/test_dicom_peek.py holds every element of pydicom's test files to pydicom's own values and
bytes.
"""

from __future__ import annotations

from functools import lru_cache

from pydicom.charset import default_encoding
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import DataElement, RawDataElement
from pydicom.multival import MultiValue
from pydicom.uid import UID

PIXEL_DATA = 0x7FE00010
CHARSET = 0x00080005
# VRs whose ASCII bytes decode to a value by stripping trailing NULs and spaces and splitting at
# backslashes (pydicom: convert_string, convert_UI, convert_text; convert_single_string for
# paragraphs, where a backslash is no delimiter), written back as the values joined and padded to
# an even length (NUL for UI, else space).
_CODE_VRS = frozenset({"CS", "UI"})
_TEXT_VRS = frozenset({"SH", "LO"})
_PARAGRAPH_VRS = frozenset({"LT", "ST", "UT"})
# Text VRs only when pydicom decodes the level's text as ASCII, Latin-1 or UTF-8 (ISO_IR 6 or none,
# ISO_IR 100, ISO_IR 192); other character sets, with their escapes, are left to pydicom.
_PLAIN_CODECS = frozenset({default_encoding, "latin_1", "UTF8"})
_MISSING = object()


@lru_cache(maxsize=1024)
def _tag(key) -> int | None:
    return key if isinstance(key, int) else tag_for_keyword(key)


def element(ds, key):
    """`ds[key]` (a DataElement), or None when absent. A plain raw element (see the module's
    docstring) is read into a new DataElement and left raw in `ds`; anything else is converted in
    place by pydicom (sequences, whose items are walked, included)."""
    tag = _tag(key)
    if tag is None:
        return None
    raw = ds.get_item(tag)
    if not isinstance(raw, RawDataElement):
        return raw
    found = _plain(ds, raw)
    if found is _MISSING:
        return ds[tag]
    return DataElement(raw.tag, raw.VR or dictionary_vr(raw.tag), found, raw.value_tell, already_converted=True)


def value(ds, key, default=None):
    """What `ds.get(keyword, default)` returns (the element's value, or `default` when absent);
    a plain raw element stays raw."""
    tag = _tag(key)
    raw = ds.get_item(tag) if tag is not None else None
    if raw is None:
        return default
    if isinstance(raw, RawDataElement):
        found = _plain(ds, raw)
        return ds[tag].value if found is _MISSING else found
    return raw.value


def _plain(ds, raw: RawDataElement):
    """The value of a plain raw element read from its bytes, or _MISSING."""
    data, vr = raw.value, raw.VR or dictionary_vr(raw.tag)      # implicit VR: the dictionary's, as pydicom
    if not isinstance(data, bytes) or not data:
        return _MISSING
    if vr == "US":
        return int.from_bytes(data, "little" if raw.is_little_endian else "big") if len(data) == 2 else _MISSING
    if not (vr in _CODE_VRS or vr in _TEXT_VRS or vr in _PARAGRAPH_VRS) or not data.isascii():
        return _MISSING
    if vr not in _CODE_VRS and not _plain_text(ds):
        return _MISSING
    text = data.rstrip(b"\0 ")
    if data != (text + (b"\0" if vr == "UI" else b" ") if len(text) % 2 else text):
        return _MISSING                             # pydicom would write other padding: let it convert
    text = text.decode("ascii")
    if vr in _PARAGRAPH_VRS or "\\" not in text:
        return UID(text) if vr == "UI" else text
    parts = text.split("\\")                      # several values (Image Type): as pydicom splits them
    if vr in _TEXT_VRS and any(part != part.rstrip("\0 ") for part in parts):
        return _MISSING                             # pydicom strips each value, and writes them joined
    return MultiValue(UID if vr == "UI" else str, parts)


@lru_cache(maxsize=4096)
def dictionary_vr(tag: int) -> str:
    """The data dictionary's VR of a tag ("UN" for tags it does not know)."""
    try:
        return dictionary_VR(tag)
    except KeyError:
        return "UN"


def _plain_text(ds) -> bool:
    """Whether pydicom decodes this level's text (not its Specific Character Set) as ASCII would."""
    encodings = ds.original_character_set      # empty for a dataset not read from bytes: pydicom decides
    return (encodings if isinstance(encodings, str) else encodings[0] if len(encodings) == 1 else "") \
        in _PLAIN_CODECS


def charset(ds) -> str:
    """The Specific Character Set of `ds` as one string ("" when absent, "multi" for several)."""
    found = value(ds, CHARSET) or ""
    return found if isinstance(found, str) else "multi"


def pixel_bytes(ds) -> bytes | None:
    """The Pixel Data value (bytes as stored) without converting the element; None when absent."""
    raw = ds.get_item(PIXEL_DATA)
    if raw is None:
        return None
    if isinstance(raw, RawDataElement) and isinstance(raw.value, bytes):
        return raw.value
    return ds.PixelData


class Peeked:
    """Attribute access to `ds` (`view.Rows`, `"NumberOfFrames" in view`) through `value`, for
    library functions that read a dataset by keyword (pydicom's get_expected_length)."""

    def __init__(self, ds):
        self._ds = ds

    def __getattr__(self, keyword: str):
        found = value(self._ds, keyword, _MISSING)
        if found is _MISSING:
            raise AttributeError(keyword)
        return found

    def __contains__(self, key) -> bool:
        return key in self._ds

    def get(self, key, default=None):
        return value(self._ds, key, default)
