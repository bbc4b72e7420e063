"""``python -m schemadesk``."""

import sys

from schemadesk.cli import main

sys.exit(main())
