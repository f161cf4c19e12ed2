"""The lexicon's fast load (a pattern over the lists' lines) gives exactly what a JSON parse gives."""

import gzip
import json
from importlib import resources

import pytest

from slidesan.scan.identifiers import lexicon


def _by_json(text: bytes) -> list[str]:
    return [w for w, c in json.loads(text).items() if c >= lexicon.COMMON]


@pytest.mark.parametrize("language", lexicon.LANGUAGES)
def test_common_words_match_a_json_parse_of_each_shipped_list(language):
    pytest.importorskip("spellchecker")
    text = gzip.decompress(resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes())
    assert lexicon._common_words(text) == _by_json(text)


def test_a_list_in_another_form_is_parsed_as_json():
    plain = b'{\n"aardvark": 106,\n"aah": 50,\n"the": 1000000,\n"ol\xc3\xa9": 100,\n"x": 99\n}'
    assert lexicon._common_words(plain) == ["aardvark", "the", "ol\u00e9"]
    escaped = b'{"caf\\u00e9": 300, "say \\"hi\\"": 200, "low": 3}'          # escapes, one line
    assert lexicon._common_words(escaped) == ["caf\u00e9", 'say "hi"']
    assert lexicon.fold("Caf\u00e9") == lexicon.fold("CAFE") == "cafe"
    spaced = b'{\n"aardvark": 106, \n"the": 1000000\n}'                # white space ends a line
    assert lexicon._lines_of_common_words(spaced) is None
    assert lexicon._common_words(spaced) == ["aardvark", "the"]


def test_only_the_lines_of_common_words_reach_the_pattern():
    """The pick by position works from the first line on (a list opens with `{` on a line of its
    own) and keeps the last line, which has no newline after it."""
    text = b'{\n"aardvark": 106,\n"aah": 50,\n"the": 1000000,\n"x": 99,\n"zebra": 300'
    assert lexicon._lines_of_common_words(text) == b'"aardvark": 106,\n"the": 1000000,\n"zebra": 300\n'


def test_ordinary_words_are_the_folded_common_words_of_every_list():
    pytest.importorskip("spellchecker")
    expected = set()
    for language in lexicon.LANGUAGES:
        text = gzip.decompress(resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes())
        expected |= {lexicon.fold(word) for word in _by_json(text)}
    assert lexicon._ordinary() == expected
    assert lexicon.is_ordinary("The") and not lexicon.is_ordinary("Qzxvbrt")
    words = ["Caf\u00e9", "ARTÉRIELLE", "\u03a3\u039f\u03a3", "stra\u00dfe", "\ufb01ne", "plain"]
    assert lexicon.fold_lines("\n".join(words)).split("\n") == [lexicon.fold(w) for w in words]
