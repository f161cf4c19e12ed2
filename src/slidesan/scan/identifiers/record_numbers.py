"""Hospital numbers (MRN), accession numbers and patient IDs.

Their formats differ per hospital, so the detector relies on labels (MRN, Hosp No, PID, Acc ...)
and, in OCR and DICOM text, on long bare digit runs: an ultrasound top bar prints "00079241539"
with no label at all. A bare run counts only when nothing else explains it: not a date, not a
measurement (overlay_allow_list), not a decimal.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.nhs_numbers import mod11_valid
from slidesan.scan.identifiers.text_view import TextView, hints

# A value may be split by an OCR space into a second digit group ("1986541 7144").
_VALUE = r"(?P<value>(?=[A-Z0-9\-/]*\d)[A-Z0-9][A-Z0-9\-/]{2,}[A-Z0-9](?:\s\d{2,6}(?![\w/.:]))?)"
_LABELS = [
    ("hospital-number", r"MRN|M\.R\.N\.?|MR\s?(?:No|Number|#)|Medical\s+Record\s+(?:No|Number)|Hosp(?:ital|[a-z1|!]{1,5})?\.?\s*(?:No|Number|Num|ID|#)|"
                        r"H\s?No|Unit\s*(?:No|Number)|Case\s*(?:No|Number)|CRN|RXN|K\s?No|Record\s*(?:No|Number)|URN|UR\s?No|"
                        # the same in the languages of European forms: IPP, n° de dossier, NHC, Fallnummer ...
                        r"IPP|NIP|N[°º]\s*(?:de\s+)?dossier|Dossier\s*(?:N[°º]|No)?|NHC|N[°º]\s*(?:de\s+)?historia(?:\s+cl[íi]nica)?|"
                        r"Historia\s+cl[íi]nica|Expediente|Fall(?:nummer|-?Nr\.?)|Cartella(?:\s+clinica)?"),
    ("accession", r"Acc(?:ession)?\.?\s*(?:No|Number|Num|#)?|Study\s*(?:ID|No)|Exam\s*(?:ID|No)|Req(?:uest)?\s*(?:No|ID)|RIS\s*(?:No|ID)"),
    ("patient-id", r"Patienten(?:nummer|-?Nr\.?)|Pat\.?-?Nr\.?|Pati[ëe]ntnummer|N(?:umero|\.)\s+paziente|Patient\s*[I1l]D|Pat(?:ient)?\.?\s*(?:No|Number|#)|Pt\.?\s*(?:ID|No)|PID|P\.I\.D\.?|[I1l]D\s*(?:No|Number|#)?|I\.D\.?|Identifier"),
]
_LABELLED = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(_LABELS)) + r")"
    r"(?:\s*[:#=.\-]\s*|\s+)" + _VALUE + r"(?![A-Za-z0-9])",      # the label is a word of its own: not `IDRI-0127`
    re.IGNORECASE)
# National and insurance numbers after their label, written in digit groups (`SSN 123-45-6789`,
# `Medicare 2123 45670 1`, `NHS: 485 777 3456` failing its check digit: a typo or a made-up number
# is still the patient's number on the slide). The label names the kind; the groups may be spaced.
_NATIONAL_LABELS = [
    ("nhs-number", r"NHS\s*(?:No|Number|Num|#)?"),
    ("chi-number", r"CHI\s*(?:No|Number|#)?"),
    ("patient-id", r"SSN|Social\s+Security(?:\s+(?:No|Number|#))?|Medicare(?:\s+(?:No|Number|#))?|Medicaid(?:\s+ID)?|"
                   r"Insurance\s*(?:No|Number|ID|#)|Health\s*(?:Card|Insurance)\s*(?:No|Number|#)?|"
                   r"Versicherten(?:nummer|-?Nr\.?)|Sozialversicherungs(?:nummer|-?Nr\.?)|AHV(?:-?Nr\.?)?|BSN|"
                   r"NIR|N[°º]\s*(?:de\s+)?s[ée]curit[ée]\s+sociale|PPSN|IHI|NHI|UR\s*Number|PESEL|Personnummer|"
                   r"F[øo]dselsnummer|CPR(?:-?nr\.?)?"),
]
_NATIONAL = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<n{i}>{pattern})" for i, (_, pattern) in enumerate(_NATIONAL_LABELS)) + r")"
    r"\s*[:#=.]?\s*(?P<value>\d(?:[\d\-]|\s(?=\d)){4,24}\d)(?![\w.,]?\d)", re.IGNORECASE)
_NATIONAL_HINTS = hints("nhs", "chi", "ssn", "social", "medic", "insur", "health", "versich", "sozial", "ahv", "bsn", "nir",
                        "curit", "ppsn", "ihi", "nhi", "ur", "pesel", "personnummer", "dselsnummer", "cpr")
_BARE_DIGITS = re.compile(r"(?<![\w.,:/\-])\d{7,}(?![A-Za-z0-9]|[.,]\d)")
_LETTERS_DIGITS = re.compile(r"(?<![\w.\-/])(?=[A-Z]{1,4}\d)[A-Z]{1,4}\d{6,}[A-Z]?(?![A-Za-z0-9.\-/])")
# OCR: one digit of such a number read as a sign (`RX?306261`, `KT#349427`)
_LETTERS_DIGITS_DAMAGED = re.compile(r"(?<![\w.\-/])(?=[A-Z]{1,4}[\d?#&$%*]{6,})[A-Z]{1,4}(?P<run>[\d?#&$%*]{6,})[A-Z]?"
                                     r"(?![A-Za-z0-9.\-/])")
_NOT_RECORD_CONTEXT = re.compile(r"\b(?:PMID|PMCID|doi|ISBN|ISSN|DOI|arXiv|Ref|Tel|Phone|Fax|Grant|Award|Contract|"
                                 r"Invoice|Patent|Lot|Cat(?:alog(?:ue)?)?)\b\s*(?:No\.?|Number)?\s*[:.#]?\s*$",
                                 re.IGNORECASE)
# Longer digit runs than any record number (MRNs, accessions and national numbers stay under 20 digits):
# in typed text and stored strings, data (a binary stream's printable runs, a serialised array)
LONGEST_RECORD = 20


_LABEL_HINTS = hints("mr", "hosp", "h no", "hno", "unit", "case", "crn", "rxn", "no", "record", "urn", "acc", "study",
                "exam", "req", "ris", "patient", "pat", "pt", "pid", "id", "1d", "ld", "i.d", "p.i.d", "ipp", "nip",
                "dossier", "nhc", "historia", "expediente", "fall", "nr", "cartella", "paziente", "nummer")


def detect(view: TextView) -> list[Match]:
    found = []
    if view.digits < 3:
        return found
    labelled = _LABELLED.finditer(view.norm) if view.has_any(_LABEL_HINTS) else ()
    for m in labelled:
        value = m.group("value")
        if view.norm[m.start("value"):m.end("value")].count("/") >= 2 and len(value) <= 10:
            continue  # "ID: 03/04/61" is a date, the date detector takes it
        category = next(_LABELS[i][0] for i in range(len(_LABELS)) if m.group(f"c{i}"))
        label = m.group(0)[: m.start("value") - m.start()]
        weak_label = category == "patient-id" and label.strip(" :#=.-").upper() in {"ID", "I.D"}
        confidence = 0.8 if weak_label else 0.95
        found.append(view.match(category, m.start("value"), m.end("value"), confidence))
    for m in (_NATIONAL.finditer(view.norm) if view.has_any(_NATIONAL_HINTS) else ()):
        category = next(_NATIONAL_LABELS[i][0] for i in range(len(_NATIONAL_LABELS)) if m.group(f"n{i}"))
        digits = re.sub(r"\D", "", m.group("value"))
        if category in ("nhs-number", "chi-number"):
            if len(digits) != 10:
                continue        # `NHS: 592 551 26`: too short to be one, typed
            if not mod11_valid(digits):
                category = "hospital-number"     # labelled, but failing the check digit: a number all the same
        elif len(digits) < 6:
            continue
        found.append(view.match(category, m.start("value"), m.end("value"), 0.9))
    if view.source == "text":
        bare_confidence = 0.55
    else:
        bare_confidence = 0.8
    if view.digits < 6:
        return found
    for m in _BARE_DIGITS.finditer(view.norm):
        if view.protected(m.start(), m.end()) or _NOT_RECORD_CONTEXT.search(view.before(m.start())):
            continue
        if _repeats(m.group(0)) or _counts_up(m.group(0)):
            continue  # 0000000 a placeholder, 0202020202 a pattern, 9101112131415 a calendar row without spaces
        if view.source == "text" and len(m.group(0)) > LONGEST_RECORD:
            continue  # "0808080807070707...": data, not one person's number (OCR may glue two numbers)
        found.append(view.match("hospital-number", m.start(), m.end(), bare_confidence))
    for m in _LETTERS_DIGITS.finditer(view.norm):
        if view.protected(m.start(), m.end()) or _NOT_RECORD_CONTEXT.search(view.before(m.start())):
            continue
        found.append(view.match("hospital-number", m.start(), m.end(), bare_confidence - 0.1))
    for m in (_LETTERS_DIGITS_DAMAGED.finditer(view.norm) if view.ocr else ()):
        run = m.group("run")
        if sum(not ch.isdigit() for ch in run) == 1 and not _NOT_RECORD_CONTEXT.search(view.before(m.start())):
            found.append(view.match("hospital-number", m.start(), m.end(), 0.6))
    return found


def _repeats(digits: str) -> bool:
    """One or two digits over and over (`0000000`, `0202020202`): a placeholder or a pattern in data."""
    return any(digits == (digits[:p] * len(digits))[:len(digits)] for p in (1, 2))


def _counts_up(digits: str) -> bool:
    """Whether a bare digit run is consecutive numbers written together: a calendar's week
    (`262728293031`), an axis's ticks, a made-up `12345678`. No record number is built so."""
    for width in (1, 2):
        first = int(digits[:width])
        if "".join(str(n) for n in range(first, first + len(digits))).startswith(digits):
            return True
    return False
