"""Grading at class scale (issue 8): the Dask engine, progress output, and a
PostgreSQL gradebook with concurrent workers that grades exactly as SQLite does."""
from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursetools import cluster, course, demo, pipeline
from coursetools.progress import Progress

from . import classroom, pg
from .conftest import ASSIGNMENTS

# Two quick assignments for the class graded twice (PostgreSQL, SQLite).
PREFERRED = ["01_lookup", "03_cosine_neighbours"]
CLASS = [a for a in PREFERRED if a in ASSIGNMENTS] or ASSIGNMENTS[:2]


# ------------------------------------------------------------------ progress

def test_plain_progress_lines_and_failure_summary():
    out = io.StringIO()           # not a terminal: plain lines, no bar
    progress = Progress(stream=out)
    progress.start(3)
    progress.advance({"assignment": "01_lookup", "student": "ann", "success": True, "log": "", "seconds": 2.0})
    progress.advance({"assignment": "01_lookup", "student": "bob", "success": False, "seconds": 1.0,
                      "log": "[INFO] start\n[ERROR] Kernel died before replying to kernel_info"})
    progress.advance({"assignment": "01_lookup", "student": "cy", "success": True, "log": "", "seconds": 2.0})
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "grading: 3 notebook(s)"
    assert lines[1].startswith("grading 1/3  33%") and "nb/s ETA" in lines[1] and "failed 0" in lines[1]
    assert "failed 1" in lines[2] and "bob/01_lookup FAILED" in lines[2]
    assert lines[3].startswith("grading 3/3 100%") and "ETA 0:00" in lines[3]
    assert "\r" not in out.getvalue()
    summary = progress.summary([{"assignment": "01_lookup", "student": s, "success": s != "bob", "seconds": 1,
                                 "log": "[ERROR] Kernel died before replying to kernel_info" if s == "bob" else ""}
                                for s in ("ann", "bob", "cy")])
    assert "autograded 3 notebook(s)" in summary and "2 graded, 1 not fully graded" in summary
    assert "bob/01_lookup: [ERROR] Kernel died before replying to kernel_info" in summary


def test_live_bar_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    progress = Progress(stream=out)
    progress.start(2)
    progress.advance({"assignment": "a", "student": "s1", "success": False, "log": "[ERROR] x", "seconds": 1})
    progress.advance({"assignment": "a", "student": "s2", "success": True, "log": "", "seconds": 1})
    progress.close()
    text = out.getvalue()
    assert "\r" in text and "2/2" in text and "failed 1" in text and "ETA" in text
    assert "failed: s1/a" in text


def test_large_runs_print_at_most_a_line_per_interval():
    out = io.StringIO()
    progress = Progress(stream=out, interval=3600)
    progress.start(500)
    for i in range(500):
        progress.advance({"assignment": "a", "student": f"s{i}", "success": i != 7, "log": "[ERROR] x",
                          "seconds": 1})
    lines = out.getvalue().splitlines()
    # header, the first job, the failure, the last job
    assert len(lines) == 4 and "s7/a FAILED" in lines[2] and lines[3].startswith("grading 500/500")


# ------------------------------------------------------- the engine's retries

def flaky_job(root: str, db_url, assignment: str, student: str) -> dict:
    """Stands in for pipeline._autograde_one on the workers. Every call is
    counted in calls/<student>; the behaviour depends on the student."""
    calls = Path(root) / "calls"
    calls.mkdir(exist_ok=True)
    with open(calls / student, "a") as f:
        f.write(f"{os.getpid()}\n")
    n = len((calls / student).read_text().splitlines())
    job = {"assignment": assignment, "student": student, "attempts": 1, "seconds": 0.1}
    if student == "dies-once" and n == 1:
        time.sleep(0.5)
        os._exit(1)                       # the worker process dies mid-task
    if student == "always-fails":
        return dict(job, success=False, log=f"[ERROR] Kernel died before replying to kernel_info (call {n})")
    if student == "not-json":
        return dict(job, success=False, log="[ERROR] NotJSONError: Notebook does not appear to be JSON")
    return dict(job, success=True, log=f"graded by {os.getpid()}")


@pytest.fixture
def empty_course(tmp_path):
    root = tmp_path / "course"
    for student in ("dies-once", "always-fails", "not-json", "fine"):
        (root / "submitted" / student / "01_lookup").mkdir(parents=True)
    (root / "source").mkdir()
    return root


def test_dead_worker_costs_a_retry_and_failures_keep_their_log(empty_course):
    pairs = [("01_lookup", s) for s in ("dies-once", "always-fails", "not-json", "fine")]
    out = io.StringIO()
    progress = Progress(stream=out)
    jobs = cluster.grade(pairs + pairs[:1], root=empty_course, workers=2, progress=progress, job=flaky_job)
    progress.close()
    by = {j["student"]: j for j in jobs}
    assert [(j["assignment"], j["student"]) for j in jobs] == pairs      # one job per pair, in order
    calls = {s: len((empty_course / "calls" / s).read_text().splitlines()) for s in by}

    assert by["dies-once"]["success"] and calls["dies-once"] == 2          # rerun after its worker died
    assert by["fine"]["success"] and calls["fine"] == 1
    assert calls["always-fails"] == cluster.RETRIES + 1                     # raised, so Dask retried it
    assert not by["always-fails"]["success"]
    assert f"(call {cluster.RETRIES + 1})" in by["always-fails"]["log"]    # the final failure's log
    assert calls["not-json"] == 1 and not by["not-json"]["success"]        # no attempt can fix that
    failed = pipeline.failed_jobs(jobs)
    assert len(failed) == 2 and any(line.startswith("always-fails/01_lookup:") for line in failed)
    text = out.getvalue()
    assert "local Dask cluster, 2 worker(s); dashboard: http" in text and "grading 4/4 100%" in text
    # the gradebook and students were created up front, from this process
    with course.gradebook(empty_course) as gb:
        assert sorted(s.id for s in gb.students) == sorted(by)


def test_an_open_engine_grades_several_batches(empty_course):
    with cluster.Engine(workers=1) as engine:
        first = cluster.grade([("01_lookup", "fine")], root=empty_course, job=flaky_job, engine=engine)
        second = cluster.grade([("01_lookup", "fine")], root=empty_course, job=flaky_job, engine=engine)
        assert engine.worker_count() == 1
    assert first[0]["success"] and second[0]["success"]
    assert len((empty_course / "calls" / "fine").read_text().splitlines()) == 2   # regraded, not a cached result


def test_a_starting_engine_is_used_when_ready_and_stopped_on_exit(empty_course):
    """cluster.starting(): the cluster starts in a background thread while the caller goes on;
    grade() waits for it, the students are prepared meanwhile, and the cluster stops on exit."""
    with cluster.starting(workers=5, jobs=1) as started:
        assert not started.scheduler                         # a local cluster, sized for the one job
        jobs = cluster.grade([("01_lookup", "fine")], root=empty_course, job=flaky_job, engine=started)
        engine = started.result()
        assert engine.worker_count() == 1 and engine.client.status == "running"
    assert jobs[0]["success"]
    assert engine.client.status == "closed" and engine.cluster.status.name == "closed"


def test_task_keys_are_fixed_per_course_and_pair(tmp_path):
    a = cluster.task_key(tmp_path, None, "01_lookup", "ann")
    assert a == cluster.task_key(tmp_path, None, "01_lookup", "ann")
    assert a != cluster.task_key(tmp_path, "postgresql://x/y", "01_lookup", "ann")
    assert a != cluster.task_key(tmp_path / "other", None, "01_lookup", "ann")
    assert a != cluster.task_key(tmp_path, None, "01_lookup", "bob")


# ------------------------------------------------ PostgreSQL against SQLite

@pytest.fixture(scope="module")
def postgres():
    with pg.postgres_server() as url:
        yield url


def scores(root: Path, db_url: str | None, pairs) -> dict:
    out = {}
    with course.gradebook(root, db_url) as gb:
        for assignment, student in pairs:
            nb = gb.find_submission_notebook(assignment, assignment, student)
            out[(assignment, student)] = {g.name: (g.score, g.max_score, g.auto_score is None) for g in nb.grades}
    return out


def test_postgres_gradebook_with_two_dask_workers_matches_sqlite(tmp_path, postgres, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setenv("COURSE_CELL_TIMEOUT", classroom.CELL_TIMEOUT)
    db_url = pg.create_database(postgres, "gradebook")
    pg_root = classroom.copy_course(tmp_path / "pg", CLASS)

    # PostgreSQL: the instructor's command, with its embedded two-worker cluster and progress lines.
    env = dict(os.environ, NBGRADER_DB_URL=db_url, PYTHONNOUSERSITE="1")
    # without the venv on PATH: the command must find nbgrader's `alembic` by itself
    venv_bin = os.path.dirname(sys.executable)
    env["PATH"] = os.pathsep.join(d for d in env.get("PATH", "").split(os.pathsep) if d != venv_bin)
    done = subprocess.run([sys.executable, "-m", "coursetools", "--course", str(pg_root), "demo", *CLASS,
                           "--workers", "2"], capture_output=True, text=True, env=env, timeout=900)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    n = len(CLASS) * len(demo.STUDENTS)
    assert "local Dask cluster, 2 worker(s); dashboard: http" in out
    assert f"grading {n}/{n} 100%" in out and f"autograded {n} notebook(s)" in out and "0 not fully graded" in out
    assert not (pg_root / "gradebook.db").exists()       # everything went to PostgreSQL

    # SQLite: the same submissions, graded on an existing two-worker cluster (the --scheduler path).
    sq_root = classroom.copy_course(tmp_path / "sqlite", CLASS)
    pipeline.build(CLASS, root=sq_root)
    shutil.copytree(pg_root / "submitted", sq_root / "submitted")
    pairs = pipeline.submissions(sq_root, CLASS)
    assert len(pairs) == n
    with LocalCluster(n_workers=2, threads_per_worker=1, silence_logs=logging.ERROR, dashboard_address=":0") as lc:
        jobs = pipeline.autograde(pairs, root=sq_root, scheduler=lc.scheduler_address)
    assert all(j["success"] for j in jobs), pipeline.failed_jobs(jobs)

    on_postgres, on_sqlite = scores(pg_root, db_url, pairs), scores(sq_root, None, pairs)
    assert on_postgres == on_sqlite
    assert all(on_postgres.values())
    for assignment in CLASS:   # not a vacuous match: the reference outscores the blank notebook
        total = {s: sum(score for score, _, _ in on_postgres[(assignment, s)].values()) for s in demo.STUDENTS}
        assert total["demo-reference"] > total["demo-blank"], (assignment, total)
