"""Does a string the audience never sees identify someone? One judgement for the steps and the sweep.

Steps that own a hidden place (names of themes, layouts and shapes, link targets, chart formulas,
extension payloads...) ask `leaks(value)` before deciding to keep a value; the final sweep
(deck/verify/sweep.py) asks the same question of every string left in the written package, so a
step and the verification can never disagree about what counts.

The value is normalised first (Unicode NFKC; soft hyphens, zero-width characters and joiners
removed), so "Smi\u00adth" and "943\u200b476\u200b5919" are read as what they display. Structural
values (GUIDs, schema URIs, colours, numbers in numeric attributes, PowerPoint's own actions) are
skipped; typefaces, style and layout words known from OOXML are allowed words (data/ooxml_words.txt)
so "Segoe UI" or "Gill Sans MT" are not taken for people. A URL or part name is split into words so
a name or number in its path is seen. Only direct identifiers, dates of birth, clinicians,
institutions and personal file paths count: a date or a web address in a hidden place is not by
itself a patient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from slidesan.deck.pathlike import is_file_reference, is_personal_path

COUNTED = frozenset({"name", "nhs-number", "chi-number", "hospital-number", "patient-id", "accession", "email",
                     "phone", "postcode", "address", "date-of-birth", "clinician", "institution", "file-path"})
UNLABELLED_NUMBERS = frozenset({"hospital-number", "accession", "patient-id"})
TEXT, URL, PART_NAME, NUMBER_SLOT, TYPEFACE = "text", "url", "part-name", "number-slot", "typeface"

_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")
_SCHEMA = re.compile(r"^(?:https?://(?:schemas\.(?:openxmlformats|microsoft)\.org|schemas\.microsoft\.com|purl\.org|"
                     r"purl\.oclc\.org|www\.w3\.org|ns\.adobe\.com|schemas\.openxmlformats\.org)/|urn:schemas-|"
                     r"urn:microsoft\.com/office/)",
                     re.IGNORECASE)
_PLAIN_TOKEN = re.compile(r"^[-+#%.,:;/ 0-9A-Fa-f]*$|^[a-z][a-zA-Z]*\d{0,4}$")
_DIGIT_GLUE = re.compile(r"(?<=\d)[\s\-.]+(?=\d)")
_TEN_DIGITS = re.compile(r"\d{10}")
_PPACTION = re.compile(r"^ppaction://(?:hlink(?:showjump|sldjump|pres|file)?|noaction|media|ole|customshow)"
                       r"(?:\?(?:jump=\w+|verb=\w+|id=\d+(?:&return=\w+)?|return=\w+))?$", re.IGNORECASE)
_CANONICAL_PART = re.compile(
    r"^/?(?:\[content_types\]\.xml|(?:[\w/]*/)?_rels/[\w.\-]*\.rels|docprops/(?:core|app|custom)\.xml|"
    r"ppt/(?:[a-z]+/)?(?:[a-z]+?|[a-z]+_[a-z]+)(?:\d+)?\.[a-z0-9]+)$", re.IGNORECASE)
# DrawingML guide formulas ("*/ 1346400 w 21600") and BCP 47 language tags ("pt-BR").
_GUIDE = re.compile(r"^(?:\*/|\+-|\+/|\?:|abs|at2|cat2|cos|max|min|mod|pin|sat2|sin|sqrt|tan|val)(?: -?[\w.]+){1,3}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|\d{3}))?$")
# Encoded bytes (hashes, salts, signatures, data URIs) are no text: their letters only look like words.
_DATA_URI = re.compile(r"^data:[\w/+.-]*(?:;[\w=.-]+)*,", re.IGNORECASE)
_BASE64 = re.compile(r"^[A-Za-z0-9+/]{16,}={0,2}$")
_HEX = re.compile(r"^[0-9A-Fa-f]{16,}$")
_LOWER_RUN = re.compile(r"[a-z]{6}")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.\-]{1,15}://|(?:mailto|file|ppaction|urn|tel|news):)", re.IGNORECASE)
_URL_SPLIT = re.compile(r"[/_?=&#+:;@,]+|(?<=[a-z])\.(?=[a-z])|%20")
_DIGITS = re.compile(r"^\s*\d[\d\s]*$")
# Formula, code and file-name punctuation between words: "'Smith John'!$A$1", "SMITH_JOHN", "rIdSmith4857773456".
_WORD_GLUE = re.compile(r"[_!$\[\]{}|=+*\"<>]+|(?<=[A-Za-z])(?=\d{5})|(?<=\d)(?=[A-Za-z])|(?<![A-Za-z])'|'(?![A-Za-z])")
# Nothing without a capitalised word, a run of digits, an @ or a path separator can name anyone.
_MAY_IDENTIFY = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F]|\d{5,}|@|[\\/]")


@dataclass(frozen=True)
class Leak:
    category: str
    text: str
    confidence: float


def normalise(text: str) -> str:
    """What a reader sees: compatibility forms folded, text stored backwards under a right-to-left
    override turned round, look-alike Cyrillic/Greek letters inside Latin words folded
    (identifiers/reader_view.py), invisible characters dropped."""
    from slidesan.scan.identifiers.reader_view import seen_text

    return seen_text(text)


def ooxml_words() -> dict[str, list[str]]:
    """The sections of data/ooxml_words.txt: {"typeface": [...], "structure": [...]}."""
    from importlib import resources

    text = resources.files("slidesan.data").joinpath("ooxml_words.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = sections.setdefault("structure", [])
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.extend(line.split())
    return sections


@lru_cache(maxsize=2)
def structural_vocabulary(typeface: bool = False):
    """The default identifier vocabulary plus OOXML structure words (and typeface words for typefaces)."""
    from slidesan.scan.identifiers import default_vocabulary

    words = ooxml_words()
    return default_vocabulary().extended(allow=words["structure"] + (words["typeface"] if typeface else []))


@lru_cache(maxsize=8)
def hidden_vocabulary(user=None, typeface: bool = False):
    """The structural vocabulary (with typeface words for typefaces), extended by a user's configuration."""
    import dataclasses

    base = structural_vocabulary(typeface)
    if user is None:
        return base
    wider = base.extended(allow=user.allow, names=user.names, institutions=user.institutions)
    phrases = tuple(getattr(user, "phrases", ()))          # the presenter's own name and hospital
    return dataclasses.replace(wider, phrases=wider.phrases + tuple(p for p in phrases if p not in wider.phrases))


def is_structural(value: str) -> bool:
    """Values no person typed: GUIDs, schema URIs, colours and numbers, identifiers of code, actions."""
    if _DATA_URI.match(value) or is_encoded(value):
        return True
    if _PLAIN_TOKEN.match(value):
        return not _TEN_DIGITS.search(_DIGIT_GLUE.sub("", value))     # "943 476 5919" is not a colour
    return bool(_GUID.match(value) or _SCHEMA.match(value) or _PPACTION.match(value) or _GUIDE.match(value)
                or _LANGUAGE.match(value))


def is_encoded(value: str) -> bool:
    """Base64 of bytes: an alphabet-only token with padding or +/, or with the case and digit mix of random
    data and no run of six lower-case letters (which words have: "rIdSmithjohn4857773456" is not encoded)."""
    if _HEX.match(value):
        return any(c.isalpha() for c in value)          # a hash or id; a bare digit run is judged
    if not _BASE64.match(value):
        return False
    if value.endswith("=") or "+" in value or "/" in value:
        return not _LOWER_RUN.search(value) or len(value) >= 40
    upper = sum(c.isupper() for c in value)
    lower = sum(c.islower() for c in value)
    digits = sum(c.isdigit() for c in value)
    return upper >= 3 and lower >= 3 and digits >= 2 and not _LOWER_RUN.search(value)


def url_words(value: str) -> str:
    """A link as words: 'https://x.org/cases/Smith_John/4857773456' -> 'https x org cases Smith John 4857773456'."""
    return " ".join(_URL_SPLIT.split(unquote(value))).strip()


def part_name_words(value: str) -> str:
    """A non-canonical part name as words; the folders and extension say nothing."""
    if _CANONICAL_PART.match(value):
        return ""
    stem = value.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(re.split(r"[_\-.]+", unquote(stem)))


def leaks(value: str | None, kind: str = TEXT, vocabulary=None, user=None) -> list[Leak]:
    """See judge(); the common call (structural vocabulary) is cached, since the steps, their
    residues and the sweep ask about the same typefaces, names and targets over and over."""
    if not value:
        return []
    if vocabulary is None and user is None:
        return list(_cached(value, kind))
    return judge(value, kind, vocabulary, user)


@lru_cache(maxsize=65536)
def _cached(value: str, kind: str) -> tuple:
    return tuple(judge(value, kind))


def judge(value: str | None, kind: str = TEXT, vocabulary=None, user=None) -> list[Leak]:
    """The identifiers in `value`, a string in a place nobody sees (empty when it is harmless).

    kind: TEXT (free text or a label), URL (a link target), PART_NAME (a path inside the package),
    TYPEFACE (a font name: font words are allowed), NUMBER_SLOT (an attribute the schema makes numeric:
    only a check-digit-valid NHS number counts). `vocabulary` replaces the structural one (the sweep
    judges shown text with the scan's); `user` (a configured Vocabulary) extends the structural one."""
    if not value:
        return []
    text = normalise(value).strip()
    if len(text) < 3 or not _MAY_IDENTIFY.search(text) or is_structural(text):
        return []
    found: list[Leak] = []
    if kind == PART_NAME:
        text = part_name_words(text)
    elif kind == URL or _URLISH.match(text):
        if is_file_reference(unquote(text)) and is_personal_path(unquote(text)):
            found.append(Leak("file-path", text, 0.9))
        text = url_words(text)
    elif is_file_reference(text) and is_personal_path(text):
        found.append(Leak("file-path", text, 0.9))
    if not text:
        return found
    vocabulary = vocabulary or hidden_vocabulary(user, kind == TYPEFACE)
    unglued = _WORD_GLUE.sub(" ", text).strip()
    digits_only = kind == NUMBER_SLOT or bool(_DIGITS.match(unglued))
    found += detect(unglued, vocabulary, digits_only=digits_only)
    if unglued != text and not digits_only:
        # glued words are read apart (`rIdSmithjohn4857773456`), which cuts a letter-prefixed record
        # number from its letter (`Hosp No: K7741208`): labelled numbers are read in the text as written
        found += [leak for leak in detect(text, vocabulary) if leak.category in LABELLED_NUMBERS
                  and leak.confidence >= LABELLED and not any(leak.text in seen.text for seen in found)]
    return found


LABELLED_NUMBERS = frozenset({"hospital-number", "patient-id", "accession", "nhs-number"})
LABELLED = 0.9


def category_of(value: str | None, default: str, kind: str = TEXT) -> str:
    """The category a finding about `value` should carry: the identifier it holds (a direct one first:
    `check` and the verdict count a removed theme name "Mrs Smith" as a name), else `default`."""
    from slidesan.report.model import DIRECT_CATEGORIES

    if (value or "").strip().lower().startswith("mailto:"):
        return "email"
    found = leaks(value, kind)
    direct = [leak.category for leak in found if leak.category in DIRECT_CATEGORIES]
    return (direct or [leak.category for leak in found] or [default])[0]


def finding_kind(value: str | None, default: str, kind: str = TEXT) -> tuple[str, str]:
    """(category, severity) of a finding about a removed or renamed `value`: the identifier's category
    at "high"; or, when all it holds is a possible name resting on word lists alone, `default` at
    "info" (it is gone either way; `check` should not call the input identifiable for a colour scheme
    named "BRAND DIAGEO")."""
    found = leaks(value, kind)
    if found and all(leak.category in ("name", "clinician") and leak.confidence < 0.7 for leak in found):
        return default, "info"
    return category_of(value, default, kind), "high"


def shown_leaks(value: str, vocabulary) -> list[Leak]:
    """Identifiers in text the audience sees, judged as the scan judges slide text (normalised, no
    splitting of glued tokens or addresses), so the sweep and the scan agree on what is shown."""
    text = normalise(value or "").strip()
    return detect(text, vocabulary) if text else []


def detect(text: str, vocabulary, digits_only: bool = False) -> list[Leak]:
    from slidesan.scan.identifiers import find_identifiers

    out = []
    for match in find_identifiers(text, vocabulary, source="text"):
        if match.category not in COUNTED:
            continue
        if digits_only and match.category != "nhs-number":
            continue              # a bare number in a numeric slot is an id, a size or a count
        if match.category in UNLABELLED_NUMBERS and match.confidence < 0.7:
            continue              # an unlabelled digit run in structure is a count, a size or an offset
        if match.category == "name" and match.confidence < 0.5 and len(match.text.strip()) < 4:
            continue              # a lone two- or three-letter capitalised scrap ("Tu", "Mo") is no surname
        out.append(Leak(match.category, match.text, match.confidence))
    return out
