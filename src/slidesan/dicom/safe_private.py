"""Retain Safe Private option (PS3.15 E.3.10): private attributes known to hold no identity.

A private element is named by its creator string and the low byte of its element number, because
the block (the high byte) is assigned per file. Only the quantitative values research and teaching
need (diffusion b-values and directions, PET scale factors) are listed here: a subset of
Table E.3.10-1 that slidesan has reviewed. Anything not listed is removed even with the option.
"""

from __future__ import annotations

# (private creator, group, element low byte) -> what the value is
SAFE_PRIVATE: dict[tuple[str, int, int], str] = {
    ("SIEMENS MR HEADER", 0x0019, 0x0C): "diffusion b-value",
    ("SIEMENS MR HEADER", 0x0019, 0x0D): "diffusion directionality",
    ("SIEMENS MR HEADER", 0x0019, 0x0E): "diffusion gradient direction",
    ("SIEMENS MR HEADER", 0x0019, 0x27): "diffusion b-matrix",
    ("GEMS_PARM_01", 0x0043, 0x39): "diffusion b-value (slop_int_6..9)",
    ("GEMS_ACQU_01", 0x0019, 0xBB): "diffusion direction x",
    ("GEMS_ACQU_01", 0x0019, 0xBC): "diffusion direction y",
    ("GEMS_ACQU_01", 0x0019, 0xBD): "diffusion direction z",
    ("Philips Imaging DD 001", 0x2001, 0x03): "diffusion b-factor",
    ("Philips PET Private Group", 0x7053, 0x00): "SUV factor",
    ("Philips PET Private Group", 0x7053, 0x09): "activity concentration scale factor",
}

_BY_GROUP: dict[int, dict[str, set[int]]] = {}
for (_creator, _group, _low), _what in SAFE_PRIVATE.items():
    _BY_GROUP.setdefault(_group, {}).setdefault(_creator.strip(), set()).add(_low)


def safe_private_tags(ds) -> set[int]:
    """Tags in this dataset level (not nested) that the option keeps, creator elements included.

    The creator is read from the file (gggg,00xx) so a block reassigned by another vendor is
    never trusted by position alone.
    """
    keep: set[int] = set()
    for tag in ds.keys():
        group, elem = tag >> 16, tag & 0xFFFF
        if not group & 1 or group not in _BY_GROUP or not 0x10 <= elem <= 0xFF:
            continue
        creator = ds.get_item(tag).value
        if isinstance(creator, bytes):
            creator = creator.decode("ascii", "replace")
        safe_lows = _BY_GROUP[group].get(str(creator).strip())
        if not safe_lows:
            continue
        block = elem << 8
        hits = {(group << 16) | block | low for low in safe_lows if ((group << 16) | block | low) in ds}
        if hits:
            keep |= hits | {tag}
    return keep
