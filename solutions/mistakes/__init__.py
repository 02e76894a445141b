"""Catalogues of realistic student implementations, one module per assignment.

Each entry is a function written as a student would write it, under the graded
function's own name, registered with :func:`wrong` (a known mistake, with the
words the hidden checks' message must contain) or :func:`right` (a correct
implementation written differently from the reference). The test suite runs
every entry through the hidden checks; the demo pastes some into notebooks.
"""
from __future__ import annotations

import importlib
import inspect
import textwrap
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Entry:
    function: str
    impl: Callable
    correct: bool
    expect: str = ""          # for a mistake: words its failure message must contain
    slug: str = ""

    def source(self) -> str:
        """The implementation as a notebook cell would hold it: the module's private helpers
        and constants it uses (``_name``) first, then the function (decorators dropped)."""
        return "\n\n".join([*_helpers(self.impl), _function_source(self.impl)]) + "\n"


def _function_source(fn: Callable) -> str:
    lines = textwrap.dedent(inspect.getsource(fn)).splitlines()
    while lines and lines[0].lstrip().startswith("@"):
        lines.pop(0)
    return "\n".join(lines)


def _names(code) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _names(const)
    return names


def _helpers(fn: Callable, seen: set[str] | None = None) -> list[str]:
    """Sources of the catalogue module's private names that `fn` needs, dependencies first."""
    module = inspect.getmodule(fn)
    seen = set() if seen is None else seen
    out = []
    for name in sorted(_names(fn.__code__)):
        value = getattr(module, name, None)
        if not name.startswith("_") or name.startswith("__") or name in seen or value is None:
            continue
        seen.add(name)
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            out += _helpers(value, seen) + [_function_source(value)]
        elif isinstance(value, (int, float, str, tuple, frozenset, dict, list)):
            out.append(f"{name} = {value!r}")
    return out


class Catalogue(list):
    def wrong(self, expect: str, slug: str = ""):
        """Register a mistaken implementation whose failure message must contain `expect`."""
        def register(fn):
            self.append(Entry(fn.__name__, fn, False, expect, slug or expect))
            return fn
        return register

    def right(self, slug: str):
        def register(fn):
            self.append(Entry(fn.__name__, fn, True, "", slug))
            return fn
        return register

    def for_function(self, name: str, correct: bool) -> list[Entry]:
        return [e for e in self if e.function == name and e.correct == correct]


def load(assignment: str) -> Catalogue:
    return importlib.import_module(f"{__name__}.a{assignment}").CATALOGUE
