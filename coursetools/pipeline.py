"""The instructor's pipeline on nbgrader's API: build release/, autograde in
parallel, write feedback and grades.csv.

Each step works on a course folder (`root`, the repository by default; tests
use a copy) and its gradebook, and raises :class:`CourseError` with a short
message (never a traceback) when nbgrader reports a failure.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from . import course
from .errors import CourseError


def _errors(log: str) -> str:
    lines = [ln for ln in (log or "").splitlines() if ln.startswith(("[ERROR]", "[CRITICAL]"))]
    return "\n".join(lines[-6:]) or (log or "").strip()[-800:]


def build(assignments=None, root: Path = course.ROOT, db_url: str | None = None) -> list[str]:
    """nbgrader generate_assignment for each assignment: release/ and the gradebook's cells."""
    names = course.known_assignments(assignments, root)
    api = course.api(root, db_url)
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise CourseError(f"generate_assignment {name} failed:\n{_errors(result.get('log', ''))}")
    return names


def submissions(root: Path = course.ROOT, assignments=None) -> list[tuple[str, str]]:
    """(assignment, student) pairs present under submitted/."""
    wanted = set(assignments or course.assignments(root))
    sub = course.step_dir("submitted", root)
    pairs = []
    if sub.is_dir():
        for student in sorted(p for p in sub.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for a in sorted(p.name for p in student.iterdir() if p.is_dir() and p.name in wanted):
                pairs.append((a, student.name))
    return pairs


STAGING = ".grading/submitted"


STAGED_FILES = ("timestamp.txt", "submission_secret.txt")   # besides notebooks; the exchange needs the secret


def stage(pairs, root: Path = course.ROOT) -> None:
    """Copy only what is graded (notebooks, timestamp.txt, the exchange's
    submission_secret.txt) of each submission to the staging folder autograde
    reads. The kernel never runs there (it runs in a scratch folder holding the
    release folder's own files), so nothing planted beside a notebook reaches it,
    and feedback/ receives only these files and the feedback HTML.
    submitted/ stays as collected; the audit reports the extra files."""
    for assignment, student in pairs:
        src, dest = course.folder("submitted", student, assignment, root), root / STAGING / student / assignment
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for path in src.iterdir():
            if path.is_file() and (path.suffix == ".ipynb" or path.name in STAGED_FILES):
                shutil.copy2(path, dest / path.name)


def _autograde_one(root: str, db_url: str | None, assignment: str, student: str, attempts: int = 1) -> dict:
    """One nbgrader autograde job (`attempts` tries here; the Dask engine in
    coursetools/cluster.py retries a failed job itself: autograde is idempotent,
    and a busy machine can fail a kernel start or lock the SQLite gradebook for a
    moment). A notebook that truly cannot be graded fails quickly (it never
    starts a kernel) and the report says why."""
    api = course.api(Path(root), db_url, submitted_directory=STAGING)
    start = time.monotonic()
    logs = []
    for attempt in range(attempts):
        result = api.autograde(assignment, student, force=True, create=True)
        logs.append(result.get("log", ""))
        if result["success"] or _ungradable(result.get("log", "")):
            break
        time.sleep(1 + attempt)
    return {"assignment": assignment, "student": student, "success": bool(result["success"]),
            "log": "\n".join(logs), "attempts": len(logs), "seconds": round(time.monotonic() - start, 1)}


def _ungradable(log: str) -> bool:
    """Failures that another attempt cannot fix: no notebook, or one nbgrader cannot read."""
    return any(text in log for text in ("No notebooks were matched", "No notebooks found", "NotJSONError",
                                         "JSONDecodeError", "Notebook does not appear to be JSON"))


def ensure_students(students, root: Path = course.ROOT, db_url: str | None = None) -> None:
    """Create students up front: parallel autograde jobs must not race to create them."""
    with course.gradebook(root, db_url) as gb:
        for s in sorted(set(students)):
            gb.update_or_create_student(s)


def autograde(pairs, root: Path = course.ROOT, db_url: str | None = None, workers: int | None = None,
              scheduler: str | None = None, progress=None, feedback: bool = False, engine=None) -> list[dict]:
    """Autograde (assignment, student) pairs, one nbgrader job each, on Dask
    (coursetools/cluster.py): a local cluster of `workers` single-thread
    processes, or the cluster at `scheduler`, or an open `engine` (cluster.Engine).
    One job dict per pair. With `feedback`, each job also writes its student's
    feedback, on the worker."""
    from . import cluster

    return cluster.grade(pairs, root=root, db_url=db_url, workers=workers, scheduler=scheduler, progress=progress,
                         feedback=feedback, engine=engine)


def feedback(assignments=None, root: Path = course.ROOT, db_url: str | None = None) -> None:
    api = course.api(root, db_url)
    for name in assignments or course.assignments(root):
        if not course.step_dir("autograded", root).is_dir():
            return
        result = api.generate_feedback(name, force=True)
        if not result["success"]:
            raise CourseError(f"generate_feedback {name} failed:\n{_errors(result.get('log', ''))}")


def export_csv(path: Path, root: Path = course.ROOT, db_url: str | None = None) -> Path:
    """grades.csv as `nbgrader export` writes it."""
    from nbgrader.plugins.export import CsvExportPlugin

    with course.gradebook(root, db_url) as gb:
        CsvExportPlugin(to=str(path)).export(gb)
    return path


def failed_jobs(results: list[dict]) -> list[str]:
    out = []
    for r in results:
        if not r["success"]:
            reason = _errors(r["log"])
            reason = re.sub(r"\s+", " ", reason)[:300]
            out.append(f"{r['student']}/{r['assignment']}: {reason}")
    return out
