"""Where the data folder is: --data-dir, ALCOACH_DATA_DIR, a portable folder, or appdirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PORTABLE_DIRNAME = "alcoach-data"
ENV_VAR = "ALCOACH_DATA_DIR"


def program_dir() -> Path:
    """The folder holding the program: the bundle's executable, or the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent.parent


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    beside: Path | None = None,
) -> Path:
    """Pick the data folder by the documented order and create it if missing."""
    environ = os.environ if environ is None else environ
    beside = program_dir() if beside is None else beside
    if cli_value:
        chosen = Path(cli_value).expanduser()
    elif environ.get(ENV_VAR):
        chosen = Path(environ[ENV_VAR]).expanduser()
    elif (beside / PORTABLE_DIRNAME).is_dir():
        chosen = beside / PORTABLE_DIRNAME
    else:
        import appdirs

        chosen = Path(appdirs.user_data_dir("alcoach", "alcoach"))
    from alcoach.privacy import private_folder

    return private_folder(chosen).resolve()
