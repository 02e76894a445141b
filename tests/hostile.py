"""Hostile and broken submissions, graded in the same batch as the demo class.

Each entry is a student who hands in a variant of 01_lookup: the reference
solution with something broken or something malicious added. `broken` names
the graded functions whose honest part is wrong or missing; every test cell
that checks one of them must score 0 and every other test cell full points
(:func:`deserved` derives the scores from the notebook's own test cells).
`reason` gives words the report must use for a lost point, `flag` words the
audit must raise, `note` words the grader's notes on the notebook must hold.

The tampering entries are grouped by the five ways a kernel could decide its
own grade before grading moved out of it (issue 12); each group has at least
two entries that exploit its cause differently:

1. ``forge-*``: the verdict produced in the kernel (pass lines, swallowed errors,
   replaced streams and display hooks, import finders, spoofed code objects);
2. ``reach-*``: the grader's code and data (the reference, stack frames, files,
   other processes through /proc);
3. ``write-*``: the grading environment (a .pth file in site-packages, a module
   planted in the working folder, files meant to travel to feedback/);
4. ``score-*``: an execute_result in a test cell read as a score;
5. ``clock-*``: time budgets enforced by timers inside the kernel.

A sixth group, ``prune-*``, checks that what grading leaves out of the course's
own cells (coursetools/pruning.py) never costs an honest point: graded
functions that read a demo cell's variables, by name and through ``globals()``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from coursetools import cells, course, demo, judging, notebooks

A = "01_lookup"
ALL = frozenset({"*"})


@dataclass
class Hostile:
    student: str
    make: Callable | None               # (reference-filled nb) -> nb; None: no notebook
    broken: frozenset = frozenset()     # functions whose cells deserve 0 (ALL: every cell)
    reason: str = ""                    # words in the report's reasons for lost points ("a|b": either)
    flag: str = ""                      # words in the audit flags
    note: str = ""                      # words in the grader's notes on the autograded notebook
    files: dict = field(default_factory=dict)   # extra files to put in the submission folder
    raw: str | None = None              # write this text instead of a notebook


def cell_functions(root: Path) -> dict[str, tuple[set[str], float]]:
    """For each test cell of the assignment: the functions its specs check, and its points."""
    from solutions.checks import load_spec

    nb = notebooks.read(course.notebook(A, "source", root))
    out = {}
    for cell in nb.cells:
        if cells.is_test(cell):
            assignment, specs = judging.hidden_call(cell.source)
            out[cells.grade_id(cell)] = ({load_spec(assignment, s).function for s in specs},
                                            float(cells.meta(cell)["points"]))
    return out


def deserved(root: Path, broken: frozenset) -> dict[str, float]:
    return {gid: (0.0 if broken == ALL or functions & broken else points)
            for gid, (functions, points) in cell_functions(root).items()}


def _solution(nb, function: str, code: str):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cells.grade_id(cell) == function:
            cell.source = code
    return nb


def _insert_after(nb, function: str, code: str):
    """A student's own cell right after the solution cell of `function`."""
    from nbformat.v4 import new_code_cell

    nb = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(nb.cells) if cells.grade_id(c) == function)
    nb.cells.insert(index + 1, new_code_cell(code))
    return nb


def _lookup(body: str) -> str:
    return "def embedding_lookup(E, ids):\n" + "\n".join("    " + ln for ln in body.strip().splitlines()) + "\n"


WRONG_LOOKUP = "return np.asarray(E, dtype=np.float64)[np.asarray(ids).T]"  # wraps negatives, swaps axes


def _wrong_then(code: str):
    """The embedding_lookup mistake, followed by a cell of the student's own."""
    return lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)), "embedding_lookup",
                                    code)


def _edited_test_cells(nb):
    nb = copy.deepcopy(nb)
    tests = [c for c in nb.cells if cells.is_test(c)]
    tests[0].source = ""                                                # emptied
    tests[1].source = "print('all good')"                               # retyped
    tests[2].metadata.nbgrader["points"] = 100                          # metadata edited
    del tests[-1].metadata["nbgrader"]                                  # metadata removed
    twin = copy.deepcopy(tests[2])                                      # duplicated
    twin.id = "student-copy"
    nb.cells.append(twin)
    nb.cells.remove(tests[3])                                           # deleted
    return nb


def _reordered(nb):
    nb = copy.deepcopy(nb)
    tests = [c for c in nb.cells if cells.is_test(c)]
    rest = [c for c in nb.cells if not cells.is_test(c)]
    nb.cells = tests[::-1] + rest       # every test cell before the functions it tests
    return nb


SWALLOW = """
import types
_ip = get_ipython()
_orig_run_code = _ip.run_code
async def _run_code(self, code_obj, result=None, *, async_=False):
    await _orig_run_code(code_obj, None, async_=async_)
    return False
_ip.run_code = types.MethodType(_run_code, _ip)
_ip.showtraceback = lambda *a, **k: None
"""

# A correct add_learned_positions that reads the table of the demo cell above it (E_toy, vocab).
READS_DEMO = """
_honest_add = add_learned_positions
def add_learned_positions(X, P):
    assert E_toy.shape == (len(vocab), 8), "the demo cell's table"
    return _honest_add(X, P)
"""

PASS_LINE = "\u2713 hidden check passed: embedding_lookup (embedding_lookup_values), 10 hidden cases"

FAKE_ANSWERKIT = f"""
ANSWERS_MIME = "application/vnd.embedding-course.answers+json"
def answer(assignment, *specs):
    print({PASS_LINE!r})
    return 100
"""

FORGED_ANSWERS = """
import sys, types, importlib.abc, importlib.machinery
from IPython.display import display
MIME = "application/vnd.embedding-course.answers+json"
def forged(assignment, *specs):
    # claim that every call raised ValueError naming its argument, and print the pass line
    fake = {"raised": ["ValueError", "Exception"], "message": "ids: E: X: P: V: d: B: T: invalid"}
    answers = [{"spec": s, "records": [{"~dict": [[k, v] for k, v in fake.items()]}] * 12} for s in specs]
    display({MIME: {"assignment": assignment, "answers": answers}, "text/plain": "%s"}, raw=True)
class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.machinery.ModuleSpec(name, self) if name == "answerkit" else None
    def create_module(self, spec):
        module = types.ModuleType("answerkit")
        module.answer = forged
        return module
    def exec_module(self, module):
        pass
sys.meta_path.insert(0, Finder())
sys.modules.pop("answerkit", None)
""" % PASS_LINE

REFERENCE_FROM_FRAMES = _lookup("""
import sys
frame = sys._getframe(1)
while frame is not None:
    for name, value in list(frame.f_locals.items()) + list(frame.f_globals.items()):
        if name in ("reference", "spec", "expected", "ref") and value is not None:
            raise RuntimeError(f"found {name}")
    frame = frame.f_back
""" + WRONG_LOOKUP)

REFERENCE_FROM_DISK = _lookup("""
import os, answerkit
here = os.path.dirname(os.path.dirname(answerkit.__file__))
for path in [os.path.join(here, "solutions", "a01_lookup.py"), os.path.join(here, "source", "01_lookup", "01_lookup.ipynb")]:
    try:
        namespace = {}
        exec(open(path).read(), namespace)
        return namespace["embedding_lookup"](E, ids)
    except Exception:
        pass
""" + WRONG_LOOKUP)

PROC_WALK = """
import os
found = []
for pid in os.listdir('/proc'):
    try:
        cwd = os.readlink(f'/proc/{pid}/cwd')
        for root in (cwd, os.path.dirname(cwd), os.path.dirname(os.path.dirname(cwd))):
            if os.path.exists(os.path.join(root, 'solutions', 'a01_lookup.py')) or os.path.exists(os.path.join(root, 'gradebook.db')):
                found.append(root)
    except OSError:
        pass
if found:
    raise RuntimeError(f'the grader is reachable: {found}')
"""

WRITE_PTH = """
import site, os, glob
evil = "import builtins; builtins.print('\\u2713 hidden check passed: forged by a .pth file')\\n"
for folder in site.getsitepackages() + glob.glob(os.path.expanduser('~') + '/.local/lib/python3*/site-packages'):
    try:
        with open(os.path.join(folder, 'zz_forge.pth'), 'w') as f:
            f.write(evil)
    except OSError:
        pass
"""

PLANT_MODULE = f"""
import sys, importlib
with open('answerkit.py', 'w') as f:
    f.write({FAKE_ANSWERKIT!r})
sys.modules.pop('answerkit', None)
importlib.invalidate_caches()
"""

FILES_FOR_FEEDBACK = """
import os, shutil, glob
with open('stolen.txt', 'w') as f:
    f.write('written by the kernel')
for pattern in ['../../../source/*/*.ipynb', '../../../solutions/*.py', '/work/*/source/*/*.ipynb']:
    for path in glob.glob(pattern):
        try:
            shutil.copy(path, '.')
        except OSError:
            pass
for target in ['../../../feedback', '../../../autograded']:
    try:
        os.makedirs(target, exist_ok=True)
        open(os.path.join(target, 'planted.txt'), 'w').write('x')
    except OSError:
        pass
"""

ANSWER_RETURNS_SCORE = """
import answerkit
_real_answer = answerkit.answer
def _answer(*args):
    _real_answer(*args)
    return "1.0"
answerkit.answer = _answer
"""

CANCEL_TIMER = _lookup("""
import signal
signal.setitimer(signal.ITIMER_REAL, 0)
while True:
    pass
""")

IGNORE_INTERRUPT = _lookup("""
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGALRM, signal.SIG_IGN)
while True:
    pass
""")

ISCLOSE_LOOP = """
def _forever(*args, **kwargs):
    while True:
        pass
np.isclose = _forever
np.allclose = _forever
"""

LOOKUP = frozenset({"embedding_lookup"})
LOOKUP_AND_AFTER = frozenset({"embedding_lookup", "add_learned_positions"})   # the cells after a sabotage
SHAPES = frozenset({"lookup_shapes"})

CATALOGUE = [
    # ------------------------------------------------------------- faults
    Hostile("h-endless-loop", lambda nb: _solution(nb, "embedding_lookup", _lookup("while True:\n    pass")),
            LOOKUP, reason="did not finish"),
    Hostile("h-slow", lambda nb: _solution(nb, "embedding_lookup", _lookup(
        "import time\nif np.size(ids) > 4:\n    time.sleep(30)\nreturn np.asarray(E, dtype=float)[ids]")),
        LOOKUP, reason="did not finish"),
    Hostile("h-sleepy-cell", lambda nb: _insert_after(nb, "lookup_shapes", "import time\ntime.sleep(600)")),
    Hostile("h-sys-exit", lambda nb: _insert_after(nb, "embedding_lookup", "import sys\nsys.exit()"),
            flag="exits the kernel"),
    Hostile("h-exit-inside", lambda nb: _solution(nb, "embedding_lookup", _lookup("raise SystemExit(3)")),
            LOOKUP, reason="SystemExit"),
    Hostile("h-interrupt", lambda nb: _solution(nb, "embedding_lookup", _lookup("raise KeyboardInterrupt")),
            LOOKUP, reason="KeyboardInterrupt"),
    Hostile("h-os-exit", lambda nb: _solution(nb, "embedding_lookup", _lookup("import os\nos._exit(1)")),
            LOOKUP, reason="kernel died", flag="kills the kernel"),
    Hostile("h-memory-bomb", lambda nb: _solution(nb, "lookup_shapes", (
        "def lookup_shapes(V, d, B, T):\n    hog = []\n    while True:\n        hog.append(bytearray(10**8))\n")),
        SHAPES, reason="MemoryError|did not finish"),
    Hostile("h-printer", lambda nb: _insert_after(nb, "embedding_lookup", "for i in range(200000):\n    print(i)")),
    Hostile("h-warning", lambda nb: _insert_after(nb, "embedding_lookup",
            "import warnings\nwarnings.warn('this helper is deprecated', UserWarning)\n_ = np.log(np.zeros(1))")),
    Hostile("h-edited-cells", _edited_test_cells),
    Hostile("h-reordered", _reordered),
    Hostile("h-renamed", lambda nb: _solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP).replace(
        "def embedding_lookup(", "def embedding_lookup_v2(")), LOOKUP, reason="not defined"),
    Hostile("h-missing-notebook", None, ALL, flag="missing notebook", files={"notes.txt": "forgot it"}),
    Hostile("h-invalid-json", None, ALL, flag="not a readable notebook", raw="{ this is not json"),
    Hostile("h-empty-folder", None, ALL, flag="empty submission folder"),
    Hostile("h-planted-modules", lambda nb: _solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)), LOOKUP,
            flag="extra Python file", files={"answerkit/__init__.py": FAKE_ANSWERKIT, "solutions/__init__.py": "",
                                             "numpy.py": "raise SystemExit('planted numpy')\n"}),
    Hostile("h-hardcoded", lambda nb: _solution(nb, "embedding_lookup", _lookup(
        "if np.shape(ids) == (2, 2):\n    return np.arange(12.0).reshape(4, 3)[np.array([[0, 3], [3, 1]])]\n"
        "raise ValueError('ids: only the examples')")), LOOKUP, reason="embedding_lookup"),
    # ------------------------------------------- what grading leaves out of the course's cells
    Hostile("prune-reads-demo-variable", lambda nb: _insert_after(nb, "add_learned_positions", READS_DEMO)),
    Hostile("prune-reads-demo-by-globals", lambda nb: _insert_after(
        nb, "add_learned_positions", READS_DEMO.replace("E_toy.shape", 'globals()["E_toy"].shape'))),
    # ------------------------------------------- 1. the verdict produced in the kernel
    Hostile("forge-pass-line", _wrong_then(
        "import answerkit\nanswerkit.answer = lambda *a, **k: print(" + repr(PASS_LINE) + ")"),
        LOOKUP_AND_AFTER, reason="no answers", flag="reaches the kernel-side grading helper"),
    Hostile("forge-swallow-errors", _wrong_then(SWALLOW), LOOKUP, flag="reaches the IPython shell"),
    Hostile("forge-streams-and-hooks", _wrong_then(
        "import sys, io\nsys.stderr = io.StringIO()\nsys.displayhook = lambda value: print('2.0')\n"
        "get_ipython().display_pub.publish = lambda *a, **k: None"), LOOKUP_AND_AFTER, flag="touches sys.stderr"),
    Hostile("forge-import-finder", _wrong_then(FORGED_ANSWERS), LOOKUP_AND_AFTER, flag="edits sys.modules"),
    Hostile("forge-code-filename", _wrong_then(
        "embedding_lookup.__code__ = embedding_lookup.__code__.replace("
        "co_filename='/course/solutions/a01_lookup.py')"), LOOKUP, flag="reaches the interpreter's internals"),
    Hostile("forge-rebind-numpy", _wrong_then(
        "np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), bool)"), LOOKUP, flag="monkeypatches np.allclose"),
    Hostile("forge-builtins", _wrong_then(
        "import builtins\nbuiltins.AssertionError = UserWarning\nbuiltins.print = lambda *a, **k: None"),
        LOOKUP, flag="imports builtins"),
    # ------------------------------------------- 2. the grader's code and data within reach
    Hostile("reach-import-reference", lambda nb: _solution(
        nb, "embedding_lookup", "from solutions.a01_lookup import embedding_lookup"), LOOKUP, reason="not defined",
        flag="imports the grader package"),
    Hostile("reach-reference-on-disk", lambda nb: _solution(nb, "embedding_lookup", REFERENCE_FROM_DISK), LOOKUP,
            flag="reaches the kernel-side grading helper"),
    Hostile("reach-stack-frames", lambda nb: _solution(nb, "embedding_lookup", REFERENCE_FROM_FRAMES), LOOKUP,
            flag="reads other frames"),
    Hostile("reach-proc", lambda nb: _insert_after(nb, "embedding_lookup", PROC_WALK), flag="opens a file|mentions"),
    Hostile("reach-gradebook", lambda nb: _insert_after(nb, "embedding_lookup",
            "try:\n    open('../../../gradebook.db', 'rb').read(10)\n    raise RuntimeError('gradebook readable')\n"
            "except OSError:\n    pass"), flag="opens a file outside"),
    # ------------------------------------------- 3. the grading environment writable
    Hostile("write-pth-file", _wrong_then(WRITE_PTH), LOOKUP, flag="opens a file"),
    Hostile("write-module-in-workdir", _wrong_then(PLANT_MODULE), LOOKUP, flag="edits sys.modules"),   # answerkit comes first
    Hostile("write-files-for-feedback", lambda nb: _insert_after(nb, "embedding_lookup", FILES_FOR_FEEDBACK),
            flag="manipulates files"),
    # ------------------------------------------- 4. an execute_result read as a score
    Hostile("score-answer-returns-value", _wrong_then(ANSWER_RETURNS_SCORE), LOOKUP,
            note="execute-result-removed", flag="reaches the kernel-side grading helper"),
    Hostile("score-fake-helper", _wrong_then(
        "import sys, types\nfake = types.ModuleType('answerkit')\nfake.answer = lambda *a, **k: 1.0\n"
        "sys.modules['answerkit'] = fake"), LOOKUP_AND_AFTER, note="execute-result-removed", flag="edits sys.modules"),
    # ------------------------------------------- 5. time budgets inside the kernel
    Hostile("clock-cancel-timer", lambda nb: _solution(nb, "embedding_lookup", CANCEL_TIMER), LOOKUP,
            reason="did not finish", flag="handles signals"),
    Hostile("clock-ignore-interrupt", lambda nb: _solution(nb, "embedding_lookup", IGNORE_INTERRUPT), LOOKUP,
            reason="did not finish", flag="handles signals"),
    Hostile("clock-isclose-loop", lambda nb: _insert_after(nb, "embedding_lookup", ISCLOSE_LOOP),
            flag="monkeypatches np.isclose"),
]


PROBE = """
import glob, json, os, socket, sys
course, repo = {course!r}, {repo!r}
site = [p for p in sys.path if p.endswith('site-packages')]
readable = {{}}
for path in [repo + '/solutions/a01_lookup.py', repo + '/source', repo + '/.git', course + '/source/01_lookup/01_lookup.ipynb',
             course + '/gradebook.db', course + '/submitted', course + '/autograded/demo-reference', course + '/release']:
    if os.path.exists(path):
        readable[path] = True
writable = {{}}
for folder in site + [sys.prefix, course, repo, course + '/autograded/demo-reference/01_lookup', course + '/feedback',
                      os.path.dirname(__import__('answerkit').__file__)]:
    try:
        with open(os.path.join(folder, 'probe-was-here.txt'), 'w') as f:
            f.write('x')
        writable[folder] = True
        os.remove(os.path.join(folder, 'probe-was-here.txt'))
    except OSError:
        pass
grader = []
for cmdline in glob.glob('/proc/[0-9]*/cmdline'):
    try:
        text = open(cmdline, 'rb').read().replace(b'\\0', b' ').decode()
    except OSError:
        continue
    if any(word in text for word in ('nbgrader', 'pytest', 'distributed', 'coursetools')):
        grader.append(text[:80])
print('PROBE ' + json.dumps({{'readable': readable, 'writable': writable, 'grader_processes': grader,
                             'network': [n for _, n in socket.if_nameindex() if n != 'lo'] != [],
                             'cwd_is_scratch': 'course-grading-' in os.getcwd()}}))
"""


def probe(root: Path) -> Hostile:
    """A student cell that reports, from inside a grading kernel, what it can read and write."""
    code = PROBE.format(course=str(root), repo=str(course.ROOT))
    return Hostile("probe-sandbox", lambda nb: _insert_after(nb, "embedding_lookup", code))


def write(root: Path) -> list[tuple[str, str]]:
    """Write every hostile submission under root/submitted; return the (assignment, student) pairs."""
    if A not in [p.name for p in (root / "source").iterdir()]:
        return []
    pairs = []
    reference = demo.submission("demo-reference", A, root)
    for h in CATALOGUE + [probe(root)]:
        folder = root / "submitted" / h.student / A
        folder.mkdir(parents=True, exist_ok=True)
        if h.make is not None:
            notebooks.write(h.make(reference), folder / f"{A}.ipynb")
        if h.raw is not None:
            (folder / f"{A}.ipynb").write_text(h.raw, encoding="utf-8")
        for name, text in h.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        pairs.append((A, h.student))
    return pairs


WRITERS = [write]
