"""Command line of the course: `python3 course.py COMMAND` (or `python -m coursetools COMMAND` in .venv).

    author A [A ...]         source/A/A.ipynb from authoring/aA.py (then build)
    build [A ...]            release/ from source/ (nbgrader generate_assignment)
    demo                     build, write demo submissions, grade them, print the report
    grade [A ...]            autograde everything in submitted/, then feedback, grades.csv, report
    watch [A ...]            grade each submission as it arrives (with an exchange: collect, release feedback)
    feedback [A ...]         feedback/ from autograded/ (hidden tests and tracebacks removed)
    export                   grades.csv from the gradebook
    report [A ...]           print and write reports/class_report.{md,html,csv}
    audit [A ...]            flag suspicious code in submitted/ notebooks
    student-env              a Jupyter config folder for students (Validate, no instructor tools)

After fixing a check in solutions/checks/, `grade A` regrades A for everyone
(add --student S for one student); notebooks and the gradebook stay as they are.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from . import course, pipeline, preflight
from .errors import CourseError

# The heavier modules (nbgrader, nbformat, jupyter_client) are imported by the commands that use
# them: `grade` starts its Dask cluster first and imports them while the cluster starts.


def _assignments(args):
    """The assignments named on the command line (all by default), checked once, here."""
    return course.known_assignments(args.assignments, args.course)


def cmd_author(args) -> int:
    from . import authoring

    scripts = sorted((args.course / authoring.SCRIPTS).glob("a*.py"))
    for name in args.assignments or [p.stem[1:] for p in scripts]:
        if not (args.course / authoring.SCRIPTS / f"a{name}.py").exists():
            raise CourseError(f"no authoring script authoring/a{name}.py")
        for path in authoring.write_source(name, args.course):
            print(f"wrote {path.relative_to(args.course)}")
    return 0


def cmd_build(args) -> int:
    names = pipeline.build(_assignments(args), root=args.course)
    print(f"release/ written for {len(names)} assignment(s): {', '.join(names)}")
    return 0


def _db_url():
    """The gradebook URL of this run: NBGRADER_DB_URL (PostgreSQL for many graders), else the course's SQLite file."""
    from .cluster import venv_on_path

    venv_on_path()   # nbgrader runs the `alembic` program when it creates a gradebook
    return os.environ.get("NBGRADER_DB_URL") or None


def grade(args, names, students=None, engine=None) -> int:
    """Autograde, feedback, grades.csv, report. The Dask cluster starts in the background
    first (or `engine`, one already starting, is used), while the rest is imported and prepared."""
    from . import cluster
    from .progress import Progress

    root, db_url = args.course, _db_url()
    if not course.step_dir("submitted", root).is_dir():
        raise CourseError("no submitted/ folder: collect submissions first (nbgrader collect or zip_collect)")
    for problem in preflight.layout_problems(root, names):
        print(f"warning: {problem}")
    pairs = [p for p in pipeline.submissions(root, names) if not students or p[1] in students]
    if not pairs:
        raise CourseError("nothing to grade: no submitted/<student>/<assignment>/ folder for these names")
    with contextlib.nullcontext(engine) if engine else cluster.starting(args.scheduler, args.workers,
                                                                         len(pairs)) as started:
        from . import deadlines, sandbox

        banner = sandbox.choose(getattr(args, "unsandboxed", False), quiet_fallback=getattr(args, "demo", False))
        if banner:
            print(banner)
        deadlines.apply(root, db_url)   # the course config's due dates into the gradebook (late penalties)
        progress = Progress()
        try:
            results = pipeline.autograde(pairs, root=root, db_url=db_url, progress=progress, feedback=True,
                                         engine=started)
        finally:
            progress.close()
    from . import judging

    print(progress.summary(results))     # feedback was written by each job, on the workers
    path = pipeline.export_csv(root / "grades.csv", root=root, db_url=db_url)
    print(f"feedback in feedback/, grades in {path.name}")
    status = print_report(root, names)
    faults = judging.grader_errors(root, pairs)
    for fault in faults:
        print(f"grader error: {fault}", file=sys.stderr)
    if faults:
        print(f"{len(faults)} cell(s) could not be judged through a fault of the grader (not the students'): "
              "fix the check, then grade again", file=sys.stderr)
        return 1
    return status


def cmd_grade(args) -> int:
    return grade(args, _assignments(args), args.student)


def cmd_demo(args) -> int:
    from . import cluster, demo

    names = _assignments(args)
    # the cluster starts while release/ is built and the demo submissions are written
    with cluster.starting(args.scheduler, args.workers, len(names) * len(demo.STUDENTS)) as engine:
        names = pipeline.build(names, root=args.course, db_url=_db_url())
        print(f"release/ built for {len(names)} assignment(s)")
        demo.write_all(names, args.course)
        print(f"demo submissions written for {', '.join(demo.STUDENTS)}")
        args.demo = True   # the course wrote these submissions itself: without bubblewrap, grade them unsandboxed
        return grade(args, names, list(demo.STUDENTS), engine=engine)


def cmd_feedback(args) -> int:
    pipeline.feedback(_assignments(args), root=args.course)
    print("feedback written to feedback/")
    return 0


def cmd_export(args) -> int:
    print(f"wrote {pipeline.export_csv(args.course / args.to, root=args.course)}")
    return 0


def print_report(root: Path, names: list[str]) -> int:
    from . import report

    rows = report.results(root, _db_url(), assignments=names)
    print(report.table(rows))
    flagged = [r for r in rows if r.flags]
    if flagged:
        print(f"{sum(len(r.flags) for r in flagged)} audit flag(s) in {len(flagged)} submission(s): see the report")
    path = report.write(rows, root / "reports").relative_to(root)
    print(f"details: {path} (with plots: {path.with_suffix('.html')}, per cell: {path.with_suffix('.csv')})")
    return 0


def _engine_options(sp) -> None:
    sp.add_argument("--workers", type=int, default=None,
                    help="local Dask worker processes, one nbgrader job each (default: 1.5 per core)")
    sp.add_argument("--scheduler", default=os.environ.get("COURSE_DASK_SCHEDULER") or None, metavar="ADDRESS",
                    help="grade on the existing Dask cluster at ADDRESS (tcp://host:8786) instead of a "
                         "local one; default: $COURSE_DASK_SCHEDULER. Workers need the course folder "
                         "at the same path (shared filesystem)")


def cmd_report(args) -> int:
    return print_report(args.course, _assignments(args))


def cmd_watch(args) -> int:
    from . import watch

    exchange = args.exchange or watch.configured_exchange(args.course)
    where = f"the exchange {exchange}" if exchange else f"{args.course / 'submitted'}"
    print(f"watching {where} every {args.interval:g} s (Ctrl-C stops; a restart carries on where it stopped)",
          flush=True)
    watcher = watch.Watcher(args.course, exchange=exchange, assignments=_assignments(args),
                            log=lambda line: print(line, flush=True), workers=args.workers, scheduler=args.scheduler)
    watcher.run(interval=args.interval, rounds=1 if args.once else None)
    return 0


def cmd_student_env(args) -> int:
    from . import student_env

    dest = (args.to or args.course / student_env.FOLDER).resolve()
    student_env.write(dest, exchange=args.exchange)
    off = ", ".join(p.split(":")[1] for p in student_env.disabled_lab_plugins(args.exchange))
    print(f"wrote {dest} (Validate kept; turned off: {off})")
    print(f"start JupyterLab with it:\n  JUPYTER_CONFIG_DIR={dest} {Path(sys.executable).parent / 'jupyter'} lab")
    return 0


def cmd_audit(args) -> int:
    from . import audit

    for a, s in pipeline.submissions(args.course, _assignments(args)):
        for flag in audit.audit_submission(course.folder("submitted", s, a, args.course), f"{a}.ipynb",
                                           course.folder("release", ".", a, args.course)):
            print(f"{s}/{a}: {flag}")
    return 0


NEEDS_GRADEBOOK = {"build", "demo", "grade", "feedback", "export", "report", "watch"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="course.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--course", type=Path, default=Path(os.environ.get("COURSE_ROOT", course.ROOT)),
                   help="the course folder (default: this repository)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, fn, help_ in [("author", cmd_author, "source/ notebooks from authoring/ scripts"),
                            ("build", cmd_build, "release/ from source/"),                            ("demo", cmd_demo, "build, grade demo submissions, print the report"),
                            ("grade", cmd_grade, "autograde submitted/, feedback, grades.csv, report"),
                            ("feedback", cmd_feedback, "feedback/ from autograded/"),
                            ("report", cmd_report, "scores and reasons for lost points"),
                            ("audit", cmd_audit, "flag suspicious code in submissions")]:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("assignments", nargs="*", help="assignment folders (default: all)")
        sp.set_defaults(fn=fn)
        if name in ("grade", "demo"):
            _engine_options(sp)
        if name == "grade":
            sp.add_argument("--student", action="append", help="only this student (repeatable)")
            sp.add_argument("--unsandboxed", action="store_true",
                            help="grade without the bubblewrap sandbox (the output and the report say so)")
    sp = sub.add_parser("watch", help="grade each submission as it arrives")
    sp.add_argument("assignments", nargs="*", help="assignment folders (default: all)")
    sp.add_argument("--exchange", type=Path, default=None,
                    help="the nbgrader exchange folder (default: c.Exchange.root of the config, if it exists)")
    sp.add_argument("--interval", type=float, default=10.0, help="seconds between two looks (default 10)")
    sp.add_argument("--once", action="store_true", help="one round, then stop")
    _engine_options(sp)
    sp.set_defaults(fn=cmd_watch)
    sp = sub.add_parser("student-env", help="a Jupyter config folder for students")
    sp.add_argument("--to", type=Path, default=None, help="where (default: student_jupyter/ in the course)")
    sp.add_argument("--exchange", action="store_true", help="keep the Assignment List and Course List")
    sp.set_defaults(fn=cmd_student_env)
    sp = sub.add_parser("export", help="grades.csv from the gradebook")
    sp.add_argument("--to", default="grades.csv")
    sp.set_defaults(fn=cmd_export)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    args.course = args.course.resolve()
    try:
        preflight.course_folder(args.course)
        if args.command in NEEDS_GRADEBOOK:
            preflight.gradebook(args.course, os.environ.get("NBGRADER_DB_URL"))
        return args.fn(args)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:   # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - an instructor gets a sentence, not a traceback
        if os.environ.get("COURSE_DEBUG"):
            raise
        print(f"error: {type(exc).__name__}: {exc}\n(set COURSE_DEBUG=1 to see the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
