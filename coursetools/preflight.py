"""Checks before any command touches the course: clear messages, not tracebacks,
and nothing written when something is wrong."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from . import course
from .errors import CourseError


def course_folder(root: Path) -> None:
    if not root.is_dir():
        raise CourseError(f"no course folder at {root}")
    if not (root / "source").is_dir():
        raise CourseError(f"{root} is not a course folder: it has no source/ (clone the course, or pass --course DIR)")


def gradebook(root: Path, db_url: str | None = None) -> None:
    """The SQLite gradebook, if there is one, must be readable, intact and not locked."""
    url = db_url or course.sqlite_url(root)
    if not url.startswith("sqlite:///"):
        return   # PostgreSQL and others report their own connection errors clearly
    path = Path(url[len("sqlite:///"):])
    if not path.exists():
        return
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2) as db:
            status = db.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise CourseError(f"the gradebook {path} cannot be read ({exc}): it is corrupt or not a gradebook. "
                            "Nothing was changed; restore it from a backup or move it away.") from None
    if status != "ok":
        raise CourseError(f"the gradebook {path} failed SQLite's integrity check ({status}). Nothing was changed; "
                            "restore it from a backup.")
    if tables and "assignment" not in tables:
        raise CourseError(f"{path} is an SQLite file but not an nbgrader gradebook. Nothing was changed.")
    db = sqlite3.connect(str(path), timeout=2, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise CourseError(f"the gradebook {path} is locked by another process ({exc}): a formgrader or another "
                            "grading run is writing to it. Nothing was changed; try again when it has finished.") from None
    finally:
        db.close()


def layout_problems(root: Path, assignments) -> list[str]:
    """What in submitted/ nbgrader cannot read as submitted/<student>/<assignment>/<assignment>.ipynb."""
    folder = course.step_dir("submitted", root)
    problems = []
    if not folder.is_dir():
        return problems
    known = set(course.assignments(root))
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            problems.append(f"submitted/{entry.name} is a file, not a student folder (ignored)")
            continue
        for item in sorted(entry.iterdir()):
            if item.is_dir() and item.name not in known:
                problems.append(f"submitted/{entry.name}/{item.name} is not an assignment of this course (ignored)")
            elif not item.is_dir() and not item.name.startswith("."):
                problems.append(f"submitted/{entry.name}/{item.name} is outside an assignment folder (ignored)")
            elif item.name in assignments:
                expected = f"{item.name}.ipynb"
                others = [p.name for p in item.glob("*.ipynb") if p.name != expected]
                if others and not (item / expected).exists():
                    problems.append(f"submitted/{entry.name}/{item.name} has {', '.join(others)} "
                                    f"but no {expected} (rename it to grade it)")
    return problems
