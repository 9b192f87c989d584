"""`python -m analysis` is the `storylens` command."""

import sys

from analysis.cli import main

sys.exit(main())
