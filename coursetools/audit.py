"""Static audit of submissions: code that reaches for what a solution never needs.

Grades are decided outside the kernel (coursetools/judging.py) and the kernel
runs sandboxed (coursetools/sandbox.py), so such code cannot earn points; it is
still worth an instructor's look. This audit reads the submitted notebook
*outside* the kernel and flags every cell that touches the grader package, the
kernel-side helper, nbgrader, the interpreter's machinery (sys.modules,
importlib, builtins, the IPython shell), process control, files outside the
notebook's folder or the network. Flags are for the instructor to read in the
report; they do not change a grade by themselves.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import cells

MODULES = {
    "solutions": "imports the grader package",
    "answerkit": "reaches the kernel-side grading helper",
    "nbgrader": "imports nbgrader",
    "importlib": "imports importlib",
    "builtins": "imports builtins",
    "ctypes": "imports ctypes",
    "gc": "imports gc (can reach any object)",
    "inspect": "imports inspect (can read the checks' frames)",
    "subprocess": "starts processes",
    "multiprocessing": "starts processes",
    "signal": "handles signals",
    "socket": "uses the network",
    "urllib": "uses the network",
    "http": "uses the network",
    "requests": "uses the network",
    "shutil": "manipulates files",
    "IPython": "reaches the IPython shell",
    "ipykernel": "reaches the kernel",
    "traceback": "rewrites tracebacks",
    "unittest": "uses mocking",
    "pickle": "unpickles data",
    "marshal": "loads code objects",
}
NAMES = {
    "get_ipython": "reaches the IPython shell",
    "__builtins__": "touches builtins",
    "__import__": "imports dynamically",
    "exec": "executes generated code",
    "eval": "evaluates generated code",
    "compile": "compiles generated code",
    "globals": "rewrites the notebook's namespace",
    "setattr": "patches attributes dynamically",
    "delattr": "deletes attributes dynamically",
    "exit": "exits the kernel",
    "quit": "exits the kernel",
    "breakpoint": "starts a debugger",
}
ATTRIBUTES = {
    ("sys", "modules"): "edits sys.modules",
    ("sys", "exit"): "exits the kernel",
    ("sys", "stderr"): "touches sys.stderr",
    ("sys", "stdout"): "touches sys.stdout",
    ("sys", "settrace"): "installs a tracer",
    ("sys", "setprofile"): "installs a profiler hook",
    ("sys", "_getframe"): "reads other frames",
    ("os", "_exit"): "kills the kernel",
    ("os", "kill"): "sends signals",
    ("os", "system"): "runs shell commands",
    ("os", "popen"): "runs shell commands",
    ("os", "fork"): "forks the kernel",
    ("os", "environ"): "reads or changes the environment",
    ("os", "remove"): "deletes files",
    ("os", "unlink"): "deletes files",
    ("os", "chdir"): "changes the working folder",
}
PATCH_TARGETS = {"np", "numpy", "sys", "os", "math", "builtins", "warnings", "json", "subprocess", "IPython"}
SUSPICIOUS_STRINGS = re.compile(r"solutions|answerkit|nbgrader|gradebook|autograded|BEGIN HIDDEN|\.\./|^/[A-Za-z_]", re.I)


@dataclass(frozen=True)
class Flag:
    cell: int
    line: int
    reason: str
    code: str

    def __str__(self) -> str:
        return f"cell {self.cell}, line {self.line}: {self.reason}: {self.code}"


class _Visitor(ast.NodeVisitor):
    def __init__(self, cell: int, lines: list[str]):
        self.cell, self.lines, self.flags = cell, lines, []

    def flag(self, node, reason):
        line = getattr(node, "lineno", 1)
        code = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        self.flags.append(Flag(self.cell, line, reason, code[:120]))

    def visit_Import(self, node):
        for alias in node.names:
            root = alias.name.split(".")[0]
            if root in MODULES:
                self.flag(node, MODULES[root])
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        root = (node.module or "").split(".")[0]
        if root in MODULES:
            self.flag(node, MODULES[root])
        elif node.level:
            self.flag(node, "relative import")
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in NAMES:
            self.flag(node, NAMES[node.id])
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name):
            key = (node.value.id, node.attr)
            if key in ATTRIBUTES:
                self.flag(node, ATTRIBUTES[key])
            if isinstance(node.ctx, (ast.Store, ast.Del)) and node.value.id in PATCH_TARGETS:
                self.flag(node, f"monkeypatches {node.value.id}.{node.attr}")
        if node.attr.startswith("__") and node.attr not in ("__init__", "__name__", "__class__"):
            self.flag(node, f"reaches the interpreter's internals ({node.attr})")
        self.generic_visit(node)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id == "open" and node.args:
            target = node.args[0]
            if not (isinstance(target, ast.Constant) and isinstance(target.value, str)
                    and not SUSPICIOUS_STRINGS.search(target.value)):
                self.flag(node, "opens a file outside the notebook's folder (or a computed path)")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and SUSPICIOUS_STRINGS.search(node.value):
            self.flag(node, f"mentions {SUSPICIOUS_STRINGS.search(node.value).group(0)!r}")


def audit_source(source: str, cell: int) -> list[Flag]:
    lines = source.splitlines()
    magic = [i for i, ln in enumerate(lines) if ln.lstrip().startswith(("!", "%"))]
    flags = [Flag(cell, i + 1, "runs a shell command or IPython magic", lines[i].strip()[:120]) for i in magic]
    code = "\n".join("" if i in magic else ln for i, ln in enumerate(lines))
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return flags + [Flag(cell, exc.lineno or 1, "does not parse as Python (not analysed)", "")]
    visitor = _Visitor(cell, lines)
    visitor.visit(tree)
    return flags + visitor.flags


def _sources(path: Path) -> list[str]:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in nb["cells"]]


def audit_notebook(path: Path, release: Path | None = None) -> list[Flag]:
    """Flags for the code cells of a submitted notebook that the student wrote or
    changed (cells identical to the release notebook's are the course's own)."""
    try:
        shipped = set(_sources(release)) if release and Path(release).exists() else set()
    except (OSError, ValueError, KeyError, TypeError):
        shipped = set()
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        submitted = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Flag(0, 0, f"not a readable notebook ({type(exc).__name__})", "")]
    flags = []
    for index, cell in enumerate(submitted, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code" or cells.is_restored(cell):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source not in shipped:
            flags += audit_source(source, index)
    return flags


def audit_submission(folder: Path, notebook_name: str, release: Path | None = None) -> list[str]:
    """Flags for one submitted assignment folder, as report lines. Files that
    the release folder ships (helper modules) are expected, unless changed."""
    out = []
    nb = folder / notebook_name
    if not folder.is_dir() or not any(folder.iterdir()):
        return ["empty submission folder"]
    if not nb.exists():
        out.append(f"missing notebook {notebook_name}")
    else:
        out += [str(f) for f in audit_notebook(nb, release / notebook_name if release else None)]
    for extra in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix == ".py"):
        name = extra.relative_to(folder)
        shipped = release / name if release else None
        if shipped is None or not shipped.is_file():
            out.append(f"extra Python file {name} (could shadow a module)")
        elif shipped.read_bytes() != extra.read_bytes():
            out.append(f"changed helper file {name} (differs from the release copy)")
    return out
