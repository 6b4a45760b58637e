"""The schema version this CollabFacil writes (``PRAGMA user_version``).

It is the number of migrations in ``migrations.py``, kept here as a number so that
opening a file already at this version needs no import of the migrations (nor of
sqlite-utils); ``migrations.py`` refuses to load if the two disagree.
"""

SCHEMA_VERSION = 2
