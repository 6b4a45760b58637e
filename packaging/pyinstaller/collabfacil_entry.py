"""The bundle's entry point: the same as the ``collabfacil`` command (collabfacil.startup).

For packaging/build.sh's smoke test only: with COLLABFACIL_SMOKE_PREVIEW set to a
folder, once the command has succeeded the bundle also draws the export dialog's
preview of the demo workshop into that folder (bundle_selfcheck.py). The command
line itself is the same with or without it.
"""

import os
import sys
from pathlib import Path

from collabfacil.startup import launch

if __name__ == "__main__":
    status = launch()
    smoke_preview = os.environ.get("COLLABFACIL_SMOKE_PREVIEW")
    if smoke_preview and status == 0:
        from bundle_selfcheck import draw_preview

        status = draw_preview(Path(smoke_preview))
    sys.exit(status)
