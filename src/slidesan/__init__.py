"""slidesan: de-identify radiology teaching decks, DICOM and images for sharing.

The library API is `clean()` and `check()`; the command line and desktop app are shells over it.
"""

__version__ = "0.1.0"

from slidesan.api import check, clean  # noqa: E402
from slidesan.errors import SlidesanError  # noqa: E402
from slidesan.options import Options  # noqa: E402

__all__ = ["clean", "check", "Options", "SlidesanError", "__version__"]
