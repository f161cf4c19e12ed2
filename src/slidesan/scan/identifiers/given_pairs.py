"""A given name from the project's lists and one or two capitalised words: `Mark Manning`,
`Case courtesy of John Smith`. A person even when the surname is an English word; review on its own
(a heading can pair a given name with a word), high after a phrase that introduces a person, and
never the name of a sign, syndrome or procedure (`Pierre Robin Sequence`)."""

from __future__ import annotations

import re

from slidesan.scan.identifiers.initials import CITATION, EXAMINATIONS
from slidesan.scan.identifiers.lexicon import fold
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.word_knowledge import (is_allow_listed, is_function_word, is_given_name, is_known,
                                                      is_surname_like, is_word_form, is_word_name)

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
# Phrases that introduce a person on a slide: the pair after them is a name, not a heading. The introducing
# phrases name nothing but a person; a post or `under` precedes a session or a state too (`Registrar
# Training Day`, `under General Anaesthesia`), so a pair of ordinary words follows only the first.
_INTRODUCERS = (r"courtesy(?:\s+of)?|seen\s+by|referred\s+by|reported\s+by|provided\s+by|presented\s+by|written\s+by|"
                r"thanks\s+to|thank\s+you\s+to|patient|pt|case\s+of")
_PERSON_CUE = re.compile(rf"(?:{_INTRODUCERS}|under|consultant|registrar|supervisor)\s*[:,\-]?\s*$", re.IGNORECASE)
_INTRODUCED = re.compile(rf"(?:{_INTRODUCERS})\s*[:,\-]?\s*$", re.IGNORECASE)
# A numbered case heading (`Case 3:`, `Case no. 12 -`): a name written surname first after it is the case's
# patient (`Case 3: Wood, Grace`); a heading of words (`Case 3: Acute Abdomen`) has no comma pair
_CASE_NUMBER = re.compile(r"\bcase\s*(?:no\.?\s*)?\d{1,3}[a-z]?\s*[:.,\-\u2013]?\s*$", re.IGNORECASE)

# What follows a patient's name on a teaching slide: an age (`, 54`, ` 67F`, `(83 yo)`), a date of birth, a
# ward or bed, a record label. A heading that pairs a given name with a word is followed by none of these.
_TAIL_START = r"\s*(?:,\s*|\s+|\s*\(\s*|\s+[\-\u2013]\s+)"
_AGE, _AGE_MARK = r"\d{1,3}\s?", r"(?:[MF]|y/?o|yrs?|years?(?:[\s\-]old)?)"
_RECORD = r"\b(?:\s?(?i:no|number)\.?)?\s?[:#]?\s?\d"
PATIENT_TAIL = re.compile(
    rf"{_TAIL_START}(?:{_AGE}{_AGE_MARK}?(?![\w/:\-]|[.,]\d)|"
    r"\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d\d)(?![\w/]|[.\-]\d)|"
    rf"(?i:DOB|D\.O\.B\.?|born|aged?|ward|bed|MRN|NHS|hosp){_RECORD})")
# ...and the tails nothing but a patient has: an age with its sex (`, 54F`, `(83 yo)`), a birth date's, a
# record's, a ward's or a bed's label and its number. After one, two ordinary words are a name too
# (`Summer Short, 54F`, `Jack Long, 67M`).
STRONG_TAIL = re.compile(
    rf"{_TAIL_START}(?:{_AGE}{_AGE_MARK}(?![\w/:\-]|[.,]\d)|(?i:DOB|D\.O\.B\.?|born|MRN|NHS|hosp|ward|bed){_RECORD})")
# `Okonkwo, Ingrid`, `SMITH, John`: a surname, a comma and a listed given name, as lists and labels print them.
_SURNAME_GIVEN = re.compile(rf"(?<![\w'\u2019\-])(?P<s>{_CAP}),\s?(?P<g>{_CAP})(?![\w'\u2019\-])")
_TITLE_CASE = re.compile(r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u024F'\u2019\-]{2,}")     # `Chidinma`, not `J` or `AmoLsAKWW`
# ...but not across a list of people written given name first (`Tobias Wrenfield, Marian Castellow`)
# or a list of places (`Address: Mirek, Tolvane, Ostrabury`)
_CAP_BEFORE = re.compile(r"[A-Z][\w'\u2019\-]*\s?,?\s$")
_CAP_AFTER = re.compile(r"\s?,?\s[A-Z][a-z]")


def _surname(word: str, view: TextView) -> bool:
    """A word a reader takes for a surname here: no function word, no imaging word, and no English word
    form unless a list of surnames or eponyms holds it."""
    vocabulary = view.vocabulary
    if len(word) < 2 or is_function_word(word) or is_allow_listed(word, vocabulary):
        return False
    return is_surname_like(word, vocabulary) or not is_word_form(word, vocabulary)


def detect(view: TextView) -> list[Match]:
    """`Mark Manning`, `Case courtesy of John Smith`: review on their own (a heading can pair a given
    name with a word), high after a phrase that introduces a person, before an age, a birth date or a
    ward (`Grace Brennan, 31`), or with the surname in capitals (`Rhys SZYMANSKI`); `Okonkwo, Ingrid`."""
    found = _surname_first(view)
    text, vocabulary = view.text, view.vocabulary
    for start in (w.start() for w in _RUN_WORD.finditer(text) if w.group(0)[0].isupper()):
        m = _GIVEN_PAIR.match(text, start)      # at every capitalised word: "Patient Mark Manning" holds a pair
        if m is None:
            continue
        given, rest = m.group("g"), m.group("s").split()
        if not is_given_name(given, vocabulary):
            named = _word_given(view, m)
            if named:
                found.append(named)
            continue
        if len(rest[0]) < 2 or is_function_word(rest[0]):
            continue    # "James B" (an initial) says too little on its own
        if is_allow_listed(rest[0], vocabulary):
            end = m.start("s") + len(rest[0])
            if _strong_tail(view, m.start(), end):
                found.append(view.match("name", m.start(), end, 0.8))     # `Jack Long, 67M`
            continue
        if len(rest) == 2 and (is_function_word(rest[1]) or is_allow_listed(rest[1], vocabulary)
                               or not (is_given_name(rest[0], vocabulary) or not is_known(rest[1], vocabulary))):
            rest = rest[:1]     # "John Smith Award": the third word joins only as a second given name or a rare surname
        end = m.start("s") + len(" ".join(rest))
        if _EPONYM_HEAD.match(text, end) or any(_EPONYM_HEAD.fullmatch(w) for w in rest):
            continue
        cue = _PERSON_CUE.search(view.before(m.start(), 32)) or PATIENT_TAIL.match(text, end) or (
            rest[-1].isupper() and len(rest[-1]) >= 2 and not is_known(rest[-1], vocabulary))
        found.append(view.match("name", m.start(), end, 0.85 if cue else 0.65))
    return found


def _word_given(view: TextView, m: re.Match) -> Match | None:
    """`Patient June Obi`, `Reported by Summer Khan`, `patient Cormac Bird`, `Joy Nguyen, 54`: a given name the
    list leaves out because it is also a word (June, Joy, Summer, Bill) or simply missing, and a surname, one of
    them no English word form, are a person where a phrase introduces one or an age, birth date or ward follows."""
    text, vocabulary = view.text, view.vocabulary
    given, surname = m.group("g"), m.group("s").split()[0]
    if any(len(w) < 2 or is_function_word(w) or is_allow_listed(w, vocabulary) for w in (given, surname)):
        return None
    end = m.start("s") + len(surname)
    if all(w.lower() in vocabulary.eponyms for w in (given, surname)):
        return None     # two eponyms and a type (`Salter Harris 2`)
    if not (is_surname_like(surname, vocabulary) or not is_word_form(surname, vocabulary)
            or not is_word_form(given, vocabulary)):
        # both English words (`Summer Short`): a person only when one of them is a name too, before what
        # nothing but a patient has (`Sports Injury, 23M` is a case)
        named = any(is_word_name(w) for w in (given, surname)) and fold(surname) not in _ORGANISATION
        placed = _strong_tail(view, m.start(), end) or _INTRODUCED.search(view.before(m.start(), 32))
        return view.match("name", m.start(), end, 0.8) if named and placed else None
    if _EPONYM_HEAD.match(text, end):
        return None
    if _PERSON_CUE.search(view.before(m.start(), 32)) or PATIENT_TAIL.match(text, end):
        return view.match("name", m.start(), end, 0.8)   # high, yet an institution it overlaps wins (registry)
    return None


# A word name before one of these names a body, not a person (`Courtesy of Summer School`, `Hope Hospital`)
_ORGANISATION = frozenset("school college university society group club trust foundation institute department unit "
                          "centre center hospital hospice clinic team press library museum project programme program "
                          "network academy congress meeting conference course".split())


def _strong_tail(view: TextView, start: int, end: int) -> bool:
    """An age with its sex, a date of birth or a record label right after the pair, and the pair no part of
    a longer run of capitalised words (`Road Traffic Collision, 45M`)."""
    return (STRONG_TAIL.match(view.text, end) is not None and not _CAP_BEFORE.search(view.text, max(0, start - 40), start)
            and not _EPONYM_HEAD.match(view.text, end))


def _surname_first(view: TextView) -> list[Match]:
    """`Okonkwo, Ingrid`, `Khan, Chidinma`; not a cited author (`Source: Varga, Elspeth (2014).`): a line that
    reads as a citation names no patient; nor two eponyms (`Crohn, Kantor`) unless a listed given name follows."""
    text = view.text
    if "," not in text or view.source != "text":
        return []       # OCR reads `NPL, Ao` out of texture; names.py has its own rules for it
    found = []
    for m in _SURNAME_GIVEN.finditer(text):
        if CITATION.search(_line_of(text, m.start())):
            continue
        surname, given = m.group("s"), m.group("g")
        if (_given(given, view) and not is_given_name(surname, view.vocabulary)
                and _surname(surname, view) and not _EPONYM_HEAD.match(text, m.end())
                and (is_given_name(given, view.vocabulary) or surname.lower() not in view.vocabulary.eponyms)
                and not _CAP_BEFORE.search(text, max(0, m.start() - 40), m.start()) and not _CAP_AFTER.match(text, m.end())):
            found.append(view.match("name", m.start(), m.end(), 0.85))
        elif (is_word_name(surname) or is_word_name(given) or len(given) == 1
              or (_surname(surname, view) and _given_shaped(given, view))) \
                and not is_allow_listed(surname, view.vocabulary) and not is_function_word(surname) \
                and (_strong_tail(view, m.start(), m.end()) or _beside_examination(text, m.start(), m.end())
                     or _INTRODUCED.search(view.before(m.start(), 32)) or _CASE_NUMBER.search(view.before(m.start(), 32))):
            # `Short, Summer, 54F`, `CT chest - WOOD, G`, `Courtesy of Bird, Joy`, `Case 3: Wood, Grace`
            found.append(view.match("name", m.start(), m.end(), 0.8))
    return found


# A case written as its examination and its patient joined by a dash: `CT chest - WOOD, G`,
# `Pemberton, Summer - CT abdomen`
_EXAMINATION = (r"(?:" + "|".join(sorted(EXAMINATIONS | {"NM", "PET-CT", "PET/CT"}, key=len, reverse=True))
                + r"|[Mm]ammo\w*|[Ff]luoro\w*|[Aa]ngio\w*|[Uu]ltrasound|[Bb]arium)")
_EXAM_BEFORE = re.compile(rf"\b{_EXAMINATION}\b[^\n\-\u2013:]{{0,30}}\s[\-\u2013:]\s*$")
_EXAM_AFTER = re.compile(rf"\s*[\-\u2013:]\s+{_EXAMINATION}\b")


def _beside_examination(text: str, start: int, end: int) -> bool:
    return bool(_EXAM_BEFORE.search(text, max(0, start - 40), start) or _EXAM_AFTER.match(text, end))


def _given_shaped(word: str, view: TextView) -> bool:
    """A capitalised word that can be a given name: listed, or any word but a function or imaging word."""
    return is_given_name(word, view.vocabulary) or (_TITLE_CASE.fullmatch(word) is not None and not (
        is_function_word(word) or is_allow_listed(word, view.vocabulary)))


def _given(word: str, view: TextView) -> bool:
    """After `Surname, `: a listed given name, or a word no dictionary of English forms holds (`Khan, Chidinma`)."""
    if is_given_name(word, view.vocabulary):
        return True
    return _TITLE_CASE.fullmatch(word) is not None and not (
        is_word_form(word, view.vocabulary) or is_function_word(word) or is_allow_listed(word, view.vocabulary))


def _line_of(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]
