"""Settings passed down the pipeline as one frozen value, never as globals."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    level: str = "publication"          # target RCR level: "publication" or "limited-access"
    keep_notes: bool = False
    keep_hidden_slides: bool = False
    keep_media: bool = False
    ocr: bool = True
    redact: bool = False
    burn_in_covers: bool = False
    pdf: bool = False                   # decks: also write a cleaned handout PDF (LibreOffice)
    retain_safe_private: bool = False   # DICOM: keep private tags on the safe list
    jobs: int = 0                        # 0 = one worker per core
    config: str | None = None            # extra identifier / allow-list words
    thorough: bool = False               # slower, more complete checks before publication: both OCR readers on
                                         # every text place, every slide or PDF page rendered and read
    presenter: tuple[str, ...] = ()      # the lecturer's own name and hospital: never flagged (allowed_phrases.py)
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data.pop("extra")
        return data
