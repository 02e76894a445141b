"""Reference implementations for 07_sinusoidal: sinusoidal position encodings.

Vaswani et al. (2017), interleaved layout: with w_i = base^(-2i/d) for
i = 0 .. d/2 - 1, PE[p, 2i] = sin(p w_i) and PE[p, 2i+1] = cos(p w_i) for
positions p = 0 .. T-1. Because sin and cos of p w_i form a point on the unit
circle, moving k positions on is a rotation of each pair by the angle k w_i:
PE[p + k] = shift_matrix(k, d) @ PE[p] for every p, with one 2x2 block
[[cos k w_i, sin k w_i], [-sin k w_i, cos k w_i]] per pair.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from . import validate


def positive_base(base, name: str = "base") -> float:
    """The base of the geometric frequency ladder: a finite real number > 0 (bool is not a number here)."""
    if isinstance(base, (bool, np.bool_)) or not isinstance(base, (numbers.Real, np.integer, np.floating)):
        raise ValueError(f"{name} must be a positive real number, got {base!r} of type {type(base).__name__}")
    value = float(base)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {base!r}")
    return value


def sinusoidal_frequencies(d, base=10000.0) -> np.ndarray:
    """w_i = base^(-2i/d) for i = 0 .. d/2 - 1: one angular frequency per (sin, cos) pair, shape (d/2,)."""
    d = validate.even_size(d, "d")
    base = positive_base(base)
    exponents = np.arange(0, d, 2, dtype=np.float64) / d          # 2i/d
    return base ** -exponents


def sinusoidal_encoding(T, d, base=10000.0) -> np.ndarray:
    """PE (T, d): PE[p, 2i] = sin(p w_i), PE[p, 2i+1] = cos(p w_i), p = 0 .. T-1."""
    T = validate.size(T, "T")
    w = sinusoidal_frequencies(d, base)
    angles = np.arange(T, dtype=np.float64)[:, None] * w[None, :]  # (T, d/2): p * w_i
    pe = np.empty((T, 2 * w.size))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


def shift_matrix(k, d, base=10000.0) -> np.ndarray:
    """The (d, d) map M with PE[p + k] = M @ PE[p] for every p: block-diagonal 2x2 rotations.

    sin((p+k)w) = sin(pw) cos(kw) + cos(pw) sin(kw) and
    cos((p+k)w) = -sin(pw) sin(kw) + cos(pw) cos(kw), so the block of pair i
    (rows and columns 2i, 2i+1) is [[cos k w_i, sin k w_i], [-sin k w_i, cos k w_i]].
    """
    k = validate.integer(k, "k")
    w = sinusoidal_frequencies(d, base)
    c, s = np.cos(k * w), np.sin(k * w)
    n = 2 * w.size
    m = np.zeros((n, n))
    even, odd = np.arange(0, n, 2), np.arange(1, n, 2)
    m[even, even] = c
    m[even, odd] = s
    m[odd, even] = -s
    m[odd, odd] = c
    return m


def sinusoidal_shapes(B, T, d) -> dict:
    """Shapes when sinusoidal encodings are added to a batch of B sequences of T token vectors of width d."""
    B, T = validate.size(B, "B"), validate.size(T, "T")
    d = validate.even_size(d, "d")
    return {"w": (d // 2,), "angles": (T, d // 2), "PE": (T, d), "X": (B, T, d), "X_plus_PE": (B, T, d),
            "M": (d, d)}
