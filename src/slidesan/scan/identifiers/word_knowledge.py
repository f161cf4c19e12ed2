"""Is a capitalised word ordinary vocabulary (imaging, medicine, common English) or a possible name?

Surnames cannot be listed (rare and non-English ones are exactly the ones a list misses), so a
word is a name candidate when it is NOT known. Known = in the allow-list or common-English list,
after undoing a plural or possessive, all parts of a hyphenated compound known, or carrying a long
medical/English derivational suffix that surnames practically never have (-itis, -ectomy, -ation).
"""

from __future__ import annotations

from functools import lru_cache

from slidesan.scan.identifiers.vocabulary import Vocabulary

_SUFFIXES = (
    "itis", "omas", "oma", "osis", "oses", "ectomy", "ostomy", "otomy", "plasty", "graphy", "grams", "gram",
    "scopy", "pathy", "algia", "aemia", "emia", "megaly", "plasia", "trophy", "ectasis", "ectasia", "cele",
    "iasis", "ology", "ologist", "ologists", "ation", "ations", "ition", "itions", "ments", "ment", "ness",
    "ities", "ity", "isms", "ism", "ular", "ical", "ally", "ously", "ative", "ence", "ances", "ance", "able",
    "ible", "ised", "ized", "ising", "izing", "otic", "atic", "etic", "ography", "oscopy", "ectomies",
    "ageal", "eal", "ious", "eous", "ities", "cytes", "cyte", "blast", "blasts", "phage", "lysis",
    "ial", "nal", "tal", "ral", "ular", "ous", "sion", "sions", "tion", "tions", "oid", "oids", "ium",
    "itic", "ology", "graphic", "scopic", "plastic", "trophic", "genic", "ectal", "ometry",
)


def _base_forms(low: str) -> list[str]:
    forms = [low]
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if low.endswith(tail):
            low = low[: -len(tail)]
            forms.append(low)
            break
    if len(low) > 3 and low.endswith("ies"):
        forms.append(low[:-3] + "y")
    if len(low) > 3 and low.endswith("es"):
        forms.append(low[:-2])
    if len(low) > 2 and low.endswith("s"):
        forms.append(low[:-1])
    return forms


def is_known(word: str, vocabulary: Vocabulary) -> bool:
    return _is_known_cached(word.lower(), vocabulary)


@lru_cache(maxsize=8192)
def _is_known_cached(low: str, vocabulary: Vocabulary) -> bool:
    if low in vocabulary.names:
        return False
    for form in _base_forms(low):
        if form in vocabulary.allow or form in vocabulary.common or form in vocabulary.eponyms:
            return True
    if "-" in low:
        parts = [p for p in low.split("-") if p]
        if parts and all(_is_known_cached(p, vocabulary) or len(p) == 1 for p in parts):
            return True
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) >= len(suffix) + 3:
            return True
    return False


def is_allow_listed(word: str, vocabulary: Vocabulary) -> bool:
    low = word.lower()
    return any(form in vocabulary.allow for form in _base_forms(low))


@lru_cache(maxsize=8192)
def is_surname_like(word: str, vocabulary: Vocabulary) -> bool:
    """Known, but also a surname (eponyms such as Smith, Douglas): kept inside a name run."""
    low = word.lower()
    return low in vocabulary.names or any(form in vocabulary.eponyms for form in _base_forms(low))


def is_user_name(word: str, vocabulary: Vocabulary) -> bool:
    return word.lower() in vocabulary.names
