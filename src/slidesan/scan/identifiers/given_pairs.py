"""A given name from the project's lists and one or two capitalised words: `Mark Manning`,
`Case courtesy of John Smith`. A person even when the surname is an English word; review on its own
(a heading can pair a given name with a word), high after a phrase that introduces a person, and
never the name of a sign, syndrome or procedure (`Pierre Robin Sequence`)."""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_function_word, is_given_name, is_known

_L = r"A-Za-z\u00C0-\u024F"
_CAP = rf"[A-Z\u00C0-\u00DE][{_L}'\u2019\-]*"
_RUN_WORD = re.compile(rf"[{_L}][{_L}'\u2019\-]*")
# A given name and one or two capitalised words: a person even when the surname is an English word.
_GIVEN_PAIR = re.compile(rf"(?<![\w'\u2019\-])(?P<g>{_CAP})\s(?P<s>{_CAP}(?:\s{_CAP})?)(?![\w'\u2019\-])")
# ...unless the pair names a sign, syndrome or procedure ("Pierre Robin Sequence", "Charles Bonnet Syndrome")
_EPONYM_HEAD = re.compile(r"\s*(?:'s\s+)?(?:syndrome|disease|sign|sequence|procedure|operation|fracture|triad|pouch|test|"
                          r"classification|score|criteria|lesion|tumou?r|manoeuvre|maneuver|reflex|law|index|line|"
                          r"space|duct|canal|node|cells?|method|technique|view|position|effect|phenomenon)\b",
                          re.IGNORECASE)
# Phrases that introduce a person on a slide: the pair after them is a name, not a heading.
_PERSON_CUE = re.compile(r"(?:courtesy(?:\s+of)?|seen\s+by|referred\s+by|reported\s+by|provided\s+by|presented\s+by|"
                         r"written\s+by|thanks\s+to|thank\s+you\s+to|patient|pt|case\s+of|under|consultant|"
                         r"registrar|supervisor)\s*[:,\-]?\s*$", re.IGNORECASE)


def detect(view: TextView) -> list[Match]:
    """`Mark Manning`, `Case courtesy of John Smith`: review on their own (a heading can pair a given
    name with a word), high after a phrase that introduces a person."""
    found = []
    text, vocabulary = view.text, view.vocabulary
    for start in (w.start() for w in _RUN_WORD.finditer(text) if w.group(0)[0].isupper()):
        m = _GIVEN_PAIR.match(text, start)      # at every capitalised word: "Patient Mark Manning" holds a pair
        if m is None:
            continue
        given, rest = m.group("g"), m.group("s").split()
        if (not is_given_name(given, vocabulary) or len(rest[0]) < 2 or is_function_word(rest[0])
                or is_allow_listed(rest[0], vocabulary)):
            continue    # "James B" (an initial) says too little on its own
        if len(rest) == 2 and (is_function_word(rest[1]) or is_allow_listed(rest[1], vocabulary)
                               or not (is_given_name(rest[0], vocabulary) or not is_known(rest[1], vocabulary))):
            rest = rest[:1]     # "John Smith Award": the third word joins only as a second given name or a rare surname
        end = m.start("s") + len(" ".join(rest))
        if _EPONYM_HEAD.match(text, end) or any(_EPONYM_HEAD.fullmatch(w) for w in rest):
            continue
        cue = _PERSON_CUE.search(view.before(m.start(), 32))
        found.append(view.match("name", m.start(), end, 0.85 if cue else 0.65))
    return found
