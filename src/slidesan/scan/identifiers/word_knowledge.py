"""Is a capitalised word ordinary vocabulary (imaging, medicine, common English) or a possible name?

Surnames cannot be listed (rare and non-English ones are exactly the ones a list misses), so a
word is a name candidate when it is NOT known. Known = in the allow-list or common-English list,
after undoing a plural or possessive, all parts of a hyphenated compound known, or carrying a long
medical/English derivational suffix that surnames practically never have (-itis, -ectomy, -ation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from slidesan.scan.identifiers.lexicon import fold
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


def is_given_name(word: str, vocabulary: Vocabulary) -> bool:
    """A listed given name, or a compound of them (Jean-Pierre, Anne-Marie, Hans-Peter, Mary-Ann)."""
    low = fold(word)        # the list is folded too: María, Jürgen are maria, jurgen
    if low in vocabulary.given:
        return True
    parts = low.split("-")
    return len(parts) == 2 and all(part in vocabulary.given for part in parts)


def is_user_name(word: str, vocabulary: Vocabulary) -> bool:
    return word.lower() in vocabulary.names


# English function words never stand inside a person's name, so in slide text they end a run of
# capitalised words ("OR STATUTORY, AS TO"). Words that are also real surnames (An, He, So, Do,
# To as in Vietnamese or Chinese names) are deliberately left out.
FUNCTION_WORDS = frozenset(
    "the and or nor but as of in on at by for from with into onto is are was were be been this that these those "
    "its our your their my we they she if then than not via per".split())


def is_function_word(word: str) -> bool:
    return word.lower() in FUNCTION_WORDS


def _stems(low: str) -> list[str]:
    """Possible bases of an inflected or agent form: testing->test, peaked->peak, shipped->ship,
    educators->educate, reminder->remind, signaling->signal, implied->imply."""
    out = []
    for tail in ("ings", "ing", "ers", "er", "ors", "or", "ied", "ed"):
        if low.endswith(tail) and len(low) - len(tail) >= 3:
            stem = low[: -len(tail)]
            if tail == "ied":
                out.append(stem + "y")
                continue
            out += [stem, stem + "e"]
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # shipped -> ship, planning -> plan
            break
    return out


def _plain_known(low: str, vocabulary: Vocabulary) -> bool:
    """In the common-English, slide-prose or overlay lists (or a plural/possessive of one); eponyms
    do not count."""
    return any(f in vocabulary.common or f in vocabulary.allow or f in vocabulary.prose for f in _base_forms(low))


@lru_cache(maxsize=8192)
def _is_word_form_cached(low: str, vocabulary: Vocabulary) -> bool:
    if low in vocabulary.names:
        return False
    forms = _base_forms(low)
    if any(f in vocabulary.prose for f in forms):
        return True
    for form in forms:
        if any(_plain_known(stem, vocabulary) for stem in _stems(form)):
            return True
        # a compound of two ordinary words: lightweight, crosswalk, roadmap, stakeholder
        for cut in range(3, len(form) - 2):
            head, tail = form[:cut], form[cut:]
            if _plain_known(head, vocabulary) and (
                    _plain_known(tail, vocabulary) or any(_plain_known(s, vocabulary) for s in _stems(tail))):
                return True
    return False


def is_word_form(word: str, vocabulary: Vocabulary) -> bool:
    """Known, or a regular English derivative of a common word (an -ing/-ed/-er/-or form, a
    compound of two common words), a place or language name (Ohio's, English) or an everyday
    non-clinical word from prose_words.txt.

    Used only for loose runs in slide text: there a capital letter often marks a heading or a
    product, and such words are not plausible surnames. Structural rules (titles, labels,
    SURNAME^GIVEN) and OCR text keep the narrower is_known, so "Dr Harding" or an OCR'd
    "MANNING" is still a name."""
    low = word.lower()
    return _is_known_cached(low, vocabulary) or _is_word_form_cached(low, vocabulary)


_VOWEL = re.compile(r"[AEIOUYaeiouy\u00C0-\u024F]")
# Gaelic and Norman surnames keep a capital after their prefix (McAllister, MacLeod, O'Brien,
# FitzGerald): that inner capital is not OCR's mixed-case garbage.
_PREFIXED_SURNAME = re.compile(r"^(Mc|Mac|O['\u2019]|Fitz)([A-Z])(?=[a-z]{2})")


def name_like(word: str) -> bool:
    """Title case or capitals with a vowel: the shape of a name word (OCR garbage mixes cases)."""
    word = _PREFIXED_SURNAME.sub(lambda m: m.group(1) + m.group(2).lower(), word)
    letters = word.replace("'", "").replace("-", "").replace("\u2019", "")
    if len(letters) < 2 or not _VOWEL.search(letters):
        return False
    # Title case or upper case; OCR garbage mixes cases ("aBc", "LlI").
    return letters[1:] == letters[1:].lower() or letters.isupper()


def name_or_given(word: str, vocabulary: Vocabulary) -> bool:
    """Name-shaped, or a listed given name or compound of two (Jean-Pierre: the inner capital is no garbage)."""
    return name_like(word) or is_given_name(word, vocabulary)


# After a capitalised word: a dotted version or a software noun (an acronym may stand between) makes
# it a product's name, as producers sign what they write ("created by Pillow PDF driver" in a PDF's
# comment line, "Quuxify 3.2.1" in a picture's Software tag), not a person's.
_PRODUCT_TAIL = re.compile(r"\s+(?:v(?:ersion)?\s?)?\d+(?:\.\d+)+\b|\s+(?:[A-Z]{2,5}\s+)?(?:driver|library|"
                           r"toolkit|engine|SDK|plug-?in|converter)\b", re.IGNORECASE)


def signed_as_software(text: str, end: int) -> bool:
    """True when the word ending at `end` is followed by a version or a software noun."""
    return _PRODUCT_TAIL.match(text, end) is not None


# A capital inside a word after a small letter, other than after the prefixes names take (McAllister,
# MacLeod, DeVries, LeBlanc, FitzGerald): the case of bytes read as letters (`AmoLs`, `kEaa`, `JdBl` in a
# binary stream's printable runs), not of a name typed by a person.
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von)(?=[A-Z])")
_CASE_FLIP = re.compile(r"[a-z\u00DF-\u00FF][A-Z\u00C0-\u00DE]")


def case_noise(word: str) -> bool:
    for part in re.split(r"['\u2019\-]", word):
        if not part:
            continue
        if part[0].islower() and any(ch.isupper() for ch in part[1:]):
            return True
        prefix = _NAME_PREFIX.match(part)
        if _CASE_FLIP.search(part[prefix.end():] if prefix else part):
            return True
    return False


def captions_only(words: list[str], vocabulary: Vocabulary) -> bool:
    """Ordinary words of the languages that no list holds as a given name or surname: after a name
    label with no colon they are a form's next caption (`Last Name` over `Birthday`), not its value."""
    from slidesan.scan.identifiers import lexicon

    return all(lexicon.is_ordinary(w) and not is_given_name(w, vocabulary) and not is_surname_like(w, vocabulary)
               for w in words)


@lru_cache(maxsize=1)
def _word_names() -> frozenset[str]:
    from slidesan.scan.identifiers.vocabulary import _read_list

    return frozenset(_read_list("word_names.txt"))


def is_word_name(word: str) -> bool:
    """A given name or surname that is also an ordinary English word (data/word_names.txt: Summer, Joy,
    Short, Wood): a person only where something else says so."""
    return fold(word) in _word_names()


def edit_distance(a: str, b: str) -> int:
    """Letters changed, dropped or added to make `a` into `b`: how far an OCR misreading is from a word."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]
