"""Grader-side checks: one module per assignment, named a<folder> (a01_lookup, ...).

Each module defines SPECS, a dict from spec name (the tail of a test cell's
grade id) to :class:`~solutions.checks.harness.Spec`.
"""
from __future__ import annotations

import importlib

from .harness import Spec


def module_name(assignment: str) -> str:
    return f"{__name__}.a{assignment}"


def load_specs(assignment: str) -> dict[str, Spec]:
    return importlib.import_module(module_name(assignment)).SPECS


def load_spec(assignment: str, name: str) -> Spec:
    specs = load_specs(assignment)
    if name not in specs:
        raise KeyError(f"{assignment} has no check named {name!r}; known: {sorted(specs)}")
    return specs[name]
