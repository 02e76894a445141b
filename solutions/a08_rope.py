"""Reference implementations for 08_rope: apply a RoPE rotation and check norm preservation.

RoFormer (Su et al., 2021), adjacent pairs: theta[p, i] = p * base^(-2i/d) for
i = 0 .. d/2 - 1; the pair (x[2i], x[2i+1]) at position p is rotated by +theta[p, i]:

    out[2i]   = x[2i] cos - x[2i+1] sin
    out[2i+1] = x[2i] sin + x[2i+1] cos

The GPT-NeoX / Hugging Face layout pairs x[i] with x[i + d/2] and uses the same
angles; with P = [0, 2, ..., d-2, 1, 3, ..., d-1],
apply_rope_half_split(x[..., P]) == apply_rope(x)[..., P].
"""
from __future__ import annotations

import numbers

import numpy as np

from . import validate


def _base(base) -> float:
    if isinstance(base, (bool, np.bool_)) or not isinstance(base, (numbers.Real, np.integer, np.floating)):
        raise ValueError(f"base must be a positive number, got {base!r}")
    if not np.isfinite(base) or base <= 0:
        raise ValueError(f"base must be a positive finite number, got {base!r}")
    return float(base)


def _positions(positions, T: int | None = None) -> np.ndarray:
    """Integer positions of shape (T,) (negative positions are allowed: the formula holds for any p)."""
    pos = np.asarray(positions)
    if pos.dtype == np.bool_ or not np.issubdtype(pos.dtype, np.integer):
        raise ValueError(f"positions must have an integer dtype, got {pos.dtype} (booleans and floats are not positions)")
    if pos.ndim != 1:
        raise ValueError(f"positions must be 1-D, shape (T,), got shape {pos.shape}")
    if T is not None and pos.shape[0] != T:
        raise ValueError(f"positions has {pos.shape[0]} entries but x has T = {T} positions (axis -2)")
    return pos.astype(np.float64)


def _x(x, name: str = "x") -> np.ndarray:
    x = validate.float_array(x, name)
    if x.ndim < 2:
        raise ValueError(f"{name} must have shape (..., T, d) with at least 2 dimensions, got shape {x.shape}")
    if x.shape[-1] < 1 or x.shape[-2] < 1:
        raise ValueError(f"{name} must have T >= 1 and d >= 1, got shape {x.shape}")
    if x.shape[-1] % 2:
        raise ValueError(f"{name} has odd width d = {x.shape[-1]}: RoPE rotates pairs of coordinates, d must be even")
    return x


def rope_angles(positions, d, base=10000.0) -> np.ndarray:
    """theta[p, i] = positions[p] * base^(-2i/d), shape (T, d/2)."""
    d = validate.even_size(d, "d")
    pos = _positions(positions)
    inv_freq = _base(base) ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    return pos[:, None] * inv_freq[None, :]


def apply_rope(x, positions, base=10000.0) -> np.ndarray:
    """Rotate each adjacent pair (x[2i], x[2i+1]) of the vector at position p by +theta[p, i]."""
    x = _x(x)
    T, d = x.shape[-2:]
    _positions(positions, T)
    theta = rope_angles(positions, d, base)           # (T, d/2)
    cos, sin = np.cos(theta), np.sin(theta)          # (T, d/2), broadcast over the leading axes
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


def apply_rope_half_split(x, positions, base=10000.0) -> np.ndarray:
    """The GPT-NeoX / Hugging Face layout: x[i] is paired with x[i + d/2], same angles."""
    x = _x(x)
    T, d = x.shape[-2:]
    _positions(positions, T)
    theta = rope_angles(positions, d, base)
    cos, sin = np.cos(theta), np.sin(theta)
    h = d // 2
    first, second = x[..., :h], x[..., h:]
    return np.concatenate([first * cos - second * sin, second * cos + first * sin], axis=-1)


def rope_score(q, k, p, s, base=10000.0) -> float:
    """(R_p q) . (R_s k) for vectors q, k of even length d; equals q . R_{s-p} k."""
    q = validate.float_array(q, "q", ndim=1)
    k = validate.float_array(k, "k", ndim=1)
    if q.shape != k.shape:
        raise ValueError(f"q and k must have the same length, got {q.shape[0]} and {k.shape[0]}")
    if q.shape[0] % 2 or q.shape[0] < 2:
        raise ValueError(f"q and k have odd length d = {q.shape[0]}: RoPE rotates pairs, d must be even")
    p = validate.integer(p, "p")
    s = validate.integer(s, "s")
    q_rot = apply_rope(q[None, :], [p], base)[0]
    k_rot = apply_rope(k[None, :], [s], base)[0]
    return float(q_rot @ k_rot)


def rope_shapes(B, H, T, d_model) -> dict:
    """Shapes along one attention layer with RoPE: B sequences, H heads, T positions, width d_model.

    Each head works on d_head = d_model / H coordinates and rotates its own queries and
    keys, so the angle table has one column per pair of a head: (T, d_head / 2).
    """
    B, H, T, d_model = (validate.size(v, n) for v, n in ((B, "B"), (H, "H"), (T, "T"), (d_model, "d_model")))
    if d_model % H:
        raise ValueError(f"d_model = {d_model} must be divisible by H = {H} (each head gets d_model / H coordinates)")
    d_head = d_model // H
    if d_head % 2:
        raise ValueError(f"d_model / H = {d_head} is odd: RoPE rotates pairs, d_model must be a multiple of 2 H")
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "K": (B, H, T, d_head), "theta": (T, d_head // 2),
            "Q_rot": (B, H, T, d_head), "scores": (B, H, T, T)}


def rope_complex(x, positions, base=10000.0) -> np.ndarray:
    """RoPE in complex form: z_i = x[2i] + 1j x[2i+1] times e^{1j theta[p, i]}, back to real pairs.

    Equals apply_rope(x, positions, base) (same shape, float64, x unchanged).
    """
    x = _x(x)
    T, d = x.shape[-2:]
    _positions(positions, T)
    theta = rope_angles(positions, d, base)            # (T, d/2)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * theta)
    out = np.empty_like(x)
    out[..., 0::2] = z.real
    out[..., 1::2] = z.imag
    return out
