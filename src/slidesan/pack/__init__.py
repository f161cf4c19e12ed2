"""Case packs: folders and zips of DICOM, pictures and decks, cleaned or checked file by file.

    walk.py        list a folder (recursively, never following symlinks) or a zip (safely) as entries
    kinds.py       what an entry is, from its first bytes (extensions lie)
    dicom_file.py  the one adapter to slidesan.dicom (read, de-identify, write; names that identify)
    image_file.py  loose pictures: metadata stripped without re-encoding, OCR for burned-in text
    run.py         plan outputs, process entries over a process pool, stage, rename into place
"""
