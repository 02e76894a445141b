"""At grading, the course's own cells run only what can change a grade.

A release notebook's ungraded code cells (set-up, worked examples, plots, the
real-model demonstrations) are most of a grading run's time, and none of their
outputs is graded: only the answers the hidden calls hand back are. So
:class:`PruneCourseCells` (autograde step, before the executing preprocessor)
plans what runs of each code cell:

- a cell the student wrote or changed, a graded function's cell and the hidden
  call of a test cell run in full;
- a course cell still exactly as released runs only its top-level statements
  that bind, or may change, a name that code which runs reads. The rule is
  applied until nothing changes (a kept statement's reads keep their writers).

Conservative by construction:

- the names read are found with Python's own ``symtable``: every global name any
  scope of the running code reads, plus the graded functions the hidden calls
  look up;
- a statement may change a name when it assigns to an item or attribute of it,
  calls a method on it (numpy's functions that return new arrays excepted, but
  not draws from numpy's global generator), or passes it to a call (builtins that
  only read excepted);
- a statement that writes files or changes the working folder, ``sys.path``,
  environment variables or warning filters always runs;
- code that reads names in ways no static reading sees (``globals()``,
  ``eval``, ``__main__``, ``global`` declarations, star imports, IPython magics,
  syntax errors, ...) switches pruning off for the whole notebook: every cell
  runs, as in stock nbgrader.

A course cell that runs nothing gets one line of output saying why, so the
feedback shows it was not run rather than empty.
"""
from __future__ import annotations

import ast
import builtins
import functools
import re
import symtable

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from . import cells, judging, notebooks

NOT_RUN = "(not run when grading: this cell of the course cannot change a grade)\n"
# Ways to read a global name that symtable does not see as a read of that name.
DYNAMIC = re.compile(r"\b(globals|vars|locals|eval|exec|compile|__main__|get_ipython|__builtins__|builtins|"
                     r"__dict__|modules|importlib|__import__|setattr|getattr|delattr|run_cell|user_ns)\b")
NUMPY_NAMES = frozenset({"np", "numpy"})
# Calls that may change what any later code sees without naming it: files, the working folder,
# sys.path, environment variables, warning filters. A statement making one always runs.
PROCESS_STATE = frozenset({"open", "os", "sys", "shutil", "pathlib", "Path", "warnings", "importlib"})
PROCESS = "<process state>"
FILE_WRITERS = frozenset({"save", "savez", "savez_compressed", "savetxt", "tofile", "write", "write_text",
                          "write_bytes", "to_csv", "mkdir", "touch", "unlink", "rename", "chdir"})
BUILTINS = frozenset(dir(builtins))
# Builtins that only read their arguments.
READ_ONLY_BUILTINS = frozenset({"print", "len", "sorted", "list", "tuple", "set", "frozenset", "dict", "zip",
                                "enumerate", "range", "min", "max", "sum", "abs", "round", "isinstance", "str",
                                "repr", "format", "float", "int", "bool", "complex", "any", "all", "map", "filter",
                                "reversed", "type", "hash", "id", "divmod", "pow", "chr", "ord"})
# numpy calls that change state or an argument in place; every other numpy call returns a new value.
NUMPY_MUTATORS = frozenset({"seed", "set_state", "shuffle", "set_printoptions", "seterr", "seterrcall",
                            "setbufsize", "copyto", "put", "put_along_axis", "putmask", "place", "fill_diagonal",
                            "save", "savez", "savez_compressed", "savetxt", "tofile", "at"})
# np.random's functions that make a new generator; every other one draws from (or seeds) numpy's global generator.
NUMPY_NEW_GENERATORS = frozenset({"default_rng", "Generator", "RandomState", "SeedSequence", "BitGenerator",
                                  "PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"})


def _key(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def course_sources(release_nb) -> set[str]:
    """The release notebook's ungraded code cells (set-up, examples, plots), by content."""
    return {_key(c.source) for c in release_nb.cells
            if c.cell_type == "code" and not cells.is_solution(c) and not cells.is_test(c) and c.source.strip()}


def reads(source: str) -> set[str] | None:
    """Every global name the code reads, in any scope; None when it reads
    names in ways a static reading cannot follow, or is not plain Python
    (IPython syntax, a syntax error: then nothing is pruned)."""
    found = _reads(source)
    return None if found is None else set(found)


@functools.lru_cache(maxsize=4096)
def _reads(source: str) -> frozenset[str] | None:
    """reads(), remembered: the course's cells and hidden calls repeat in every submission."""
    if DYNAMIC.search(source):
        return None
    try:
        tree = ast.parse(source)
        table = symtable.symtable(source, "<cell>", "exec")
    except (SyntaxError, ValueError):
        return None
    if any(isinstance(node, (ast.Global, ast.Nonlocal)) or
           (isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names))
           for node in ast.walk(tree)):
        return None     # a star import binds names that no static reading knows
    names: set[str] = set()
    stack = [table]
    while stack:
        scope = stack.pop()
        stack.extend(scope.get_children())
        for symbol in scope.get_symbols():
            if symbol.is_referenced() and (scope.get_type() == "module" or symbol.is_global()):
                names.add(symbol.get_name())
    return frozenset(names)


def _root(node) -> str | None:
    """The variable an expression such as ``a``, ``a.b[0].c`` starts from."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _binds(statement) -> set[str]:
    """Names the statement binds at the top level (functions' and classes' own names included, not their bodies)."""
    table = symtable.symtable(ast.unparse(statement), "<statement>", "exec")
    return {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}


def _executed(statement):
    """The nodes of a statement that run when it runs: not the bodies of the functions it defines."""
    stack = [statement]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stack += [*node.decorator_list, *node.args.defaults, *(d for d in node.args.kw_defaults if d)]
        elif isinstance(node, ast.Lambda):
            stack += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
        else:
            stack += list(ast.iter_child_nodes(node))


def _target_roots(target) -> set[str]:
    """Variables whose item or attribute an assignment target writes (``a[0] = ``, ``a.b = ``)."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_target_roots(t) for t in target.elts))
    if isinstance(target, ast.Starred):
        return _target_roots(target.value)
    if isinstance(target, (ast.Attribute, ast.Subscript)):
        return {_root(target) or ""}
    return set()


def _may_change(statement) -> set[str]:
    """Names whose value the statement may change without rebinding them: an
    item or attribute written, a method called (not numpy's functions that return
    a new value), an argument passed to a call (not to builtins that only read)."""
    out: set[str] = set()
    # warning filters set inside `with warnings.catch_warnings():` are undone at its end
    scoped_warnings = any(isinstance(node, ast.Attribute) and node.attr == "catch_warnings"
                          for node in ast.walk(statement))
    for node in _executed(statement):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            targets = [node.optional_vars]
        for target in targets:
            out |= _target_roots(target)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        state = func.id if isinstance(func, ast.Name) else _root(func)
        writes = isinstance(func, ast.Attribute) and func.attr in FILE_WRITERS
        if writes or state in PROCESS_STATE and not (state == "warnings" and scoped_warnings):
            out.add(PROCESS)       # files, the working folder, sys.path, warning filters: always kept
        numpy_call = isinstance(func, ast.Attribute) and _root(func.value) in NUMPY_NAMES
        global_draw = (numpy_call and isinstance(func.value, ast.Attribute) and func.value.attr == "random"
                       and func.attr not in NUMPY_NEW_GENERATORS)   # np.random.normal(): the global generator
        if numpy_call and func.attr not in NUMPY_MUTATORS and not global_draw:
            continue
        if isinstance(func, ast.Attribute):
            out.add(_root(func.value) or "")
        if isinstance(func, ast.Name) and func.id in READ_ONLY_BUILTINS:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            root = _root(arg)
            if root not in NUMPY_NAMES and root not in BUILTINS:   # np.inf, int: passing them changes nothing
                out.add(root or "")
    out.discard("")
    return out


@functools.lru_cache(maxsize=1024)
def course_statements(source: str) -> tuple[tuple[str, frozenset, frozenset, frozenset], ...]:
    """Each top-level statement of a course cell: (its code, the names it binds, the names it
    may change, the names it reads). Course cells are the same in every submission: analysed once."""
    out = []
    for statement in ast.parse(source).body:
        code = ast.unparse(statement)
        handled = _handler_names(statement)
        out.append((code, frozenset(_binds(statement) - handled), frozenset(_may_change(statement)),
                    frozenset((reads(code) or set()) - handled)))
    return tuple(out)


def _handler_names(statement) -> set[str]:
    """Names bound only by `except ... as name:` and read only inside such handlers: Python
    deletes the name when its handler ends, so it neither outlives the statement nor comes
    from another one."""
    inside: dict[int, str] = {}          # id of a Name node read in a handler -> the handler's name
    handlers = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.ExceptHandler) and node.name:
            handlers.add(node.name)
            for part in node.body:
                inside.update({id(n): node.name for n in ast.walk(part) if isinstance(n, ast.Name)})
    names = [n for n in ast.walk(statement) if isinstance(n, ast.Name) and n.id in handlers]
    elsewhere = {n.id for n in names if not isinstance(n.ctx, ast.Load) or inside.get(id(n)) != n.id}
    return handlers - elsewhere


def plan(nb, release_nb, functions=()) -> dict[int, str] | None:
    """{cell index: the source that runs} for the course cells that run less
    than their source ("" for nothing); None when pruning is off for this notebook."""
    authored = course_sources(release_nb)
    needed = set(functions) | {PROCESS}
    statements: list[tuple[int, str, set[str], set[str], set[str]]] = []   # cell, code, binds, changes, reads
    counts: dict[int, int] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        course_cell = not cells.is_graded_part(cell) or (cells.is_locked(cell) and not cells.is_grade(cell))
        if course_cell and _key(cell.source) in authored and reads(cell.source) is not None:
            analysed = course_statements(cell.source)
            counts[index] = len(analysed)
            statements += [(index, *parts) for parts in analysed]
            continue
        source = (judging.hidden_source(cell.source) or "") if cells.is_test(cell) else cell.source
        found = reads(source)
        if found is None:
            return None
        needed |= found
    kept: set[int] = set()
    changed = True
    while changed:
        changed = False
        for position, (_, _, binds, changes, its_reads) in enumerate(statements):
            if position not in kept and (binds | changes) & needed:
                kept.add(position)
                needed |= its_reads
                changed = True
    runs: dict[int, list[str]] = {index: [] for index in counts}
    for position, (index, code, *_) in enumerate(statements):
        if position in kept:
            runs[index].append(code)
    return {index: "\n".join(parts) for index, parts in runs.items() if len(parts) < counts[index]}


class PruneCourseCells(Preprocessor):
    """Plan which statements of the course's own unchanged cells run at grading (see the module)."""

    enabled = Bool(True, help="run only what can change a grade of the course's own unchanged cells; "
                              "False runs every cell, as stock nbgrader does").tag(config=True)

    def preprocess(self, nb, resources):
        info = judging.state(resources)
        release_nb = notebooks.release_notebook(self.config, resources)
        if release_nb is None:      # without the release notebook, everything runs
            return nb, resources
        try:
            pruned = plan(nb, release_nb, info.get("functions", ()))
        except Exception as exc:  # noqa: BLE001 - a fault of the planner costs time, never a grade
            self.log.warning("Pruning failed (%s: %s); every cell runs", type(exc).__name__, exc)
            return nb, resources
        if pruned is not None:
            info["runs"] = pruned
            self.log.info("Course cells pruned for grading: %d of them run less or nothing", len(pruned))
        return nb, resources
