"""Red team 19 search: every place an output DICOM file could still hold a planted identifier.

`texts(path)` yields (where, text) for: every element's value decoded with the file's character
set (pydicom), every bytes value as Latin-1 and UTF-8, the whole file's raw bytes as Latin-1,
UTF-8, UTF-16 (both orders), EUC-KR and ISO-2022-JP, and an encapsulated document's text (a PDF's
Info, XMP, every decompressed stream and pdftotext's reading; a CDA's XML). `found(texts, needles)`
says which needles occur: words compared whole-word and case-insensitively, numbers also with
spaces and hyphens taken out, CJK text as substrings.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile

import pydicom
from pydicom.dataset import Dataset

from objects import in_deep_thread

RAW_CODECS = ("latin-1", "utf-8", "utf-16-le", "utf-16-be", "euc_kr", "iso2022_jp")
DIGIT_NEEDLES = ("nhs", "mrn-digits")


def read_deep(path) -> dict:
    """{"ds", "elements"} of an output read in a deep thread, or {"error"} when pydicom cannot read it."""
    def read() -> dict:
        ds = pydicom.dcmread(path, force=True)
        return {"ds": ds, "elements": list(_elements(ds))}
    try:
        return in_deep_thread(read)
    except Exception as exc:  # noqa: BLE001 - an unreadable output is reported, not fatal
        return {"error": exc}


def _elements(ds: Dataset):
    """(keyword path, element) of every element at every level, iteratively."""
    stack = [(ds, "")]
    while stack:
        current, where = stack.pop()
        for elem in current:
            name = elem.keyword or str(elem.tag)
            if elem.VR == "SQ":
                stack.extend((child, f"{where}{name}>") for child in elem.value)
            else:
                yield f"{where}{name}", elem


def element_texts(elements):
    for where, elem in elements:
        value = elem.value
        if isinstance(value, (bytes, bytearray)):
            if elem.tag == 0x7FE00010 or len(value) > 4_000_000:
                continue
            for codec in ("latin-1", "utf-8"):
                yield where, bytes(value).decode(codec, "ignore")
        elif value is not None:
            yield where, str(value)


def document_texts(data: bytes):
    """The text a PDF or XML document holds, as a reader or a parser would see it."""
    if data.lstrip().startswith(b"<"):
        yield "document xml", data.decode("utf-8", "ignore")
        return
    if b"%PDF" not in data[:1024]:
        return
    import pikepdf
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        yield "document unreadable", f"{type(exc).__name__}"
        return
    for key, value in pdf.docinfo.items():
        yield f"pdf info {key}", str(value)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            try:
                yield "pdf stream", obj.read_bytes().decode("latin-1")
            except Exception:  # noqa: BLE001 - a stream pikepdf cannot decode is searched raw below
                yield "pdf stream raw", obj.read_raw_bytes().decode("latin-1")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        text = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, check=False).stdout
        yield "pdftotext", text.decode("utf-8", "ignore")


def texts(path):
    """Every (where, text) an output holds; ('unreadable', reason) when pydicom cannot read it."""
    data = path.read_bytes()
    for codec in RAW_CODECS:
        yield f"raw {codec}", data.decode(codec, "ignore")
    read = read_deep(path)
    if "error" in read:
        yield "unreadable", f"{type(read['error']).__name__}: {read['error']}"
        return
    yield from element_texts(read["elements"])
    ds = read["ds"]
    if 0x00420011 in ds:
        yield from document_texts(bytes(ds[0x00420011].value or b""))


def _pattern(needle: str) -> re.Pattern:
    body = re.escape(needle).replace(r"\ ", r"[\s^,_]+")
    if needle.isascii():
        return re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", re.I)
    return re.compile(body, re.I)


def found(pairs, needles: dict[str, str]) -> dict[str, str]:
    """needle label -> where it was first found."""
    patterns = {label: _pattern(text) for label, text in needles.items() if len(text) >= 3 or not text.isascii()}
    digits = {label: needles[label] for label in DIGIT_NEEDLES if len(needles.get(label, "")) >= 7}
    hits: dict[str, str] = {}
    for where, text in pairs:
        for label, pattern in patterns.items():
            if label not in hits and pattern.search(text):
                hits[label] = where
        if digits:
            squeezed = re.sub(r"[\s\-]", "", text)
            for label, number in digits.items():
                if label not in hits and number in squeezed:
                    hits[label] = where + " (digits)"
    return hits
