"""Every value slidesan writes must be a value of its attribute's VR (issue 12, part 4).

A UID attribute holding the text "ANONYMOUS", a date holding a word, a short string over its
length limit: viewers and archives reject such files or, worse, accept them and show nonsense.
`invalid_value` applies pydicom's own per-VR rules (character repertoire, length, form) to one
element; the de-identifier calls it on every element it set (`check_written`) and refuses to
write a file when one is wrong; `invalid_values` walks a whole dataset (used by tests on every
output, where decoding every untouched value would cost more than the cleaning itself).
"""

from __future__ import annotations

from pydicom import config
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.valuerep import validate_value

from slidesan.dicom.repair import iter_datasets
from slidesan.errors import SlidesanError

# VRs whose values are bytes or numbers pydicom already forces into shape when they are set.
_UNCHECKED = frozenset({"SQ", "OB", "OW", "OD", "OF", "OL", "OV", "UN", "US", "SS", "UL", "SL", "UV", "SV",
                        "FL", "FD", "AT", "US or SS", "OB or OW", "US or OW", "US or SS or OW"})


def invalid_value(elem) -> str | None:
    """Why this element's value does not fit its VR, or None when it fits (or is empty)."""
    vr = elem.VR
    if vr in _UNCHECKED or elem.value is None or elem.value == "":
        return None
    values = elem.value if isinstance(elem.value, (list, tuple, MultiValue)) else [elem.value]
    for value in values:
        text = value if isinstance(value, (str, bytes)) else getattr(value, "original_string", None) or str(value)
        try:
            validate_value(vr, text if vr not in ("IS", "DS") or isinstance(text, str) else str(text),
                           config.RAISE)
        except (ValueError, TypeError) as exc:
            return str(exc).split(". Please see")[0][:160]
    return None


def invalid_values(ds: Dataset) -> list[str]:
    """Every element at every level whose value does not fit its VR, as 'Keyword: reason'."""
    problems = []
    for item in iter_datasets(ds):
        for tag in list(item.keys()):
            elem = item[tag]
            why = invalid_value(elem)
            if why:
                problems.append(f"{elem.keyword or elem.tag}: {why}")
    return problems


def check_written(written: list, label: str) -> None:
    """Refuse (one line) when a value slidesan set does not fit its VR: a bug must not reach a file."""
    for dataset, tag in written:
        if tag not in dataset:
            continue
        elem = dataset[tag]
        why = invalid_value(elem)
        if why:
            raise SlidesanError(f"{label}: internal check failed, the value written into {elem.keyword or elem.tag} "
                                f"does not fit its VR {elem.VR} ({why}); file not written")
