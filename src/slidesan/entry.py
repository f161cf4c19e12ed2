"""The `slidesan` command's entry point, kept apart from the CLI module on purpose.

A pack cleaned with `-j N` starts its workers with the "spawn" method, and each worker first runs
the file that started the parent, here the generated `slidesan` script. Pointing that script at
this module (which imports nothing) instead of `slidesan.cli` spares every worker the command
line's own libraries (typer, rich, pydantic: about a quarter of a second each), which a worker
never uses.
"""

from __future__ import annotations


def main():
    from slidesan.cli import main as run

    return run()
