"""Finding identifiers that are still visible: in text and in pixels (OCR)."""
