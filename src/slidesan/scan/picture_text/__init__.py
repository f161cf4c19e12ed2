"""What the text read in one picture says, line by line, with nothing left unaccounted for.

    from slidesan.scan.picture_text import judge_picture
    text = judge_picture(lines, vocabulary)        # lines: OcrLine from slidesan.scan.ocr
    for line, match in text.identifiers(): ...     # high-severity identifiers with their line
    for line, match in text.flagged(): ...         # and the unknown name-shaped words to review
    text.counts()              # {"identifier": 3, "unknown words": 1, "harmless": 40, "unread": 1}

Every line found in a picture ends as exactly one of: an identifier (at least one high match),
unknown words (read cleanly, but name-shaped words no dictionary knows: review, unknown_words.py),
harmless (read, and every word in it accounted for: known words, overlay vocabulary, numbers), or
unread (text was found but not read reliably: a person must look). The deck scan, loose pictures, DICOM pixels and PDF images all judge
their pictures here, so a picture is judged the same way wherever it is.

Evidence, in order: the identifier detectors on each line (scan/identifiers), labels and where the
values they name sit (fields.py, over layout.py's cells, captions and table columns), and the
patient block of a viewer overlay (blocks.py). Precision rules (precision.py) then drop what reads as
a menu, a toolbar or a study description rather than a person.
"""

from slidesan.scan.picture_text.judge import LineAccount, PictureText, judge_picture, reading_settled

__all__ = ["LineAccount", "PictureText", "judge_picture", "reading_settled"]
