"""CollabFacil: guide an in-room workshop on collaboration between organisations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("collabfacil")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
