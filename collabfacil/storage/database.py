"""Database: one open SQLite connection, read directly, written through sqlite-utils.

Reads (``execute``, ``query``) go straight to the ``sqlite3`` connection. Writes
(``db["table"].insert(...)``, ``atomic()``, migrations) use a sqlite-utils
``Database`` over the same connection, made on first use: importing sqlite-utils
costs ~90 ms (it brings click, dateutil and pluggy), which the app's start-up
need not pay before its windows show. ``warm_up()`` makes it once they have, so the
first capture does not wait for it either.

sqlite-utils' plugins are not run on our connection: a package installed beside
the app must not change how workshop data is stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import sqlite_utils
    from sqlite_utils.db import Table


class Database:
    """An open database: ``conn`` for reading, ``writer`` (sqlite-utils) for writing."""

    def __init__(self, conn: sqlite3.Connection | str | Path) -> None:
        if not isinstance(conn, sqlite3.Connection):
            conn = sqlite3.connect(str(conn))
        self.conn = conn
        self._writer: sqlite_utils.Database | None = None

    @classmethod
    def in_memory(cls) -> Database:
        """A database that lives only as long as this object (rehearsals, tests)."""
        return cls(sqlite3.connect(":memory:"))

    # ------------------------------------------------------------------ reading

    def execute(self, sql: str, parameters: Iterable[Any] | dict[str, Any] = ()
                ) -> sqlite3.Cursor:
        """Run one statement; returns its cursor. A write outside ``atomic()`` is
        committed at once (as sqlite-utils' ``execute`` does), so it can never hold
        a transaction open that later writes would silently join."""
        outside = not self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters)  # type: ignore[arg-type]
        except BaseException:
            if outside and self.conn.in_transaction:
                self.conn.rollback()
            raise
        if outside and self.conn.in_transaction and cursor.description is None:
            self.conn.commit()
        return cursor

    def query(self, sql: str, parameters: Iterable[Any] | dict[str, Any] = ()
              ) -> Iterator[dict[str, Any]]:
        """The rows of a query, each a dict of column name to value."""
        cursor = self.execute(sql, parameters)
        keys = [column[0] for column in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def close(self) -> None:
        """Close the connection (and with it the file)."""
        self.conn.close()

    # ------------------------------------------------------------------ writing

    @property
    def writer(self) -> sqlite_utils.Database:
        """sqlite-utils' Database over this connection, made (and imported) once."""
        if self._writer is None:
            from sqlite_utils import Database as UtilsDatabase

            self._writer = UtilsDatabase(self.conn, execute_plugins=False)
        return self._writer

    def warm_up(self) -> None:
        """Import sqlite-utils now (the app calls this once its windows show)."""
        _ = self.writer

    def __getitem__(self, table: str) -> Table:
        return self.writer.table(table)

    def atomic(self) -> AbstractContextManager[sqlite_utils.Database]:
        """One transaction (a savepoint when nested): all of it is written, or none."""
        return self.writer.atomic()

    def executescript(self, script: str) -> sqlite3.Cursor:
        """Run several statements (a migration's schema)."""
        return self.writer.executescript(script)

    def table_names(self) -> list[str]:
        """The names of the tables, as SQLite lists them."""
        return [row[0] for row in self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
