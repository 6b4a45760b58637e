"""The grids of a matrix step: RACI and decision roles (with their rules), and
organisation pairs (with their asymmetries). Pure functions over StepItems."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from typing import Any

from collabfacil.domain.frozen import frozen
from collabfacil.domain.matrix_checks import DECISION_ROLES, RACI_ROLES, SCALE_MAX
from collabfacil.domain.model import StepItem

ERROR = "error"
WARNING = "warning"
A_OVERLOAD_SHARE = 0.4  # a column that is A on more than this share of rows
A_OVERLOAD_MIN_ROWS = 3  # below this, a share of the rows means little
CONSULTED_MAX = 3  # more Cs than this in one row: consultation overload
ASYMMETRY = 2  # |a->b - b->a| at least this: the pair see it differently

ROLE_NAMES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
# The keys that set each role on the console, per mode.
ROLE_KEYS = {"raci": {r: r for r in RACI_ROLES},
             "decision": {r[0]: r for r in DECISION_ROLES}}
DECISION_HINTS = {"Recommend": "makes the proposal", "Agree": "must agree: a veto",
                  "Decide": "makes the decision (one only)",
                  "Input": "is asked for input", "Perform": "carries it out"}


def roles_for(mode: str) -> tuple[str, ...]:
    """The roles a cell can hold in ``mode`` ("raci" or "decision")."""
    return DECISION_ROLES if mode == "decision" else RACI_ROLES


def role_letter(role: str) -> str:
    """The one letter a role is shown as in a tight cell (R, A, C, I, D, P)."""
    return role[:1]


def role_name(role: str) -> str:
    """A role in words: "Accountable", "Decide"."""
    return ROLE_NAMES.get(role, role)


def _ordered(first: Iterable[str], more: Iterable[str]) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(first)
    for label in more:
        seen.setdefault(label, None)
    return list(seen)


@frozen
class Grid:
    """Rows × columns with a role in some cells.

    Rows are the configured ones, then rows added live, then any row named only
    by a cell (so nothing captured is ever hidden); columns likewise.
    """

    mode: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], str] = field(default_factory=dict)
    live_rows: frozenset[str] = frozenset()

    def role(self, row: str, column: str) -> str:
        return self.cells.get((row, column), "")

    def columns_with(self, row: str, role: str) -> list[str]:
        return [c for c in self.columns if self.cells.get((row, c)) == role]


def grid_columns(config: Mapping[str, Any], partners: Sequence[str]) -> list[str]:
    """The configured columns, or (none given, or an empty list) the partners' labels."""
    return list(config.get("columns") or partners)


def grid_of(config: Mapping[str, Any], partners: Sequence[str],
            items: Iterable[StepItem]) -> Grid:
    """The RACI or decision grid of a step from its config and records."""
    mode = config.get("mode", "raci")
    allowed = set(roles_for(mode))
    items = list(items)
    live = [str(i.data["label"]) for i in items if i.kind == "row"]
    cells: dict[tuple[str, str], str] = {}
    for i in items:
        if i.kind == "cell" and i.data["role"] in allowed:
            cells[(str(i.data["row"]), str(i.data["column"]))] = str(i.data["role"])
    rows = _ordered(_ordered(config.get("rows", []), live), (r for r, _ in cells))
    columns = _ordered(grid_columns(config, partners), (c for _, c in cells))
    return Grid(mode, rows, columns, cells,
                frozenset(r for r in live if r not in config.get("rows", [])))


def cell_items(items: Iterable[StepItem]) -> dict[tuple[str, str], StepItem]:
    """The record behind each filled cell (the latest, should there be two)."""
    return {(str(i.data["row"]), str(i.data["column"])): i
            for i in items if i.kind == "cell"}


# ------------------------------------------------------------------ rules


@frozen
class Finding:
    """Something the room should look at: an error (the row is unresolved) or a warning.

    ``row`` or ``column`` says where; ``detail`` is what is wrong there ("no one
    is accountable (no A)"), ``short`` the few words for a status column
    ("No A"), and ``message`` the whole sentence, naming the row or column.
    """

    severity: str
    code: str
    detail: str
    short: str
    row: str = ""
    column: str = ""

    @property
    def symbol(self) -> str:
        return "✖" if self.severity == ERROR else "⚠"

    @property
    def message(self) -> str:
        where = f"“{self.row}”" if self.row else self.column
        return f"{where}: {self.detail}."


def _names(columns: Sequence[str]) -> str:
    return ", ".join(columns)


def raci_findings(grid: Grid) -> list[Finding]:
    """Exactly one A and at least one R per row (errors); at most 3 Cs per row, and no
    column A on more than 40% of the rows (warnings, from 3 rows up)."""
    out: list[Finding] = []
    for row in grid.rows:
        accountable = grid.columns_with(row, "A")
        if not accountable:
            out.append(Finding(ERROR, "no_a", "no one is accountable (no A)", "No A",
                               row=row))
        elif len(accountable) > 1:
            out.append(Finding(ERROR, "many_a",
                               f"{len(accountable)} are accountable "
                               f"({_names(accountable)}); agree one A",
                               f"{len(accountable)} As", row=row))
        if not grid.columns_with(row, "R"):
            out.append(Finding(ERROR, "no_r", "no one is responsible (no R)", "No R",
                               row=row))
        consulted = grid.columns_with(row, "C")
        if len(consulted) > CONSULTED_MAX:
            out.append(Finding(WARNING, "consultation_overload",
                               f"{len(consulted)} consulted (C): consultation overload",
                               f"{len(consulted)} Cs", row=row))
    out += _a_overload(grid)
    return out


def _a_overload(grid: Grid) -> list[Finding]:
    total = len(grid.rows)
    if total < A_OVERLOAD_MIN_ROWS:
        return []
    out = []
    for column in grid.columns:
        count = sum(1 for row in grid.rows if grid.role(row, column) == "A")
        if count / total > A_OVERLOAD_SHARE:
            out.append(Finding(WARNING, "a_overload",
                               f"accountable for {count} of {total} rows "
                               f"({round(100 * count / total)}%): A-overload",
                               f"A on {count} of {total}", column=column))
    return out


def decision_findings(grid: Grid) -> list[Finding]:
    """Exactly one Decide per decision (error); more than one Agree, a veto, is a warning."""
    out: list[Finding] = []
    for row in grid.rows:
        deciders = grid.columns_with(row, "Decide")
        if not deciders:
            out.append(Finding(ERROR, "no_decide", "no one decides (no Decide)",
                               "No Decide", row=row))
        elif len(deciders) > 1:
            out.append(Finding(ERROR, "many_decide",
                               f"{len(deciders)} decide ({_names(deciders)}); agree one",
                               f"{len(deciders)} Decide", row=row))
        vetoes = grid.columns_with(row, "Agree")
        if len(vetoes) > 1:
            out.append(Finding(WARNING, "many_agree",
                               f"{len(vetoes)} must agree ({_names(vetoes)}): each is a "
                               "veto", f"{len(vetoes)} vetoes", row=row))
    return out


def findings(grid: Grid) -> list[Finding]:
    """The rules of the grid's mode, errors first, in row order."""
    found = decision_findings(grid) if grid.mode == "decision" else raci_findings(grid)
    return sorted(found, key=lambda f: f.severity != ERROR)


def unresolved_rows(grid: Grid, found: Iterable[Finding] | None = None) -> list[str]:
    """The rows with an error, in grid order."""
    found = findings(grid) if found is None else found
    bad = {f.row for f in found if f.severity == ERROR}
    return [r for r in grid.rows if r in bad]


def row_status(found: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Each row's findings (errors first)."""
    out: dict[str, list[Finding]] = {}
    for f in found:
        if f.row:
            out.setdefault(f.row, []).append(f)
    return out


def draft_texts(grid: Grid) -> list[str]:
    """One draft action per unresolved row."""
    found = findings(grid)
    out = []
    for row in unresolved_rows(grid, found):
        codes = {f.code for f in found if f.row == row}
        if grid.mode == "decision":
            out.append(f"Agree who decides {row}")
        elif codes & {"no_a", "many_a"}:
            out.append(f"Agree who is accountable for {row}")
        else:
            out.append(f"Agree who is responsible for {row}")
    return out


# ------------------------------------------------------------------ pairwise


@frozen
class Pairs:
    """Organisation × organisation ratings: ``ratings[(from, to)]`` is 0 to 5."""

    organisations: list[str]
    ratings: dict[tuple[str, str], int]

    def value(self, source: str, target: str) -> int | None:
        return self.ratings.get((source, target))


@frozen
class Asymmetry:
    """Two organisations that rate their relationship differently (by 2 or more)."""

    first: str
    second: str
    first_rates: int  # first -> second
    second_rates: int  # second -> first

    @property
    def gap(self) -> int:
        return abs(self.first_rates - self.second_rates)

    def sentence(self) -> str:
        return (f"{self.first} rates {self.second} {self.first_rates}; "
                f"{self.second} rates {self.first} {self.second_rates}")


def pairs_of(config: Mapping[str, Any], partners: Sequence[str],
             items: Iterable[StepItem]) -> Pairs:
    """The organisations (configured, else the partners, plus any rated) and ratings."""
    ratings = {(str(i.data["from"]), str(i.data["to"])): int(i.data["value"])
               for i in items if i.kind == "rating"}
    orgs = _ordered(config.get("organisations") or partners,
                    (o for pair in ratings for o in pair))
    return Pairs(orgs, ratings)


def rating_items(items: Iterable[StepItem]) -> dict[tuple[str, str], StepItem]:
    return {(str(i.data["from"]), str(i.data["to"])): i for i in items if i.kind == "rating"}


def asymmetries(pairs: Pairs) -> list[Asymmetry]:
    """Pairs rated both ways whose ratings differ by at least 2, biggest gap first."""
    out = []
    orgs = pairs.organisations
    for i, a in enumerate(orgs):
        for b in orgs[i + 1:]:
            ab, ba = pairs.value(a, b), pairs.value(b, a)
            if ab is not None and ba is not None and abs(ab - ba) >= ASYMMETRY:
                out.append(Asymmetry(a, b, ab, ba))
    return sorted(out, key=lambda p: -p.gap)


def asymmetric_cells(pairs: Pairs) -> set[tuple[str, str]]:
    """Both cells of every asymmetric pair."""
    return {cell for p in asymmetries(pairs)
            for cell in ((p.first, p.second), (p.second, p.first))}


def scale_label(config: Mapping[str, Any], value: int) -> str:
    """The configured words for a rating (from ``scale``), or ""."""
    scale = config.get("scale") or []
    if len(scale) == SCALE_MAX + 1:
        return str(scale[value])
    if len(scale) == 2 and value in (0, SCALE_MAX):
        return str(scale[0 if value == 0 else 1])
    return ""
