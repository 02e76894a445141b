"""Command line of the course: `python3 course.py COMMAND` (or `python -m coursetools COMMAND` in .venv).

    author A [A ...]         source/A/A.ipynb from authoring/aA.py (then build)
    build [A ...]            release/ from source/ (nbgrader generate_assignment)
    demo                     build, write demo submissions, grade them, print the report
    grade [A ...]            autograde everything in submitted/, then feedback, grades.csv, report
    feedback [A ...]         feedback/ from autograded/ (hidden tests and tracebacks removed)
    export                   grades.csv from the gradebook
    report [A ...]           print and write reports/class_report.md
    audit [A ...]            flag suspicious code in submitted/ notebooks

After fixing a check in solutions/checks/, `grade A` regrades A for everyone
(add --student S for one student); notebooks and the gradebook stay as they are.
"""
from __future__ import annotations

import argparse
import sys
import time

from . import audit, course, demo, pipeline, report


def _assignments(names):
    known = course.assignments()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise pipeline.PipelineError(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names or known


def cmd_author(args) -> int:
    from . import authoring

    for name in args.assignments or [p.stem[1:] for p in sorted((course.ROOT / authoring.SCRIPTS).glob("a*.py"))]:
        for path in authoring.write_source(name):
            print(f"wrote {path.relative_to(course.ROOT)}")
    return 0


def cmd_build(args) -> int:
    names = pipeline.build(_assignments(args.assignments))
    print(f"release/ written for {len(names)} assignment(s): {', '.join(names)}")
    return 0


def grade(names, students=None, workers=None) -> int:
    if not (course.ROOT / "submitted").is_dir():
        raise pipeline.PipelineError("no submitted/ folder: collect submissions first (nbgrader collect or zip_collect)")
    pairs = [p for p in pipeline.submissions(assignments=names) if not students or p[1] in students]
    if not pairs:
        raise pipeline.PipelineError("nothing to grade: submitted/<student>/<assignment>/ is empty for these names")
    start = time.monotonic()
    results = pipeline.autograde(pairs, workers=workers)
    print(f"autograded {len(pairs)} submission(s) in {time.monotonic() - start:.0f} s")
    for line in pipeline.failed_jobs(results):
        print(f"  not fully graded: {line}")
    pipeline.feedback(sorted({a for a, _ in pairs}))
    path = pipeline.export_csv(course.ROOT / "grades.csv")
    print(f"feedback in feedback/, grades in {path.name}")
    return cmd_report(argparse.Namespace(assignments=names))


def cmd_grade(args) -> int:
    return grade(_assignments(args.assignments), args.student, args.workers)


def cmd_demo(args) -> int:
    names = pipeline.build(_assignments(args.assignments))
    print(f"release/ built for {len(names)} assignment(s)")
    demo.write_all(names)
    print(f"demo submissions written for {', '.join(demo.STUDENTS)}")
    return grade(names, list(demo.STUDENTS), args.workers)


def cmd_feedback(args) -> int:
    pipeline.feedback(_assignments(args.assignments))
    print("feedback written to feedback/")
    return 0


def cmd_export(args) -> int:
    print(f"wrote {pipeline.export_csv(course.ROOT / args.to)}")
    return 0


def cmd_report(args) -> int:
    rows = report.results(assignments=_assignments(args.assignments))
    print(report.table(rows))
    flagged = [r for r in rows if r.flags]
    if flagged:
        print(f"{sum(len(r.flags) for r in flagged)} audit flag(s) in {len(flagged)} submission(s): see the report")
    print(f"details: {report.write(rows, course.ROOT / 'reports').relative_to(course.ROOT)}")
    return 0


def cmd_audit(args) -> int:
    names = _assignments(args.assignments)
    for a, s in pipeline.submissions(assignments=names):
        for flag in audit.audit_submission(course.ROOT / "submitted" / s / a, f"{a}.ipynb",
                                           course.ROOT / "release" / a):
            print(f"{s}/{a}: {flag}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="course.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    for name, fn, help_ in [("author", cmd_author, "source/ notebooks from authoring/ scripts"),
                            ("build", cmd_build, "release/ from source/"),
                            ("demo", cmd_demo, "build, grade demo submissions, print the report"),
                            ("grade", cmd_grade, "autograde submitted/, feedback, grades.csv, report"),
                            ("feedback", cmd_feedback, "feedback/ from autograded/"),
                            ("report", cmd_report, "scores and reasons for lost points"),
                            ("audit", cmd_audit, "flag suspicious code in submissions")]:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("assignments", nargs="*", help="assignment folders (default: all)")
        sp.set_defaults(fn=fn)
        if name in ("grade", "demo"):
            sp.add_argument("--workers", type=int, default=None, help="parallel nbgrader jobs (default: cores)")
        if name == "grade":
            sp.add_argument("--student", action="append", help="only this student (repeatable)")
    sp = sub.add_parser("export", help="grades.csv from the gradebook")
    sp.add_argument("--to", default="grades.csv")
    sp.set_defaults(fn=cmd_export)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.fn(args)
    except pipeline.PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
