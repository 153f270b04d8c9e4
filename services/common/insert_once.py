"""`INSERT … ON CONFLICT DO NOTHING` (or `DO UPDATE`) that SQLAlchemy compiles once.

SQLAlchemy 2.0 gives `postgresql.insert(...).on_conflict_do_nothing()` no cache key (its ON
CONFLICT clause has none), so that construct is compiled again on every execution: a
third of a millisecond of CPU for a ten-column row, on paths that run for every event or
message. The same statement as text with typed parameters is compiled once per set of
columns and cached like any other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Table, TextClause, TextualSelect, bindparam, text


class InsertOnce:
    """Insert a row of `table` unless it conflicts on `conflict` (a partial unique index:
    with its predicate as `where`); RETURNING `returning` (so no row back means it was
    there). With `update`, a conflicting row takes the new row's values instead, where
    `update` (SQL over the table and EXCLUDED; "true" for always) holds."""

    def __init__(
        self,
        table: Table,
        conflict: Sequence[str],
        returning: Sequence[str] = (),
        *,
        where: str = "",
        update: str = "",
    ):
        self.table = table
        self.conflict = tuple(conflict)
        self.returning = tuple(returning)
        self.where = where
        self.update = update
        self._statements: dict[tuple[str, ...], TextClause | TextualSelect] = {}

    def statement(self, keys: Iterable[str]) -> TextClause | TextualSelect:
        """The statement for a row with these columns (the table's defaults do not apply:
        set every column the row needs)."""
        names = tuple(sorted(keys))
        found = self._statements.get(names)
        if found is None:
            found = self._statements[names] = self._build(names)
        return found

    def _build(self, names: tuple[str, ...]) -> TextClause | TextualSelect:
        table = self.table
        columns = [table.c[name] for name in names]  # KeyError: not a column of the table
        target = ".".join(_quoted(part) for part in (table.schema, table.name) if part)
        sql = (
            f"INSERT INTO {target} ({', '.join(_quoted(c.name) for c in columns)})"
            f" VALUES ({', '.join(f':{c.key}' for c in columns)})"
            f" ON CONFLICT ({', '.join(map(_quoted, self.conflict))})"
            + (f" WHERE {self.where}" if self.where else "")
            + (self._do_update(columns) if self.update else " DO NOTHING")
        )
        if self.returning:
            sql += f" RETURNING {', '.join(map(_quoted, self.returning))}"
        statement = text(sql).bindparams(*(bindparam(c.key, type_=c.type) for c in columns))
        if self.returning:
            return statement.columns(*(table.c[name] for name in self.returning))
        return statement

    def _do_update(self, columns: list[Column[Any]]) -> str:
        changed = [_quoted(c.name) for c in columns if c.name not in self.conflict]
        assignments = ", ".join(f"{name} = EXCLUDED.{name}" for name in changed)
        return f" DO UPDATE SET {assignments} WHERE {self.update}"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
