"""Hiding place: embeddings (not implemented yet)."""


def scrub(deck, ctx) -> None:
    pass


def residue(deck, options) -> list[str]:
    return []
