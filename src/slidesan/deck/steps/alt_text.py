"""Hiding place: alt_text (not implemented yet)."""


def scrub(deck, ctx) -> None:
    pass


def residue(deck, options) -> list[str]:
    return []
