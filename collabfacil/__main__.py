"""`python -m collabfacil`: the same entry point as the `collabfacil` command."""

import sys

from collabfacil.cli import main

sys.exit(main())
