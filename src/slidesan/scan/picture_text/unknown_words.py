"""Words read cleanly in a picture that no dictionary, word list or overlay vocabulary knows, shaped
like a name: they are not harmless, they go to review.

Why: the detectors recognise names by structure (`SURNAME^GIVEN`, a title, a label) and by word
lists; a name of a culture the lists do not hold (`Tiihonen Eeva-Liisa`, `Ioannis Papadopoulos`),
written lower-case (`eleanor thorne`) or alone in a corner has none of that, and used to end as
"other text", counted harmless. A line can only be harmless when every word in it is accounted for,
so a run of unknown words that could be a person's name makes the picture needs-review; the
lecturer looks once. Words that cannot be a name are left as other text: OCR noise without vowels
(`Hrvw`), mixed-case garbage (`tHe`), words glued to digits, short capitals (`CPU`, `IHEP`: acronyms),
ordinary words of the languages and of DICOM's attribute names (`Invert`, `Photometric`: interface
words the project's small lists do not hold; a common surname or given name is never dropped so),
and anything on a line read from texture or unsure (those lines have their own account).
"""

from __future__ import annotations

import re
from functools import lru_cache

from slidesan.scan.identifiers import lexicon
from slidesan.scan.identifiers.labelled_names import emptied
from slidesan.scan.identifiers.match import REVIEW, Match
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_given_name, is_known, is_surname_like
from slidesan.scan.picture_text.precision import menu_bar

CATEGORY = "name"
CONFIDENCE = 0.5
REASON = "words no dictionary knows (a name?)"
# A name-shaped word: letters with an inner hyphen or apostrophe (O'Neill, Eeva-Liisa), capitalised,
# in capitals, or (on an all lower-case line) lower-case; Latin script with its accents.
_LETTERS = "A-Za-z\u00C0-\u024F"
_TITLE = re.compile(rf"^[A-Z\u00C0-\u00DE][a-z\u00DF-\u024F]+(?:['\u2019\-][A-Z\u00C0-\u00DE]?[a-z\u00DF-\u024F]+)*$")
_CAPS = re.compile(r"^[A-Z\u00C0-\u00DE]{2,}(?:['\u2019\-][A-Z\u00C0-\u00DE]+)*$")
_MIXED = re.compile(r"^(?:Mc|Mac|O'|D'|De|Di|La|Le|Van|Von)[A-Z][a-z]+$")     # McAllister, DeVries
# Words OCR glued: `KaurHarpreet`, `PriyaRaman` (two capitalised parts), `DAlessando`, `OBrien` (the
# apostrophe lost)
_GLUED = re.compile(r"^(?:[A-Z][a-z]{2,}[A-Z][a-z]{2,}|[DO][A-Z][a-z]{2,})$")
_TITLE_INITIAL = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Mx)[A-Z]$")
_LOWER = re.compile(rf"^[a-z\u00DF-\u024F]+(?:['\u2019\-][a-z\u00DF-\u024F]+)*$")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīĭįıōŏőœūŭůűų")
_WORDS = re.compile(r"[^\s,;:()\[\]]+")
# Short words in capitals are acronyms (`CPU`, `IHEP`) unless they are a romanised Chinese syllable
# (`WANG`, `XIAO`: names are short there) or a common short Korean or Vietnamese surname.
_ROMANISED = re.compile(
    r"^(?:(?:B|P|M|F|D|T|N|L|G|K|H|J|Q|X|ZH|CH|SH|R|Z|C|S|Y|W)?(?:IANG|IONG|UANG|ANG|ENG|ING|ONG|IAO|IAN|UAI|UAN|"
    r"AI|EI|AO|OU|AN|EN|IN|UN|IA|IE|IU|UA|UO|UI|UE|A|O|E|I|U)|KIM|LEE|PARK|CHOI|JUNG|KANG|CHO|YOON|JANG|LIM|HAN|"
    r"SEO|SHIN|KWON|TRAN|PHAM|DANG|BUI|NGO|HUYNH|VU|VO|DO|HO|LY)$")


# A measurement whose digits OCR took for letters: a scale bar's `1 cm` read as `lcm` or `icm`, `10 mm`
# as `lOmm` (1 as l, i, I or |; 0 as o or O; the space lost): only look-alike digits before a unit.
_MISREAD_MEASURE = re.compile(r"^[0-9lIi|!oO]*[lIi|!oO][0-9lIi|!oO.,]*(?:mm|cm|ms|kv|kev|hz|khz|mhz|db|ml|mgy|msv|"
                              r"sec|bpm|mbq)$", re.IGNORECASE)


# A window/level caption misread (`WW/WL` as `WWIWI`, `WWAWL`): W, L and the slash's look-alikes, two W's at least.
_MISREAD_WINDOW = re.compile(r"^(?=(?:[^W]*W){2})[WLIAV/|\\1]{3,6}$")


def name_shaped(word: str, all_lower_line: bool) -> bool:
    """Shaped like a name by its letters and case (not whether any list knows it)."""
    if _MISREAD_MEASURE.match(word.strip(".'\u2019-")) or _MISREAD_WINDOW.match(word):
        return False
    word = _ocr_capital_i(word.strip(".'\u2019-"))
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 3 or not any(c.lower() in _VOWELS for c in letters):
        return False
    return bool(_TITLE.match(word) or _CAPS.match(word) or _MIXED.match(word) or _GLUED.match(word)
                or (all_lower_line and _LOWER.match(word)))


def _neutral(word: str) -> bool:
    """Words that neither make nor break a name around them: lower-case ones (a particle `van`,
    `vander` glued, a given name whose capital OCR misread, `tukasz` for Łukasz) and a title glued to
    an initial (`MrJ.`)."""
    word = word.strip(".,'\u2019-")
    return bool(_LOWER.match(word)) or bool(_TITLE_INITIAL.match(word))


def ordinary(word: str, vocabulary) -> bool:
    """A word that says nothing of a person here: on the project's lists, an ordinary word of the
    viewers' languages (the lexicons), a word of DICOM attribute names (`Photometric`, `Issuer`: the
    words of viewer interfaces), or an acronym (short capitals that are no romanised syllable). A
    known given name or a common surname (data/surnames.txt: `Santos`, `Khan`, `Park` are ordinary
    words somewhere too) is never ordinary."""
    word = _ocr_capital_i(word.strip(".'\u2019-"))
    low = lexicon.fold(word)
    if low in _surnames() or (vocabulary is not None and (is_given_name(word, vocabulary)
                                                         or is_surname_like(word, vocabulary))):
        return False
    if vocabulary is not None and (is_known(word, vocabulary) or is_allow_listed(word, vocabulary)):
        return True
    if word.isupper() and len(word) <= 4 and not _ROMANISED.match(word):
        return True
    return _ordinary_form(low) or low in _label_words()


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    """The words of field labels (`Annotator`, `Sonographer`, `Accession`): a caption a viewer prints,
    not a person, even where no dictionary holds the word."""
    from slidesan.scan.picture_text import labels

    return frozenset(w for key in labels.table() for w in key.split() if len(w) >= 4)


_PREFIXES = ("un", "re", "pre", "de", "non", "multi", "over", "sub", "auto")
_SUFFIXES = ("ed", "d", "ing", "s", "es", "ize", "ise", "ized", "ised", "er", "ers")


@lru_cache(maxsize=8192)
def _ordinary_form(low: str) -> bool:
    """Ordinary as it stands, or once a common prefix or ending is taken off (`Uncompressed`,
    `Anonymize`, `Annotated`: interface words built from ordinary ones)."""
    if lexicon.is_ordinary(low) or low in _dicom_words():
        return True
    stems = [low[len(p):] for p in _PREFIXES if low.startswith(p) and len(low) - len(p) >= 4]
    stems += [s[:-len(x)] + e for s in [low] + stems for x in _SUFFIXES if s.endswith(x) and len(s) - len(x) >= 4
              for e in ("", "e")]
    return any(lexicon.is_ordinary(s) or s in _dicom_words() for s in stems)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    from slidesan.scan.identifiers.vocabulary import _read_list

    return frozenset(lexicon.fold(w) for w in _read_list("surnames.txt"))


@lru_cache(maxsize=1)
def caption_words() -> frozenset[str]:
    """Words a viewer prints as captions: DICOM attribute keywords' words and field labels' words."""
    return _dicom_words() | _label_words()


@lru_cache(maxsize=1)
def _dicom_words() -> frozenset[str]:
    """The words of every DICOM attribute keyword (`PhotometricInterpretation` → photometric,
    interpretation), from pydicom's dictionary."""
    from pydicom.datadict import DicomDictionary

    words = set()
    for entry in DicomDictionary.values():
        words.update(w.lower() for w in re.findall(r"[A-Z][a-z]{2,}", entry[4] or ""))
    return frozenset(words)


def _ocr_capital_i(word: str) -> str:
    if word[:1] in ("l", "|", "1") and word[1:2].islower():
        return "I" + word[1:]       # OCR reads a capital I as l: `loannis`
    return word


def review_unknown(line, kept: list[Match], dropped: list[Match], vocabulary=None) -> list[Match]:
    """`kept` with each name-shaped run of other text, and each name the precision rules dropped
    that is still name-shaped (`WANG XIAO` looked like two acronyms), as a review name match."""
    if not getattr(line, "reliable", True) or getattr(line, "texture", False):
        return kept
    if vocabulary is not None and menu_bar(line.text, vocabulary):
        return kept     # a menu bar's misread commands (`Fite Edit View Toois Help`) are no name
    words = _WORDS.findall(line.text)
    all_lower = bool(words) and all(w.islower() for w in words if any(c.isalpha() for c in w))
    out = []
    for m in kept:
        if (m.category == "other-text" and _could_be_a_name(m.text, all_lower, vocabulary) and not emptied(m.text)
                and not (_harmless_place(line.text, m.start, m.end) and not _PATIENT_LINE.search(line.text))):
            m = Match(CATEGORY, REVIEW, m.start, m.end, m.text, CONFIDENCE, "unknown")
        out.append(m)
    for m in dropped:
        if m.category in ("name", "clinician") and _could_be_a_name(m.text, all_lower, vocabulary) and not emptied(m.text) \
                and not any(o.start < m.end and m.start < o.end for o in out if o.severity != "info"):
            out = [o for o in out if not (o.start < m.end and m.start < o.end)]
            out.append(Match(CATEGORY, REVIEW, m.start, m.end, m.text, CONFIDENCE, "unknown"))
    return sorted(out, key=lambda m: (m.start, m.end))


# An age or a birth on the line makes it a patient's (`Okafor stage IV, 45Y F`): no place there is an eponym's or a label's.
_PATIENT_LINE = re.compile(r"(?i)(?<![\w.])\d{1,3}\s?(?:y|yo|yrs?|years?)\b|\b(?:DOB|born|n[ée]e?)\b")


def _harmless_place(text: str, start: int, end: int) -> bool:
    return eponym_place(text, start, end) or label_place(text, start, end)


# What an eponym names: a part of the body, a sign, a disease (`Stensen duct`, `Circle of Willis`).
_EPONYM_HEADS = ("duct|ducts|canal|pouch|space|fossa|fascia|foramen|triangle|ligament|capsule|sphincter|ampulla|"
                 "circle|cave|cyst|node|nodes|sign|signs|disease|syndrome|tumour|tumor|fracture|lesion|hernia|lines|"
                 "line|hump|gland|glands|tube|diverticulum|deformity|malformation|anomaly|classification|grade|"
                 "score|criteria|type|stage|sarcoma|lymphoma|cell|cells|body|bodies|valve|muscle|nerve|artery|vein|"
                 "sinus|process|tubercle|membrane|layer|area|zone|cleft|pouches|notch|angle|ring")
_HEAD_AFTER = re.compile(rf"^['’]?s?\s*(?:{_EPONYM_HEADS})\b", re.I)
_HEAD_BEFORE = re.compile(rf"\b(?:{_EPONYM_HEADS})\s+of\s+(?:the\s+)?$", re.I)


def eponym_place(text: str, start: int, end: int) -> bool:
    """The word stands where an eponym stands: right before what it names (`Gerota fascia`,
    `Hampton's hump`) or after `<part> of` (`Circle of Willis`, `pouch of Douglas`): a structure or a
    sign named after a person long dead, not a patient. A word in capitals is printed as a PACS prints a
    surname (`OKAFOR stage IV`), not as a caption names an eponym."""
    words = text[start:end].split()
    if words and words[0].isupper() and len(words[0]) >= 4:
        return False
    if len(words) == 2 and _HEAD_AFTER.match(" " + words[1]):
        return True     # the run holds the word and what it names (`Gero fascia`)
    return bool(_HEAD_AFTER.match(text[end:]) or _HEAD_BEFORE.search(text[:start]))


# Makers whose next word is a product (`Toshiba Aplio`, `Canon Alphenix`, `GE LOGIQ`), whatever OCR made of it.
_MAKERS = re.compile(r"(?i)\b(?:siemens|ge|philips|canon|toshiba|hologic|fujifilm|fuji|agfa|carestream|samsung|"
                     r"mindray|esaote|hitachi|konica|shimadzu|varian|elekta|bracco|medrad)\s+$")
# a number after the colon, but not an age or a sex (`Okafor: 45Y F`, `Okafor: 45 yo`): a patient's line
_BEFORE_COLON = re.compile(r"^\s?:\s*(?:(?![-+\d.,]*\d\s?(?:[YyMmWwDd]\b|yo\b|yrs?\b|years?\b|[MF]\b))[-+\d.,]|$)")
_GLUED_LABEL = re.compile(r"^[^\W\d_]+:[-+\d.,]+$")          # `Dev:73`: the space after the colon lost


def label_place(text: str, start: int, end: int) -> bool:
    """The word stands where a viewer prints a caption or a product, not a person: one word right
    before a colon and a number or the line's end (`Pixet: 068mm`, `Aor:`: a label misread; a name
    stands after a label's colon, not before it), or the word after a maker's name."""
    run = text[start:end]
    if len(run.split()) == 1 and (_BEFORE_COLON.match(text[end:]) or _GLUED_LABEL.match(run)):
        return True
    return len(run.split()) == 1 and bool(_MAKERS.search(text[:start]))    # a product is one word, not `Okafor, Adaeze`


def _could_be_a_name(text: str, all_lower_line: bool, vocabulary) -> bool:
    """Two to five words (`de`, `Li` and other short ones aside) shaped like a name or neutral, at
    least one shaped, at most one of those ordinary and not all: `de la Cruz, Marfa`, `WANG XIAO`,
    `vander Berg, Anneke`, but not `Eile Edit View`."""
    words = _WORDS.findall(text)
    if len(words) > 5:
        return False
    shaped = []
    for word in (w for w in words if sum(c.isalpha() for c in w) >= 3):
        if name_shaped(word, all_lower_line):
            shaped.append(word)
        elif not _neutral(word):
            return False
    plain = sum(ordinary(w, vocabulary) for w in shaped)
    return bool(shaped) and plain <= 1 and plain < len(shaped)
