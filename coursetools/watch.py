"""Grading on submission: `course.py watch` grades each submission as it arrives.

Without an exchange it watches submitted/<student>/<assignment>/ (whatever puts files there:
an LMS download unpacked by zip_collect, a shared drive, a script). With an exchange
(`--exchange DIR`, or `c.Exchange.root` in the course config) it watches the exchange's
inbound folder, collects what is new (a resubmission replaces the earlier one), grades it,
writes its feedback and releases it to the student.

- Safe to stop and restart: what was graded is remembered in .grading/watch.json by a
  fingerprint of the submission (notebooks and timestamp.txt); a submission that changed
  while the watcher was stopped is graded when it starts again, one graded already is not.
  A lock file keeps a second watcher on the same course from starting.
- A resubmission replaces the earlier grade (autograde is forced, the gradebook row updated).
- A broken submission never stops the loop: its failure is logged and remembered, and the
  watcher moves on; it is graded again only when the student hands in something new.

Each round's hand-ins are graded together through `pipeline.autograde(..., feedback=True)`,
exactly what `course.py grade` does (each job writes its student's feedback), on one Dask
cluster started at the first hand-in and kept for the whole watch; then grades.csv is rewritten.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from . import course, deadlines, pipeline
from .errors import CourseError

STATE = ".grading/watch.json"
LOCK = ".grading/watch.lock"


@dataclass
class Event:
    assignment: str
    student: str
    action: str      # "graded", "not graded", "feedback", "released", "not released"
    detail: str = ""

    def __str__(self):
        return f"{self.student}/{self.assignment}: {self.action}" + (f" ({self.detail})" if self.detail else "")


def exchange_config(root: Path, exchange: Path | None, db_url: str | None = None):
    config = course.load_config(root, db_url)
    if exchange is not None:
        config.Exchange.root = str(exchange)
    return config


def configured_exchange(root: Path) -> Path | None:
    """The exchange the course config names (`c.Exchange.root`), if it exists."""
    config = course.load_config(root)
    if "root" not in config.Exchange:
        return None
    path = Path(config.Exchange.root)
    return path if path.is_dir() else None


def instructor_api(root: Path, exchange: Path, db_url: str | None = None):
    """nbgrader's API on the course at `root`, with its exchange at `exchange`."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = exchange_config(root, exchange, db_url)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def fingerprint(folder: Path) -> str | None:
    """What identifies one hand-in: the notebooks and timestamp.txt (None: nothing there)."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    files = sorted(p for p in folder.iterdir() if p.is_file() and (p.suffix == ".ipynb" or p.name == "timestamp.txt"))
    for path in files:
        digest.update(path.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest() if files else "empty"


def _newest_change(folder: Path) -> float:
    return max([p.stat().st_mtime for p in folder.rglob("*") if p.is_file()] + [folder.stat().st_mtime])


def _brief(text: str) -> str:
    """One line of at most 300 characters, for the watch's log."""
    return " ".join(text.split())[:300]


class Watcher:
    def __init__(self, root: Path = course.ROOT, exchange: Path | None = None, assignments=None,
                 db_url: str | None = None, settle: float = 1.0, log=print, workers: int | None = None,
                 scheduler: str | None = None):
        self.root = Path(root)
        self.workers, self.scheduler = workers, scheduler
        self.engine = None          # one Dask cluster for the whole watch, started at the first hand-in
        self._stack: contextlib.ExitStack | None = None
        self.exchange = Path(exchange) if exchange else None
        self.assignments = list(assignments or course.assignments(self.root))
        self.db_url = db_url
        self.settle = settle
        self.log = log
        self.state_path = self.root / STATE
        self.state = self._load()
        self._inbound_seen: set[str] | None = None

    # ---------------------------------------------------------------- state

    def _load(self) -> dict:
        try:
            return json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save(self) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.state_path)   # a watcher killed mid-write leaves the old state whole

    # ---------------------------------------------------------------- finding work

    def _inbound(self) -> set[str]:
        config = exchange_config(self.root, self.exchange, self.db_url)
        folder = self.exchange / config.CourseDirectory.course_id / "inbound"
        return {p.name for p in folder.iterdir()} if folder.is_dir() else set()

    def collect(self) -> None:
        """With an exchange: collect the assignments that have new entries in inbound/."""
        if self.exchange is None:
            return
        entries = self._inbound()
        new = entries if self._inbound_seen is None else entries - self._inbound_seen
        names = sorted({e.split("+")[1] for e in new if e.count("+") >= 2} & set(self.assignments))
        api = instructor_api(self.root, self.exchange, self.db_url) if names else None
        for name in names:
            result = api.collect(name, update=True)
            if not result.get("success"):
                self.log(f"collect {name} failed: {pipeline._errors(result.get('log', ''))}")
        self._inbound_seen = entries

    def pending(self) -> list[tuple[str, str, str]]:
        """(assignment, student, fingerprint) of hand-ins not graded in this form yet, once
        they have stopped changing for `settle` seconds."""
        out, now = [], time.time()
        for assignment, student in pipeline.submissions(self.root, self.assignments):
            folder = course.folder("submitted", student, assignment, self.root)
            fp = fingerprint(folder)
            key = f"{student}/{assignment}"
            if fp is None or self.state.get(key) == fp:
                continue
            newest = _newest_change(folder)
            if now - newest < self.settle:
                continue   # still being copied in; next round
            graded = course.folder("autograded", student, assignment, self.root) / f"{assignment}.ipynb"
            if key not in self.state and graded.exists() and graded.stat().st_mtime > newest:
                self.state[key] = fp     # graded by `course.py grade` after it was handed in
                self._save()
                continue
            out.append((assignment, student, fp))
        return out

    # ---------------------------------------------------------------- grading

    def grade(self, batch: list[tuple[str, str, str]]) -> list[Event]:
        """Grade a round's hand-ins together, each job writing its student's feedback; then
        grades.csv, and with an exchange each graded student's feedback is released."""
        events: list[Event] = []
        try:
            deadlines.apply(self.root, self.db_url)
            jobs = pipeline.autograde([(a, s) for a, s, _ in batch], root=self.root, db_url=self.db_url,
                                      workers=self.workers, scheduler=self.scheduler, feedback=True,
                                      engine=self._engine())
            for job in jobs:
                events += self._outcome(job)
            pipeline.export_csv(self.root / "grades.csv", root=self.root, db_url=self.db_url)
        except Exception as exc:  # noqa: BLE001 - one broken round never stops the loop
            events += [Event(a, s, "not graded", _brief(f"{type(exc).__name__}: {exc}")) for a, s, _ in batch]
        finally:
            for assignment, student, fp in batch:
                self.state[f"{student}/{assignment}"] = fp
            self._save()
        for event in events:
            self.log(str(event))
        return events

    def _outcome(self, job: dict) -> list[Event]:
        assignment, student = job["assignment"], job["student"]
        if not job["success"]:
            return [Event(assignment, student, "not graded", _brief(pipeline._errors(job["log"])))]
        events = [Event(assignment, student, "graded", f"{job['seconds']:g} s")]
        if job.get("feedback_error"):
            return events + [Event(assignment, student, "no feedback", _brief(job["feedback_error"]))]
        events.append(Event(assignment, student, "feedback", f"feedback/{student}/{assignment}/"))
        if self.exchange is not None:
            result = instructor_api(self.root, self.exchange, self.db_url).release_feedback(assignment, student)
            if result.get("success"):
                events.append(Event(assignment, student, "released"))
            else:
                events.append(Event(assignment, student, "not released",
                                    _brief(pipeline._errors(result.get("log", "")))))
        return events

    def _engine(self):
        """The watch's Dask cluster, started once (inside run()); None outside run()."""
        if self.engine is None and self._stack is not None:
            from . import cluster

            self.engine = self._stack.enter_context(cluster.Engine(self.scheduler, self.workers))
        return self.engine

    def step(self) -> list[Event]:
        """One round: collect (with an exchange), then grade every new hand-in."""
        try:
            self.collect()
        except Exception as exc:  # noqa: BLE001 - an unreadable exchange is logged, the loop goes on
            self.log(f"collect failed: {type(exc).__name__}: {exc}")
        pending = self.pending()
        return self.grade(pending) if pending else []

    def run(self, interval: float = 5.0, rounds: int | None = None, until=None) -> list[Event]:
        """Poll every `interval` seconds; stop after `rounds` rounds, when `until(events)` is
        true, or on Ctrl-C. Returns every event. One Dask cluster serves every round."""
        events, done = [], 0
        with self.lock(), contextlib.ExitStack() as self._stack:
            try:
                while True:
                    events += self.step()
                    done += 1
                    if (rounds is not None and done >= rounds) or (until is not None and until(events)):
                        return events
                    time.sleep(interval)
            finally:
                self.engine, self._stack = None, None

    @contextlib.contextmanager
    def lock(self):
        path = self.root / LOCK
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise CourseError("another `watch` is already grading this course") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
