"""The value of an explicit name field, whatever its shape: `Patient Name: smith`,
`Patient Name: QIN-HEADNECK-01-0139`, `(0010,0010) Patient's Name Thombus_20241017`, `Reader Name: fedorov`.

A field the software labels as a person's name holds that person's name or what stands in for it:
lower case (typed by hand, or a user name), a study code used as a pseudonym, a name glued to a date
by an underscore. names.py reads name-shaped words after a label; this reads the field's whole value,
up to the next field, because the label already says what it is. Only labels that end in Name (or
Surname, Given/First/Last/Family Name), with a person's role or none before them, count: `Study Name`,
`Protocol Name`, `Station Name` and `File name` say what a thing is called, not a person. Values
that say the field was emptied (Anonymous, Anonymized, Removed, N/A) are not names.
"""

from __future__ import annotations

import dataclasses
import re

from slidesan.scan.identifiers import lexicon
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.name_labels import VR_THEN_COLON
from slidesan.scan.identifiers.text_view import TextView, hints
from slidesan.scan.identifiers.word_knowledge import is_word_name

_PATIENT_ROLES = r"Patient|Pt\.?|Pat\.?|Other\s+Patient"
_STAFF_ROLES = (r"Reader|Reading|Referring|Performing|Reporting|Requesting|Ordering|Attending|Operators?|Physicians?|"
                r"Doctor|Technologist|Radiologist|Sonographer|Radiographer|Nurse|Surgeon|Consultant|Clinician")
_FIELD = (r"(?:Name|Surname|Given\s+Name|First\s+Name|Last\s+Name|Family\s+Name|Middle\s+Name|"
          # the same fields in the languages of European and Asian viewers and forms
          r"Nom|Pr[ée]nom|Nombre|Apellidos?|Vorname|Nachname|Familienname|Patientenname|Cognome|Nome|Naam|"
          r"Voornaam|Achternaam|Nazwisko|Imi[ęe]|Nama(?:\s+Pasien)?)")
# A DICOM dump prints the tag before the keyword and no colon: `(0010,0010) Patient's Name  Thombus`.
_TAG = r"\(\s*[0-9A-Fa-f]{4}\s*,\s*[0-9A-Fa-f]{4}\s*\)\s*"
_LABEL = re.compile(
    rf"(?:(?P<tag>{_TAG})|(?<![\w.]))"
    rf"(?:(?P<patient>{_PATIENT_ROLES})|(?P<staff>(?:(?:{_STAFF_ROLES})\s+)?(?:{_STAFF_ROLES})))?(?:['\u2019]s?)?\s*{_FIELD}s?"
    r"(?:\s*\((?:s|DICOM)\))?"
    r"(?P<sep>\s*[:=]\s*|(?(tag)\s+|(?!)))",
    re.IGNORECASE)
# The value runs to the next field: a column bar, a tab, a wide gap, a new label, a line end.
_NEXT_LABEL = (r"(?:\s+(?:(?:Patient|Pt|Study|Birth|Accession|Acc|Hosp(?:ital)?|Record|Medical)\.?\s*)?"
               r"(?:ID|No|Number|DOB|Date|Birth|Sex|Age|Gender|MRN|NHS|Name|Acc(?:ession)?)\b\.?\s*[:#=]"
               rf"|\s+{_FIELD}\s*[:=])")
_VALUE = re.compile(rf"[^|\t\n;]+?(?=\s*(?:[|\t\n;]|$)|\s{{2,}}|{_NEXT_LABEL})", re.IGNORECASE)
# A staff field without the word Name (`Annotator: vkowalski`, `Reported by: rad_lee2`): its value is a
# person when it is one token that is no ordinary word (a user name, a login) or a capitalised surname that is
# also a word (`Consultant: Green`, not `Consultant: Radiology`); longer values are left to names.py.
_ROLE_ONLY = re.compile(
    rf"(?<![\w.])(?:{_STAFF_ROLES}|Annotator|Author|Reviewer|Observer|(?:Reported|Verified|Dictated|Performed|"
    r"Annotated|Reviewed|Signed|Approved)\s+by)\s*:\s*\|?\s*(?P<v>[^\s|;,()\[\]]+)(?=\s*(?:[|;,\n]|$)|\s+\S+\s*:)",
    re.IGNORECASE)
_EMPTIED = frozenset("anonymous anonymized anonymised anonymous^ anon removed redacted deidentified de-identified "
                     "n/a na none null nil unknown not given withheld hidden blank empty patient name xxx xxxx"
                     .split())
_ALNUM = re.compile(r"[^\W_]")
_GATE = hints("name", "nom", "apellid", "cognome", "naam", "nazwisk", "imi", "nama", "reader", "annotat", "operator", "author", "review", "observer", " by", "physician",
              "technolog", "radiolog", "sonograph", "radiograph", "nurse", "surgeon", "consultant", "clinician",
              "doctor")
MAX_VALUE = 48          # longer is a sentence, not a field
CONFIDENCE = 0.9
ORIGIN = "field"     # registry._rank: the field says what its whole value is (a date glued in stays in the name)


def detect(view: TextView) -> list[Match]:
    found: list[Match] = []
    if not view.has_any(_GATE):
        return found
    text = view.norm
    for label in _LABEL.finditer(text):
        if not label.group("tag") and not _field_start(text, label.start()):
            continue      # `Study Name:`, `File name:`: a thing's name, not a person's
        value = _VALUE.match(text, label.end())
        if not value or VR_THEN_COLON.match(text, label.end()):
            continue
        raw = value.group(0).strip(" .,:-")
        if len(raw) > MAX_VALUE or len(_ALNUM.findall(raw)) < 2 or emptied(raw):
            continue
        category = "clinician" if label.group("staff") else "name"
        start = value.start() + value.group(0).find(raw)
        found.append(dataclasses.replace(view.match(category, start, start + len(raw), CONFIDENCE), origin=ORIGIN))
    for role in _ROLE_ONLY.finditer(text):
        value = role.group("v").strip(".:-")
        if (len(_ALNUM.findall(value)) >= 3 and any(ch.isalpha() for ch in value) and not emptied(value)
                and (not value.isalpha() or not lexicon.is_ordinary(value) or (value[0].isupper() and is_word_name(value)))):
            start = role.start("v") + role.group("v").find(value)
            found.append(view.match("clinician", start, start + len(value), CONFIDENCE))
    return found


def _field_start(text: str, at: int) -> bool:
    """The label starts a field: the line's start, or after a column bar, a bracket, a comma or a wide gap."""
    before = text[:at].rsplit("\n", 1)[-1]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in "|[(,;:" or before.endswith("  ") or bool(re.search(r"[A-Za-z]\s*:\s*\S+\s+$", before))


def emptied(value: str) -> bool:
    """The value says the field was emptied (Anonymous, Removed, N/A, ^^, ----), also as OCR returns it:
    run together (`AnonymousPatient`) or with one letter misread in a long word (`Anonymisex`)."""
    words = re.sub(r"[\^*_\-]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value)).lower().split()
    return not words or " ".join(words) in _EMPTIED or all(w in _EMPTIED or _slip_of_emptied(w) for w in words)


def _slip_of_emptied(word: str) -> bool:
    from slidesan.scan.identifiers.word_knowledge import edit_distance

    return len(word) >= 7 and any(len(e) >= 7 and edit_distance(word, e) <= 1 for e in _EMPTIED)
