"""Case packs: folders and zips of DICOM, pictures and decks, cleaned or checked file by file.

    walk.py        list a folder (recursively, never following symlinks) or a zip (safely) as entries
    kinds.py       what an entry is, from its first bytes (extensions lie)
    plan.py        before going parallel: DICOM header survey, pseudonyms, file and folder renames
    work.py        one entry cleaned or checked (the function the process pool runs)
    dicom_file.py  the one adapter to slidesan.dicom (survey, de-identify, write, name verdicts)
    image_file.py  loose pictures: metadata stripped without re-encoding, OCR for burned-in text
    run.py         clean_pack / check_packs: stage beside OUT, process pool, rename into place
"""
