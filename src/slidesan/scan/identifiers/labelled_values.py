"""A value after an identifier label, in OCR text, when the value itself came out damaged.

Overlays print `LABEL: value`. At 10 px under JPEG, Tesseract drops or misreads a digit often
enough (`NHS: 592 551 26`, `NHS No: 669 156 4949` failing the check digit, `MRN XX8&597622`,
`postcode: CFT4 &Xw`) that no format-specific detector accepts the value any more, while the
label a few characters before it still reads cleanly. A radiologist reads such a line as "the
NHS number, smudged"; so does this detector, with a lower confidence than an intact value (a
clean reading still wins the overlap in the registry). Only for OCR: typed slide text has no
such damage, and a label followed by junk there is not worth a finding.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints

CONFIDENCE = 0.6

# label -> (category, fewest digits (or digit look-alikes) a damaged value must still hold)
_LABELS = [
    ("nhs-number", 6, r"[NWM]H[S5$]\s*(?:No|Number|Num|#)?"),      # `WHS: 346 343 B6r8`: the label misread too
    ("chi-number", 6, r"CHI\s*(?:No|Number|#)?"),
    ("hospital-number", 4, r"MRN|Hosp(?:ital)?\.?\s*(?:No|Number|ID|#)|Unit\s*No|Case\s*No|URN|HN|H\.N\.?"),
    ("accession", 4, r"Acc(?:ession)?\.?\s*(?:No|Number|#)?"),
    ("patient-id", 4, r"Patient\s*ID|PID|[I1l]D"),
    # `ID:` read with a zero for its D (`10:4471203`, `l0: 4471203`): only before five digits, which no
    # time's minutes hold
    ("patient-id", 5, r"[I1l|][0Oo](?=\s?:\s?\d{5})"),
    ("date-of-birth", 4, r"[D0][O0o][B8]|Date\s+of\s+Birth|Born"),
]
# A damaged value: tokens of digits and whatever Tesseract puts in their place, single-spaced.
_TOKEN = r"[A-Za-z0-9&#$%@?*.,/\\\-:;'|!~()]+"
_VALUE = rf"(?P<value>{_TOKEN}(?: {_TOKEN}){{0,3}})"
_LABELLED = re.compile(
    r"(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<c{i}>{pattern})" for i, (_, _, pattern) in enumerate(_LABELS)) + r")"
    r"(?![A-Za-z])\s*[:;.#=,'|!]{0,2}\s*" + _VALUE, re.IGNORECASE)      # a label is a word: not the ID of `IDRI`
_DIGITISH = re.compile(r"[0-9OoIl|SB$&#]")
_DECIMAL = re.compile(r"^\d{1,3}[.,]\d{1,2}$")
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$", re.IGNORECASE)
_LABEL_HINTS = hints("0:", "o:", "hn", "h.n", "nhs", "whs", "mhs", "nh5", "nh$", "chi", "mrn", "hosp", "unit", "case", "urn", "acc", "id", "1d", "ld", "dob", "d0b", "do8",
                     "d08", "birth", "born")

# postcode label -> a short outward + inward pair as OCR damages it (`Gi2 8QQ`, `CFT4 &Xw`)
_POSTCODE = re.compile(r"(?i:post\s?code)\s*[:;.]?\s*(?P<value>[A-Za-z0-9&#$]{2,4} [A-Za-z0-9&#$]{3})(?![A-Za-z0-9])")


def _value_tokens(value: str, category: str) -> str:
    """The leading tokens that can be part of the value: each holds a digit-like character (or
    is a month name, in a birth date); a plain word ends the value (`... 1961 Ambridge`)."""
    kept = []
    tokens = value.split(" ")
    for index, token in enumerate(tokens):
        if index == 0 and len(tokens) > 1 and token.isalpha() and len(token) <= 3 and token.isupper() \
                and _DIGITISH.search(tokens[1]) and category != "date-of-birth":
            kept.append(token)      # a letter prefix in its own group: `ID: E 88 12 04`, `HN 552 71 1`
            continue
        if _DIGITISH.search(token) and sum(ch.isdigit() for ch in token) * 2 >= sum(ch.isalpha() for ch in token):
            kept.append(token)
        elif category == "date-of-birth" and _MONTH.match(token):
            kept.append(token)
        else:
            break
    return " ".join(kept)


def detect(view: TextView) -> list[Match]:
    found: list[Match] = []
    if not view.ocr:
        return found
    if view.digits >= 1 and "post" in view.lower:
        for m in _POSTCODE.finditer(view.norm):
            if any(ch.isdigit() for ch in m.group("value")):
                found.append(view.match("postcode", m.start("value"), m.end("value"), CONFIDENCE))
    if view.digits < 4 or not view.has_any(_LABEL_HINTS):
        return found
    for m in _LABELLED.finditer(view.norm):
        index = next(i for i in range(len(_LABELS)) if m.group(f"c{i}"))
        category, fewest, _ = _LABELS[index]
        value = _value_tokens(m.group("value"), category)
        if sum(ch.isdigit() for ch in value) < fewest or len(value.replace(" ", "")) < 5:
            continue
        start = m.start("value")
        if view.protected(start, start + len(value)) or all(_DECIMAL.match(t) for t in value.split(" ")):
            continue    # "ID: 0.5 1.25": measurements, which no identifier is made of
        found.append(view.match(category, start, start + len(value), CONFIDENCE))
    return found
