"""Words that are NOT identifiers (allow-list) and extra words that ARE (user names, institutions).

Built-ins live in slidesan/data/*.txt (words separated by white space, "#" comments); a user TOML file extends
both sides:
    [allow]        words = ["Elsewhere"]
    [identifiers]  names = ["Okonkwo"], institutions = ["St Elsewhere"]
An allow entry of several words is also kept whole as an allowed phrase (allowed_phrases.py), as
are the presenter's own name and hospital (Options.presenter, `--presenter`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.scan.identifiers.lexicon import fold


def _read_list(name: str) -> list[str]:
    """Words of a built-in list. A missing list is an installation fault, and silently running
    without the allow-list would flag every overlay word, so it is an error."""
    try:
        text = resources.files("slidesan.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        raise SlidesanError(f"slidesan is installed without its word list data/{name}; reinstall it") from None
    entries = []
    for line in text.splitlines():
        entries.extend(line.split("#", 1)[0].split())
    return entries


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """allow: imaging overlay words, never flagged and never part of a name; common: common English
    and medical words (not a name on their own, not other-text); eponyms: known words that are also
    surnames (Smith, Douglas), so they do not stop structural name rules; prose: place and language
    names and everyday non-clinical words, ordinary in a slide's prose (Ohio's, English, Warranty)
    but used only for loose slide-text runs, so OCR and DICOM judgements do not move; names/institutions:
    words and phrases a user says ARE identifiers. All lower-cased.

    Compared and hashed by identity (eq=False): detectors cache per-word answers keyed on the
    vocabulary object, and hashing five large sets on every lookup would cost more than the lookup."""

    allow: frozenset[str] = field(default_factory=frozenset)
    common: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    institutions: frozenset[str] = field(default_factory=frozenset)
    eponyms: frozenset[str] = field(default_factory=frozenset)
    prose: frozenset[str] = field(default_factory=frozenset)
    given: frozenset[str] = field(default_factory=frozenset)
    phrases: tuple[frozenset[str], ...] = ()      # allowed phrases, as word sets (allowed_phrases.py)

    def is_known_word(self, word: str) -> bool:
        """Allow-listed or common English: a capitalised word like this is not a surname."""
        low = word.lower()
        return (low in self.allow or low in self.common or low in self.eponyms) and low not in self.names

    def extended(self, allow=(), names=(), institutions=(), phrases=()) -> "Vocabulary":
        """Allow and name entries are split into words (detectors judge word by word);
        institutions stay phrases and are matched as such. Allow entries of several words, and
        `phrases`, are also allowed whole (allowed_phrases.py)."""
        from slidesan.scan.identifiers.allowed_phrases import phrase_words

        whole = [phrase_words(p) for p in [*(a for a in allow if len(a.split()) > 1), *phrases]]
        return Vocabulary(
            phrases=self.phrases + tuple(w for w in whole if w and w not in self.phrases),
            allow=self.allow | {w.lower() for entry in allow for w in entry.split()},
            common=self.common,
            eponyms=self.eponyms,
            prose=self.prose,
            given=self.given,
            names=self.names | {w.lower() for entry in names for w in entry.split()},
            institutions=self.institutions | {" ".join(p.lower().split()) for p in institutions if p.strip()},
        )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary(
        allow=frozenset(w.lower() for w in _read_list("overlay_vocabulary.txt")),
        common=frozenset(w.lower() for w in _read_list("common_english.txt")),
        eponyms=frozenset(w.lower() for w in _read_list("eponyms.txt")),
        prose=frozenset(w.lower() for name in ("place_names.txt", "prose_words.txt") for w in _read_list(name)),
        given=frozenset(fold(w) for w in _read_list("given_names.txt")),     # accents folded, as words are
    )


def _strings(table: dict, key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SlidesanError(f"{path}: '{key}' must be a list of strings")
    return value


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Built-in vocabulary extended by a user's TOML file; a bad file is one clear SlidesanError."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            config = tomllib.load(handle)
    except FileNotFoundError:
        raise SlidesanError(f"vocabulary file {path} does not exist") from None
    except OSError as exc:
        raise SlidesanError(f"vocabulary file {path} cannot be read: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SlidesanError(f"vocabulary file {path} is not valid TOML: {exc}") from None
    allow = config.get("allow", {})
    idents = config.get("identifiers", {})
    if not isinstance(allow, dict) or not isinstance(idents, dict):
        raise SlidesanError(f"{path}: [allow] and [identifiers] must be tables")
    return default_vocabulary().extended(
        allow=_strings(allow, "words", path),
        names=_strings(idents, "names", path),
        institutions=_strings(idents, "institutions", path),
    )


@lru_cache(maxsize=8)
def _user_vocabulary(config: str | None, presenter: tuple[str, ...]) -> Vocabulary | None:
    base = load_vocabulary(config) if config else None
    if presenter:
        base = (base or default_vocabulary()).extended(phrases=presenter)
    return base


def vocabulary_for(options) -> Vocabulary | None:
    """The vocabulary one run uses: the built-ins, the --config file, the presenter's own name and
    hospital; None when the user added nothing (detectors then use the built-ins). Cached, so every
    picture of a run shares one object (detectors cache their word judgements per object)."""
    presenter = tuple(getattr(options, "presenter", ()) or ())
    return _user_vocabulary(options.config or None, presenter)
