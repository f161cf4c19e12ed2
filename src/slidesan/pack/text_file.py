"""Plain-text case notes in a pack (.txt, .csv, .tsv, .md, .json): read and judged like slide text.

Workshop packs carry the case notes and answer sheets as plain text. Such a file has no hiding
place beyond its characters, so every line is read by the identifier detectors, as typed slide
text is, and the file is copied unchanged: a line that names a patient is flagged (high), and the
organiser edits it; a file with nothing flagged is as clean as a deck's slide text can be said
to be. A file that does not decode as text (a NUL byte, an unknown encoding, over the size limit)
is not inspected and not copied.

JSON (a converter's sidecar beside a NIfTI volume, a DICOM header exported as JSON, a case
database) is read value by value, each with its key as its label (`PatientName: SMITH^JOHN`),
so a minified file is not one line too long to judge; JSON that does not parse is read as lines.
"""

from __future__ import annotations

from slidesan.report.model import Finding

TEXT_SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".md", ".markdown", ".json")
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


def text_findings(text: str, options, name: str = "") -> list[Finding]:
    """One finding per identifier in each line (each value of a JSON file), severities as for
    typed slide text."""
    from slidesan.scan.deck_scan import load_user_vocabulary
    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.identifiers.match import text_severity

    vocabulary = load_user_vocabulary(options)
    found = []
    for where, line in (json_lines(text) if name.lower().endswith(".json") else None) or text_lines(text):
        if not line.strip():
            continue
        for match in find_identifiers(line, vocabulary, source="text"):
            if match.category == "other-text":
                continue
            severity, label = text_severity(match)
            found.append(Finding(match.category, severity, "flagged", f"{label} {where} of the text",
                                 text=match.text, step="text"))
    return found


def text_lines(text: str):
    return ((f"in line {number}", line) for number, line in enumerate(text.splitlines(), start=1))


def is_dicom_attribute(value) -> bool:
    """A DICOM JSON attribute (PS3.18 F.2: `"00100010": {"vr": "PN", ...}`): its key is a tag, not
    a word anyone typed. Any other key is read (a case list may be keyed by hospital number)."""
    return isinstance(value, dict) and isinstance(value.get("vr"), str) and len(value["vr"]) == 2


def json_lines(text: str) -> list[tuple[str, str]] | None:
    """("at KEY/PATH", "KEY: value") for every scalar value of a JSON document, and every key on its
    own; None when it does not parse."""
    import json

    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    lines, stack = [], [("", "", document)]
    while stack:                                     # iterative: nesting depth is the file's choice
        path, key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{path}/{k}", str(k), v) for k, v in reversed(list(value.items())))
            lines.extend((f"at {path}/{k}", str(k)) for k, v in value.items() if not is_dicom_attribute(v))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", key, v) for i, v in reversed(list(enumerate(value))))
        elif value is not None and not isinstance(value, bool):
            lines.append((f"at {path or '/'}", f"{key}: {value}" if key else str(value)))
    return lines
