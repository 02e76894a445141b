"""The cell rules of the course, in one place: nbgrader's own (nbgrader.utils.is_grade, ...), for dicts too.

nbgrader marks cells in their metadata (``metadata.nbgrader``: grade, solution,
locked, grade_id, points) and delimits regions in their source with marker
lines. Every module that asks "is this a test cell?" or "where does the hidden
part end?" asks here. The predicates accept nbformat nodes and plain dicts
(the audit reads notebooks as JSON, without nbformat's validation).
"""
from __future__ import annotations

import re

BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
MARK_SCHEME = "*Mark scheme"          # where the model answer of a source answer cell ends
SOLUTION_LINE = re.compile(rf"^\s*#*\s*({BEGIN_SOLUTION}|{END_SOLUTION})\s*$")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def meta(cell) -> dict:
    """The nbgrader metadata of a cell ({} for a plain cell, or one whose metadata is broken)."""
    info = (cell.get("metadata") or {}).get("nbgrader") or {}
    return info if isinstance(info, dict) else {}


def grade_id(cell) -> str | None:
    return meta(cell).get("grade_id")


def is_grade(cell) -> bool:
    """Worth points (nbgrader.utils.is_grade, for dicts too)."""
    return bool(meta(cell).get("grade"))


def is_solution(cell) -> bool:
    return bool(meta(cell).get("solution"))


def is_locked(cell) -> bool:
    return bool(meta(cell).get("locked"))


def is_test(cell) -> bool:
    """An autograded test cell: graded code that students do not write."""
    return is_grade(cell) and not is_solution(cell) and cell.get("cell_type") == "code"


def is_graded_part(cell) -> bool:
    """A cell nbgrader tracks in the gradebook (graded, answered, read-only or a task)."""
    m = meta(cell)
    return bool(m.get("grade") or m.get("solution") or m.get("locked") or m.get("task"))


def is_restored(cell) -> bool:
    """Test and read-only cells are replaced from the gradebook before grading."""
    return is_locked(cell) or is_test(cell)


def plain(text: str) -> str:
    """Output text without terminal colour codes."""
    return ANSI.sub("", text)


def strip_hidden(source: str, note: str) -> str:
    """The source with each hidden-tests region replaced by one `note` line."""
    out, hidden = [], False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            hidden = True
            out.append(note)
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out)
