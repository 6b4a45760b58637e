"""Errors about the database file itself."""

from collabfacil.domain.errors import CollabFacilError


class StorageError(CollabFacilError):
    """The database cannot be opened or written; the message says why, in one line."""


class DatabaseTooNewError(StorageError):
    """The file was written by a newer CollabFacil; it is left untouched."""


class StepHasCapturesError(CollabFacilError):
    """A step still holds what the room produced: it is removed only when the
    facilitator confirms (``confirmed=True``); nothing was changed."""
