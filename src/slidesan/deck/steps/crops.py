"""Hiding place: crops (not implemented yet)."""


def scrub(deck, ctx) -> None:
    pass


def residue(deck, options) -> list[str]:
    return []
