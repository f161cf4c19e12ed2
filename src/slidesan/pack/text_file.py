"""Plain-text case notes in a pack (.txt, .csv, .tsv, .md): read and judged like slide text.

Workshop packs carry the case notes and answer sheets as plain text. Such a file has no hiding
place beyond its characters, so every line is read by the identifier detectors, as typed slide
text is, and the file is copied unchanged: a line that names a patient is flagged (high), and the
organiser edits it; a file with nothing flagged is as clean as a deck's slide text can be said
to be. A file that does not decode as text (a NUL byte, an unknown encoding, over the size limit)
is not inspected and not copied.
"""

from __future__ import annotations

from slidesan.report.model import Finding

TEXT_SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".md", ".markdown")
MAX_TEXT_BYTES = 8 << 20
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decoded(data: bytes) -> str | None:
    """The text of `data`: by its byte-order mark, else UTF-8, else Windows-1252 when no byte is a
    control character a text file would not hold; None for anything else."""
    if len(data) > MAX_TEXT_BYTES:
        return None
    for mark, encoding in BOMS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    if any(byte < 0x20 and byte not in (9, 10, 12, 13) for byte in data):
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def text_findings(text: str, options) -> list[Finding]:
    """One finding per identifier in each line, severities as for typed slide text."""
    from slidesan.scan.deck_scan import load_user_vocabulary
    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.identifiers.match import text_severity

    vocabulary = load_user_vocabulary(options)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        for match in find_identifiers(line, vocabulary, source="text"):
            if match.category == "other-text":
                continue
            severity, label = text_severity(match)
            found.append(Finding(match.category, severity, "flagged", f"{label} in line {number} of the text",
                                 text=match.text, step="text"))
    return found
