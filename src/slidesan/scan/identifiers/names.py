"""Person names and clinician names.

Structure first, vocabulary second: DICOM SURNAME^GIVEN (OCR reads ^ as * or ~), "SURNAME, Given",
titles (Mr, Mrs, Dr, Prof ...), labels (Name:, Patient:, Referring:), PACS lines where an uppercase
pair is followed by a sex marker, date or age ("DAVIDSON DOUGLAS [M] 01.09.2012"), and test-patient
names (ZZZ...). Beyond structure, a run of capitalised words that contains a word which is neither
imaging vocabulary nor common English is taken as a name: that is how rare and non-English
surnames are caught without a list of known names. Clinicians (Dr, Consultant:, Referring ...) get
category "clinician".
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_known, is_surname_like, is_user_name

_L = r"A-Za-z\u00C0-\u024F"
_WORD = rf"[{_L}][{_L}'\u2019\-]*"
_CAP = rf"[A-Z\u00C0-\u00DE][{_L}'\u2019\-]*"
_UP = r"[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE'\u2019\-]+"

_CARET = re.compile(rf"(?<![\w^*~])(?P<a>{_WORD}(?: {_WORD})?)\^(?P<b>{_WORD}(?: {_WORD})?)?(?:\^[{_L}.' \-]*)*")
_CARET_OCR = re.compile(rf"(?<![\w*~])(?P<a>{_UP})\s?[*~]\s?(?P<b>{_UP})(?![\w])")
_SURNAME_COMMA = re.compile(rf"(?<![\w'])(?P<a>{_UP}(?: {_UP})?)\s?,\s?(?P<b>{_CAP}(?: {_CAP})?)(?![\w'])")
_SURNAME_COMMA_MIXED = re.compile(rf"(?<![\w'])(?P<a>{_CAP})\s?,\s?(?P<b>{_CAP}(?: {_CAP})?)(?![\w'])")
_TITLE = re.compile(
    rf"(?<![\w'])(?P<t>Mr|Mrs|Ms|Miss|Mx|Master|Dr|Doctor|Prof|Professor|Sir|Dame|Rev|MR|MRS|DR|PROF)\.?\s+"
    rf"(?P<n>(?:[A-Z]\.?\s?)?(?:[A-Z]\.\s?)*{_CAP}(?:[ \-]{_CAP}){{0,2}}|[A-Z](?![\w']))")
_CLINICIAN_TITLES = {"dr", "doctor", "prof", "professor"}
_LABEL = re.compile(
    r"(?<![\w])(?:(?P<clin>Referring(?:\s+(?:Physician|Phys|Doctor|Dr|Clinician|Consultant))?|Ref\.?\s*(?:Phys|Dr|Doc)\.?|"
    r"Referrer|Consultant|Physician|Radiologist|Reported\s+by|Reporter|Verified\s+by|Authori[sz]ed\s+by|Operator|"
    r"Sonographer|Performed\s+by|Requested\s+by|Requesting(?:\s+Clinician)?|Attending|Surgeon|Technologist|"
    r"Radiographer|GP|Clinician|Dictated\s+by)"
    r"|(?P<pat>Patient\s*Name|Pt\.?\s*Name|Pat\.?\s*Name|Name|Patient|Pt|Surname|Forename|Given\s+Name|"
    r"First\s+Name|Last\s+Name|Family\s+Name|Nom|Nombre))"
    rf"\s*(?P<colon>[:=\-]|\s)\s*(?P<n>{_WORD}(?:(?:[ ,^]|, )\s?{_WORD}){{0,3}})",
    re.IGNORECASE)
_SEX_OR_DATE_AFTER = (r"\s*(?:[\[(|{]\s?[MFUOmfuo]\s?[\])|}]|(?:[\[(|{]\s?)?[MFUO]\s?[\])|}]|\s[MFU]\s|\s?\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|"
                      r"\s?\d{1,3}\s?(?:[YyMF]|yo|yrs)\b)")
_PACS = re.compile(rf"(?<![\w'^*~])(?P<n>{_UP}(?:[ ,]{{1,2}}{_UP}){{0,3}})(?={_SEX_OR_DATE_AFTER})")
_TEST_PATIENT = re.compile(rf"(?<![\w])ZZ+[A-Z]*(?:[ ,^]{_UP}){{0,3}}")
_VOWEL = re.compile(r"[AEIOUYaeiouy\u00C0-\u024F]")
_RUN_WORD = re.compile(rf"{_WORD}")


def _known_all(view: TextView, words: list[str]) -> bool:
    return all(is_known(w, view.vocabulary) for w in words)


def _name_like(word: str) -> bool:
    letters = word.replace("'", "").replace("-", "").replace("\u2019", "")
    if len(letters) < 2 or not _VOWEL.search(letters):
        return False
    # Title case or upper case; OCR garbage mixes cases ("aBc", "LlI").
    return letters[1:] == letters[1:].lower() or letters.isupper()


def _structured(view: TextView) -> list[Match]:
    text, found = view.norm, []
    for m in _CARET.finditer(text):
        words = _RUN_WORD.findall(m.group(0))
        if not _known_all(view, words) or view.source == "dicom":
            found.append(view.match("name", m.start(), m.end(), 0.95))
    if view.ocr:
        for m in _CARET_OCR.finditer(text):
            if not _known_all(view, [m.group("a"), m.group("b")]):
                found.append(view.match("name", m.start(), m.end(), 0.9))
    for m in _SURNAME_COMMA.finditer(text):
        words = _RUN_WORD.findall(m.group(0))
        if not any(is_allow_listed(w, view.vocabulary) for w in words) and not _known_all(view, words):
            found.append(view.match("name", m.start(), m.end(), 0.85))
    if view.source == "dicom":
        for m in _SURNAME_COMMA_MIXED.finditer(text):
            if not _known_all(view, _RUN_WORD.findall(m.group(0))):
                found.append(view.match("name", m.start(), m.end(), 0.75))
    for m in _TITLE.finditer(text):
        words = _RUN_WORD.findall(m.group("n"))
        # stop at the first allow-listed word: "Dr Smith Axial" -> "Dr Smith"
        end = m.end()
        for w in re.finditer(_WORD, text[m.start("n"):m.end()]):
            if w.start() > 0 and is_allow_listed(w.group(0), view.vocabulary):
                end = m.start("n") + w.start()
                break
        if words and all(is_allow_listed(w, view.vocabulary) for w in words):
            continue
        category = "clinician" if m.group("t").lower() in _CLINICIAN_TITLES else "name"
        single_letter = len(m.group("n").strip(". ")) == 1
        found.append(view.match(category, m.start(), end, 0.5 if single_letter else 0.9))
    for m in _LABEL.finditer(text):
        value = m.group("n")
        if m.group("colon").isspace() and not m.group("clin") and m.group("pat").lower().replace(" ", "") not in (
                "patientname", "ptname", "pt.name", "patname", "surname", "forename", "name"):
            continue  # "Patient was ..." : only a colon makes a bare Patient/Pt a label
        words = _RUN_WORD.findall(value)
        keep = []
        for w in words:
            if is_allow_listed(w, view.vocabulary) or not w[0].isupper():
                break
            keep.append(w)
        if not keep or (_known_all(view, keep) and m.group("colon").isspace()):
            continue
        start = m.start("n")
        last = keep[-1]
        end = start + value.find(last, sum(len(k) for k in keep[:-1])) + len(last)
        category = "clinician" if m.group("clin") else "name"
        found.append(view.match(category, start, end, 0.9))
    for m in _PACS.finditer(text):
        words = _RUN_WORD.findall(m.group("n"))
        while words and is_allow_listed(words[0], view.vocabulary):
            words.pop(0)
        if not words or (len(words) == 1 and is_known(words[0], view.vocabulary)):
            continue
        start = m.start("n") + m.group("n").find(words[0])
        found.append(view.match("name", start, m.end("n"), 0.9))
    for m in _TEST_PATIENT.finditer(text):
        found.append(view.match("name", m.start(), m.end(), 0.85))
    return found


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r•\u2022-–—*>#([\"'"


def _runs(view: TextView) -> list[Match]:
    """Capitalised-word runs containing an unknown word (no structure, so lower confidence)."""
    text, found = view.text, []
    run: list[re.Match] = []

    def flush() -> None:
        if not run:
            return
        words = [w for w in run]
        # trim ordinary known words at both ends; an eponym next to an unknown word may be a surname
        def ordinary(w: re.Match) -> bool:
            return is_known(w.group(0), view.vocabulary) and not is_surname_like(w.group(0), view.vocabulary)
        while words and ordinary(words[0]):
            words.pop(0)
        while words and ordinary(words[-1]):
            words.pop()
        if not words:
            return
        unknown = [w for w in words if not is_known(w.group(0), view.vocabulary)]
        user = any(is_user_name(w.group(0), view.vocabulary) for w in words)
        if not (unknown or user) or not all(_name_like(w.group(0)) for w in unknown):
            return
        if len(words) >= 2:
            found.append(view.match("name", words[0].start(), words[-1].end(), 0.9 if user else 0.65))
        elif user:
            found.append(view.match("name", words[0].start(), words[0].end(), 0.9))
        elif view.source == "dicom":
            found.append(view.match("name", words[0].start(), words[0].end(), 0.5))
        elif view.source == "text":
            w = words[0].group(0)
            acronym = w.isupper() and len(w) <= 5
            if not acronym and not _sentence_initial(text, words[0].start()):
                found.append(view.match("name", words[0].start(), words[0].end(), 0.45))

    prev_end = None
    for w in _RUN_WORD.finditer(text):
        gap = text[prev_end:w.start()] if prev_end is not None else None
        capital = w.group(0)[0].isupper()
        glued = w.end() < len(text) and (text[w.end()].isdigit() or text[w.end()] in "^*~_/@")
        glued = glued or (w.start() > 0 and (text[w.start() - 1].isdigit() or text[w.start() - 1] in "_/@.\\"))
        if not capital or glued:
            flush()
            run = []
            prev_end = w.end()
            continue
        if run and gap is not None and gap not in (" ", "  ", " - ", "-"):
            flush()
            run = []
        run.append(w)
        prev_end = w.end()
    flush()
    return found


def detect(view: TextView) -> list[Match]:
    return _structured(view) + _runs(view)
