"""`INSERT … ON CONFLICT DO NOTHING` that SQLAlchemy compiles once.

SQLAlchemy 2.0 gives `postgresql.insert(...).on_conflict_do_nothing()` no cache key (its ON
CONFLICT clause has none), so that construct is compiled again on every execution: a
third of a millisecond of CPU for a ten-column row, on paths that run for every event or
message. The same statement as text with typed parameters is compiled once per set of
columns and cached like any other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Table, TextClause, TextualSelect, bindparam, text


class InsertOnce:
    """Insert a row of `table` unless it conflicts on `conflict` (a partial unique index:
    with its predicate as `where`); RETURNING `returning` (so no row back means it was
    there)."""

    def __init__(
        self,
        table: Table,
        conflict: Sequence[str],
        returning: Sequence[str] = (),
        *,
        where: str = "",
    ):
        self.table = table
        self.conflict = tuple(conflict)
        self.returning = tuple(returning)
        self.where = where
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
            + " DO NOTHING"
        )
        if self.returning:
            sql += f" RETURNING {', '.join(map(_quoted, self.returning))}"
        statement = text(sql).bindparams(*(bindparam(c.key, type_=c.type) for c in columns))
        if self.returning:
            return statement.columns(*(table.c[name] for name in self.returning))
        return statement


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
