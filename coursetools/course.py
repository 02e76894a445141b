"""Where things are in the course folder, and nbgrader's API bound to it.

Paths of nbgrader's steps (submitted/, autograded/, feedback/, release/) are
built only by :func:`folder`, with nbgrader's own CourseDirectory.format_path.
"""
from __future__ import annotations

import functools
import importlib
import os
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT_RE = re.compile(r"^\d\d_[a-z0-9_]+$")


def assignments(root: Path = ROOT) -> list[str]:
    """The assignments present in source/, in order (folder NN_name holding NN_name.ipynb)."""
    src = root / "source"
    if not src.is_dir():
        return []
    return sorted(p.name for p in src.iterdir()
                  if p.is_dir() and ASSIGNMENT_RE.match(p.name) and (p / f"{p.name}.ipynb").exists())


def known_assignments(names, root: Path = ROOT) -> list[str]:
    """`names` if every one is an assignment of the course at `root` (all of them when empty), else CourseError."""
    from .errors import CourseError

    known = assignments(root)
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise CourseError(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return list(names or []) or known


def graded_functions(assignment: str) -> list[str]:
    """The graded functions of an assignment, in the order of its checks (solutions/checks/a<assignment>.py).
    With course.assignments(), the registry of the course: nothing else lists assignments or functions."""
    from solutions.checks import load_specs

    names: list[str] = []
    for spec in load_specs(assignment).values():
        if spec.function not in names:
            names.append(spec.function)
    return names


def notebook(assignment: str, kind: str = "source", root: Path = ROOT) -> Path:
    return root / kind / assignment / f"{assignment}.ipynb"


def reference_module(assignment: str) -> ModuleType:
    return importlib.import_module(f"solutions.a{assignment}")


def sqlite_url(root: Path = ROOT) -> str:
    """The embedded gradebook of the course at `root` (NBGRADER_DB_URL overrides it)."""
    return f"sqlite:///{Path(root) / 'gradebook.db'}"


def load_config(root: Path = ROOT, db_url: str | None = None, **course_dir):
    """The nbgrader_config.py of the course at `root` (this repository's when the copy has none),
    pointed at `root`."""
    from traitlets.config.loader import PyFileConfigLoader

    here = Path(root) if (Path(root) / "nbgrader_config.py").is_file() else ROOT
    config = PyFileConfigLoader("nbgrader_config.py", path=str(here)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = db_url or os.environ.get("NBGRADER_DB_URL") or sqlite_url(root)
    for key, value in course_dir.items():
        setattr(config.CourseDirectory, key, value)
    return config


@functools.lru_cache(maxsize=16)
def _coursedir(root: str):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=load_config(Path(root)))


STEPS = {"submitted": "submitted_directory", "autograded": "autograded_directory",
         "feedback": "feedback_directory", "release": "release_directory", "source": "source_directory"}


def folder(step: str, student: str, assignment: str, root: Path = ROOT) -> Path:
    """<root>/<step>/<student>/<assignment> as nbgrader builds it; release and source take student ".".
    `student` or `assignment` may be "*" for a glob pattern."""
    coursedir = _coursedir(str(Path(root).resolve()))
    return Path(coursedir.format_path(getattr(coursedir, STEPS[step]), student, assignment))


def step_dir(step: str, root: Path = ROOT) -> Path:
    """The folder of one of nbgrader's steps (submitted/, autograded/, ...) of the course at `root`."""
    return Path(root) / getattr(_coursedir(str(Path(root).resolve())), STEPS[step])


def api(root: Path = ROOT, db_url: str | None = None, **course_dir):
    """nbgrader's Python API for the course at `root` (no CLI start-up per call)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = load_config(root, db_url, **course_dir)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def gradebook(root: Path = ROOT, db_url: str | None = None):
    from nbgrader.api import Gradebook

    config = load_config(root, db_url)
    return Gradebook(config.CourseDirectory.db_url, course_id=config.CourseDirectory.course_id)
