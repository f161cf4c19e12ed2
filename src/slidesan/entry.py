"""The `slidesan` command's entry point, kept apart from the CLI module on purpose.

A pack cleaned with `-j N` starts its workers with the "spawn" method, and each worker first runs
the file that started the parent, here the generated `slidesan` script. Pointing that script at
this module (which imports nothing) instead of `slidesan.cli` spares every worker the command
line's own libraries (typer, rich, pydantic: about a quarter of a second each), which a worker
never uses.

A clean or check of a folder starts its worker pool here, before the parent's own imports
(pack/early_pool.py), so that the workers are ready when the pack is planned; whatever the command
does, a pool nobody took is ended when it returns.
"""

from __future__ import annotations


def main():
    import sys

    from slidesan.pack import early_pool

    silence_library_warnings()         # before the early workers are started: they inherit it
    try:
        early_pool.start_for(sys.argv[1:])
        from slidesan.cli import main as run

        return run()
    except KeyboardInterrupt:          # Ctrl-C before the command line took over: one line, as later
        print("slidesan: error: interrupted; nothing was written", file=sys.stderr)
        sys.exit(2)
    finally:
        early_pool.discard()


def silence_library_warnings() -> None:
    """Pillow and pydicom warn on stderr about the very files slidesan exists to survive; what
    matters reaches the report as findings, and stderr stays one line per problem. Spawned pack
    workers inherit the setting through the environment."""
    import os
    import warnings

    if os.environ.get("SLIDESAN_DEBUG"):
        return
    warnings.simplefilter("ignore")
    os.environ["PYTHONWARNINGS"] = "ignore"
