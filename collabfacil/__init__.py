"""CollabFacil: guide an in-room workshop on collaboration between organisations."""

# The one place the version is written: pyproject.toml reads it from here (hatch's
# version source), so the app need not ask importlib.metadata (40 ms at start-up).
__version__ = "0.1.0"
