"""The frozen app's entry script (PyInstaller): the same ``schemadesk`` command as pip installs."""

import sys

from schemadesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
