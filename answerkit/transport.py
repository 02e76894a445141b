"""Inputs travel from the grader to the kernel, and answers back, as plain JSON.

No pickle: the grader never runs code that came from the kernel. Arrays go as
.npy bytes loaded with allow_pickle=False; anything the course never returns
(objects, functions, ...) arrives as an opaque description that fails every
comparison with a readable message. A function the grader passes as an input
(:class:`SourceFunction`) travels as its source text and is rebuilt only where
``decode(..., functions=True)`` asks for it: in the kernel, never in the grader.
"""
from __future__ import annotations

import base64
import io
import math
from typing import Any

import numpy as np


class Opaque:
    """A value the judge only knows by its type name and repr."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


class SourceFunction:
    """A function argument that can travel: its source defines `f`, with numpy as `np`."""

    def __init__(self, formula: str, source: str):
        self.formula, self.source = formula, source
        namespace = {"np": np}
        exec(compile(source, f"<{formula}>", "exec"), namespace)  # noqa: S102 - the grader's own text
        self.fn = namespace["f"]

    def __call__(self, X):
        return self.fn(X)

    def __repr__(self) -> str:
        return f"f with f(X) = {self.formula}"


def _npy(arr: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def encode(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return {"~opaque": ["nested too deeply", ""]}
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"~float": repr(value)}
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject or value.dtype.kind not in "biufc":
            return {"~opaque": [f"ndarray of dtype {value.dtype}", repr(value)[:200]]}
        return {"~ndarray": _npy(value)}
    if isinstance(value, np.generic) and value.dtype.kind in "biufc":
        return {"~npscalar": _npy(np.asarray(value))}
    if type(value) is SourceFunction:
        return {"~function": [value.formula, value.source]}
    if type(value) is tuple:
        return {"~tuple": [encode(v, depth + 1) for v in value]}
    if type(value) is list:
        return [encode(v, depth + 1) for v in value]
    if type(value) is dict:
        return {"~dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    try:
        text = repr(value)[:200]
    except Exception:  # noqa: BLE001
        text = "?"
    return {"~opaque": [type(value).__name__, text]}


def _load_npy(text: str) -> np.ndarray:
    return np.load(io.BytesIO(base64.b64decode(text)), allow_pickle=False).copy()   # owns its data (resize works)


def decode(value: Any, functions: bool = False) -> Any:
    """The value `encode` described. Functions are rebuilt only with functions=True."""
    if isinstance(value, list):
        return [decode(v, functions) for v in value]
    if not isinstance(value, dict):
        return value
    (tag, body), = value.items()
    if tag == "~ndarray":
        return _load_npy(body)
    if tag == "~npscalar":
        return _load_npy(body)[()]
    if tag == "~float":
        return float(body)
    if tag == "~tuple":
        return tuple(decode(v, functions) for v in body)
    if tag == "~dict":
        out = {}
        for k, v in body:
            k = decode(k, functions)
            try:
                out[k] = decode(v, functions)
            except TypeError:  # unhashable key
                return Opaque("dict", "with unhashable keys")
        return out
    if tag == "~function":
        return SourceFunction(*body) if functions else Opaque("function", f"f(X) = {body[0]}")
    if tag == "~opaque":
        return Opaque(*body)
    raise ValueError(f"unknown tag {tag!r}")
