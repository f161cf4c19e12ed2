"""The lexicon's fast load (a pattern over the lists' lines) gives exactly what a JSON parse gives."""

import gzip
import json
from importlib import resources

import pytest

from slidesan.scan.identifiers import lexicon


def _by_json(text: bytes) -> dict[str, int]:
    return {w: c for w, c in json.loads(text).items() if c >= lexicon.COMMON}


@pytest.mark.parametrize("language", lexicon.LANGUAGES)
def test_common_words_match_a_json_parse_of_each_shipped_list(language):
    pytest.importorskip("spellchecker")
    text = gzip.decompress(resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes())
    assert dict(lexicon._common_words(text)) == _by_json(text)


def test_a_list_in_another_form_is_parsed_as_json():
    plain = b'{\n"aardvark": 106,\n"aah": 50,\n"the": 1000000,\n"ol\xc3\xa9": 100,\n"x": 99\n}'
    assert dict(lexicon._common_words(plain)) == {"aardvark": 106, "the": 1000000, "ol\u00e9": 100}
    escaped = b'{"caf\\u00e9": 300, "say \\"hi\\"": 200, "low": 3}'          # escapes, one line
    assert dict(lexicon._common_words(escaped)) == {"caf\u00e9": 300, 'say "hi"': 200}
    assert lexicon.fold("Caf\u00e9") == lexicon.fold("CAFE") == "cafe"
