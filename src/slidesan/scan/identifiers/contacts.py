"""Postcodes, phone numbers, e-mail addresses and URLs.

UK postcodes follow the Royal Mail outward/inward grammar (inward part: digit + two letters from a
restricted set), which scan labels such as "T2 FLAIR" or "L12-5" never satisfy. US ZIP codes are
five digits that look like anything, so they count only after a state code or a ZIP label.
Phone numbers need a phone shape (leading 0 or +country, grouped digits); measurement runs are
excluded through the overlay allow-list spans.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints

_EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][\w.+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?:\b[A-Za-z]{2,8}://|\bwww\.)[^\s<>\"')\]]+"
    r"|\b(?<![@\w.])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|io|info|nhs\.uk|co\.uk|org\.uk|ac\.uk|gov\.uk|uk|eu|de|fr|au|ca)"
    r"(?:/[^\s<>\"')\]]*)?(?![\w@])",
    re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPSTUW])\s?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])")
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
              "NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_ZIP = re.compile(rf"(?:,\s*(?:{_US_STATES})\s+|\bZIP(?:\s*code)?\s*[:#]?\s*)(?P<zip>\d{{5}}(?:-\d{{4}})?)(?!\d)")
_PHONE = re.compile(
    r"(?<![\w+.\-/])(?:"
    r"(?:\+|00)\d{1,3}[\s.\-]?(?:\(0\)\s?)?\(?\d{1,5}\)?(?:[\s.\-]?\d{2,4}){2,4}"   # international
    r"|\(?0[1-9]\d{1,4}\)?[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}"                         # UK national
    r"|\(\d{3}\)\s?\d{3}[\s.\-]\d{4}|\d{3}(?P<sep>[.\-\s])\d{3}(?P=sep)\d{4}"         # North American
    r"|0[1-9](?:(?P<pair>[\s.\-])\d\d)(?:(?P=pair)\d\d){3}"                              # French, in pairs
    r")(?![\w.]?\d)(?:\s?(?:ext|x)\.?\s?\d{1,5})?")
_PHONE_CONTEXT = re.compile(r"\b(?:Tel|Telephone|Phone|Ph|Mob|Mobile|Fax|Call|Contact|Ext|Bleep|Pager|T[ée]l|"
                            r"T[ée]l[ée]phone|Telefon|Tel[ée]fono|Telefono|Handy|Portable|M[óo]vil|Cellulare)\b\.?\s*[:#]?\s*$", re.IGNORECASE)


# An internal number after its label: `ext 5800`, `Ext. 24311`, `bleep 2133`, `Bleep Sarah on 2133` (Sarah carries
# it: a clinician), `pager: 0457` (`BP 120` and `page 123` are no such label).
# Too short for a phone shape, but the label says whose line it is: it reaches one person on one ward.
_INTERNAL = re.compile(
    r"\b(?i:ext(?:ension)?|bleep|pager)\b\.?\s*[:#]?\s*"
    r"(?:(?P<who>[A-Z][a-z'\u2019\-]+(?:\s[A-Z][a-z'\u2019\-]+)?)\s(?i:on|via|at)\s+)?(?P<n>\d{3,6})(?![\w.,]?\d)(?!\s?(?:mm|cm|ml|mg|%))")
_INTERNAL_HINTS = hints("ext", "bleep", "pager")
_URL_HINTS = hints("://", "www", ".com", ".org", ".net", ".edu", ".gov", ".io", ".info", ".uk", ".eu", ".de", ".fr",
              ".au", ".ca")
# A postcode after its label, as OCR misreads it ("BLS 2TH" for B15 2TH, "CF14 4XwW" for CF14 4XW).
_OCR_POSTCODE = re.compile(
    r"(?i:post\s?code)\s*[:.]?\s*(?P<pc>[A-Z]{1,2}[0-9LISOB][0-9A-Za-z]?\s?[0-9OISB][A-Za-z]{2}[A-Za-z]?)(?![A-Za-z0-9])")
_POSTCODE_HINT = re.compile(r"\d[A-Z]{2}")


def detect(view: TextView) -> list[Match]:
    found = []
    text = view.norm
    if "@" in text:
        for m in _EMAIL.finditer(text):
            found.append(view.match("email", m.start(), m.end(), 0.98))
    if view.has_any(_URL_HINTS):
        for m in _URL.finditer(text):
            explicit = "://" in m.group(0) or m.group(0).lower().startswith("www")
            found.append(view.match("url", m.start(), m.end(), 0.9 if explicit else 0.7))
    if view.ocr and "post" in view.lower:
        for m in _OCR_POSTCODE.finditer(text):
            found.append(view.match("postcode", m.start("pc"), m.end("pc"), 0.75))
    if view.digits < 2:
        return found
    if _POSTCODE_HINT.search(text):
        for m in _POSTCODE.finditer(text):
            confidence = 0.9 if " " in m.group(0) else 0.7
            found.append(view.match("postcode", m.start(), m.end(), confidence))
    if view.digits >= 5 and ("," in text or "zip" in view.lower):
        for m in _ZIP.finditer(text):
            found.append(view.match("postcode", m.start("zip"), m.end("zip"), 0.8))
    if view.digits >= 3 and view.has_any(_INTERNAL_HINTS):
        for m in _INTERNAL.finditer(text):
            found.append(view.match("phone", m.start("n"), m.end("n"), 0.9))
            if m.group("who"):      # `Bleep Sarah on 2133`: whoever carries the bleep
                found.append(view.match("clinician", m.start("who"), m.end("who"), 0.85))
    if view.digits < 9:
        return found
    for m in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits < 9 or digits > 15 or view.protected(m.start(), m.end()):
            continue
        if m.group(0).startswith("00") and not m.group(0)[2:3].strip(" .-").isdigit():
            continue
        context = bool(_PHONE_CONTEXT.search(view.before(m.start())))
        if m.group("sep") == " " and not context:
            continue    # 3-3-4 with spaces and no phone label: the NHS number's printed form (nhs_numbers)
        grouped = any(ch in " -.()" for ch in m.group(0).strip())
        if not (context or grouped or m.group(0).startswith("+")):
            # an unbroken 0xxxxxxxxxx run: only a phone if it has a UK phone length and prefix
            if not re.fullmatch(r"0[1237]\d{8,9}", m.group(0)):
                continue
        confidence = 0.95 if context else (0.85 if grouped else 0.6)
        found.append(view.match("phone", m.start(), m.end(), confidence))
    return found
