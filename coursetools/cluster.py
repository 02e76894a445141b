"""Autograding on a Dask distributed cluster: one task per (assignment, student).

The engine behind `course.py grade`:

- **Embedded by default.** A LocalCluster of single-thread worker processes, one
  and a half per core (:func:`default_workers`), started and stopped by the
  command. One thread per worker because nbgrader sets and removes the
  environment variable NBGRADER_EXECUTION around each run, which is not thread-safe.
- **Or an existing cluster** (`--scheduler ADDRESS`, or COURSE_DASK_SCHEDULER):
  dask-jobqueue on SLURM/PBS, dask-kubernetes, `dask scheduler` + `dask worker`.
  Workers reach the course through a **shared filesystem**: every worker must
  see the course folder at the same absolute path and run the course's .venv
  (checked before anything is submitted). Several machines need a PostgreSQL
  gradebook (NBGRADER_DB_URL); SQLite over a network filesystem is not safe.
- **Exactly one job per pair.** Each task has a fixed key derived from the
  course, the gradebook, the assignment and the student, so a pair cannot be
  graded twice at once (an overlapping regrade fails on the database or on
  autograded/). The schema and every student are created up front, from this
  process, before any task starts: concurrent graders race on both.
- **A dead worker costs a retry, not a grade.** When a worker dies mid-task the
  scheduler reruns its task elsewhere (up to distributed.scheduler.allowed-failures
  times). A job that nbgrader reports as failed raises, so Dask's `retries=`
  apply; the log of the final failure is kept for the summary. A notebook that
  no attempt can grade (missing, not JSON) is not retried.
- Each worker gets the per-process set-up of grading (one BLAS thread, an
  address-space cap inherited by the kernels, kernel chatter to
  .grading/logs/) from a WorkerPlugin, and the client's COURSE_* settings.
- With `feedback`, a task also writes its student's feedback, so feedback is
  generated in parallel and while other notebooks are graded.
- Local workers are forked from a forkserver that imported nbgrader once.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import course, pipeline
from .errors import CourseError

RETRIES = 2                  # Dask retries of a job that nbgrader reported as failed
SCHEDULER_ENV = "COURSE_DASK_SCHEDULER"
# Settings of the client that workers must share (cell timeout, memory cap, ...).
FORWARDED_PREFIXES = ("COURSE_",)
NOT_FORWARDED = {SCHEDULER_ENV, "COURSE_ROOT"}


class JobFailed(Exception):
    """Raised by a task whose nbgrader job failed, so that Dask retries it; carries the job's dict."""

    def __init__(self, job: dict):
        super().__init__(f"{job.get('student')}/{job.get('assignment')}: nbgrader autograde failed")
        self.job = job

    def __reduce__(self):
        return (JobFailed, (self.job,))


def default_workers() -> int:
    """Local worker processes: one and a half per core. A job waits on its kernel part
    of the time (start-up, replies), so one worker per core leaves cores idle
    (measured on 2 cores, 60 notebooks: 2 workers 44 s, 3 workers 37 s, 4 workers 36 s)."""
    return max(1, math.ceil(1.5 * (os.cpu_count() or 1)))


def venv_on_path() -> None:
    """nbgrader runs the `alembic` program when it creates a gradebook: the
    environment's bin folder must be on PATH (course.py puts it there; a bare
    `.venv/bin/python -m coursetools` does not)."""
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def forwarded_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(FORWARDED_PREFIXES) and k not in NOT_FORWARDED}


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a dependency of the course
    WorkerPlugin = object


class GradingWorkerSetup(WorkerPlugin):
    """What every grading process needs, applied in each Dask worker (and again
    in a worker the nanny restarts): the client's COURSE_* settings, the venv on
    PATH, and autograding.grading_process_setup (BLAS threads, memory cap,
    kernel chatter to a log file in the course's .grading/logs/)."""

    name = "course-grading-setup"

    def __init__(self, log_dir: str, env: dict[str, str]):
        self.log_dir = log_dir
        self.env = dict(env)

    def setup(self, worker=None):
        os.environ.update(self.env)
        venv_on_path()
        logging.getLogger("traitlets").setLevel(logging.ERROR)
        from . import autograding   # imports nbgrader: every job needs it, better before the first one

        autograding.grading_process_setup(self.log_dir)


def task_key(root: Path, db_url: str | None, assignment: str, student: str) -> str:
    course_tag = hashlib.sha1(f"{Path(root).resolve()}|{db_url or ''}".encode()).hexdigest()[:10]
    return f"autograde-{course_tag}-{assignment}-{student}"


def grade_task(root: str, db_url: str | None, assignment: str, student: str, job=None,
               feedback: bool = False) -> dict:
    """One task: one nbgrader autograde job (pipeline._autograde_one), then,
    with `feedback`, that student's feedback for the assignment. Raises
    JobFailed when the job failed for a reason another attempt might fix."""
    run = job or pipeline._autograde_one
    result = run(root, db_url, assignment, student)
    if not result["success"] and not pipeline._ungradable(result.get("log", "")):
        raise JobFailed(result)
    if feedback and result["success"]:
        result["feedback_error"] = feedback_one(root, db_url, assignment, student)
    return result


def feedback_one(root: str, db_url: str | None, assignment: str, student: str) -> str:
    """nbgrader generate_feedback for one student ("" when it worked, else the errors)."""
    outcome = course.api(Path(root), db_url).generate_feedback(assignment, student, force=True)
    return "" if outcome["success"] else pipeline._errors(outcome.get("log", ""))


def prepare(pairs, root: Path, db_url: str | None) -> None:
    """From this process, before any task: the gradebook schema (an empty
    database opened by several graders at once fails), every student (created
    concurrently they collide on unique keys), and the staged submissions."""
    venv_on_path()
    with course.gradebook(root, db_url):
        pass
    pipeline.ensure_students([s for _, s in pairs], root, db_url)
    pipeline.stage(pairs, root)


def _port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _can_see(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "source"))


PRELOAD = ["coursetools.autograding", "coursetools.cluster", "nbgrader.apps"]


def local_worker_processes() -> None:
    """How a local cluster starts its worker processes (for the whole process:
    a worker the nanny restarts later starts the same way).

    - Forked from a forkserver that imported nbgrader and the grading modules
      once, instead of spawned, each importing them again (about 3 s of CPU per
      worker; measured here, 6 s instead of 12 to 26 s to a ready 2-worker
      cluster on a busy machine). Each worker is still its own process, and
      every notebook still gets its own fresh kernel.
    - Not daemonic: a worker may start multiprocessing children (a judge pool,
      say); the nanny still stops them with the cluster."""
    import multiprocessing

    import dask

    settings = {"distributed.worker.daemon": False}
    if "forkserver" in multiprocessing.get_all_start_methods():
        settings["distributed.worker.multiprocessing-method"] = "forkserver"
    dask.config.set(settings)
    if "forkserver" in settings.values():
        from multiprocessing import forkserver

        from distributed.utils import get_mp_context

        context = get_mp_context()     # dask's own preload list first (distributed, numpy, ...)
        modules = list(getattr(forkserver._forkserver, "_preload_modules", None) or ["distributed"])
        context.set_forkserver_preload(modules + [m for m in PRELOAD if m not in modules])


class Engine:
    """A Dask client on an existing scheduler, or on a LocalCluster it starts
    (and stops on exit). `dashboard` is the address of Dask's dashboard."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler = scheduler
        self.workers = workers
        self.cluster = None
        self.client = None

    def __enter__(self) -> "Engine":
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise CourseError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            local_worker_processes()
            self.cluster = LocalCluster(n_workers=max(1, self.workers or default_workers()),
                                        threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
                                        dashboard_address=":8787" if _port_free(8787) else ":0")
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    @property
    def dashboard(self) -> str:
        return self.client.dashboard_link if self.client is not None else ""

    def worker_count(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def check_workers_see(self, root: Path) -> None:
        seen = self.client.run(_can_see, str(root))
        blind = sorted(addr for addr, ok in seen.items() if not ok)
        if blind:
            raise CourseError(
                f"{len(blind)} Dask worker(s) ({', '.join(blind[:3])}) cannot see the course folder {root}: "
                "workers need it on a shared filesystem at the same path, with the course's .venv")


def _failure(assignment: str, student: str, log: str, attempts: int = 0, seconds: float = 0.0) -> dict:
    return {"assignment": assignment, "student": student, "success": False, "log": log,
            "attempts": attempts, "seconds": seconds}


def grade(pairs, root: Path = course.ROOT, db_url: str | None = None, workers: int | None = None,
          scheduler: str | None = None, progress=None, retries: int = RETRIES, job=None,
          feedback: bool = False, engine: "Engine | StartingEngine | None" = None) -> list[dict]:
    """Autograde (assignment, student) pairs on Dask; one job dict per pair, in
    the order given (duplicates graded once). With `feedback`, each task also
    writes that student's feedback (job["feedback_error"] says if it failed).
    `progress` (coursetools.progress.Progress) hears about the cluster and
    every finished job. `job` replaces pipeline._autograde_one (tests). An
    `engine` (open, or still starting) is used as it is and left running (a
    loop that grades submissions as they arrive keeps one cluster); without
    one, a cluster is started and stopped here."""
    root = Path(root).resolve()
    pairs = list(dict.fromkeys((a, s) for a, s in pairs))
    if not pairs:
        return []
    if engine is None:
        with starting(scheduler, workers, len(pairs)) as started:
            return grade(pairs, root, db_url, progress=progress, retries=retries, job=job, feedback=feedback,
                         engine=started)
    # The gradebook, students and staging are prepared while a local cluster starts
    # and its workers import nbgrader: both take seconds. With an existing cluster,
    # only once its workers are known to see the course.
    with ThreadPoolExecutor(1) as pool:
        prepared = None if engine.scheduler else pool.submit(prepare, pairs, root, db_url)
        engine = engine.result() if isinstance(engine, StartingEngine) else engine
        if engine.scheduler:
            engine.check_workers_see(root)
            if (db_url or "sqlite").startswith("sqlite") and progress is not None:
                progress.note("warning: SQLite gradebook with a shared cluster; with workers on several "
                              "machines set NBGRADER_DB_URL to a PostgreSQL URL")
            prepared = prepared or pool.submit(prepare, pairs, root, db_url)
        engine.client.register_plugin(GradingWorkerSetup(str(root / ".grading" / "logs"), forwarded_environment()))
        prepared.result()
        return _run(engine, pairs, root, db_url, progress, retries, job, feedback)


class StartingEngine:
    """An Engine starting in a background thread: the caller goes on (imports,
    building release/, preparing) while the cluster starts; `.result()` waits for
    it. Used as a context manager, it stops the engine on exit."""

    def __init__(self, scheduler: str | None, workers: int):
        self.scheduler = scheduler
        self._engine = Engine(scheduler, workers)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="dask-start")
        self._started = self._pool.submit(self._engine.__enter__)

    def result(self) -> Engine:
        return self._started.result()

    def __enter__(self) -> "StartingEngine":
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True)
        self._engine.__exit__(*exc)


def starting(scheduler: str | None = None, workers: int | None = None, jobs: int | None = None) -> StartingEngine:
    """Start an engine in the background: a local cluster of `workers` (default_workers()),
    not more than `jobs`, or a client of the cluster at `scheduler`."""
    return StartingEngine(scheduler, max(1, min(workers or default_workers(), jobs or default_workers())))


def _run(engine, pairs, root, db_url, progress, retries, job, feedback) -> list[dict]:
    """Submit one task per pair with its fixed key; collect the job dicts as they finish."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    if progress is not None:
        progress.workers = engine.worker_count()
        where = (f"Dask scheduler {engine.scheduler}" if engine.scheduler
                 else f"local Dask cluster, {progress.workers} worker(s)")
        hint = "" if has_dashboard() else " (pip install bokeh to view it)"
        progress.note(f"{where}; dashboard: {engine.dashboard}{hint}")
        progress.start(len(pairs))
    futures = {}
    for assignment, student in pairs:
        key = task_key(root, db_url, assignment, student)
        futures[key] = engine.client.submit(grade_task, str(root), db_url, assignment, student, job, feedback,
                                            key=key, retries=retries, pure=False)
    index = {key: pair for key, pair in zip(futures, pairs)}
    results: dict[tuple[str, str], dict] = {}
    started = time.monotonic()
    for future in as_completed(list(futures.values())):
        assignment, student = index[future.key]
        if future.status == "finished":
            result = future.result()
        else:
            exc = future.exception()
            if isinstance(exc, JobFailed):
                result = dict(exc.job)
                result["log"] = result.get("log", "") + f"\n[ERROR] still failing after {retries + 1} task attempt(s)"
            elif isinstance(exc, KilledWorker):
                result = _failure(assignment, student, "[ERROR] the Dask worker grading this notebook died every "
                                  "time it was tried (KilledWorker); see .grading/logs/",
                                  seconds=round(time.monotonic() - started, 1))
            else:
                text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                result = _failure(assignment, student, f"[ERROR] grading task raised {text}")
        results[(assignment, student)] = result
        future.release()
        if progress is not None:
            progress.advance(result)
    return [results[p] for p in pairs]


def has_dashboard() -> bool:
    """Dask serves its dashboard only when bokeh is installed."""
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None
