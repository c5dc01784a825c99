"""Entry point of the PyInstaller bundle (build.spec): the same `alcoach` command as from source."""

import sys

from alcoach.cli import main

if __name__ == "__main__":
    sys.exit(main())
