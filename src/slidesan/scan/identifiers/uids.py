"""DICOM UIDs: `1.2.840.113619.2.55.3.604688119...` names one study, series or image for ever.

A UID printed in a screenshot or typed on a slide links the picture back to the source record, so
it is an identifier; the constants of the standard itself (SOP classes, transfer syntaxes, all
under the root 1.2.840.10008) identify nothing and are left alone. OCR may put a space after a dot.
Claiming the whole UID also stops its long digit groups from passing as hospital numbers. Viewers cut
long UIDs with an ellipsis (`1.3.6.1....53582630`); the kept ends still link to the record.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

_UID = re.compile(r"(?<![\w.])[012](?:\.\s?\d{1,40}){2,}(?:(?:\.{3,}|\u2026)\d{4,})?(?![\w]|\.\d)")
STANDARD_ROOT = "1.2.840.10008."


def is_standard(uid: str) -> bool:
    return uid.replace(" ", "").startswith(STANDARD_ROOT)


def detect(view: TextView) -> list[Match]:
    if view.norm.count(".") < 3:
        return []
    found = []
    for m in _UID.finditer(view.norm):
        uid = m.group(0)
        if is_standard(uid) or len(uid.replace(" ", "")) < 10 or uid.count(".") < 3:
            continue
        found.append(view.match("uid", m.start(), m.end(), 0.95))
    return found
