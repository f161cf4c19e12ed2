"""What earlier revisions of an incrementally saved PDF said that the last one no longer says.

An incremental save appends the edit and leaves the old objects in the file: the page as it was before
a name was blacked out, a document title before it was blanked, a deleted comment. A viewer shows only
the last revision and so does pikepdf; the cleaner writes only the last one, so nothing old reaches the
output. But `check` rates the input, and "earlier revisions dropped" is not "a patient named there".
Each earlier revision is the file cut at its own end marker; it is opened with the same preflight
(structure, stream caps) as any input, and its page text (PDFium) and every text string of its objects
are compared with the last revision's: lines only the old one holds are returned for the detectors.
"""

from __future__ import annotations

import io
import re

import pikepdf

from slidesan.errors import SlidesanError

MAX_REVISIONS = 8          # earlier revisions read; more are rare, and each is a whole parse
MAX_PAGES = 400            # pages of one revision whose text is compared
MAX_STRINGS = 20000        # text strings of one revision's objects


def earlier_text(raw: bytes, ends: list[int]) -> str:
    """Lines of text the revisions ending at `ends` (all but the last) hold and the whole file does not."""
    if len(ends) < 2:
        return ""
    current = revision_lines(raw)
    old: set[str] = set()
    for end in ends[:-1][-MAX_REVISIONS:]:
        old |= revision_lines(raw[:end])
    return "\n".join(sorted(old - current))


def revision_lines(data: bytes) -> set[str]:
    """Page text lines and object strings of one revision; empty when it cannot be opened safely."""
    from slidesan.pdf.document import bound_streams, check_structure

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            check_structure(pdf, "revision")
            bound_streams(pdf, "revision")
            lines = object_strings(pdf)
    except (SlidesanError, pikepdf.PdfError, ValueError, TypeError, KeyError, RecursionError):
        return set()
    return lines | page_lines(data)


def object_strings(pdf: pikepdf.Pdf) -> set[str]:
    from slidesan.pdf.objects import is_binary, text_of

    found: set[str] = set()
    pending = [obj for obj in pdf.objects if isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream))]
    seen = 0
    while pending and seen < MAX_STRINGS:
        value = pending.pop()
        seen += 1
        if isinstance(value, pikepdf.String):
            text = text_of(value).strip()
            if text and not is_binary(bytes(value)) and not _PDF_DATE.match(text):   # IDs and save times
                found.add(text)
        elif isinstance(value, pikepdf.Array):
            pending.extend(value)
        elif isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
            pending.extend(v for k, v in value.items() if k not in ("/Parent", "/P", "/Kids", "/First", "/Last",
                                                                      "/Next", "/Prev"))
    return found


def page_lines(data: bytes) -> set[str]:
    from slidesan.pdf.text import open_pdfium

    lines: set[str] = set()
    try:
        document = open_pdfium(data)
    except Exception:  # noqa: BLE001 - PDFium refuses what it cannot open; the revision is then not compared
        return lines
    try:
        for index in range(min(len(document), MAX_PAGES)):
            textpage = document[index].get_textpage()
            try:
                lines.update(line.strip() for line in textpage.get_text_range().splitlines() if line.strip())
            finally:
                textpage.close()
    except Exception:  # noqa: BLE001
        pass
    finally:
        document.close()
    return lines


_PDF_DATE = re.compile(r"^D:\d{4}")
