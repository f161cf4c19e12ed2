"""Short text the profile keeps, read all the same.

Table E.1-1 lists the attributes known to identify; every other attribute (Body Part Examined,
Image Type, Manufacturer's Model Name, Window Center & Width Explanation, Display Set Label,
Convolution Kernel, the code meanings of public schemes...) is kept as written, and structured.py
reads short text only inside structured content. A Code Meaning the detectors object to is still
kept when it is the meaning the standard's code dictionary gives its code. A writer can put anything anywhere, so every kept
string of a text VR is read here too, outside structured content: this header's own identity
values, runs of seven or more digits, UIDs, and what the identifier detectors call a person, an ID,
a date or a place. Values are standard words and product names far more often than prose, so a
loose run of capitalised words counts as a name only with a given name in it or an initial beside
an unknown word (see `_believed`): `Specimen well`, `KONICA MINOLTA`, `CSA MPR` stay,
`Eleanor Whitcombe`, `WHITCOMBE E` and `WHITCOMBE^ELEANOR` do not.

Free text (LO, SH, UC) is cleaned in place by structured.clean_element (`[name]`...). A coded
string (CS) allows only capitals, digits, space and underscore, so a CS value holding an
identifier is replaced whole by `REMOVED`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydicom.multival import MultiValue

from slidesan.dicom import peek
from slidesan.dicom.structured import (CODE_MEANING, CODE_PARTS, CODING_SCHEME, LONG_NUMBER, RECORD_TOKEN, REMOVED_CODE,
                                       UID_IN_TEXT, clean_element, header_pattern, name_end,
                                       record_like)
from slidesan.report.model import DIRECT_CATEGORIES, HIGH, INFO

SHORT_TEXT_VRS = frozenset({"LO", "SH", "UC", "CS"})
# Strings that are structure (the character set).
STRUCTURAL_TAGS = frozenset({0x00080005})
# What marks.py writes afresh at the top level after the walk (De-identification Method); inside a
# sequence item it stays as it came, and is read.
WRITTEN_AFRESH = frozenset({0x00120063})
NAME_KINDS = ("name", "clinician", "institution")
CODE_VALUE = 0x00080100
STRUCTURAL_CONFIDENCE = 0.8
SHARED_PLACE_WORDS = frozenset("medical hospital hospitals general university royal clinic clinics centre center "
                               "health healthcare systems trust nhs foundation infirmary county district community "
                               "imaging radiology institute national regional city saint st".split())
ID_KINDS = ("patient-id", "hospital-number", "accession")
LABELLED_CONFIDENCE = 0.9     # an ID after its label ("MRN A12345")
_INITIAL_AFTER = re.compile(r"[\s,]+[A-Z]\.?(?=[\s,.)]|$)")          # WHITCOMBE E, Smith, J.
_INITIAL_BEFORE = re.compile(r"(?:^|[\s(,])[A-Z]\.?[\s,]+$")         # J. P. McAllister
_INITIAL_INSIDE = re.compile(r"(?:^|[\s,])[A-Z]\.?(?:[\s,]|$)")    # the match holds its initial (initials.py)
_WORD = re.compile(r"[^\W\d_]{2,}")


def should_scan(tag: int, vr: str, top_level: bool = False) -> bool:
    return vr in SHORT_TEXT_VRS and tag not in STRUCTURAL_TAGS and not (top_level and tag in WRITTEN_AFRESH)


def scan_element(ds, tag: int, vr: str, text: str, run, where: str) -> None:
    """Read one kept short value; clean it when it holds an identifier. The parts of a code are
    codes (`121318`, `T-A0100`, `99ACME`), so there only a sure form counts: this header's own
    identity, a SURNAME^GIVEN, a labelled date of birth or record number, a surname with its initial."""
    if not text.strip():
        return
    pattern = own_terms(run)
    if tag in CODE_PARTS:
        if (pattern is not None and pattern.search(text)) or _sure_identifier(text) or _initialled_name(text):
            clean_element(ds, tag, vr, text, run, where)
        return
    if vr != "CS":
        # the code dictionary (60 MB) is consulted only for a meaning the detectors object to
        if _holds_identifier(text, pattern) and not (tag == CODE_MEANING and is_standard_meaning(ds, text)):
            clean_element(ds, tag, vr, text, run, where)
        return
    parts = text.split("\\")
    hits = [part for part in parts if part.strip() and _holds_identifier(part, pattern)]
    if not hits:
        return
    new = [REMOVED_CODE if part in hits else part for part in parts]
    ds[tag].value = new if len(new) > 1 else new[0]
    run.written.append((ds, tag))
    run.add("dicom-attribute", HIGH, "replaced", f"a kept coded value held an identifier and was replaced by "
            f"{REMOVED_CODE}{where}", f'{run.keyword(tag)} "{text[:120]}"')


def own_terms(run):
    """This header's identity values as a pattern, without the words every institution and
    manufacturer shares (`GE MEDICAL SYSTEMS` does not name `St Mary's Medical Centre`)."""
    if getattr(run, "kept_text_pattern", False) is False:
        run.kept_text_pattern = header_pattern(frozenset(t for t in run.identity if t not in SHARED_PLACE_WORDS))
    return run.kept_text_pattern


def _holds_identifier(text: str, pattern) -> bool:
    if pattern is not None and pattern.search(text):
        return True
    if LONG_NUMBER.search(text) or UID_IN_TEXT.search(text):
        return True
    return any(_believed(category, text, start, end, confidence) for category, start, end, confidence in _found(text))


SURE = 0.9


def _sure_identifier(text: str) -> bool:
    return any(confidence >= SURE and (category in DIRECT_CATEGORIES or category == "date-of-birth")
               and _believed(category, text, start, end, confidence) for category, start, end, confidence in _found(text))


INITIALLED = 0.7    # the name detector's confidence for a word with an initial beside it (`OAKHART Q`)


def _initialled_name(text: str) -> bool:
    """A word no vocabulary knows with an initial beside it (`OAKHART Q`, `Q. Oakhart`): no code of
    the standard's dictionaries (18,735 codes) nor of pydicom's test files has that shape."""
    return any(category in NAME_KINDS and confidence >= INITIALLED and _believed(category, text, start, end, confidence)
               for category, start, end, confidence in _found(text))


def believed_direct(text: str) -> str | None:
    """The category of the first direct identifier (a name, a record number...) believed in `text`
    (a printable run of bytes nobody can interpret: kept_bytes.py)."""
    for category, start, end, confidence in _found(text[:2000]) if len(text) >= 3 else ():
        if category in DIRECT_CATEGORIES and _believed(category, text, start, end, confidence):
            return category
    return None


def believed_names(text: str) -> list[str]:
    """Categories of the person and place names in a short value (a header value, a file name)
    that pass `_believed`."""
    return [category for category, start, end, confidence in _found(text)
            if category in NAME_KINDS and _believed(category, text, start, end, confidence)]


# Free text the profile removes but that may name the patient or a clinician: a name believed
# there is a name of this file, so its parts found alone in a kept value ("Whitcombe window"
# beside a request "CT chest for Eleanor Whitcombe") are this header's own terms.
NAMING_TEXT_KEYWORDS = ("StudyDescription", "SeriesDescription", "RequestedProcedureDescription",
                        "PerformedProcedureStepDescription", "ImageComments", "ProtocolName", "PatientComments",
                        "AdditionalPatientHistory", "ReasonForTheRequestedProcedure", "AdmittingDiagnosesDescription",
                        "StudyComments", "RequestedProcedureComments")


def named_in_header(values) -> frozenset[str]:
    """Lower-case words (3+ letters) of the person names believed in the header's free text."""
    words: set[str] = set()
    for keyword in NAMING_TEXT_KEYWORDS:
        value = values.get(keyword)
        for text in (value if isinstance(value, list) else [value]):
            if not isinstance(text, str) or not text.strip():
                continue
            for category, start, end, confidence in _found(text):
                if category in ("name", "clinician") and _believed(category, text, start, end, confidence):
                    words.update(w.lower() for w in _WORD.findall(text[start:end]) if len(w) >= 3 and _name_word(w))
    return frozenset(words)


IDENTIFIER_KINDS = frozenset({"hospital-number", "patient-id", "accession", "nhs-number"})


def named_in_narrative(texts) -> frozenset[str]:
    """Lower-case words of the names, and the record numbers, that report and annotation text
    (LT, ST, UT) names: they are this file's own terms, so the same person written again in lower
    case (`siobhan ni bhraonain attended`), a surname alone in a short label (`Fjellstad window`,
    a channel label) or a record number reused as a local code is replaced too."""
    terms: set[str] = set()
    for text in texts:
        for category, start, end, confidence in _found(text):
            if category in ("name", "clinician") and _believed(category, text, start, end, confidence):
                # believed names only: a loose run of capitalised words (`Inferred Sample Text`,
                # `Isocenter Beam 1`) would make `INFERRED FROM` or `ISOCENTER` a term of the file
                words = _WORD.findall(text[start:name_end(text, end)])
                terms.update(w.lower() for w in words if len(w) >= 3 and _name_word(w))
            elif category in IDENTIFIER_KINDS and len(text[start:end].strip()) >= 5:
                terms.add(text[start:end].strip().lower())
        terms.update(m.group().lower() for m in RECORD_TOKEN.finditer(text) if record_like(m.group()))
    return frozenset(terms)


def _name_word(word: str) -> bool:
    """A word of a believed name that can stand for it alone: not a title or an ordinary word
    (`Dr`, `Mrs`, `Head` beside a name would clean every kept value that says them)."""
    from slidesan.scan.identifiers import default_vocabulary
    from slidesan.scan.identifiers.word_knowledge import is_given_name, is_surname_like, is_word_form

    vocabulary = default_vocabulary()
    return is_given_name(word, vocabulary) or is_surname_like(word, vocabulary) or not is_word_form(word, vocabulary)


@lru_cache(maxsize=16384)
def _found(text: str) -> tuple:
    from slidesan.scan.identifiers import find_identifiers

    return tuple((m.category, m.start, m.end, m.confidence) for m in find_identifiers(text, source="dicom")
                 if m.severity != INFO and m.category != "other-text")


def _believed(category: str, text: str, start: int, end: int, confidence: float) -> bool:
    """A detector's hit in a kept value. An ID needs its label or six digits; names found by their
    structure (SURNAME^GIVEN, a title, a label) are believed; a loose run of capitalised words (`Specimen well`, `KONICA MINOLTA`,
    `Omnipaque 350`: values are full of words the vocabulary does not know) only with a given name
    in it or an initial beside an unknown word (`WHITCOMBE E`, `J. P. McAllister`)."""
    if category in ID_KINDS:      # codes of standards and products (ISO_10918_1, GB18030, VB17A) are no record
        return confidence >= LABELLED_CONFIDENCE or len(re.sub(r"\D", "", text[start:end])) >= 7
    if category not in NAME_KINDS or confidence >= STRUCTURAL_CONFIDENCE:
        return True
    from slidesan.scan.identifiers import default_vocabulary
    from slidesan.scan.identifiers.word_knowledge import is_given_name, is_surname_like, is_user_name, is_word_form

    vocabulary = default_vocabulary()
    words = _WORD.findall(text[start:end])
    if any(is_given_name(w, vocabulary) or is_user_name(w, vocabulary) for w in words):
        return True
    unknown = any(len(w) >= 3 and (not is_word_form(w, vocabulary) or is_surname_like(w, vocabulary)) for w in words)
    return unknown and bool(_INITIAL_BEFORE.search(text, 0, start) or _INITIAL_AFTER.match(text, end)
                            or _INITIAL_INSIDE.search(text[start:end]))


def is_standard_meaning(item, meaning: str) -> bool:
    """The Code Meaning is the one the standard's code dictionary gives this code (pydicom's copy
    of PS3.16: DCM, SNOMED CT (SRT codes mapped), LOINC, UCUM...)."""
    scheme, code = (str(getattr(peek.element(item, tag), "value", "") or "").strip()
                    for tag in (CODING_SCHEME, CODE_VALUE))
    return _fold(meaning) in _meanings().get((scheme.upper(), code), ())


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _meanings() -> dict[tuple[str, str], set[str]]:
    try:
        from pydicom.sr import _concepts_dict, _snomed_dict
    except ImportError:                    # no dictionary: every meaning is read
        return {}
    table: dict[tuple[str, str], set[str]] = {}
    for scheme, concepts in _concepts_dict.concepts.items():
        for codes in concepts.values():
            for code, (meaning, _cids) in codes.items():
                table.setdefault((scheme.upper(), code), set()).add(_fold(meaning))
    for old, new in _snomed_dict.mapping.get("SRT", {}).items():
        if ("SCT", new) in table:
            table[("SRT", old)] = table[("SCT", new)]
    return table


def value_text(value) -> str | None:
    """A decoded value as one string (multi-values joined by backslashes); None for bytes."""
    if value is None or isinstance(value, (bytes, bytearray)):
        return None
    if isinstance(value, (list, tuple, MultiValue)):
        return "\\".join(str(v) for v in value)
    return str(value)
