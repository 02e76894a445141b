"""The release-and-collect flow nbgrader users run, end to end on a real exchange folder.

release_assignment; two students fetch_assignment and submit (alice resubmits, bob submits
after the due date); collect; grade as `course.py grade` does (pipeline.autograde, feedback,
grades.csv); release_feedback; fetch_feedback gives each student their own feedback and
nobody else's. Then the LMS path (zip_collect from Canvas, Blackboard and Moodle file names)
and `watch` grading submissions that arrive while it runs.

The whole flow runs once per module (one assignment, real kernels); each test checks one part.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from coursetools import course, deadlines, demo, lms, notebooks, pipeline, watch

from .conftest import ASSIGNMENTS

A = "01_lookup" if "01_lookup" in ASSIGNMENTS else ASSIGNMENTS[0]
COURSE_ID = course.load_config().CourseDirectory.course_id
CELL_TIMEOUT = "15"


def copy_course(dest: Path) -> Path:
    shutil.copytree(course.ROOT / "source" / A, dest / "source" / A)
    shutil.copy(course.ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    return dest


def student(cls, home: Path, exchange: Path, name: str, assignment: str = A):
    """Run one of nbgrader's student-side exchange apps as student `name` from `home`."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.root = str(home)
    cfg.CourseDirectory.course_id = COURSE_ID
    cfg.CourseDirectory.student_id = name
    cfg.CourseDirectory.assignment_id = assignment
    cfg.Exchange.root = str(exchange)
    cfg.Exchange.cache = str(home / ".nbgrader_cache")
    cfg.Exchange.assignment_dir = str(home)
    app = cls(coursedir=CourseDirectory(config=cfg), authenticator=Authenticator(config=cfg), config=cfg)
    app.start()
    return app


def fetch(home, exchange, name):
    from nbgrader.exchange.default import ExchangeFetchAssignment

    student(ExchangeFetchAssignment, home, exchange, name)
    return home / A / f"{A}.ipynb"


def submit(home, exchange, name, writer: str) -> str:
    """Fill the fetched notebook as demo student `writer` would, submit it; return its timestamp."""
    from nbgrader.exchange.default import ExchangeSubmit

    notebooks.write(demo.submission(writer, A, course.ROOT), home / A / f"{A}.ipynb")
    app = student(ExchangeSubmit, home, exchange, name)
    return app.timestamp


def grades_csv(root: Path) -> dict[str, dict]:
    with open(root / "grades.csv", newline="") as f:
        return {row["student_id"]: row for row in csv.DictReader(f) if row["assignment"] == A}


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    from nbgrader.exchange.default import ExchangeFetchFeedback

    os.environ["COURSE_CELL_TIMEOUT"] = CELL_TIMEOUT
    tmp = tmp_path_factory.mktemp("exchange_flow")
    root, exchange = copy_course(tmp / "course"), tmp / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    homes = {name: tmp / "home" / name for name in ("alice", "bob")}
    pipeline.build([A], root=root)
    api = watch.instructor_api(root, exchange)
    out = SimpleNamespace(root=root, exchange=exchange, homes=homes, api=api)
    out.released = api.release_assignment(A)
    out.fetched = {name: fetch(home, exchange, name) for name, home in homes.items()}

    out.alice_first = submit(homes["alice"], exchange, "alice", "demo-mistakes")
    time.sleep(1.1)
    out.alice_second = submit(homes["alice"], exchange, "alice", "demo-reference")   # the resubmission
    time.sleep(1.1)
    due = dt.datetime.now(dt.timezone.utc)
    time.sleep(1.1)
    out.bob_late = submit(homes["bob"], exchange, "bob", "demo-variants")              # after the due date

    out.collected = api.collect(A)
    config = watch.exchange_config(root, exchange)
    config.Deadlines.due = {A: due.strftime("%Y-%m-%d %H:%M:%S.%f UTC")}
    out.due = deadlines.apply(root, config=config)

    pairs = pipeline.submissions(root, [A])          # what `course.py grade` does
    out.jobs = pipeline.autograde(pairs, root=root)
    pipeline.feedback([A], root=root)
    pipeline.export_csv(root / "grades.csv", root=root)

    out.release_feedback = api.release_feedback(A)
    out.fetched_feedback = {}
    for name, home in homes.items():
        try:
            student(ExchangeFetchFeedback, home, exchange, name)
        except Exception as exc:  # noqa: BLE001 - reported by the test that needs it
            out.fetched_feedback[name] = exc
        else:
            out.fetched_feedback[name] = sorted((home / A / "feedback").glob("*/*.html"))
    return out


def test_release_fetch_submit_collect(flow):
    assert flow.released["success"], flow.released["log"]
    for name, path in flow.fetched.items():
        assert path.exists(), f"{name} fetched nothing"
    assert flow.collected["success"], flow.collected["log"]
    for name in ("alice", "bob"):
        folder = flow.root / "submitted" / name / A
        assert (folder / f"{A}.ipynb").exists() and (folder / "timestamp.txt").exists()
    inbound = sorted(p.name for p in (flow.exchange / COURSE_ID / "inbound").iterdir())
    assert len(inbound) == 3 and sum(p.startswith("alice+") for p in inbound) == 2


def test_resubmission_replaces_the_first(flow):
    stamp = (flow.root / "submitted" / "alice" / A / "timestamp.txt").read_text().strip()
    assert stamp == flow.alice_second and stamp != flow.alice_first
    jobs = {j["student"]: j for j in flow.jobs}
    assert jobs["alice"]["success"] and jobs["bob"]["success"], [j["log"][-2000:] for j in flow.jobs]
    rows = grades_csv(flow.root)
    full = float(rows["alice"]["max_score"])
    # the reference earns every autograded point; only the (c) answer waits for a human
    with course.gradebook(flow.root) as gb:
        manual = sum(g.max_score for g in gb.find_submission_notebook(A, A, "alice").grades if g.cell_type == "markdown")
    assert float(rows["alice"]["raw_score"]) == full - manual, rows["alice"]


def test_due_date_from_the_config_and_late_penalty_in_grades_csv(flow):
    assert flow.due and A in flow.due
    rows = grades_csv(flow.root)
    assert float(rows["alice"]["late_submission_penalty"]) == 0.0, rows["alice"]
    bob = rows["bob"]
    raw, penalty, score = (float(bob[k]) for k in ("raw_score", "late_submission_penalty", "score"))
    assert raw > 0 and penalty > 0, (
        f"bob submitted after the due date but grades.csv shows no penalty: {bob}. The course config needs "
        "c.AssignLatePenalties.plugin_class = 'coursetools.deadlines.LatePenalty'")
    assert penalty == pytest.approx(raw * 0.10) and score == pytest.approx(raw - penalty), bob


def test_release_feedback_then_each_student_fetches_only_their_own(flow):
    result = flow.release_feedback
    assert result["success"], ("release_feedback failed:\n" + pipeline._errors(result.get("log", "")) + "\n"
                               + "\n".join(str(result.get("error", "")).strip().splitlines()[-3:]))
    own = {name: (flow.root / "feedback" / name / A / f"{A}.html").read_bytes() for name in flow.homes}
    assert own["alice"] != own["bob"], "alice and bob handed in different code; their feedback differs"
    for name, files in flow.fetched_feedback.items():
        assert not isinstance(files, Exception), f"fetch_feedback failed for {name}: {files}"
        assert len(files) == 1, f"{name} fetched {files}: one feedback file, for the submission that was graded"
        assert files[0].read_bytes() == own[name], f"{name} fetched feedback that is not theirs"
        other = "bob" if name == "alice" else "alice"
        assert files[0].read_bytes() != own[other]
    alice_stamp = flow.fetched_feedback["alice"][0].parent.name
    assert alice_stamp == flow.alice_second, "alice's feedback belongs to her resubmission"
    assert "Late submission penalty" in flow.fetched_feedback["bob"][0].read_text()


def test_feedback_reads_offline_and_marks_unfinished_hand_grading(flow):
    """What students receive: one file that needs no network (KaTeX inlined, no CDN script),
    long lines wrapped, the ungraded (c) answer "not graded yet" and the total provisional."""
    page = (flow.root / "feedback" / "alice" / A / f"{A}.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?://", page), "feedback loads a script from the network"
    assert "renderMathInElement" in page and "data:font/woff2;base64," in page
    assert "white-space: pre-wrap" in page
    assert 'class="not-graded"' in page and 'id="provisional"' in page


# ---------------------------------------------------------------------- the LMS path

LMS_FILES = {   # downloaded file name -> (student id, demo writer)
    f"smithalice_12345_67890_{A}.ipynb": ("smithalice", "demo-blank"),
    f"smithalice_LATE_12345_67891_{A}-1.ipynb": None,     # same Canvas student, newer upload: no timestamp to compare
    f"{A}_bob_attempt_2027-01-15-17-00-00_{A}.ipynb": ("bob", "demo-reference"),
    f"Carol Ng_4711_assignsubmission_file_{A}.ipynb": ("carol-ng", "demo-blank"),
}


def test_lms_file_names_are_read():
    assert lms.parse(f"x/smithalice_LATE_12345_67891_{A}-1.ipynb") == {"student_id": "smithalice",
                                                                      "file_id": f"{A}.ipynb"}
    assert lms.parse(f"{A}_bob_attempt_2027-01-15-17-00-00_{A}.ipynb") == {
        "student_id": "bob", "file_id": f"{A}.ipynb", "timestamp": "2027-01-15 17:00:00"}
    assert lms.parse(f"Carol Ng_4711_assignsubmission_file_{A}.ipynb")["student_id"] == "carol-ng"
    assert lms.parse("notes.ipynb") is None


def test_zip_collect_from_lms_downloads(tmp_path):
    root = copy_course(tmp_path / "course")
    pipeline.build([A], root=root)
    archive = root / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "submissions.zip", "w") as zf:
        for name, who in LMS_FILES.items():
            if who is None:
                continue
            nb = demo.submission(who[1], A, root)
            zf.writestr(name, notebooks_json(nb))
    done = subprocess.run([sys.executable, "-m", "nbgrader", "zip_collect", A, "--collector=coursetools.lms.LmsFileNames"],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    got = sorted(p.relative_to(root / "submitted").as_posix() for p in (root / "submitted").rglob("*.ipynb"))
    assert got == sorted(f"{who[0]}/{A}/{A}.ipynb" for who in LMS_FILES.values() if who), got
    assert (root / "submitted" / "bob" / A / "timestamp.txt").read_text().startswith("2027-01-15 17:00:00")
    assert pipeline.submissions(root, [A]) == [(A, "bob"), (A, "carol-ng"), (A, "smithalice")]


def notebooks_json(nb) -> str:
    import nbformat

    return nbformat.writes(nb)


# ---------------------------------------------------------------------- grading on submission


def test_watch_grades_submissions_as_they_arrive(tmp_path):
    """Submissions arrive while `watch` runs: each is collected, graded, its feedback written
    (and released: that part waits for the feedback staging fix); a broken one is logged and
    skipped; a resubmission is regraded; a restarted watcher does not grade anything twice."""
    os.environ["COURSE_CELL_TIMEOUT"] = CELL_TIMEOUT
    root, exchange = copy_course(tmp_path / "course"), tmp_path / "exchange"
    exchange.mkdir()
    pipeline.build([A], root=root)
    api = watch.instructor_api(root, exchange)
    assert api.release_assignment(A)["success"]
    homes = {name: tmp_path / "home" / name for name in ("dana", "eve")}
    for name, home in homes.items():
        fetch(home, exchange, name)

    lines: list[str] = []
    watcher = watch.Watcher(root, exchange=exchange, assignments=[A], settle=0.5, log=lines.append)
    stamps = {}

    def students_arrive():
        time.sleep(1.0)
        stamps["dana"] = submit(homes["dana"], exchange, "dana", "demo-mistakes")
        time.sleep(0.5)
        # eve's notebook is not a notebook at all
        from nbgrader.exchange.default import ExchangeSubmit

        (homes["eve"] / A / f"{A}.ipynb").write_text("{ this is not json")
        student(ExchangeSubmit, homes["eve"], exchange, "eve")
        wait_for(lambda: any(ln.startswith(f"dana/{A}: graded") for ln in lines), 240)
        stamps["dana2"] = submit(homes["dana"], exchange, "dana", "demo-reference")   # a resubmission

    def done(events):
        graded = [e for e in events if e.student == "dana" and e.action == "graded"]
        return len(graded) >= 2 and any(e.student == "eve" for e in events)

    arrivals = threading.Thread(target=students_arrive, daemon=True)
    arrivals.start()
    started = time.monotonic()
    events = watcher.run(interval=0.5, until=lambda ev: done(ev) or time.monotonic() - started > 420)
    arrivals.join(timeout=5)
    assert done(events), "\n".join(lines)

    eve = [str(e) for e in events if e.student == "eve"]
    assert eve and all("not graded" in e or "feedback" in e or "released" in e for e in eve), eve
    dana_feedback = root / "feedback" / "dana" / A / f"{A}.html"
    assert dana_feedback.exists()
    rows = grades_csv(root)
    with course.gradebook(root) as gb:
        manual = sum(g.max_score for g in gb.find_submission_notebook(A, A, "dana").grades if g.cell_type == "markdown")
    assert float(rows["dana"]["raw_score"]) == float(rows["dana"]["max_score"]) - manual, (
        "the resubmission (the reference) replaced the first grade", rows["dana"])
    assert (root / "submitted" / "dana" / A / "timestamp.txt").read_text().strip() == stamps["dana2"]

    # stop and start again: nothing new, so nothing is graded twice
    again = watch.Watcher(root, exchange=exchange, assignments=[A], settle=0.5, log=lines.append)
    assert again.run(interval=0.1, rounds=2) == []

    released = [e for e in events if e.student == "dana" and e.action in ("released", "not released")]
    assert released and released[-1].action == "released", (
        "watch could not release dana's feedback: " + str(released[-1] if released else "no attempt"))


def wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
