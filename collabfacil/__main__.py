"""`python -m collabfacil`: the same entry point as the `collabfacil` command."""

import sys

from collabfacil.startup import launch

sys.exit(launch())
