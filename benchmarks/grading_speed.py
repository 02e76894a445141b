#!/usr/bin/env python3
"""How fast does the course grade a class, against stock nbgrader?

    .venv/bin/python benchmarks/grading_speed.py --students 5,20 --assignments 01_lookup,03_cosine_neighbours,08_rope \
        --workers 1,2 [--profile 6] [--keep DIR]

1. Builds release/ once and writes a synthetic class: N students x the chosen
   assignments, a realistic mix per student (reference, correct variants,
   catalogued mistakes, blank notebooks, hostile ones: tests/hostile.py's
   catalogue for 01_lookup, generic sabotage elsewhere).
2. Grades the same submissions
   (1) with stock `nbgrader autograde` in one process per assignment, the
       course's own nbgrader_config.py (its preprocessors, timeouts), SQLite;
   (2) with `python -m coursetools grade` (Dask, feedback, grades.csv and the
       report included) once per --workers value.
3. Asserts identical grades, and prints wall seconds per notebook, CPU-seconds
   per notebook (every process of the run, kernels included), peak memory (sum
   of the resident memory of the whole process tree, sampled) and the speed-up.
4. --profile K grades K notebooks in this process, one after the other, with
   timers around kernel start, each kind of cell (imports, graded functions,
   hidden test cells, ungraded plot and real-model cells, other code), every
   nbgrader preprocessor (judging, gradebook writes) and the gradebook set-up.

Run it on a quiet machine: the numbers are wall-clock times.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coursetools import cells, course, notebooks, pipeline  # noqa: E402

BIN = Path(sys.executable).parent
# Stock nbgrader, one process per assignment, the course's nbgrader_config.py: as configured (the course's
# cells pruned to what can change a grade), and running every cell as nbgrader's own Execute does.
STOCK = [("stock nbgrader autograde, course config (pruned)", []),
         ("stock nbgrader autograde, every cell run", ["--PruneCourseCells.enabled=False"])]
# Per student: 30% reference, 20% correct variants, 30% catalogued mistakes, 10% blank, 10% hostile.
MIX = ["reference", "mistake", "variant", "reference", "mistake", "blank", "variant", "mistake", "hostile",
       "reference"]
# Hostile entries that cost seconds to minutes by design (endless loops, sleeps, memory bombs) or that
# stock nbgrader cannot grade the same way (planted files beside the notebook, no notebook): left out,
# so that both graders see the same notebooks and the timing is not a timeout benchmark.
SLOW_OR_UNFAIR = ("loop", "slow", "sleep", "memory", "planted", "missing", "invalid", "empty")
GENERIC_SABOTAGE = [
    "import sys\nsys.exit()",
    "import os\nos._exit(1)",
    "for i in range(200000):\n    print(i)",
    "import numpy as np\nnp.allclose = lambda *a, **k: True",
    "import warnings\nwarnings.warn('deprecated helper', UserWarning)",
]


# ------------------------------------------------------------------ the class

def _hostile_catalogue(assignment: str):
    """tests/hostile.py's fast entries for its assignment, else nothing."""
    try:
        from tests import hostile
    except Exception:  # noqa: BLE001 - the catalogue is optional here
        return []
    if getattr(hostile, "A", None) != assignment:
        return []
    return [h for h in hostile.CATALOGUE if getattr(h, "make", None) is not None and not getattr(h, "files", None)
            and getattr(h, "raw", None) is None and not any(w in h.student for w in SLOW_OR_UNFAIR)]


def _sabotage(nb, code: str):
    from nbformat.v4 import new_code_cell

    nb = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(nb.cells) if cells.is_solution(c) and c.cell_type == "code")
    nb.cells.insert(index + 1, new_code_cell(code))
    return nb


def synthetic_notebook(assignment: str, i: int, root: Path):
    """Student number i's notebook for `assignment` and the kind of submission it is."""
    from solutions import mistakes

    from coursetools import demo

    kind = MIX[i % len(MIX)]
    release = notebooks.read(course.notebook(assignment, "release", root))
    source = notebooks.read(course.notebook(assignment, "source", root))
    if kind == "blank":
        return release, kind
    if kind == "reference":
        return demo.submission("demo-reference", assignment, root), kind
    if kind == "hostile":
        catalogue = _hostile_catalogue(assignment)
        reference = demo.submission("demo-reference", assignment, root)
        if catalogue:
            entry = catalogue[(i // len(MIX)) % len(catalogue)]
            return entry.make(reference), f"hostile:{entry.student}"
        code = GENERIC_SABOTAGE[(i // len(MIX)) % len(GENERIC_SABOTAGE)]
        return _sabotage(reference, code), f"hostile:{code.splitlines()[-1][:20]}"
    catalogue = mistakes.load(assignment)
    correct = kind == "variant"
    overrides = {}
    for function in notebooks.solution_cells(release):
        entries = catalogue.for_function(function, correct=correct)
        if entries:   # a different mistake / variant per student where the catalogue has several
            overrides[function] = entries[(i + len(function)) % len(entries)].source()
    return notebooks.filled(release, source, overrides), kind


def write_class(root: Path, assignments, students: int) -> dict:
    kinds = defaultdict(int)
    for i in range(students):
        student = f"s{i + 1:05d}"
        for assignment in assignments:
            folder = root / "submitted" / student / assignment
            shutil.copytree(root / "release" / assignment, folder,
                            ignore=shutil.ignore_patterns("*.ipynb", "__pycache__", ".ipynb_checkpoints"))
            nb, kind = synthetic_notebook(assignment, i, root)
            notebooks.write(nb, folder / f"{assignment}.ipynb")
            kinds[kind.split(":")[0]] += 1
    return dict(kinds)


def fresh_course(dest: Path, assignments) -> Path:
    for a in assignments:
        shutil.copytree(REPO / "source" / a, dest / "source" / a)
    shutil.copy(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    return dest


# -------------------------------------------------------------- measurement

def _sample_tree(proc, cpu: dict) -> int:
    """Summed RSS of proc and its descendants; records each one's CPU seconds so far in cpu[pid]."""
    import psutil

    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
                cpu[(p.pid, p.create_time())] = times.user + times.system
    return total


def measured(cmd, cwd: Path, env: dict) -> dict:
    """Run cmd: wall time; CPU seconds of the whole process tree; peak summed RSS of the tree.

    CPU is the larger of two lower bounds: the rusage of reaped descendants (which
    misses kernels that die inside bubblewrap's PID namespace) and the sum over every
    process seen by a 0.1 s sampler (which misses each process's last 0.1 s)."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, cpu = [0], {}
    stop = threading.Event()

    def sample():
        p = psutil.Process(child.pid)
        while not stop.is_set():
            peak[0] = max(peak[0], _sample_tree(p, cpu))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    wall = time.monotonic() - start
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": max(reaped, sum(cpu.values())), "peak_mb": peak[0] / 2**20,
            "code": child.returncode, "output": output}


def grades(root: Path, pairs) -> dict:
    out = {}
    with course.gradebook(root) as gb:
        for assignment, student in pairs:
            try:
                nb = gb.find_submission_notebook(assignment, assignment, student)
            except Exception:  # noqa: BLE001 - not graded at all
                out[(assignment, student)] = None
                continue
            out[(assignment, student)] = {g.name: g.score for g in nb.grades}
    return out


def environment() -> dict:
    env = dict(os.environ, PYTHONNOUSERSITE="1", PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("PYTHONPATH", None)
    env.pop("COURSE_DASK_SCHEDULER", None)
    env.pop("NBGRADER_DB_URL", None)
    return env


# ---------------------------------------------------------------- profiling

class Timers:
    def __init__(self):
        self.seconds = defaultdict(float)
        self.count = defaultdict(int)

    def add(self, name: str, seconds: float):
        self.seconds[name] += seconds
        self.count[name] += 1


def cell_kind(cell) -> str:
    if cell.cell_type != "code" or not cell.source.strip():
        return "cells: empty or markdown"
    if cells.is_test(cell):
        return "cells: hidden/visible test cells"
    if cells.is_solution(cell):
        return "cells: graded functions (definitions)"
    src = cell.source
    if "minilm" in src.lower() or "safetensors" in src:
        return "cells: ungraded real-model (MiniLM)"
    if "plt." in src or "matplotlib" in src:
        return "cells: ungraded plots"
    lines = [ln for ln in src.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if lines and all(ln.startswith(("import ", "from ")) for ln in lines):
        return "cells: imports"
    return "cells: other ungraded code"


def _wrap(owner, name, timers, label):
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timers.add(label, time.perf_counter() - t)

    setattr(owner, name, timed)


def profile(root: Path, pairs, timers: Timers) -> None:
    """Grade `pairs` one after the other in this process, with timers."""
    import nbclient
    from nbconvert.preprocessors import Preprocessor
    from nbgrader.converters.base import BaseConverter

    # nbclient's setup_kernel calls these synchronous wrappers
    _wrap(nbclient.NotebookClient, "start_new_kernel", timers, "kernel: start process")
    _wrap(nbclient.NotebookClient, "start_new_kernel_client", timers, "kernel: connect, wait until ready")
    _wrap(nbclient.NotebookClient, "_cleanup_kernel", timers, "kernel: shut down")

    original_call = Preprocessor.__call__

    def timed_call(self, nb, resources):
        t = time.perf_counter()
        try:
            return original_call(self, nb, resources)
        finally:
            timers.add(f"preprocessor: {type(self).__name__}", time.perf_counter() - t)

    Preprocessor.__call__ = timed_call

    from nbgrader.preprocessors import Execute

    executor = Execute     # GradingExecute.execute_cell calls Execute's for each cell it runs
    original_cell = executor.execute_cell

    def timed_cell(self, cell, cell_index, *args, **kwargs):
        t = time.perf_counter()
        try:
            return original_cell(self, cell, cell_index, *args, **kwargs)
        finally:
            timers.add(cell_kind(cell), time.perf_counter() - t)

    executor.execute_cell = timed_cell

    original_init = BaseConverter.init_assignment

    def timed_init(self, assignment_id, student_id):
        t = time.perf_counter()
        try:
            return original_init(self, assignment_id, student_id)
        finally:
            timers.add("nbgrader: init_assignment (gradebook records, copies)", time.perf_counter() - t)

    BaseConverter.init_assignment = timed_init

    course.gradebook(root).close()
    pipeline.ensure_students([s for _, s in pairs], root)
    pipeline.stage(pairs, root)
    for assignment, student in pairs:
        t = time.perf_counter()
        pipeline._autograde_one(str(root), None, assignment, student)
        timers.add("job: whole nbgrader autograde job", time.perf_counter() - t)
    t = time.perf_counter()
    pipeline.feedback(sorted({a for a, _ in pairs}), root=root)
    timers.add("after: generate_feedback (all profiled)", time.perf_counter() - t)
    from coursetools import report

    t = time.perf_counter()
    report.write(report.results(root), root / "reports")
    timers.add("after: class report (all profiled)", time.perf_counter() - t)


@contextlib.contextmanager
def _output_to(path: Path):
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    log = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def startup_costs(env: dict) -> dict:
    """Process start-up that a one-process-per-job design would pay again and again."""
    out = {}
    for label, code in [("python + import nbgrader.apps", "import nbgrader.apps"),
                        ("python + import numpy", "import numpy"),
                        ("python + import distributed", "import distributed")]:
        t = time.monotonic()
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        out[label] = time.monotonic() - t
    return out


# --------------------------------------------------------------------- main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--students", default="20", help="class size; comma-separated sizes (5,20) show how "
                                                    "time grows with students")
    p.add_argument("--assignments", default="01_lookup,03_cosine_neighbours,08_rope")
    p.add_argument("--workers", default="1,2,auto", help="comma-separated worker counts for the course's grade "
                                                          "(auto: the command's default, 1.5 per core)")
    p.add_argument("--no-stock", action="store_true", help="skip stock nbgrader (then grades are compared "
                                                           "between the course's runs only)")
    p.add_argument("--profile", type=int, default=0, metavar="K", help="also profile K notebooks in-process")
    p.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = p.parse_args(argv)

    names = [a for a in args.assignments.split(",") if a]
    unknown = [a for a in names if a not in course.assignments(REPO)]
    if unknown:
        p.error(f"unknown assignment(s) {unknown}")
    from coursetools.cluster import default_workers

    workers = [default_workers() if w == "auto" else int(w) for w in args.workers.split(",") if w]
    sizes = sorted(int(x) for x in args.students.split(",") if x)
    work = args.keep or Path(tempfile.mkdtemp(prefix="grading-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    env = environment()
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        base = fresh_course(work / "base", names)
        t = time.monotonic()
        pipeline.build(names, root=base)
        kinds = write_class(base, names, sizes[-1])
        pairs = pipeline.submissions(base, names)
        n = len(pairs)
        print(f"class: {sizes[-1]} students x {len(names)} assignments = {n} notebooks "
              f"({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}); built in {time.monotonic() - t:.0f} s",
              flush=True)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)

        rows, mismatches, ungraded = [], [], []
        for size in sizes:      # the first `size` students of the class: the same mix at every size
            sub = [pair for pair in pairs if int(pair[1][1:]) <= size]
            graded = {}

            def copy_of(name):
                dest = work / f"{name}-n{size}"
                shutil.copytree(base, dest, ignore=lambda d, names: [x for x in names if Path(d).name == "submitted"
                                                                     and x.startswith("s") and int(x[1:]) > size])
                return dest

            for i, (label, options) in enumerate([] if args.no_stock else STOCK):
                stock = copy_of(f"stock{i}")
                runs = []
                for a in names:   # nbgrader autograde takes one assignment per call: one process each
                    runs.append(measured([str(BIN / "nbgrader"), "autograde", a, "--force", "--create", *options],
                                         stock, env))
                m = {"wall": sum(r["wall"] for r in runs), "cpu": sum(r["cpu"] for r in runs),
                     "peak_mb": max(r["peak_mb"] for r in runs), "code": max(r["code"] for r in runs)}
                m["phase"] = m["wall"]
                rows.append((label, 1, len(sub), m))
                graded[label] = grades(stock, sub)
                print(f"{len(sub)} notebooks, {label}: {m['wall']:.0f} s (exit code {m['code']})", flush=True)
            for w in workers:
                run = copy_of(f"course-{w}")
                m = measured([sys.executable, "-m", "coursetools", "--course", str(run), "grade", *names,
                              "--workers", str(w)], REPO, env)
                if m["code"] != 0:
                    print(m["output"][-3000:])
                    raise SystemExit(f"course.py grade --workers {w} failed with exit code {m['code']}")
                rows.append(("course.py grade (Dask, feedback + report)", w, len(sub), m))
                graded[f"course-{w}"] = grades(run, sub)
                summary = [ln for ln in m["output"].splitlines() if ln.startswith("autograded ")]
                phase = re.match(r"autograded \d+ notebook\(s\) in (\d+) s", summary[0]) if summary else None
                m["phase"] = float(phase.group(1)) if phase else float("nan")
                print(f"{len(sub)} notebooks, course.py grade --workers {w}: {m['wall']:.0f} s; "
                      f"{summary[0] if summary else ''}", flush=True)
            reference_name, reference = next(iter(graded.items()))
            for name, other in graded.items():
                for pair in sub:
                    if other[pair] != reference[pair]:
                        mismatches.append(f"{pair[1]}/{pair[0]}: {reference_name} {reference[pair]} != "
                                          f"{name} {other[pair]}")
            ungraded += [pair for pair in sub if reference[pair] is None]

        print()
        print(f"{'grader':50s} {'workers':>7s} {'notebooks':>9s} {'wall s':>7s} {'s/nb':>6s} {'grading s':>9s} "
              f"{'CPU s/nb':>8s} {'peak MB':>8s} {'vs pruned':>9s} {'vs every':>8s}")
        for label, w, size, m in rows:
            speeds = []
            for stock_label, _ in STOCK:
                wall = next((m2["wall"] for l2, _, s2, m2 in rows if l2 == stock_label and s2 == size), None)
                speeds.append(f"{wall / m['wall']:.2f}x" if wall else "-")
            print(f"{label:50s} {w:>7d} {size:>9d} {m['wall']:>7.1f} {m['wall'] / size:>6.2f} {m['phase']:>9.0f} "
                  f"{m['cpu'] / size:>8.2f} {m['peak_mb']:>8.0f} {speeds[0]:>9s} {speeds[1]:>8s}")
        print("(s/nb: whole command per notebook; grading s: the autograde phase alone, as the command reports it; "
              "course.py grade also starts its cluster, writes feedback, grades.csv and the report; vs pruned, "
              "vs every: speed-up over stock nbgrader with the course's config, and with every cell run)")
        print(f"\ngrades identical across runs: {not mismatches}; notebooks without any grade: {len(ungraded)}")

        if args.profile:
            timers = Timers()
            sample = [pairs[i] for i in range(0, n, max(1, n // args.profile))][:args.profile]
            prof = work / "profile"
            shutil.copytree(base, prof)
            t = time.monotonic()
            with _output_to(work / "profile.log"):   # kernel chatter
                profile(prof, sample, timers)
            total = time.monotonic() - t
            print(f"\nprofile: {len(sample)} notebooks graded one after the other in one process, {total:.1f} s")
            print(f"{'where the time goes':58s} {'s/nb':>6s} {'calls/nb':>8s}")
            for name in sorted(timers.seconds, key=lambda k: -timers.seconds[k]):
                print(f"{name:58s} {timers.seconds[name] / len(sample):>6.3f} "
                      f"{timers.count[name] / len(sample):>8.1f}")
            for label, seconds in startup_costs(env).items():
                print(f"{'process start: ' + label:58s} {seconds:>6.3f}")

        if mismatches:
            print("\nGRADES DIFFER:\n" + "\n".join(mismatches[:40]))
            return 1
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
