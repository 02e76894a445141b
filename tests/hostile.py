"""Hostile and broken submissions, graded in the same batch as the demo class.

Each entry is a student who hands in a variant of 01_lookup: the reference
solution with something broken or something malicious added. `expect` gives
the score every autograded test cell must get (only the points the submission
deserves), `reason` words the report must give for a lost point, and `flag`
words the audit must raise. tests/test_hostile.py checks all of it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from coursetools import demo, notebooks

A = "01_lookup"
FULL = {"test_lookup_shapes": 1, "test_lookup_shapes_invalid": 1, "test_embedding_lookup_values": 2,
        "test_embedding_lookup_invalid": 1, "test_add_learned_positions_values": 2,
        "test_add_learned_positions_invalid": 1}
NO_LOOKUP = dict(FULL, test_embedding_lookup_values=0, test_embedding_lookup_invalid=0)
NO_SHAPES = dict(FULL, test_lookup_shapes=0, test_lookup_shapes_invalid=0)
ZERO = {k: 0 for k in FULL}
ONLY_SHAPES = dict(ZERO, test_lookup_shapes=1, test_lookup_shapes_invalid=1)   # cells before the sabotage


@dataclass
class Hostile:
    student: str
    make: Callable                      # (reference-filled nb) -> nb | None; or writes files itself
    expect: dict
    reason: str = ""                    # words in the report's reasons for lost points ("a|b": either)
    flag: str = ""                      # words in the audit flags
    files: dict = field(default_factory=dict)   # extra files to put in the submission folder
    raw: str | None = None              # write this text instead of a notebook


def _solution(nb, function: str, code: str):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if notebooks.grade_id(cell) == function:
            cell.source = code
    return nb


def _insert_after(nb, function: str, code: str):
    """A student's own cell right after the solution cell of `function`."""
    from nbformat.v4 import new_code_cell

    nb = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(nb.cells) if notebooks.grade_id(c) == function)
    nb.cells.insert(index + 1, new_code_cell(code))
    return nb


def _lookup(body: str) -> str:
    return "def embedding_lookup(E, ids):\n" + "\n".join("    " + ln for ln in body.strip().splitlines()) + "\n"


REFERENCE_LOOKUP = """
E = np.asarray(E, dtype=np.float64)
ids = np.asarray(ids)
if E.ndim != 2 or ids.dtype.kind not in "iu" or (ids < 0).any() or (ids >= len(E)).any():
    raise ValueError("ids: invalid")
return E[ids]
"""
WRONG_LOOKUP = "return np.asarray(E, dtype=np.float64)[np.asarray(ids).T]"  # wraps negatives, swaps axes


def _edited_test_cells(nb):
    nb = copy.deepcopy(nb)
    tests = {notebooks.grade_id(c): c for c in nb.cells if notebooks.is_test(c)}
    tests["test_lookup_shapes"].source = ""                                        # emptied
    tests["test_lookup_shapes_invalid"].source = "print('all good')"               # retyped
    tests["test_add_learned_positions_values"].metadata.nbgrader["points"] = 100   # metadata edited
    del tests["test_add_learned_positions_invalid"].metadata["nbgrader"]          # metadata removed
    twin = copy.deepcopy(tests["test_embedding_lookup_invalid"])                   # duplicated
    twin.id = "student-copy"
    nb.cells.append(twin)
    nb.cells.remove(tests["test_embedding_lookup_values"])                         # deleted
    return nb


def _reordered(nb):
    nb = copy.deepcopy(nb)
    tests = [c for c in nb.cells if notebooks.is_test(c)]
    rest = [c for c in nb.cells if not notebooks.is_test(c)]
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

FAKE_GRADING = "def check(*args, **kwargs):\n    print('\u2713 hidden check passed: faked')\n"

CATALOGUE = [
    # ------------------------------------------------------------- faults
    Hostile("h-endless-loop", lambda nb: _solution(nb, "embedding_lookup", _lookup("while True:\n    pass")),
            NO_LOOKUP, reason="did not finish"),
    Hostile("h-slow", lambda nb: _solution(nb, "embedding_lookup", _lookup(
        "import time\nif np.size(ids) > 4:\n    time.sleep(30)\n" + REFERENCE_LOOKUP)),
        NO_LOOKUP, reason="did not finish"),
    Hostile("h-sleepy-cell", lambda nb: _insert_after(nb, "lookup_shapes", "import time\ntime.sleep(600)"), FULL),
    Hostile("h-sys-exit", lambda nb: _insert_after(nb, "embedding_lookup", "import sys\nsys.exit()"), FULL,
            flag="exits the kernel"),
    Hostile("h-exit-inside", lambda nb: _solution(nb, "embedding_lookup", _lookup("raise SystemExit(3)")),
            NO_LOOKUP, reason="SystemExit"),
    Hostile("h-interrupt", lambda nb: _solution(nb, "embedding_lookup", _lookup("raise KeyboardInterrupt")),
            NO_LOOKUP, reason="KeyboardInterrupt"),
    Hostile("h-os-exit", lambda nb: _solution(nb, "embedding_lookup", _lookup("import os\nos._exit(1)")),
            NO_LOOKUP, reason="kernel died", flag="kills the kernel"),
    Hostile("h-memory-bomb", lambda nb: _solution(nb, "lookup_shapes", (
        "def lookup_shapes(V, d, B, T):\n    hog = []\n    while True:\n        hog.append(bytearray(10**8))\n")),
        NO_SHAPES, reason="MemoryError|did not finish"),
    Hostile("h-printer", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(
        "print('debug', ids)\n" + REFERENCE_LOOKUP)), "embedding_lookup", "for i in range(200000):\n    print(i)"),
        FULL),
    Hostile("h-warning", lambda nb: _solution(nb, "embedding_lookup", _lookup(
        "import warnings\nwarnings.warn('this helper is deprecated', UserWarning)\n"
        "_ = np.log(np.zeros(1))\n" + REFERENCE_LOOKUP)), FULL),
    Hostile("h-edited-cells", _edited_test_cells, FULL),
    Hostile("h-reordered", _reordered, FULL),
    Hostile("h-renamed", lambda nb: _solution(nb, "embedding_lookup", _lookup(REFERENCE_LOOKUP).replace(
        "def embedding_lookup(", "def embedding_lookup_v2(")), NO_LOOKUP, reason="not defined"),
    Hostile("h-missing-notebook", None, ZERO, flag="missing notebook", files={"notes.txt": "forgot it"}),
    Hostile("h-invalid-json", None, ZERO, flag="not a readable notebook", raw="{ this is not json"),
    Hostile("h-empty-folder", None, ZERO, flag="empty submission folder"),
    Hostile("h-planted-modules", lambda nb: _solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            dict(FULL, test_embedding_lookup_values=0, test_embedding_lookup_invalid=0),
            flag="extra Python file", files={"solutions/__init__.py": "", "solutions/grading.py": FAKE_GRADING,
                                             "numpy.py": "raise SystemExit('planted numpy')\n"}),
    # ------------------------------------------------------------ tampering
    Hostile("t-rebind-numpy", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", "np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
            "np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), bool)"),
            NO_LOOKUP, flag="monkeypatches np.allclose"),
    Hostile("t-planted-sys-modules", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", "import sys, types\nfake = types.ModuleType('solutions.grading')\n"
            "fake.check = lambda *a, **k: None\nsys.modules['solutions.grading'] = fake"),
            NO_LOOKUP, flag="edits sys.modules"),
    Hostile("t-noop-check", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", "import solutions.grading\nsolutions.grading.check = lambda *a, **k: None"),
            NO_LOOKUP, flag="imports the grader package"),
    Hostile("t-builtins", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", "import builtins\nbuiltins.AssertionError = UserWarning\n"
            "builtins.print = lambda *a, **k: None"),
            NO_LOOKUP, flag="imports builtins"),
    Hostile("t-swallow-errors", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", SWALLOW), NO_LOOKUP, flag="reaches the IPython shell"),
    Hostile("t-hardcoded", lambda nb: _solution(nb, "embedding_lookup", _lookup(
        "if np.shape(ids) == (2, 2):\n    return np.arange(12.0).reshape(4, 3)[np.array([[0, 3], [3, 1]])]\n"
        "if np.shape(ids) == (2,):\n    return np.zeros((2, 3))\n"
        "raise ValueError('ids: only the examples')")),
        NO_LOOKUP, reason="embedding_lookup"),
    Hostile("t-reference-import", lambda nb: _solution(
        nb, "embedding_lookup", "from solutions.a01_lookup import embedding_lookup"), NO_LOOKUP, reason="grader's own package", flag="imports the grader package"),
    Hostile("t-fake-judge", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup", "import sys\nsys.executable = '/bin/true'"), ONLY_SHAPES,
            flag="monkeypatches sys.executable"),
    Hostile("t-replace-subprocess", lambda nb: _insert_after(_solution(nb, "embedding_lookup", _lookup(WRONG_LOOKUP)),
            "embedding_lookup",
            "import subprocess, types\nsubprocess.run = lambda *a, **k: types.SimpleNamespace("
            "stdout='{\"passed\": true, \"cases\": 1}')"), ONLY_SHAPES, reason="tampered",
            flag="monkeypatches subprocess.run"),
    Hostile("t-read-gradebook", lambda nb: _insert_after(nb, "embedding_lookup",
            "try:\n    open('../../../gradebook.db', 'rb').read(10)\nexcept OSError:\n    pass"), FULL,
            flag="opens a file outside"),
]


def write(root: Path) -> list[tuple[str, str]]:
    """Write every hostile submission under root/submitted; return the (assignment, student) pairs."""
    if A not in [p.name for p in (root / "source").iterdir()]:
        return []
    pairs = []
    reference = demo.submission("demo-reference", A, root)
    for h in CATALOGUE:
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
