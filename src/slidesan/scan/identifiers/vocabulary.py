"""Words that are NOT identifiers (allow-list) and extra words that ARE (user names, institutions).

Built-ins live in slidesan/data/*.txt (one entry a line, '#' comments); a user TOML file extends
both sides:
    [allow]        words = ["Elsewhere"]
    [identifiers]  names = ["Okonkwo"], institutions = ["St Elsewhere"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from slidesan.errors import SlidesanError


def _read_list(name: str) -> list[str]:
    try:
        text = resources.files("slidesan.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return entries


@dataclass(frozen=True)
class Vocabulary:
    """allow: lower-cased words/phrases never flagged; common: common English words (not names,
    not other-text); names/institutions: lower-cased words a user says ARE identifiers."""

    allow: frozenset[str] = field(default_factory=frozenset)
    common: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    institutions: frozenset[str] = field(default_factory=frozenset)

    def is_allowed(self, word: str) -> bool:
        return word.lower() in self.allow

    def is_known_word(self, word: str) -> bool:
        """Allow-listed or common English: a capitalised word like this is not a surname."""
        low = word.lower()
        return (low in self.allow or low in self.common) and low not in self.names

    def extended(self, allow=(), names=(), institutions=()) -> "Vocabulary":
        return Vocabulary(
            allow=self.allow | {w.strip().lower() for w in allow if w.strip()},
            common=self.common,
            names=self.names | {w.strip().lower() for w in names if w.strip()},
            institutions=self.institutions | {w.strip().lower() for w in institutions if w.strip()},
        )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary(
        allow=frozenset(w.lower() for w in _read_list("overlay_vocabulary.txt")),
        common=frozenset(w.lower() for w in _read_list("common_english.txt")),
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
