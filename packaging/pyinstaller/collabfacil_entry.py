"""The bundle's entry point: the same as the ``collabfacil`` command (collabfacil.cli)."""

import sys

from collabfacil.cli import main

if __name__ == "__main__":
    sys.exit(main())
