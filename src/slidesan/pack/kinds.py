"""What a file in a pack is, decided from its content: a .dcm can be a JPEG, a .jpg can be DICOM.

Only the first bytes are needed, except for zips, where the directory tells a deck (an OPC package
with ppt/presentation.xml) from an archive.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from slidesan.images.metadata import sniff_format
from slidesan.pack.text_file import TEXT_SUFFIXES

DICOM, DICOMDIR, IMAGE, DECK, ZIP, UNKNOWN = "dicom", "dicomdir", "image", "deck", "zip", "unknown"
PDF, TEXT = "pdf", "text"
HEAD_BYTES = 132          # enough for the 128-byte preamble + "DICM"
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ppt", ".pps", ".pot")
DICOM_SUFFIXES = (".dcm", ".dicom", ".dic", ".ima")
OFFICE_LOCK_PREFIX = "~$"


def image_format(head: bytes) -> str | None:
    """The picture format from the magic bytes (shared with images.metadata); None for anything else."""
    fmt = sniff_format(head)
    if fmt == "BMP" and len(head) < 26:     # "BM" alone is too weak a signature for a whole header
        return None
    return fmt


def is_dicom_head(head: bytes) -> bool:
    return len(head) >= 132 and head[128:132] == b"DICM"


def zip_kind(data_or_file) -> str:
    """DECK for an OPC package holding a presentation, ZIP for any other readable zip."""
    try:
        with zipfile.ZipFile(data_or_file if not isinstance(data_or_file, (bytes, bytearray))
                             else io.BytesIO(data_or_file)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return UNKNOWN
    if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
        return DECK
    return ZIP


def office_document(data_or_file) -> str | None:
    """What kind of office file a zip that is not a deck is (a .docx, .xlsx, .odt, .odp...), or None
    for an archive: such a file is a document to convert or remove, never something to unzip.
    `data_or_file`: the bytes, or a path (only the zip directory is read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data_or_file) if isinstance(data_or_file, (bytes, bytearray))
                             else data_or_file) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200 and \
                    zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                return "an OpenDocument"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        return None
    return "an Office (OOXML)" if "[Content_Types].xml" in names else None


def sniff_file(path) -> str | None:
    """The kind of a file on disk from its content (None when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return None
    return sniff(head, Path(path).name, whole=path)


def sniff(head: bytes, name: str = "", whole=None) -> str:
    """The kind of a file from its first bytes; `whole` (bytes or a path) is needed only for zips.

    A DICOMDIR is told apart by name here (its content is checked again when it is read); a Part 10
    file without the preamble is still DICOM if it is named like one and the DICOM reader agrees.
    """
    lower = name.lower().rsplit("/", 1)[-1]
    if is_dicom_head(head):
        return DICOMDIR if lower == "dicomdir" else DICOM
    if image_format(head):
        return IMAGE
    if b"%PDF-" in head or lower.endswith(".pdf"):
        return PDF             # a broken one is explained by the PDF cleaner
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = zip_kind(whole) if whole is not None else ZIP
        if kind == UNKNOWN and lower.endswith(DECK_SUFFIXES):
            return DECK        # a broken deck: the deck cleaner explains what is wrong with it
        return kind
    if lower.startswith(OFFICE_LOCK_PREFIX):
        return UNKNOWN         # "~$talk.pptx": Office's lock file beside a deck that is open, not a deck
    if lower.endswith(DECK_SUFFIXES):
        return DECK            # legacy, encrypted or not a deck at all: the deck cleaner says which
    if lower == "dicomdir":
        return DICOMDIR
    if lower.endswith(TEXT_SUFFIXES):
        return TEXT            # case notes; one that does not decode as text is not inspected
    if lower.endswith(DICOM_SUFFIXES) or "." not in lower:
        return DICOM           # possibly Part 10 without a preamble; the reader decides
    return UNKNOWN
