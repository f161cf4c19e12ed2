"""The one exception type a user can cause.

Everything a user can get wrong (a .ppt, a password, a broken zip) becomes a SlidesanError with
one readable sentence; the CLI prints it and exits 2. Any other exception is a bug.
"""


class SlidesanError(Exception):
    """A problem with the input or the environment, explained in one line."""
