"""Student implementations for 08_rope: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one. Each is self-contained (numpy and
# the standard library only), so it can be pasted into a notebook cell as is.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------ rope_angles

@wrong("exponent i/d instead of 2i/d")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    inv_freq = base ** (-np.arange(d // 2) / d)
    return positions[:, None] * inv_freq[None, :]


@wrong("cat(freqs, freqs)")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    inv_freq = 1.0 / (base ** (np.arange(0, d, 2) / d))
    freqs = np.outer(positions, inv_freq)
    return np.concatenate([freqs, freqs], axis=-1)     # as in Hugging Face's rotary embedding


@wrong("transposed")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    inv_freq = base ** (-np.arange(0, d, 2) / d)
    return np.outer(inv_freq, positions)


@wrong("same frequency", slug="integer division in the exponent")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    theta = np.zeros((len(positions), d // 2))
    for i in range(d // 2):
        theta[:, i] = positions * base ** (-(2 * i // d))
    return theta


@wrong("starts at i = 1")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    i = np.arange(1, d // 2 + 1)
    return positions[:, None] * base ** (-2 * i / d)


@wrong("base^(+2i/d)")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    return positions[:, None] * base ** (np.arange(0, d, 2) / d)


@wrong("positions ignored")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    T = len(positions)
    return np.arange(T)[:, None] * base ** (-np.arange(0, d, 2) / d)


@wrong("odd d was accepted")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1:
        raise ValueError(f"d must be a positive integer, got {d!r}")
    if positions.ndim != 1 or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array")
    return positions[:, None] * base ** (-np.arange(0, d, 2) / d)


@wrong("invalid positions were accepted", slug="boolean positions cast to int")
def rope_angles(positions, d, base=10000.0):
    positions = np.asarray(positions).astype(int)
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if positions.ndim != 1:
        raise ValueError("positions must be 1-D")
    return positions[:, None] * base ** (-np.arange(0, d, 2) / d)


@right("loops over positions and pairs")
def rope_angles(positions, d, base=10000.0):
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)):
        raise ValueError(f"d must be an integer, got {d!r}")
    if d < 2 or d % 2 == 1:
        raise ValueError(f"d must be even and >= 2, got {d}")
    positions = np.asarray(positions)
    if positions.ndim != 1 or positions.dtype == bool or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError("positions must be a 1-D array of integers")
    theta = np.empty((len(positions), d // 2))
    for row, p in enumerate(positions):
        for i in range(d // 2):
            theta[row, i] = float(p) * float(base) ** (-2 * i / d)
    return theta


@right("exp and log of the base")
def rope_angles(positions, d, base=10000.0):
    import math
    import operator
    if type(d) is bool:
        raise ValueError("d is a bool")
    try:
        d = operator.index(d)
    except TypeError:
        raise ValueError(f"d must be an integer, got {d!r}") from None
    if d <= 0 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d}")
    p = np.asarray(positions)
    if p.ndim != 1 or p.dtype.kind not in "iu":
        raise ValueError(f"positions must be a 1-D integer array, got dtype {p.dtype} and shape {p.shape}")
    inv_freq = np.exp(-math.log(base) * np.arange(0, d, 2) / d)
    return np.einsum("t,i->ti", p.astype(float), inv_freq)


# ------------------------------------------------------------------ apply_rope

@wrong("half-split pairing")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)


@wrong("rotated by -theta")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos + x[..., 1::2] * sin
    out[..., 1::2] = -x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("cat(freqs, freqs) but applied to adjacent pairs")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    freqs = np.outer(positions, 1.0 / base ** (np.arange(0, d, 2) / d))
    emb = np.concatenate([freqs, freqs], axis=-1)          # Hugging Face's layout of the angles
    rotated = np.stack([-x[..., 1::2], x[..., 0::2]], axis=-1).reshape(x.shape)   # rotate_every_two
    return x * np.cos(emb) + rotated * np.sin(emb)


@wrong("exponent i/d instead of 2i/d")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(d // 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("modified its input", slug="rotates x in place")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)        # no copy when x is already a float64 array
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    even, odd = x[..., 0::2].copy(), x[..., 1::2].copy()
    x[..., 0::2] = even * cos - odd * sin
    x[..., 1::2] = even * sin + odd * cos
    return x


@wrong("overwritten before", slug="even coordinate overwritten first")
def apply_rope(x, positions, base=10000.0):
    out = np.array(x, dtype=np.float64)
    positions = np.asarray(positions)
    if out.ndim < 2 or out.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != out.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = out.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out[..., 0::2] = out[..., 0::2] * cos - out[..., 1::2] * sin
    out[..., 1::2] = out[..., 0::2] * sin + out[..., 1::2] * cos
    return out


@wrong("positions ignored")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    T, d = x.shape[-2:]
    theta = np.arange(T)[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("reshape_for_broadcast", slug="Llama's broadcast axis")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    if x.ndim >= 3:   # as in Llama: keep the sequence axis at 1 and the last axis, ones elsewhere
        theta = theta.reshape([len(positions) if i == 1 else 1 for i in range(x.ndim - 1)] + [d // 2])
    cos, sin = np.cos(theta), np.sin(theta)
    even = x[..., 0::2] * cos - x[..., 1::2] * sin
    odd = x[..., 0::2] * sin + x[..., 1::2] * cos
    return np.stack([even, odd], axis=-1).reshape(even.shape[:-1] + (d,))


@wrong("along the first axis", slug="loop over x[t]")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    out = x.copy()
    for t, p in enumerate(positions):
        theta = p * base ** (-np.arange(0, d, 2) / d)
        c, s = np.cos(theta), np.sin(theta)
        out[t, ..., 0::2] = x[t, ..., 0::2] * c - x[t, ..., 1::2] * s
        out[t, ..., 1::2] = x[t, ..., 0::2] * s + x[t, ..., 1::2] * c
    return out


@wrong("any number of leading axes", slug="only 2-D and 3-D x")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim not in (2, 3) or x.shape[-1] % 2:
        raise ValueError("x must be (T, d) or (B, T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    batch = x if x.ndim == 3 else x[None]
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(batch)
    for b in range(batch.shape[0]):
        out[b, :, 0::2] = batch[b, :, 0::2] * cos - batch[b, :, 1::2] * sin
        out[b, :, 1::2] = batch[b, :, 0::2] * sin + batch[b, :, 1::2] * cos
    return out if x.ndim == 3 else out[0]


@wrong("float64", slug="keeps float32")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("odd d was accepted")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2:
        raise ValueError("x must be (..., T, d)")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    out = x.copy()
    for i in range(d // 2):        # an odd d leaves the last coordinate alone
        theta = positions * base ** (-2 * i / d)
        c, s = np.cos(theta), np.sin(theta)
        out[..., 2 * i] = x[..., 2 * i] * c - x[..., 2 * i + 1] * s
        out[..., 2 * i + 1] = x[..., 2 * i] * s + x[..., 2 * i + 1] * c
    return out


@wrong("wrong length or shape were accepted", slug="positions broadcast")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    d = x.shape[-1]
    theta = positions[..., None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty(np.broadcast_shapes(x.shape[:-1] + (d // 2,), cos.shape)[:-1] + (d,))
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("norms changed", slug="a sign in one coordinate only")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos + x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@right("complex numbers, as in Meta's Llama")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2:
        raise ValueError(f"x must have shape (..., T, d), got {x.shape}")
    T, d = x.shape[-2:]
    if d % 2:
        raise ValueError(f"x has odd width d = {d}; RoPE needs pairs")
    if positions.shape != (T,) or positions.dtype.kind not in "iu":
        raise ValueError(f"positions must be {T} integers, got shape {positions.shape}")
    theta = np.outer(positions, base ** (-np.arange(0, d, 2) / d))
    z = x[..., 0::2] + 1j * x[..., 1::2]          # pair i is the complex number x[2i] + i x[2i+1]
    z = z * np.exp(1j * theta)                    # multiplying by e^{i theta} rotates by +theta
    return np.stack([z.real, z.imag], axis=-1).reshape(x.shape)


@right("2x2 rotation matrices with einsum")
def apply_rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    if positions.ndim != 1 or len(positions) != x.shape[-2] or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array of length T")
    T, d = x.shape[-2:]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)          # (T, d/2)
    c, s = np.cos(theta), np.sin(theta)
    R = np.stack([np.stack([c, -s], axis=-1), np.stack([s, c], axis=-1)], axis=-2)   # (T, d/2, 2, 2)
    pairs = x.reshape(x.shape[:-1] + (d // 2, 2))                           # (..., T, d/2, 2)
    return np.einsum("tiab,...tib->...tia", R, pairs).reshape(x.shape)


@right("loops over positions and pairs")
def apply_rope(x, positions, base=10000.0):
    x = np.array(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2:
        raise ValueError("x must have at least 2 dimensions (..., T, d)")
    T, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError(f"x must have an even width d, got {d}")
    if positions.ndim != 1 or positions.shape[0] != T or positions.dtype.kind not in "iu":
        raise ValueError(f"positions must be {T} integers")
    out = np.empty_like(x)
    for t in range(T):
        for i in range(d // 2):
            angle = positions[t] * base ** (-2 * i / d)
            a, b = x[..., t, 2 * i], x[..., t, 2 * i + 1]
            out[..., t, 2 * i] = a * np.cos(angle) - b * np.sin(angle)
            out[..., t, 2 * i + 1] = a * np.sin(angle) + b * np.cos(angle)
    return out


# ------------------------------------------------------------------ apply_rope_half_split

@wrong("adjacent pairs")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    cos, sin = np.cos(theta), np.sin(theta)
    out = np.empty_like(x)
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


@wrong("rotated by -theta")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    freqs = np.outer(positions, 1.0 / base ** (np.arange(0, d, 2) / d))
    emb = np.concatenate([freqs, freqs], axis=-1)
    rotate_half = np.concatenate([x[..., d // 2:], -x[..., : d // 2]], axis=-1)
    return x * np.cos(emb) + rotate_half * np.sin(emb)


@wrong("frequencies interleaved")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    d = x.shape[-1]
    freqs = np.outer(positions, 1.0 / base ** (np.arange(0, d, 2) / d))
    emb = np.repeat(freqs, 2, axis=-1)       # the angle layout of the adjacent-pair version
    rotate_half = np.concatenate([-x[..., d // 2:], x[..., : d // 2]], axis=-1)
    return x * np.cos(emb) + rotate_half * np.sin(emb)


@wrong("exponent i/d instead of 2i/d")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    h = x.shape[-1] // 2
    theta = positions[:, None] * base ** (-np.arange(h) / x.shape[-1])
    cos, sin = np.cos(theta), np.sin(theta)
    x1, x2 = x[..., :h], x[..., h:]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)


@wrong("modified its input", slug="rotates x in place")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError("x must be (..., T, d) with an even d")
    if positions.ndim != 1 or positions.shape[0] != x.shape[-2]:
        raise ValueError("positions must have shape (T,)")
    h = x.shape[-1] // 2
    theta = positions[:, None] * base ** (-2 * np.arange(h) / x.shape[-1])
    cos, sin = np.cos(theta), np.sin(theta)
    x1, x2 = x[..., :h].copy(), x[..., h:].copy()
    x[..., :h] = x1 * cos - x2 * sin
    x[..., h:] = x2 * cos + x1 * sin
    return x


@right("Hugging Face's rotate_half with cat(freqs, freqs)")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    if positions.ndim != 1 or len(positions) != x.shape[-2] or positions.dtype.kind not in "iu":
        raise ValueError("positions must be a 1-D integer array of length T")
    d = x.shape[-1]
    inv_freq = 1.0 / (base ** (np.arange(0, d, 2) / d))
    freqs = np.outer(positions, inv_freq)
    emb = np.concatenate([freqs, freqs], axis=-1)                   # (T, d)

    def rotate_half(v):
        return np.concatenate([-v[..., d // 2:], v[..., : d // 2]], axis=-1)

    return x * np.cos(emb) + rotate_half(x) * np.sin(emb)


@right("through the permutation to adjacent pairs")
def apply_rope_half_split(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if x.ndim < 2:
        raise ValueError("x must be (..., T, d)")
    T, d = x.shape[-2:]
    if d % 2:
        raise ValueError(f"x must have an even width, got d = {d}")
    if positions.shape != (T,) or positions.dtype.kind not in "iu":
        raise ValueError("positions must be T integers")
    P = np.concatenate([np.arange(0, d, 2), np.arange(1, d, 2)])
    inverse = np.argsort(P)
    adj = x[..., inverse]                    # half-split layout -> adjacent layout
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    c, s = np.cos(theta), np.sin(theta)
    out = np.empty_like(adj)
    out[..., 0::2] = adj[..., 0::2] * c - adj[..., 1::2] * s
    out[..., 1::2] = adj[..., 0::2] * s + adj[..., 1::2] * c
    return out[..., P]                       # back to the half-split layout


# ------------------------------------------------------------------ rope_score

@wrong("only q was rotated")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    d = len(q)
    theta = p * base ** (-np.arange(0, d, 2) / d)
    q_rot = np.empty(d)
    q_rot[0::2] = q[0::2] * np.cos(theta) - q[1::2] * np.sin(theta)
    q_rot[1::2] = q[0::2] * np.sin(theta) + q[1::2] * np.cos(theta)
    return float(q_rot @ k)


@wrong("p + s")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    d = len(q)
    theta = (p + s) * base ** (-np.arange(0, d, 2) / d)
    k_rot = np.empty(d)
    k_rot[0::2] = k[0::2] * np.cos(theta) - k[1::2] * np.sin(theta)
    k_rot[1::2] = k[0::2] * np.sin(theta) + k[1::2] * np.cos(theta)
    return float(q @ k_rot)


@wrong("wrong sign", slug="p and s swapped")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    d = len(q)
    theta = (p - s) * base ** (-np.arange(0, d, 2) / d)
    k_rot = np.empty(d)
    k_rot[0::2] = k[0::2] * np.cos(theta) - k[1::2] * np.sin(theta)
    k_rot[1::2] = k[0::2] * np.sin(theta) + k[1::2] * np.cos(theta)
    return float(q @ k_rot)


@wrong("|s - p|")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    d = len(q)
    theta = abs(s - p) * base ** (-np.arange(0, d, 2) / d)
    k_rot = np.empty(d)
    k_rot[0::2] = k[0::2] * np.cos(theta) - k[1::2] * np.sin(theta)
    k_rot[1::2] = k[0::2] * np.sin(theta) + k[1::2] * np.cos(theta)
    return float(q @ k_rot)


@wrong("half-split pairing")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    h = len(q) // 2
    inv_freq = base ** (-np.arange(0, 2 * h, 2) / (2 * h))

    def rotate(v, pos):
        c, sn = np.cos(pos * inv_freq), np.sin(pos * inv_freq)
        return np.concatenate([v[:h] * c - v[h:] * sn, v[h:] * c + v[:h] * sn])

    return float(rotate(q, p) @ rotate(k, s))


@wrong("no rotation at all")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    return float(q @ k)


@wrong("expected a float", slug="returns a 1x1 array")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("positions must be integers")
    d = len(q)
    inv_freq = base ** (-np.arange(0, d, 2) / d)

    def rotate(v, pos):
        out = np.empty((1, d))
        c, sn = np.cos(pos * inv_freq), np.sin(pos * inv_freq)
        out[0, 0::2] = v[0::2] * c - v[1::2] * sn
        out[0, 1::2] = v[0::2] * sn + v[1::2] * c
        return out

    return rotate(q, p) @ rotate(k, s).T


@wrong("a bool is not a position", slug="bool positions accepted")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    p, s = int(p), int(s)
    d = len(q)
    theta = (s - p) * base ** (-np.arange(0, d, 2) / d)
    k_rot = np.empty(d)
    k_rot[0::2] = k[0::2] * np.cos(theta) - k[1::2] * np.sin(theta)
    k_rot[1::2] = k[0::2] * np.sin(theta) + k[1::2] * np.cos(theta)
    return float(q @ k_rot)


@right("both rotated, explicit loops over pairs")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or k.ndim != 1:
        raise ValueError("q and k must be 1-D vectors")
    if len(q) != len(k):
        raise ValueError(f"q and k have lengths {len(q)} and {len(k)}")
    if len(q) % 2 or len(q) == 0:
        raise ValueError(f"q and k must have an even length, got d = {len(q)}")
    for name, v in (("p", p), ("s", s)):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {v!r}")
    d = len(q)
    total = 0.0
    for i in range(d // 2):
        w = base ** (-2 * i / d)
        a, b = p * w, s * w
        q0, q1 = q[2 * i] * np.cos(a) - q[2 * i + 1] * np.sin(a), q[2 * i] * np.sin(a) + q[2 * i + 1] * np.cos(a)
        k0, k1 = k[2 * i] * np.cos(b) - k[2 * i + 1] * np.sin(b), k[2 * i] * np.sin(b) + k[2 * i + 1] * np.cos(b)
        total += q0 * k0 + q1 * k1
    return float(total)


@right("relative form: cos and sin of (s - p) omega")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or q.shape[0] % 2:
        raise ValueError(f"q and k must be vectors of one even length, got {q.shape} and {k.shape}")
    if type(p) is bool or type(s) is bool or not all(np.issubdtype(type(v), np.integer) for v in (p, s)):
        raise ValueError("p and s must be integers")
    d = q.shape[0]
    angle = (s - p) * base ** (-np.arange(0, d, 2) / d)
    qe, qo, ke, ko = q[0::2], q[1::2], k[0::2], k[1::2]
    # (R_p q) . (R_s k) = q . R_(s-p) k, summed pair by pair
    return float(np.sum((qe * ke + qo * ko) * np.cos(angle) + (qo * ke - qe * ko) * np.sin(angle)))


@right("block-diagonal rotation matrices")
def rope_score(q, k, p, s, base=10000.0):
    import numbers
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or k.ndim != 1 or len(q) != len(k) or len(q) % 2:
        raise ValueError("q and k must be 1-D vectors of the same even length d")
    for name, v in (("p", p), ("s", s)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral):
            raise ValueError(f"{name} must be an integer position, got {v!r}")
    d = len(q)

    def R(pos):
        M = np.zeros((d, d))
        for i in range(d // 2):
            a = pos * base ** (-2 * i / d)
            M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
        return M

    return float((R(p) @ q) @ (R(s) @ k))


@wrong("the error is in rope_angles", slug="score through angles with exponent i/d")
def rope_score(q, k, p, s, base=10000.0):
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    if q.ndim != 1 or q.shape != k.shape or len(q) % 2:
        raise ValueError("q and k must be vectors of the same even length")
    if isinstance(p, bool) or isinstance(s, bool):
        raise ValueError("p and s must be integers")
    d = len(q)
    omega = base ** (-np.arange(d // 2) / d)          # the slip of rope_angles, inherited

    def rotate(v, pos):
        c, sn = np.cos(pos * omega), np.sin(pos * omega)
        out = np.empty(d)
        out[0::2] = v[0::2] * c - v[1::2] * sn
        out[1::2] = v[0::2] * sn + v[1::2] * c
        return out
    return float(rotate(q, p) @ rotate(k, s))


# ------------------------------------------------------------------ rope_shapes

def _check_sizes(**sizes):
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")


@wrong("theta has one column per pair of the whole model width")
def rope_shapes(B, H, T, d_model):
    _check_sizes(B=B, H=H, T=T, d_model=d_model)
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    if d_model % (2 * H):
        raise ValueError(f"d_model = {d_model} must split into H = {H} heads of even width")
    d_head = d_model // H
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "K": (B, H, T, d_head), "theta": (T, d_model // 2),
            "Q_rot": (B, H, T, d_head), "scores": (B, H, T, T)}


@wrong("scores has the width of a head")
def rope_shapes(B, H, T, d_model):
    _check_sizes(B=B, H=H, T=T, d_model=d_model)
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    if d_model % (2 * H):
        raise ValueError(f"d_model = {d_model} must split into H = {H} heads of even width")
    d_head = d_model // H
    return {"X": (B, T, d_model), "Q": (B, H, T, d_head), "K": (B, H, T, d_head), "theta": (T, d_head // 2),
            "Q_rot": (B, H, T, d_head), "scores": (B, H, T, d_head)}


@wrong("Q and K were not split into heads")
def rope_shapes(B, H, T, d_model):
    _check_sizes(B=B, H=H, T=T, d_model=d_model)
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    if d_model % (2 * H):
        raise ValueError(f"d_model = {d_model} must split into H = {H} heads of even width")
    return {"X": (B, T, d_model), "Q": (B, T, d_model), "K": (B, T, d_model), "theta": (T, d_model // H // 2),
            "Q_rot": (B, T, d_model), "scores": (B, T, T)}


@wrong("heads come after the positions")
def rope_shapes(B, H, T, d_model):
    _check_sizes(B=B, H=H, T=T, d_model=d_model)
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    if d_model % (2 * H):
        raise ValueError(f"d_model = {d_model} must split into H = {H} heads of even width")
    d_head = d_model // H
    return {"X": (B, T, d_model), "Q": (B, T, H, d_head), "K": (B, T, H, d_head), "theta": (T, d_head // 2),
            "Q_rot": (B, T, H, d_head), "scores": (B, H, T, T)}


@right("shapes traced with np.broadcast_shapes")
def rope_shapes(B, H, T, d_model):
    for name, n in (("B", B), ("H", H), ("T", T), ("d_model", d_model)):
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {n!r}")
        if n < 1:
            raise ValueError(f"{name} must be >= 1, got {n}")
    d_head, rest = divmod(int(d_model), int(H))
    if rest or d_head % 2:
        raise ValueError(f"d_model = {d_model} must be H = {H} heads of an even width d_head")
    B, H, T, D = int(B), int(H), int(T), int(d_model)
    q = (B, H, T, d_head)
    theta = (T, d_head // 2)
    rotated = tuple(int(n) for n in np.broadcast_shapes(q[:-1] + (d_head // 2,), theta))[:-1] + (d_head,)
    scores = q[:-1] + (T,)                      # (..., T, d_head) @ (..., d_head, T)
    return {"X": (B, T, D), "Q": q, "K": q, "theta": theta, "Q_rot": rotated, "scores": scores}


@right("tiny arrays of the same rank, shapes read off")
def rope_shapes(B, H, T, d_model):
    sizes = {"B": B, "H": H, "T": T, "d_model": d_model}
    for name, n in sizes.items():
        if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    if d_model % H != 0:
        raise ValueError(f"d_model = {d_model} is not divisible by H = {H}")
    if (d_model // H) % 2 != 0:
        raise ValueError(f"d_model / H = {d_model // H} is odd: d_model must give heads of even width")
    dims = dict(B=int(B), H=int(H), T=int(T), D=int(d_model), d=int(d_model) // int(H))
    layout = {"X": "B T D", "Q": "B H T d", "K": "B H T d", "theta": "T p", "Q_rot": "B H T d", "scores": "B H T T"}
    dims["p"] = dims["d"] // 2
    return {key: tuple(dims[a] for a in spec.split()) for key, spec in layout.items()}


# ------------------------------------------------------------------ rope_complex

@wrong("conjugate")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(-1j * theta)
    out = np.empty_like(x)
    out[..., 0::2], out[..., 1::2] = z.real, z.imag
    return out


@wrong("half-split layout", slug="complex numbers from the two halves")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = (x[..., : d // 2] + 1j * x[..., d // 2:]) * np.exp(1j * theta)
    return np.concatenate([z.real, z.imag], axis=-1)


@wrong("concatenated", slug="real and imaginary parts concatenated")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * theta)
    return np.concatenate([z.real, z.imag], axis=-1)


@wrong("swapped when building z")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = (x[..., 1::2] + 1j * x[..., 0::2]) * np.exp(1j * theta)
    out = np.empty_like(x)
    out[..., 0::2], out[..., 1::2] = z.real, z.imag
    return out


@wrong("a complex array was returned")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * theta)
    out = np.empty(x.shape, dtype=complex)
    out[..., 0::2], out[..., 1::2] = z.real, z.imag
    return out


@right("stack real and imaginary parts, reshape")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = np.outer(positions, base ** (-2.0 * np.arange(d // 2) / d))
    z = (x[..., 0::2] + 1j * x[..., 1::2]) * np.exp(1j * theta)
    return np.stack([z.real, z.imag], axis=-1).reshape(x.shape)


@right("view as complex128 (on a copy)")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = np.outer(positions, 1.0 / base ** (np.arange(0, d, 2) / d))
    z = np.array(x, dtype=np.float64, order="C").view(np.complex128)      # (..., T, d/2), a copy of x
    z *= np.cos(theta) + 1j * np.sin(theta)
    return z.view(np.float64)


@right("polar form: modulus and angle")
def rope_complex(x, positions, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or x.shape[-1] % 2:
        raise ValueError(f"x must be (..., T, d) with an even d, got shape {x.shape}")
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],) or not np.issubdtype(positions.dtype, np.integer):
        raise ValueError(f"positions must be {x.shape[-2]} integers, got {positions!r}")
    d = x.shape[-1]
    theta = positions[:, None] * base ** (-np.arange(0, d, 2) / d)
    z = x[..., 0::2] + 1j * x[..., 1::2]
    r, phi = np.abs(z), np.angle(z)
    out = np.empty_like(x)
    out[..., 0::2] = r * np.cos(phi + theta)
    out[..., 1::2] = r * np.sin(phi + theta)
    return out
