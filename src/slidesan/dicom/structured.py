"""Clean Structured Content (PS3.15 E.3.7, code 113104): text kept in a dataset, read and cleaned.

Table E.1-1 decides element by element, but the text of a structured report (Text Value), the text
objects of a presentation state (Unformatted Text Value), local concept names and every other
free-text value the profile keeps are not listed there: they are copied word for word. Here every
kept free-text value (LO, LT, SH, ST, UC, UT) goes through the identifier detectors
(`find_identifiers(text, source="dicom")`), this header's own name parts and IDs, and a UID pattern:

- an identifier is replaced in place by its kind in brackets (`[name]`, `[nhs-number]`), a date by
  the pack's shifted date at limited access (`[date]` otherwise), a UID by the UID the pack key
  derives from it (so a report still points at the cleaned images);
- the cleaned text is read again; text that still holds an identifier after three passes is
  removed whole and reported ("what cannot be cleaned is removed");
- the tree, the codes and the value types are kept. Code meanings of public coding schemes (DCM,
  SCT, LN...) are standard words and are not read; local schemes (99xxx, L) carry free text.

Each replacement is one finding (action "replaced"): the report says what the text held.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from slidesan.dicom import peek
from slidesan.report.model import HIGH, INFO

FREE_TEXT_VRS = frozenset({"LO", "LT", "SH", "ST", "UC", "UT"})
NARRATIVE_VRS = frozenset({"LT", "ST", "UT"})      # paragraphs: read wherever they are kept
CODE_MEANING, CODING_SCHEME = 0x00080104, 0x00080102
# Sequences whose items are structured content: report trees, acquisition context, specimen
# preparation, presentation-state annotations and their text objects, concept names and codes.
STRUCTURED_SEQUENCES = frozenset({0x0040A730, 0x00400555, 0x00400610, 0x00700001, 0x00700008, 0x0040A043,
                                  0x0040A168, 0x0040A504})
# Short text read wherever it is kept: a presentation state's own description of what it shows.
SCANNED_ANYWHERE = frozenset({0x00700081})
# Parts of a code: identifiers of concepts, never free text (Code Meaning is read for local schemes).
CODE_PARTS = frozenset({0x00080100, 0x00080102, 0x00080103, 0x00080105, 0x0008010F, 0x00080119, 0x00080120})
MAX_PASSES = 3
REMOVED_TEXT = "[removed]"
REMOVED_CODE = "REMOVED"          # what stands for removed text in a CS: upper case, digits, space, underscore
CODE_STRING = re.compile(r"[A-Z0-9 _]{0,16}")
MAX_LENGTH = {"SH": 16, "LO": 64, "ST": 1024, "LT": 10240}
UID_IN_TEXT = re.compile(r"(?<![\d.])[0-2](?:\.(?:0|[1-9]\d*)){4,}(?!\d|\.\d)")
# A run of 7+ digits, maybe grouped by single spaces or hyphens (3-3-4, 2-6...): in report text it is
# a record, NHS, accession or telephone number whether or not its check digit or label fits.
LONG_NUMBER = re.compile(r"(?<![\d.,])\d(?:[ \-]?\d){6,}(?!\d|[.,]\d)")
# A token of capitals and digits, maybe with one hyphen, holding five digits or more and a letter
# (`M144222`, `96X82640`, `RXH1234567`, `H2019-04512`): in kept text a record number whatever its
# label; measurements (`23.5mm`), versions (`V2.1`) and codes of the standard hold fewer digits.
RECORD_TOKEN = re.compile(r"(?<![\w.\-/])[A-Z0-9]+(?:-[A-Z0-9]+)?(?![\w\-]|\.\w)")
RECORD_DIGITS = 5
# The words of a name run on past what a detector saw (`Fatima Al-Khatibi`, `Siobhán Ní Bhraonáin`):
# capitalised words joined to a name by one space, up to a word the vocabulary knows.
NAME_KINDS = frozenset({"name", "clinician"})
_NEXT_WORD = re.compile(r"[ ]([A-ZÀ-ÖØ-Þ][\w'’\-]*)")
_DATE_FORMS = (("%d/%m/%Y", re.compile(r"\d{1,2}/\d{1,2}/\d{4}")), ("%Y-%m-%d", re.compile(r"\d{4}-\d{2}-\d{2}")),
               ("%d.%m.%Y", re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")), ("%Y%m%d", re.compile(r"\d{8}")),
               ("%d-%m-%Y", re.compile(r"\d{1,2}-\d{1,2}-\d{4}")))


@lru_cache(maxsize=16384)
def detected(text: str) -> tuple:
    """(category, start, end) of every identifier the detectors find; cached, series repeat values."""
    from slidesan.scan.identifiers import find_identifiers

    return tuple((m.category, m.start, m.end) for m in find_identifiers(text, source="dicom")
                 if m.severity != INFO and m.category != "other-text")


# Attributes whose values, found again inside kept free text, name the patient or the people and
# place of their care. (Station and device names are not here: a kept station name is not a match
# for itself.)
TERM_KEYWORDS = ("PatientName", "OtherPatientNames", "PatientBirthName", "PatientMotherBirthName", "PatientID",
                 "OtherPatientIDs", "AccessionNumber", "PatientBirthDate", "PatientAddress",
                 "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName",
                 "NameOfPhysiciansReadingStudy", "PhysiciansOfRecord", "RequestingPhysician", "InstitutionName")
GENERIC_WORDS = frozenset({"anonymous", "anon", "anonymized", "anonymised", "test", "patient", "unknown", "none",
                           "dicom", "demo", "case", "phantom", "study", "person", "removed", "the", "and", "doctor",
                           "name", "first", "last", "given", "family", "middle"})   # "Last Name^First Name"


def identity_terms(ds) -> frozenset[str]:
    """Lower-case name parts, IDs and the birth date of this header (3+ characters, generic words out)."""
    terms: set[str] = set()
    for name in TERM_KEYWORDS:
        value = ds.get(name)
        if value in (None, ""):
            continue
        for item in (value if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue" else [value]):
            text = str(item)
            parts = re.split(r"[\^=\s,]+", text) if name.endswith(("Name", "Names", "Address")) else [text.strip()]
            terms.update(p.lower() for p in parts if len(p) >= 3 and p.lower() not in GENERIC_WORDS)
    return frozenset(terms)


def header_pattern(terms: frozenset[str]) -> re.Pattern | None:
    """Whole-word, case-insensitive pattern of this header's name parts and IDs."""
    words = sorted((t for t in terms if len(t) >= 3), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z0-9])", re.I)


def _spans(text: str, pattern: re.Pattern | None) -> list[tuple[str, int, int]]:
    spans = list(detected(text))
    if pattern is not None:
        spans += [("header value", m.start(), m.end()) for m in pattern.finditer(text)]
    spans += [("uid", m.start(), m.end()) for m in UID_IN_TEXT.finditer(text)]
    spans += [("number", m.start(), m.end()) for m in LONG_NUMBER.finditer(text)]
    spans += [("hospital-number", m.start(), m.end()) for m in RECORD_TOKEN.finditer(text) if record_like(m.group())]
    spans = [(category, start, name_end(text, end) if category in NAME_KINDS else end)
             for category, start, end in spans]
    rank = {"header value": 1, "uid": 2, "number": 3, "hospital-number": 4}   # the detectors' own reading wins a tie
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1]), rank.get(s[0], 0)))
    chosen: list[tuple[str, int, int]] = []
    for span in spans:
        if chosen and span[1] < chosen[-1][2]:
            continue
        chosen.append(span)
    return chosen


def record_like(token: str) -> bool:
    digits = sum(ch.isdigit() for ch in token)
    return digits >= RECORD_DIGITS and digits < len(token.replace("-", ""))


def name_end(text: str, end: int) -> int:
    """Where a name found up to `end` really ends: over the capitalised words joined to it that the
    vocabulary does not know (a hyphenated or particled surname the detector stopped short of)."""
    from slidesan.scan.identifiers import default_vocabulary
    from slidesan.scan.identifiers.word_knowledge import is_word_form

    vocabulary = default_vocabulary()
    while (word := _NEXT_WORD.match(text, end)) and not is_word_form(word.group(1).strip("'’-"), vocabulary):
        end = word.end()
    return end


def shift_text_date(text: str, days: int) -> str | None:
    """A date written in one of the common forms, moved by `days` and written the same way."""
    for form, shape in _DATE_FORMS:
        if shape.fullmatch(text):
            try:
                return (_dt.datetime.strptime(text, form) + _dt.timedelta(days=days)).strftime(form)
            except ValueError:
                return None
    return None


def clean_text(text: str, state, pattern: re.Pattern | None, shift_days: int | None):
    """(cleaned text or None when it must be removed whole, [(category, original)] replaced).

    Replacements stand in the text as private-use sentinels until the end, and later passes read
    the text with the sentinels blanked out: a replacement is never read as an identifier itself,
    and what a pass newly finds (its context changed) is replaced in turn."""
    replaced: list[tuple[str, str]] = []
    tokens: list[str] = []
    for passes in range(MAX_PASSES + 1):
        view = _SENTINEL.sub(lambda m: " " * len(m.group()), text)
        spans = _spans(view, pattern)
        if not spans:
            return _SENTINEL.sub(lambda m: tokens[int(m.group(1))], text), replaced
        if passes == MAX_PASSES:
            return None, replaced
        pieces, last = [], 0
        for category, start, end in spans:
            original = view[start:end].strip()
            tokens.append(_replacement(category, original, state, shift_days))
            pieces += [text[last:start], f"\ue000{len(tokens) - 1}\ue001"]
            replaced.append((category, original))
            last = end
        pieces.append(text[last:])
        text = "".join(pieces)
    return None, replaced


_SENTINEL = re.compile("\ue000(\\d+)\ue001")


def _replacement(category: str, original: str, state, shift_days: int | None) -> str:
    if category == "uid":
        return state.new_uid(original)
    if category in ("date", "date-of-birth") and shift_days is not None and category == "date":
        shifted = shift_text_date(original, shift_days)
        if shifted:
            return shifted
    return "[" + ("removed" if category == "header value" else category) + "]"


def should_read(ds, tag: int, vr: str, structured: bool) -> bool:
    """Whether a kept free-text element is read: narrative text anywhere; short text inside
    structured content, except the parts of a code and the meanings of registered coding schemes
    (PS3.3 8.2: private schemes start with "99"; "L"/"LOCAL" are local too)."""
    if tag in CODE_PARTS:
        return False
    if tag == CODE_MEANING:
        scheme = peek.element(ds, CODING_SCHEME)
        scheme = str(scheme.value if scheme is not None else "").strip().upper()
        return structured and (not scheme or scheme.startswith("99") or scheme in ("L", "LOCAL"))
    return vr in NARRATIVE_VRS or structured or tag in SCANNED_ANYWHERE


def clean_element(ds, tag: int, vr: str, text: str, run, where: str) -> None:
    """Clean one kept free-text value in place; findings for what it held."""
    shift = run.state.date_offset_days if run.options.modified_dates else None
    cleaned, replaced = clean_text(text, run.state, run.term_pattern, shift)
    if not replaced:
        return
    keyword = run.keyword(tag)
    if cleaned is not None and not _fits(cleaned, vr):
        cleaned, why = REMOVED_TEXT, "the cleaned text would not fit its VR"
    else:
        why = "it still held an identifier after cleaning"
    if cleaned is None or cleaned == REMOVED_TEXT:
        ds[tag].value = REMOVED_CODE if vr == "CS" else REMOVED_TEXT
        run.written.append((ds, tag))
        run.add("structured-content", HIGH, "removed", f"free text removed whole ({why}){where}",
                f'{keyword} "{text[:120]}"')
        return
    ds[tag].value = cleaned
    run.written.append((ds, tag))
    for category, original in replaced:
        what = "original UID" if category == "uid" else category.replace("-", " ")
        run.add(_finding_category(category), INFO if category == "uid" else HIGH, "replaced",
                f"{what} in kept text replaced (Clean Structured Content){where}", f'{keyword}: "{original[:120]}"')


def _fits(text: str, vr: str) -> bool:
    if vr == "CS":
        return all(CODE_STRING.fullmatch(part) for part in text.split("\\"))
    limit = MAX_LENGTH.get(vr)
    return limit is None or all(len(part) <= limit for part in text.split("\\"))


def _finding_category(category: str) -> str:
    return {"header value": "name", "uid": "uid"}.get(category, category)
