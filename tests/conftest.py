"""Shared fixtures: the assignments present in source/, and the course root."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursetools import course

ROOT = Path(__file__).resolve().parents[1]
# COURSE_ASSIGNMENTS=02_one_hot,03_cosine_neighbours limits the suite to some assignments (while authoring).
_only = [a for a in os.environ.get("COURSE_ASSIGNMENTS", "").split(",") if a]
ASSIGNMENTS = [a for a in course.assignments() if not _only or a in _only]


def pytest_report_header(config):
    return f"assignments in source/: {', '.join(ASSIGNMENTS) or 'none'}"


@pytest.fixture(autouse=True)
def sandbox_setting_unchanged():
    """No test may leave COURSE_UNSANDBOXED changed for the tests after it: every later
    grading in this process (and its Dask workers) would run unsandboxed."""
    before = os.environ.get("COURSE_UNSANDBOXED")
    yield
    after = os.environ.get("COURSE_UNSANDBOXED")
    assert after == before, f"the test left COURSE_UNSANDBOXED={after!r} (it was {before!r})"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """The whole class graded once per test session (see tests/classroom.py)."""
    from . import classroom, hostile

    root = classroom.copy_course(tmp_path_factory.mktemp("course"), ASSIGNMENTS)
    return classroom.grade_class(root, extra_writers=hostile.WRITERS)
