"""Identifier detection in text: slide text, notes, alt text, file names, OCR output, DICOM values.

    from slidesan.scan.identifiers import find_identifiers, Match, Vocabulary, load_vocabulary
    find_identifiers("DAVIDSON DOUGLAS [M] 01.09.2012", source="ocr")

One module per kind of identifier; registry.py runs them and resolves overlaps; vocabulary.py holds
the overlay allow-list and common English words that keep imaging text from being flagged.
"""

from slidesan.scan.identifiers.match import CATEGORIES, HIGH, INFO, Match
from slidesan.scan.identifiers.registry import find_identifiers
from slidesan.scan.identifiers.vocabulary import Vocabulary, default_vocabulary, load_vocabulary

__all__ = [
    "CATEGORIES", "HIGH", "INFO", "Match", "Vocabulary", "default_vocabulary", "find_identifiers",
    "load_vocabulary",
]
