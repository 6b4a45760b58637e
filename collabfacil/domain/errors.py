"""Errors a facilitator can understand: each carries one clear sentence."""

from __future__ import annotations


class CollabFacilError(Exception):
    """Base of every error that is shown to the user as one line, never a traceback."""


class ValidationError(CollabFacilError):
    """A value the user gave is not acceptable; nothing was changed.

    ``field`` names what was wrong (``"text"``, ``"due"``, ...) so a form can
    point at it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(CollabFacilError):
    """A workshop, step or item with that id does not exist."""


class ExerciseFileError(CollabFacilError):
    """An exercise or template file is malformed; the message names file and field."""

    def __init__(self, path: str, field: str, problem: str) -> None:
        super().__init__(f"{path}: {field}: {problem}")
        self.path = path
        self.field = field
        self.problem = problem
