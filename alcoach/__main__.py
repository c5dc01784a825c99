import sys

from alcoach.cli import main

sys.exit(main())
