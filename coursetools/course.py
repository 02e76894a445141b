"""Where things are in the course folder, and nbgrader's API bound to it."""
from __future__ import annotations

import importlib
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


def load_config(root: Path = ROOT, db_url: str | None = None, **course_dir):
    """The course's nbgrader_config.py, pointed at `root` (a copy of the course, in tests)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    for key, value in course_dir.items():
        setattr(config.CourseDirectory, key, value)
    return config


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
