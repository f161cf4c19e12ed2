"""Street addresses and postcodes outside the UK grammar (contacts.py has UK postcodes).

- A house number and a street: `2218 Baker Street`, `55 Fruit St`, `12 rue des Lilas`,
  `Calle Mayor 5`, `Hauptstraße 12`, with the town after it when a postal code leads it
  (`, 75010 Paris`, `, Boston MA 02114`).
- Irish Eircodes (`D04 T6F4`) and US ZIP codes after a state (`MA 02114`).
A street word alone is no address (`Abbey Road` is an album, `Main Street` a heading): the house
number is what makes it one person's home.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

_CAP = r"[A-Z\u00C0-\u00DE][\w'\u2019\-]*"
_STREET_AFTER = (r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Crescent|Way|Place|Gardens|Terrace|"
                 r"Boulevard|Blvd\.?|Court|Square|Row|Mews|Parade|Grove|Hill")
_STREET_BEFORE = (r"(?i:rue|avenue|boulevard|bd|chemin|place|impasse|allée|via|viale|piazza|corso|calle|avenida|av\.|"
                  r"paseo|plaza|rua|travessa|praça|largo|ul\.|ulica)")
# one word that ends in its street kind: German, Dutch, Nordic, Finnish (`Hauptstraße`, `Kerkstraat`, `Storgatan`)
_COMPOUND_STREET = (r"[A-Z\u00C0-\u00DE][a-zäöüßåæø]+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|"
                    r"gracht|plein|kade|singel|dijk|gatan|gata|vägen|väg|vej|veien|vei|gaten|gate|katu|tie)")
# a postal code before the town: 75002 Paris, 1017 GC Amsterdam, 00-590 Warszawa
_POSTAL_TOWN = r"(?:\d{4,5}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{3} \d{2})\s+"
_TOWN = rf"(?:,?\s+(?:{_POSTAL_TOWN}{_CAP}(?:\s+{_CAP})?|{_CAP}(?:\s+{_CAP})?,?\s+[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?))?"
_UNIT = r"(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\w{1,4},?\s+)?(?:\d{1,4}/)?"
_ADDRESS = re.compile(
    rf"(?<![\w.,/])(?:{_UNIT}\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,3}}(?:{_STREET_AFTER})(?![\w])"
    rf"|\d{{1,5}}[A-Za-z]?,?\s+(?:{_STREET_BEFORE})\s+(?:(?:de\s+la|de|des|du|del|della|di|da|do|dos|das)\s+)?{_CAP}(?:\s+{_CAP}){{0,2}}"
    rf"|(?:{_STREET_BEFORE})\s+(?:(?:de\s+la|de|des|du|del|della|di|da)\s+)?{_CAP}(?:\s+{_CAP}){{0,2}},?\s+\d{{1,4}}(?!\d|[.,:/]\d)"
    rf"|{_COMPOUND_STREET}\s+\d{{1,4}}[a-z]?(?!\d|[.,:/]\d))" + _TOWN)
# `Figure 3 Main Street`, `In 2019 Smith Road`: a number that counts or dates something is no house number
_NOT_A_HOUSE = re.compile(r"(?i:\b(?:fig(?:ure)?|table|slide|case|series|image|in|since|year|from|until|by|page|no)\.?)\s*$")
_EIRCODE = re.compile(r"(?<![\w\-])(?:[ACDEFHKNPRTVWXY]\d{2}|D6W) ?(?=[0-9A-Z]*\d)(?=[0-9A-Z]*[A-Z])[0-9ACDEFHKNPRTVWXY]{4}(?![\w\-])")
_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
           "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
_ZIP = re.compile(rf"(?<![\w])(?:{'|'.join(_STATES)})\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\w\-])")


# What follows a street on an address line, one comma-separated part at a time: a flat (`Apt 5`,
# `3ºB`), a town with its postcode or state (`Portsmouth PO1 3LJ`, `Bondi NSW 2026`, `Dublin 6W`,
# `28014 Madrid`). The line is one person's home to its end, so the match takes it whole.
_PART = re.compile(rf",\s*(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\w{{1,4}}|\d{{1,3}}[º°]?[A-Z]?"
                   rf"|{_POSTAL_TOWN}{_CAP}(?:\s+{_CAP})?"
                   rf"|{_CAP}(?:\s+{_CAP}){{0,2}}(?:\s+[A-Z]{{2,3}})?(?:\s+(?:[A-Z]{{1,2}}\d[A-Z\d]?\s?\d[A-Z]{{2}}|\d{{4,5}}|\d{{1,2}}[A-Z]?))?)"
                   rf"(?=\s*(?:,|$|\|))")


def _line_end(text: str, end: int) -> int:
    """The end of the address line after a street matched up to `end`: up to three parts more."""
    for _ in range(3):
        m = _PART.match(text, end)
        if m is None:
            break
        end = m.end()
    return end


def detect(view: TextView) -> list[Match]:
    text, found = view.norm, []
    if not view.digits:
        return found
    for m in _ADDRESS.finditer(text):
        if _NOT_A_HOUSE.search(view.before(m.start(), 16)):
            continue
        found.append(view.match("address", m.start(), _line_end(text, m.end()), 0.8))
    for m in _EIRCODE.finditer(text):
        found.append(view.match("postcode", m.start(), m.end(), 0.75))
    for m in _ZIP.finditer(text):
        found.append(view.match("postcode", m.start("zip"), m.end("zip"), 0.8))
    return found
