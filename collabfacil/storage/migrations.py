"""The schema, as forward migrations (sqlite-utils ``Migrations``).

Each migration runs in a transaction with its record in ``_sqlite_migrations``.
``SCHEMA_VERSION`` (schema.py) is the number of migrations and is also written to
``PRAGMA user_version``, so a newer file can be recognised (and refused) before
anything touches it. Never edit a released migration: add a new one, and raise
``SCHEMA_VERSION`` with it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from collabfacil.storage.schema import SCHEMA_VERSION

migrations = Migrations("collabfacil")


@migrations()
def m001_initial(db: Database) -> None:
    """Workshops, their partners, participants, steps, notes and actions."""
    db.executescript(
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT,
            venue TEXT NOT NULL DEFAULT '',
            facilitator TEXT NOT NULL DEFAULT '',
            starts_at TEXT NOT NULL DEFAULT '',
            ends_at TEXT NOT NULL DEFAULT '',
            template_key TEXT NOT NULL DEFAULT '',
            current_step INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
            role TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE steps (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            title TEXT NOT NULL,
            prompt TEXT NOT NULL DEFAULT '',
            minutes INTEGER NOT NULL DEFAULT 10,
            exercise_key TEXT NOT NULL DEFAULT '',
            script TEXT NOT NULL DEFAULT '',
            config TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX steps_by_workshop ON steps(workshop_id, position);
        CREATE TABLE contributions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
            section TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX contributions_by_step ON contributions(step_id, position);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            step_id INTEGER REFERENCES steps(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL,
            organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
            due TEXT NOT NULL,
            first_step TEXT NOT NULL,
            measure TEXT NOT NULL DEFAULT '',
            theme TEXT NOT NULL DEFAULT '',
            small_test INTEGER NOT NULL DEFAULT 0,
            review_date TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX actions_by_workshop ON actions(workshop_id, position);
        """
    )


@migrations()
def m002_step_items(db: Database) -> None:
    """Records of the other step types, note uids, colours and categories, run state."""
    db.executescript(
        """
        ALTER TABLE contributions ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        ALTER TABLE contributions ADD COLUMN colour TEXT NOT NULL DEFAULT '';
        ALTER TABLE contributions ADD COLUMN category TEXT NOT NULL DEFAULT '';
        UPDATE contributions SET uid = lower(hex(randomblob(16))) WHERE uid = '';
        CREATE UNIQUE INDEX contributions_by_uid ON contributions(workshop_id, uid);
        ALTER TABLE steps ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
        CREATE TABLE step_items (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            uid TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX step_items_by_step ON step_items(step_id, position);
        CREATE UNIQUE INDEX step_items_by_uid ON step_items(workshop_id, uid);
        """
    )


if len(migrations._migrations) != SCHEMA_VERSION:
    raise RuntimeError(f"storage/schema.py says version {SCHEMA_VERSION}, but there are "
                       f"{len(migrations._migrations)} migrations: raise SCHEMA_VERSION")

__all__ = ["SCHEMA_VERSION", "migrations"]
