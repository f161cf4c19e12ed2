"""A member of staff named beside their role: `Ask Margaret (the registrar)`, `Rhys, our sonographer,`,
`Rhys (SpR) reported it`, `thanks to Dev (FY2)`.

Comments and notes name colleagues by first name, and the role next to the name says it is a person:
a ward's registrar or sonographer on a given day narrows the patient down as a referring doctor does.
Reported as a clinician (an indirect identifier). The word before the role must be capitalised, not a
function word and not imaging vocabulary (`MRI (the modality)` is not a person), and an ordinary word needs
`the`/`our` before a bracketed role (`Induction (FY1)` is a session).
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_function_word, is_given_name, is_word_form

ROLES = (r"registrar|reg|SpR|StR|SHO|FY[12]|F[12]|ST[1-8]|CT[12]|houseman|house\s+officer|fellow|consultant|"
         r"radiologist|radiographer|reporting\s+radiographer|sonographer|nurse|staff\s+nurse|charge\s+nurse|sister|"
         r"matron|midwife|physio(?:therapist)?|HCA|healthcare\s+assistant|PA|physician\s+associate|secretary|"
         r"PACS\s+manager|clerk|porter|anaesthetist|surgeon|intern|resident|attending|technologist|tech|"
         r"medical\s+student|student")
_NAME = r"(?P<n>[A-Z][a-z\u00DF-\u00FF'\u2019\-]+(?:\s[A-Z][a-z\u00DF-\u00FF'\u2019\-]+)?)"
_BESIDE = re.compile(
    rf"(?<![\w'\u2019\-]){_NAME}(?:\s*\(\s*(?P<article>(?i:the\s+|our\s+|a\s+))?(?i:{ROLES})\s*\)|"
    rf",\s*(?i:the|our)\s+(?i:{ROLES})\b)")
_GATE = hints("(", ", the ", ", our ")


def detect(view: TextView) -> list[Match]:
    found = []
    if not view.has_any(_GATE):
        return found
    for m in _BESIDE.finditer(view.text):
        words = m.group("n").split()
        start = m.start("n")
        if len(words) == 2 and is_word_form(words[0], view.vocabulary) and not is_given_name(words[0], view.vocabulary):
            start, words = m.end("n") - len(words[1]), words[1:]     # `Ask Margaret (the registrar)`
        if any(is_function_word(w) or is_allow_listed(w, view.vocabulary) for w in words):
            continue
        if m.group(0).rstrip().endswith(")") and not m.group("article") and all(
                is_word_form(w, view.vocabulary) and not is_given_name(w, view.vocabulary) for w in words):
            continue    # `Induction (FY1)`: a bare role after an ordinary word labels a session, not a person
        found.append(view.match("clinician", start, m.end("n"), 0.85))
    return found
