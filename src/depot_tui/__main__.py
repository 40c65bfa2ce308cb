"""`python -m depot_tui`: the depot-tui command (`depot-tui serve` starts each browser tab so)."""

import sys

from .cli import main

sys.exit(main())
