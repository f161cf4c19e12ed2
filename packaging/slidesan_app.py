"""The packaged app's entry point: the window, or the command line when given a command.

    slidesan                       open the window
    slidesan talk.pptx             open the window with talk.pptx queued
    slidesan doctor | clean | check | --version    the command line (slidesan.cli), same options

One executable for both keeps the bundle one download and lets the smoke test and support
questions ("run `slidesan doctor` and send me what it says") use the app the lecturer has.
"""

import multiprocessing
import sys

CLI_COMMANDS = ("clean", "check", "doctor", "--version", "--help")


def attach_console() -> None:
    """A windowed Windows app has no stdout: borrow the console it was started from, if any."""
    if sys.stdout is not None or not sys.platform.startswith("win"):
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")


def run() -> int:
    multiprocessing.freeze_support()     # worker processes start from this executable: first thing
    if len(sys.argv) > 1 and sys.argv[1] in CLI_COMMANDS:
        attach_console()
        from slidesan.cli import main as cli_main

        from slidesan.gui.app import use_bundled_tesseract

        use_bundled_tesseract()
        cli_main()
        return 0
    from slidesan.gui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(run())
