"""Pixel-level work shared by decks, DICOM and loose images: safe decoding, crops, metadata, redaction."""
