"""Names written with initials: `J. P. McAllister`, `E. Thorne`, `McAllister J P`, `Smith, J.`,
`THORNE E`, `James B. Hunt`, and a patient named by a label and initials or a surname: `Patient JPM`, `Pt. McAllister`.

The surname must be one a reader takes for a name: a word no dictionary knows, or a known surname
(Smith); ordinary and imaging words are not (`Figure B`, `Type A Aortic`, `CT A`, `Vitamin K`). A
lone `A` or `I` without a dot is an article or a pronoun, not an initial; letters without dots
next to capitals (`V MYTP`, `DISCLAIMS ALL`) are no initials, and in text read from pixels only
dotted initials count (OCR splits and joins letters freely). Reference lists name
authors in exactly this form (`Smith J, Jones K. Radiology. 2019;290:1-9`); an author of a cited
paper is not a patient, so a line that reads as a citation (et al., a year followed by ; : or .) is
left alone.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers import lexicon
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.word_knowledge import (is_allow_listed, is_function_word, is_given_name, is_known,
                                                      is_surname_like, signed_as_software)

_SURNAME = r"(?:Mc|Mac|O'|D')?[A-Z\u00C0-\u00DE][a-z\u00DF-\u024F]+(?:[-'\u2019][A-Z\u00C0-\u00DE][a-z\u00DF-\u024F]+)?"
_SURNAME_CAPS = r"[A-Z\u00C0-\u00DE]{3,}(?:[-'\u2019][A-Z\u00C0-\u00DE]+)?"
_INITIALS = r"(?:[A-Z]\.\s?|[A-Z]\s){1,3}"
_INITIALS_AFTER = r"[A-Z](?:\.?\s?[A-Z]){0,2}\.?"
_BEFORE = re.compile(rf"(?<![\w.'\u2019\-])(?P<i>{_INITIALS})(?P<s>{_SURNAME}|{_SURNAME_CAPS})(?![\w'\u2019\-])")
_AFTER = re.compile(rf"(?<![\w.'\u2019\-])(?P<s>{_SURNAME}|{_SURNAME_CAPS}),?\s(?P<i>{_INITIALS_AFTER})(?![\w'\u2019\-])")
_MIDDLE = re.compile(rf"(?<![\w.'\u2019\-])(?P<g>[A-Z][a-z]+)\s(?:[A-Z]\.\s?){{1,2}}(?P<s>{_SURNAME})(?![\w'\u2019\-])")
_PATIENT = re.compile(rf"(?<![\w])(?:Patient|Pt\.?|Pat\.)\s+(?P<s>[A-Z]{{2,4}}(?![\w\-])|{_SURNAME}(?![\w\-]))")
# Initials before an age and sex, as a case is introduced: `AK, 44M`, `J.T. 67F`, `HW (83 F)`, `RO, 76 yo`.
_AGE_SEX = r"\d{1,3}\s?(?:[MF]|y/?o|yrs?|years?(?:[\s\-]old)?)(?![\w])"
_INITIALS_AGE = re.compile(
    rf"(?<![\w.'\u2019\-])(?P<i>[A-Z]{{2,3}}|(?:[A-Z]\.\s?){{2,3}})(?:\s?,\s?|\s|\s?\(\s?)(?P<a>{_AGE_SEX})")
# What stands before an age and sex that is no patient: a modality, an examination or a view (`US, 40F`,
# `CXR, 67M`, `PA, 45M`). Other words the lists know (`NO`, `OR`) are initials before a compact age and sex.
# Only what people type as an examination: DICOM's own modality codes (SC, OT, NM, CR...) are initials as often.
EXAMINATIONS = frozenset("CT MR MRI US USS XR CXR AXR KUB IVU PET SPECT DEXA DXA ECG EKG EEG "
                         "PA AP LAT OBL CTA MRA MRCP MRV CTPA CTU CTC".split())
_COMPACT_CASE = re.compile(r"\s?[,(]\s?\d{1,3}\s?[MF](?![\w])")
CITATION = re.compile(r"et\.?\s+al\b|\b(?:19|20)\d\d[a-z]?\s*[;:.)]|\bdoi\b|\bPMID\b", re.IGNORECASE)
CONFIDENCE = 0.75
# `Pullman, WA 99164`, `Washington State University, Pullman, WA`: a town and its US state or Canadian
# province, written as an address is, not a surname and two initials
_STATES = frozenset("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
                    "NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT"
                    .split())
_ADDRESS_AFTER = re.compile(r"\s+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b")
_ADDRESS_BEFORE = re.compile(r"[\w.)]\s*,\s*$")


def detect(view: TextView) -> list[Match]:
    text, found = view.norm, []
    if not any(ch.isupper() for ch in text):
        return found
    for line_start, line in _lines(text):
        if CITATION.search(line):
            continue
        for m in _MIDDLE.finditer(line):
            if is_given_name(m.group("g"), view.vocabulary) and _surname(m.group("s"), view, given_ok=True):
                found.append(view.match("name", line_start + m.start(), line_start + m.end(), 0.85))
        for m in _BEFORE.finditer(line):
            initials, surname = m.group("i"), m.group("s")
            dotted = "." in initials
            if initials.strip() in ("A", "I") or not _surname(surname, view) or (
                    not dotted and (view.ocr or surname.isupper())):
                continue    # `V MYTP`: an undotted letter before capitals is no initial
            found.append(view.match("name", line_start + m.start(), line_start + m.end(), CONFIDENCE))
        for m in _AFTER.finditer(line):
            initials, surname = m.group("i"), m.group("s")
            dotted = "." in initials
            if initials in ("A", "I") or is_function_word(initials.replace(".", "")) or not _surname(surname, view) \
                    or signed_as_software(line, m.end("s")) or _town_and_state(line, m):
                continue    # `Zorblat PDF driver`: a product and its format, not a surname and initials
            if not dotted and (view.ocr or (surname.isupper() and len(initials) > 1)
                               or (len(initials) == 1 and _sentence_word(line, m))):
                continue    # `DISCLAIMS ALL`, `Group C shows`
            found.append(view.match("name", line_start + m.start(), line_start + m.end(), CONFIDENCE))
        for m in _INITIALS_AGE.finditer(line):
            letters = m.group("i").replace(".", "").replace(" ", "")
            compact = _COMPACT_CASE.match(line, m.end("i")) is not None
            if "." not in m.group("i") and (letters in EXAMINATIONS or (
                    (is_allow_listed(letters, view.vocabulary) or is_function_word(letters)) and not compact)):
                continue    # `CXR, 67M`, `CT 45F`: the examination, then the patient's age and sex; a
                            # word (`NO`, `OR`) only before a comma and a compact age and sex (`AN, 52F`)
            found.append(view.match("name", line_start + m.start("i"), line_start + m.end("i"), 0.9))
        for m in _PATIENT.finditer(line):
            word = m.group("s")
            if is_known(word, view.vocabulary) or is_allow_listed(word, view.vocabulary) or is_function_word(word):
                continue
            found.append(view.match("name", line_start + m.start("s"), line_start + m.end("s"), CONFIDENCE))
    return found


def _town_and_state(line: str, m: re.Match) -> bool:
    """`Pullman, WA` after another part of an address (`University, `) or before a ZIP code."""
    return m.group("i") in _STATES and "," in line[m.end("s"):m.start("i")] and (
        _ADDRESS_BEFORE.search(line, 0, m.start()) is not None or _ADDRESS_AFTER.match(line, m.end()) is not None)


def _surname(word: str, view: TextView, given_ok: bool = False) -> bool:
    """A surname a reader takes for one: a known surname, or a word neither our lists nor the
    languages' lexicons hold as an ordinary word (`IMPLIED, AS` is a sentence in capitals)."""
    if is_allow_listed(word, view.vocabulary) or is_function_word(word) or len(word.strip("'\u2019-")) < 2:
        return False
    if is_given_name(word, view.vocabulary) and not given_ok:
        return False        # `James B`: a given name and a letter, not a surname and an initial
    return is_surname_like(word, view.vocabulary) or not (is_known(word, view.vocabulary) or lexicon.is_ordinary(word))


def _sentence_word(line: str, m: re.Match) -> bool:
    """`Sequence B was` or `Group C shows`: a capitalised word and a bare letter inside running prose
    (dotted or several initials, `McAllister, J.P. reported`, are a name in prose too)."""
    after = line[m.end():m.end() + 2]
    return after[:1] == " " and after[1:2].islower()


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1
