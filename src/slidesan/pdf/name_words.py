"""What a PDF name says: its glued words parted and judged, for the font step and the final sweep.

PDF names glue words (`/ABCDEF+JohnSmith-Bold`, `/MarkInfo`, a role map's `/Caps#20Head#202`), so a
name is read as its words. Most names are the specification's or a program's own words, and
typefaces are often named after people (Baskerville, Frutiger): a name counts as a person only
when the detector is sure, or a given name is followed by a surname or a word no list knows
(not one of the abbreviations the specification glues in). Numbers, dates and addresses in a name
always count.
"""

from __future__ import annotations

import re

import pikepdf

from slidesan.deck.leaks import TEXT, leaks

UNSURE, SURE = ("name", "clinician"), 0.7
# Abbreviations the PDF specification glues into its names (MarkInfo, DecodeParms, StructParents).
SPEC_ABBREVIATIONS = frozenset("info parms attr attrs obj objs ref refs num nums id desc param cnt len def dict "
                               "coll seq sig ocg ocgs ocmd bbox xobject".split())
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])|[-_,+]")


def name_text(name) -> str:
    """A name as its words: `/ABCDEF+JohnSmith-Bold` -> 'John Smith Bold' (a font subset's tag dropped)."""
    text = str(name)[1:] if isinstance(name, pikepdf.Name) else str(name).lstrip("/")
    return " ".join(_GLUED.sub(" ", _SUBSET_TAG.sub("", text)).split())


def name_leaks(words: str, kind: str = TEXT, vocabulary=None, user=None) -> list:
    """The identifiers a name's words (name_text) hold, by the rule of the module docstring."""
    from slidesan.scan.identifiers import default_vocabulary

    vocabulary = vocabulary or default_vocabulary()
    return [leak for leak in leaks(words, kind, user=user) if person_in_name(leak, vocabulary)]


def person_in_name(leak, vocabulary) -> bool:
    from slidesan.scan.identifiers.word_knowledge import is_given_name, is_known, is_surname_like

    if leak.category not in UNSURE or leak.confidence >= SURE:
        return True
    words = leak.text.split()
    return any(is_given_name(first, vocabulary) and second.lower() not in SPEC_ABBREVIATIONS and
               (is_surname_like(second, vocabulary) or not is_known(second, vocabulary))
               for first, second in zip(words, words[1:]))
