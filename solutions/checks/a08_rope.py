"""Hidden checks for 08_rope."""
from __future__ import annotations

import numpy as np

from .. import a08_rope as ref
from .harness import accepted_invalid, as_float, kept_dtype, Mistake, Spec, as_lists, bad, case, specs_by_name, table


# ------------------------------------------------------------------ models of mistakes

EXPONENTS = {
    "2i/d": lambda i, d: -2.0 * i / d,        # the convention
    "i/d": lambda i, d: -1.0 * i / d,         # exponent i/d
    "2(i+1)/d": lambda i, d: -2.0 * (i + 1) / d,
    "+2i/d": lambda i, d: 2.0 * i / d,        # frequencies growing
    "same": lambda i, d: 0.0 * i,             # 2 * i // d == 0: every pair at frequency 1
}


def _angles(positions, d, base=10000.0, expo="2i/d"):
    p = np.asarray(positions, dtype=np.float64)
    i = np.arange(d // 2, dtype=np.float64)
    return p[:, None] * float(base) ** EXPONENTS[expo](i, d)[None, :]


def _rope(x, positions, base=10000.0, pairing="adjacent", sign=1.0, freqs=None, expo="2i/d"):
    """RoPE with a choice of pairing, sign, frequency layout and exponent (the correct
    adjacent rotation is pairing="adjacent", freqs="repeat"; the half-split one is
    pairing="half", freqs="cat")."""
    x = as_float(x)
    d = x.shape[-1]
    h = d // 2
    theta = _angles(positions, d, base, expo)
    freqs = freqs or ("repeat" if pairing == "adjacent" else "cat")
    A = np.repeat(theta, 2, axis=-1) if freqs == "repeat" else np.concatenate([theta, theta], axis=-1)
    if pairing == "adjacent":
        rot = np.empty_like(x)
        rot[..., 0::2] = -x[..., 1::2]
        rot[..., 1::2] = x[..., 0::2]
    else:
        rot = np.concatenate([-x[..., h:], x[..., :h]], axis=-1)
    return x * np.cos(A) + sign * rot * np.sin(A)


def _overwritten(x, positions, base=10000.0):
    x = as_float(x)
    theta = _angles(positions, x.shape[-1], base)
    c, s = np.cos(theta), np.sin(theta)
    even = x[..., 0::2] * c - x[..., 1::2] * s
    odd = even * s + x[..., 1::2] * c          # uses the already rotated even coordinate
    out = np.empty_like(x)
    out[..., 0::2], out[..., 1::2] = even, odd
    return out


def _llama_axis(x, positions, base=10000.0):
    """cos and sin reshaped as Llama's reshape_for_broadcast does for its (B, T, H, d) layout:
    the T axis at axis 1 (for a 2-D x, axis 0)."""
    x = as_float(x)
    theta = _angles(positions, x.shape[-1], base)
    if x.ndim >= 3:
        theta = theta.reshape([theta.shape[0] if i == 1 else 1 for i in range(x.ndim - 1)] + [theta.shape[1]])
    c, s = np.cos(theta), np.sin(theta)
    even = x[..., 0::2] * c - x[..., 1::2] * s      # may raise ValueError, as numpy would
    odd = x[..., 0::2] * s + x[..., 1::2] * c
    return np.stack([even, odd], axis=-1).reshape(even.shape[:-1] + (2 * even.shape[-1],))


def _first_axis(x, positions, base=10000.0):
    """for t: out[t] = rotate(x[t], positions[t]): positions along axis 0, not axis -2."""
    x = as_float(x)
    theta = _angles(positions, x.shape[-1], base)
    out = x.copy()
    for t in range(len(theta)):
        c, s = np.cos(theta[t]), np.sin(theta[t])
        out[t, ..., 0::2] = x[t, ..., 0::2] * c - x[t, ..., 1::2] * s
        out[t, ..., 1::2] = x[t, ..., 0::2] * s + x[t, ..., 1::2] * c
    return out


def _two_or_three_dims(x, positions, base=10000.0):
    if np.ndim(x) > 3:
        raise ValueError("x must be (T, d) or (B, T, d)")
    return _rope(x, positions, base)


def _norm_changed(c, got, exp):
    x = as_float(c.args[0])
    if not isinstance(got, np.ndarray) or got.shape != x.shape:
        return False
    g = got.astype(np.float64)
    return not np.allclose(np.linalg.norm(g, axis=-1), np.linalg.norm(x, axis=-1), rtol=1e-6, atol=1e-9)


NORM_CHANGED = ("the vectors' norms changed, so the pairs were not rotated: a rotation by theta maps (a, b) to "
                "(a cos - b sin, a sin + b cos); check each sign, and that both coordinates of a pair are read "
                "before either is overwritten")


# ------------------------------------------------------------------ rope_angles

def angle_cases(rng):
    out = [
        case([0, 1, 2, 3], 6, label="T=4, d=6, positions 0..3 as a list"),
        case(np.array([5, 0, 17, 2, 100]), 8, label="positions out of order"),
        case(np.array([0, 1, 2]), 2, label="d = 2: a single pair"),
        case(np.array([0, 1, 2]), 10, 500.0, label="base 500"),
        case(np.array([1, 3]), 6, base=100, label="base given as an int keyword"),
        case(np.array([4096, 65535], dtype=np.int32), 6, label="int32 positions, large positions"),
        case(np.array([7]), 12, label="a single position"),
        case([3, 3, 9], np.int64(6), label="d a numpy integer, repeated positions"),
    ]
    for _ in range(3):
        T = int(rng.integers(2, 9))
        d = 2 * int(rng.integers(3, 9))
        out.append(case(rng.integers(0, 300, size=T), d, label="random positions"))
    return out


def angle_bad_cases(rng):
    return [
        bad([0, 1, 2], 7, why="d = 7 is odd"),
        bad([0, 1], 0, why="d = 0 < 1"),
        bad([0, 1], -4, why="d = -4 < 1"),
        bad([0, 1], 6.0, why="d = 6.0 is a float"),
        bad(np.array([[0, 1], [2, 3]]), 6, why="positions is 2-D, not (T,)"),
        bad(np.array([True, False, True]), 6, why="positions are booleans"),
    ]


ANGLE_MISTAKES = (
    Mistake("exponent i/d instead of 2i/d: omega_i = base^(-2i/d) for i = 0 .. d/2 - 1 "
            "(np.arange(0, d, 2) / d)", model=lambda positions, d, base=10000.0: _angles(positions, d, base, "i/d")),
    Mistake("the exponent starts at i = 1: the first pair (i = 0) has frequency base^0 = 1",
            model=lambda positions, d, base=10000.0: _angles(positions, d, base, "2(i+1)/d")),
    Mistake("base^(+2i/d): the frequencies must shrink with i, omega_i = base^(-2i/d)",
            model=lambda positions, d, base=10000.0: _angles(positions, d, base, "+2i/d")),
    Mistake("every pair has the same frequency (integer division 2 * i // d in the exponent is 0?)",
            model=lambda positions, d, base=10000.0: _angles(positions, d, base, "same")),
    Mistake("one angle per coordinate as in Hugging Face's cat(freqs, freqs), shape (T, d): "
            "rope_angles has one angle per pair, shape (T, d/2)",
            model=lambda positions, d, base=10000.0: np.concatenate([_angles(positions, d, base)] * 2, axis=-1)),
    Mistake("each angle repeated for both coordinates of its pair, shape (T, d): "
            "rope_angles has one angle per pair, shape (T, d/2)",
            model=lambda positions, d, base=10000.0: np.repeat(_angles(positions, d, base), 2, axis=-1)),
    Mistake("the table is transposed, (d/2, T): one row per position, shape (T, d/2)",
            model=lambda positions, d, base=10000.0: _angles(positions, d, base).T),
    Mistake("positions ignored: np.arange(T) was used instead of the given positions",
            model=lambda positions, d, base=10000.0: _angles(np.arange(len(positions)), d, base)),
    accepted_invalid("an odd d was accepted: RoPE rotates pairs of coordinates, so an odd d must raise ValueError",
              "odd"),
    accepted_invalid("an invalid size d was accepted: d must be an even integer >= 2 (bools and floats are not sizes)",
              "d = 0", "d = -4", "float"),
    accepted_invalid("invalid positions were accepted: positions must be a 1-D array of integers (not booleans)",
              "positions"),
)


# ------------------------------------------------------------------ apply_rope

def rope_cases(rng):
    out = [
        case(table(rng, 4, 6), np.arange(4), label="T=4, d=6, positions 0..3"),
        case(table(rng, 5, 8), np.array([9, 0, 3, 3, 250]), label="positions out of order and repeated"),
        case(table(rng, 3, 2), np.array([0, 1, 2]), label="d = 2: a single pair"),
        case(as_lists(table(rng, 3, 6)), [2, 4, 6], label="nested lists"),
        case(table(rng, 4, 10).astype(np.float32), np.arange(4, dtype=np.int32), label="float32 x, int32 positions"),
        case(table(rng, 3, 6), np.array([1, 5, 2]), base=100.0, label="base = 100"),
        case(table(rng, 1, 6), np.array([12]), label="T = 1"),
        case(np.vstack([np.zeros(6), table(rng, 1, 6)]), np.array([3, 4]), label="a zero vector"),
        case(table(rng, 2, 12), np.array([1000, 4096]), label="large positions, d = 12"),
    ]
    for _ in range(3):
        T = int(rng.integers(2, 7))
        d = 2 * int(rng.integers(3, 7))
        out.append(case(table(rng, T, d), rng.integers(0, 64, size=T), label="random"))
    return out


def rope_batched_cases(rng):
    out = [
        case(table(rng, 2, 3, 5, 8), np.arange(5), label="(B, H, T, d) = (2, 3, 5, 8)"),
        case(table(rng, 3, 4, 6), np.arange(10, 14), label="(B, T, d) = (3, 4, 6), positions 10..13 (a cache)"),
        case(table(rng, 4, 4, 6), np.array([0, 1, 2, 3]), label="B = T = 4: a wrong axis broadcasts silently"),
        case(table(rng, 2, 1, 3, 6), np.array([5, 2, 7]), label="(B, H, T, d) = (2, 1, 3, 6)"),
        case(table(rng, 2, 4, 4, 6), np.array([6, 2, 0, 9]), label="H = T = 4: a wrong axis broadcasts silently"),
        case(table(rng, 2, 3, 2, 4, 6), np.array([0, 2, 4, 6]), label="5-D x (2, 3, 2, 4, 6)"),
        case(as_lists(table(rng, 2, 3, 6)), [1, 2, 3], label="nested lists (B, T, d)"),
        case(table(rng, 2, 3, 4, 6).astype(np.float32), np.arange(4), label="float32 (B, H, T, d)"),
    ]
    for _ in range(2):
        B, H, T = (int(v) for v in rng.choice(np.arange(2, 7), size=3, replace=False))
        d = 2 * int(rng.integers(3, 6))
        out.append(case(table(rng, B, H, T, d), rng.integers(0, 50, size=T), label="random (B, H, T, d)"))
    return out


def rope_bad_cases(rng):
    return [
        bad(table(rng, 4, 7), np.arange(4), why="d = 7 is odd"),
        bad(table(rng, 2, 3, 5), np.arange(3), why="batched x with odd d = 5"),
        bad(table(rng, 4, 6), np.arange(3), why="positions has 3 entries but T = 4"),
        bad(table(rng, 4, 6), np.array([2]), why="positions has 1 entry but T = 4 (it must not broadcast)"),
        bad(table(rng, 6), np.array([0]), why="x is 1-D, not (..., T, d)"),
        bad(table(rng, 4, 6), np.arange(4).reshape(2, 2), why="positions is 2-D, not (T,)"),
    ]


ROPE_MISTAKES = (
    Mistake("half-split pairing (x[i] with x[i + d/2], the GPT-NeoX / Hugging Face layout): apply_rope pairs "
            "adjacent coordinates (x[2i], x[2i+1])", model=lambda x, positions, base=10000.0:
            _rope(x, positions, base, pairing="half")),
    Mistake("rotated by -theta (a sign flipped): out[2i] = x[2i] cos - x[2i+1] sin, "
            "out[2i+1] = x[2i] sin + x[2i+1] cos", model=lambda x, positions, base=10000.0:
            _rope(x, positions, base, sign=-1.0)),
    Mistake("frequencies laid out as in Hugging Face's cat(freqs, freqs) but applied to adjacent pairs: "
            "both coordinates of the pair (x[2i], x[2i+1]) use the same angle theta[p, i]",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, freqs="cat")),
    Mistake("exponent i/d instead of 2i/d: omega_i = base^(-2i/d) for i = 0 .. d/2 - 1",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, expo="i/d")),
    Mistake("every pair rotates at the same frequency (integer division 2 * i // d in the exponent is 0?)",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, expo="same")),
    Mistake("base^(+2i/d): the frequencies must shrink with i, omega_i = base^(-2i/d)",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, expo="+2i/d")),
    Mistake("positions ignored: np.arange(T) was used instead of the given positions",
            model=lambda x, positions, base=10000.0: _rope(x, positions=np.arange(np.shape(x)[-2]), base=base)),
    Mistake("x[2i] was overwritten before x[2i+1] was computed (the odd coordinate used the rotated even one): "
            "read both coordinates first", model=_overwritten),
    Mistake("positions were broadcast along axis 1, as Llama's reshape_for_broadcast does for its (B, T, H, d) "
            "layout: here x is (..., T, d) and the positions run along axis -2", model=_llama_axis),
    Mistake("positions were applied along the first axis (x[t]): for x of shape (..., T, d) position t is "
            "x[..., t, :]", model=_first_axis),
    Mistake("only (T, d) and (B, T, d) are handled: x may have any number of leading axes, e.g. (B, H, T, d)",
            model=_two_or_three_dims),
    kept_dtype("the input's dtype was kept (float32); return float64"),
    accepted_invalid("an odd d was accepted: RoPE rotates pairs of coordinates, so an odd d must raise ValueError", "odd"),
    accepted_invalid("positions of the wrong length or shape were accepted: positions must have shape (T,) with "
              "T = x.shape[-2] (numpy broadcasting must not stretch them)", "positions"),
    accepted_invalid("a 1-D x was accepted: x must have shape (..., T, d)", "1-D"),
    Mistake(NORM_CHANGED, test=_norm_changed),
)


# ------------------------------------------------------------------ apply_rope_half_split

def half_cases(rng):
    return [
        case(table(rng, 4, 6), np.arange(4), label="T=4, d=6, positions 0..3"),
        case(table(rng, 2, 3, 5, 8), np.array([3, 1, 4, 1, 5]), label="(B, H, T, d) = (2, 3, 5, 8)"),
        case(table(rng, 3, 2), np.array([0, 1, 2]), label="d = 2: a single pair"),
        case(as_lists(table(rng, 3, 6)), [2, 4, 6], label="nested lists"),
        case(table(rng, 3, 4, 10).astype(np.float32), np.arange(4, dtype=np.int32), label="float32 (B, T, d)"),
        case(table(rng, 3, 8), np.array([1, 5, 2]), base=500.0, label="base = 500"),
        case(table(rng, 2, 12), np.array([1000, 4096]), label="large positions, d = 12"),
        case(table(rng, 4, 4, 6), np.array([7, 0, 2, 9]), label="B = T = 4"),
        case(table(rng, 5, 10), rng.integers(0, 64, size=5), label="random"),
    ]


def half_bad_cases(rng):
    return [
        bad(table(rng, 4, 7), np.arange(4), why="x has odd d = 7"),
        bad(table(rng, 4, 6), np.array([2]), why="positions has 1 entry but T = 4 (it must not broadcast)"),
        bad(table(rng, 6), np.array([0]), why="x is 1-D, not (..., T, d)"),
    ]


HALF_MISTAKES = (
    Mistake("adjacent pairs (x[2i], x[2i+1]) were rotated: the half-split layout pairs x[i] with x[i + d/2]",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, pairing="adjacent")),
    Mistake("rotated by -theta (a sign flipped): rotate_half(x) is cat(-x2, x1), out = x cos + rotate_half(x) sin",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, pairing="half", sign=-1.0)),
    Mistake("frequencies interleaved (each angle repeated twice, np.repeat) with the half-split rotation: "
            "x[i] and x[i + d/2] share theta[p, i], i.e. cos and sin of cat(theta, theta)",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, pairing="half", freqs="repeat")),
    Mistake("exponent i/d instead of 2i/d: omega_i = base^(-2i/d) for i = 0 .. d/2 - 1",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, pairing="half", expo="i/d")),
    Mistake("positions ignored: np.arange(T) was used instead of the given positions",
            model=lambda x, positions, base=10000.0: _rope(x, np.arange(np.shape(x)[-2]), base, pairing="half")),
    kept_dtype("the input's dtype was kept (float32); return float64"),
    accepted_invalid("an odd d was accepted: the halves x[:d/2] and x[d/2:] must have the same size, so an odd d must "
              "raise ValueError", "odd"),
    accepted_invalid("positions of the wrong length were accepted: positions must have shape (T,) with T = x.shape[-2]",
              "positions"),
    accepted_invalid("a 1-D x was accepted: x must have shape (..., T, d)", "1-D"),
    Mistake(NORM_CHANGED.replace("(a, b)", "(x[i], x[i + d/2])"), test=_norm_changed),
)


# ------------------------------------------------------------------ rope_score

def _rot(v, p, base=10000.0, pairing="adjacent"):
    return _rope(as_float(v)[None, :], [p], base, pairing=pairing)[0]


def score_cases(rng):
    q, k = table(rng, 8), table(rng, 8)
    return [
        case(q, k, 3, 7, label="d = 8, s - p = 4"),
        case(q, k, 7, 3, label="s < p: s - p = -4"),
        case(q, k, -4, 2, label="a negative position"),
        case(q, k, 5, 5, label="p = s: the score is q . k"),
        case(q, k, 1000, 1003, label="large positions"),
        case(q, q, 2, 9, label="q = k"),
        case(q, np.zeros(8), 1, 4, label="k = 0"),
        case(as_lists(table(rng, 6)), as_lists(table(rng, 6)), np.int64(2), np.int32(-3),
             label="lists, numpy integer positions"),
        case(table(rng, 10).astype(np.float32), table(rng, 10).astype(np.float32), 0, 6, label="float32 q and k"),
        case(table(rng, 2), table(rng, 2), 4, 1, label="d = 2"),
        case(table(rng, 6), table(rng, 6), 2, 5, base=100.0, label="base = 100"),
        case(table(rng, 12), table(rng, 12), int(rng.integers(-20, 20)), int(rng.integers(-20, 20)), label="random"),
    ]


def score_bad_cases(rng):
    return [
        bad(table(rng, 6), table(rng, 8), 0, 1, why="q has length 6 but k has length 8"),
        bad(table(rng, 5), table(rng, 5), 0, 1, why="q and k have odd length d = 5"),
        bad(table(rng, 1, 6), table(rng, 1, 6), 0, 1, why="q and k are 2-D, not vectors"),
        bad(table(rng, 6), table(rng, 6), True, 1, why="p = True is a bool, not a position"),
    ]


def _score(fn):
    return lambda q, k, p, s, base=10000.0: float(fn(as_float(q), as_float(k), p, s, base))


def _score_with_angles(expo):
    """rope_score computed right, but through rotations whose angles use another exponent:
    the error is upstream, in rope_angles (or in apply_rope's angles)."""
    def rot(v, p, b):
        v = as_float(v)
        return _rope(v[None, :], [p], b, expo=expo)[0]
    return _score(lambda q, k, p, s, b: rot(q, p, b) @ rot(k, s, b))


_UPSTREAM = ("rope_score itself is right, but the rotations it calls use wrong angles ({what}): the error is in "
             "rope_angles (or in the angles apply_rope computes); fix that first, rope_score will follow")

SCORE_MISTAKES = (
    Mistake(_UPSTREAM.format(what="frequencies base^(-i/d), exponent i/d instead of 2i/d"),
            model=_score_with_angles("i/d")),
    Mistake(_UPSTREAM.format(what="the exponent starts at i = 1"), model=_score_with_angles("2(i+1)/d")),
    Mistake(_UPSTREAM.format(what="frequencies base^(+2i/d), growing with i"), model=_score_with_angles("+2i/d")),
    Mistake(_UPSTREAM.format(what="every pair at the same frequency"), model=_score_with_angles("same")),
    Mistake("only q was rotated: k must be rotated to its own position s",
            model=_score(lambda q, k, p, s, b: _rot(q, p, b) @ k)),
    Mistake("only k was rotated: q must be rotated to its own position p",
            model=_score(lambda q, k, p, s, b: q @ _rot(k, s, b))),
    Mistake("the score used p + s; (R_p q) . (R_s k) = q . R_(s-p) k depends on the offset s - p only",
            model=_score(lambda q, k, p, s, b: q @ _rot(k, p + s, b))),
    Mistake("|s - p| was used: the signed offset s - p matters (RoPE tells a key before the query from one after it)",
            model=_score(lambda q, k, p, s, b: q @ _rot(k, abs(s - p), b))),
    Mistake("the offset has the wrong sign (q rotated to s and k to p, or both rotated by -theta): "
            "(R_p q) . (R_s k) = q . R_(s-p) k; if apply_rope rotates by -theta, the error is there", model=_score(lambda q, k, p, s, b: _rot(q, s, b) @ _rot(k, p, b))),
    Mistake("half-split pairing (x[i] with x[i + d/2]): rope_score uses apply_rope's adjacent pairs",
            model=_score(lambda q, k, p, s, b: _rot(q, p, b, "half") @ _rot(k, s, b, "half"))),
    Mistake("no rotation at all: q . k ignores the positions",
            model=_score(lambda q, k, p, s, b: q @ k)),
    Mistake("the score came back as an array: return a single Python float, e.g. float(q_rot @ k_rot) with "
            "1-D q_rot and k_rot", test=lambda c, got, exp: isinstance(got, np.ndarray)),
    accepted_invalid("q and k of different lengths were accepted: they must be vectors of the same even length d",
              "length"),
    accepted_invalid("an odd d was accepted: RoPE rotates pairs of coordinates, so an odd d must raise ValueError", "odd"),
    accepted_invalid("2-D q and k were accepted: q and k are single vectors of shape (d,)", "2-D"),
    accepted_invalid("p = True was accepted: a bool is not a position (positions are integers)", "bool"),
)


# ------------------------------------------------------------------ rope_shapes


def _rs(B, H, T, d_model, **change):
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    d_head = d_model // H
    out = {"X": (B, T, d_model), "Q": (B, H, T, d_head), "K": (B, H, T, d_head), "theta": (T, d_head // 2),
           "Q_rot": (B, H, T, d_head), "scores": (B, H, T, T)}
    out.update({k: v(B, H, T, d_model, d_head) for k, v in change.items()})
    return out


def rope_shape_cases(rng):
    out = [
        case(2, 4, 5, 32, label="B=2, H=4, T=5, d_model=32 (d_head = 8)"),
        case(1, 32, 4096, 4096, label="a Llama-7B-sized layer: 32 heads of width 128, T = 4096"),
        case(3, 1, 7, 6, label="a single head"),
        case(np.int64(2), np.int32(3), 4, 18, label="numpy integer sizes, d_head = 6"),
        case(5, 2, 3, 4, label="d_head = 2: one pair per head"),
    ]
    for _ in range(3):
        H, d_head = int(rng.integers(2, 9)), 2 * int(rng.integers(1, 9))
        out.append(case(int(rng.integers(1, 9)), H, int(rng.integers(2, 30)), H * d_head, label="random sizes"))
    return out


def rope_shape_bad_cases(rng):
    return [
        bad(2, 4, 5, 30, why="d_model = 30 is not divisible by H = 4"),
        bad(2, 4, 5, 12, why="d_model = 12 gives d_head = 3, an odd width (RoPE rotates pairs)"),
        bad(0, 4, 5, 32, why="B = 0 < 1"),
        bad(2, 4, 5.0, 32, why="T = 5.0 is a float"),
        bad(2, True, 5, 32, why="H = True is a bool, not a size"),
    ]


def _as_int_tuples(c, got, exp):
    return isinstance(got, dict) and isinstance(exp, dict) and set(got) == set(exp) and any(
        not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())


ROPE_SHAPE_MISTAKES = (
    Mistake("theta has one column per pair of the whole model width, (T, d_model/2): every head rotates its own "
            "d_head = d_model / H coordinates with the same angles, so theta is (T, d_head/2)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, theta=lambda B, H, T, D, d: (T, D // 2))),
    Mistake("theta has one column per coordinate, (T, d_head): one angle per pair, (T, d_head/2)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, theta=lambda B, H, T, D, d: (T, d))),
    Mistake("Q and K were not split into heads, (B, T, d_model): reshape to (B, T, H, d_head) and move the heads "
            "before the positions, (B, H, T, d_head)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, Q=lambda B, H, T, D, d: (B, T, D),
                                               K=lambda B, H, T, D, d: (B, T, D),
                                               Q_rot=lambda B, H, T, D, d: (B, T, D),
                                               scores=lambda B, H, T, D, d: (B, T, T))),
    Mistake("the heads come after the positions, (B, T, H, d_head): attention runs per head over the positions, "
            "so the layout is (B, H, T, d_head) (axis -2 = positions, as apply_rope expects)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, Q=lambda B, H, T, D, d: (B, T, H, d),
                                               K=lambda B, H, T, D, d: (B, T, H, d),
                                               Q_rot=lambda B, H, T, D, d: (B, T, H, d))),
    Mistake("scores has the width of a head, (B, H, T, d_head): Q_rot @ K_rot^T compares every query with "
            "every key, one T x T matrix per head, (B, H, T, T)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, scores=lambda B, H, T, D, d: (B, H, T, d))),
    Mistake("scores lost the head axis, (B, T, T): each head has its own T x T scores, (B, H, T, T)",
            model=lambda B, H, T, d_model: _rs(B, H, T, d_model, scores=lambda B, H, T, D, d: (B, T, T))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints", test=_as_int_tuples),
)


# ------------------------------------------------------------------ rope_complex

def complex_cases(rng):
    out = [
        case(table(rng, 4, 6), np.arange(4), label="T=4, d=6, positions 0..3"),
        case(table(rng, 5, 8), np.array([9, 0, 3, 3, 250]), label="positions out of order and repeated"),
        case(table(rng, 3, 2), np.array([0, 1, 2]), label="d = 2: a single pair"),
        case(as_lists(table(rng, 3, 6)), [2, 4, 6], label="nested lists"),
        case(table(rng, 4, 10).astype(np.float32), np.arange(4, dtype=np.int32), label="float32 x, int32 positions"),
        case(table(rng, 3, 6), np.array([1, 5, 2]), base=100.0, label="base = 100"),
        case(table(rng, 2, 3, 5, 8), np.arange(5), label="(B, H, T, d) = (2, 3, 5, 8)"),
        case(table(rng, 4, 4, 6), np.array([0, 1, 2, 3]), label="B = T = 4: a wrong axis broadcasts silently"),
        case(table(rng, 2, 12), np.array([-3, 4096]), label="a negative and a large position, d = 12"),
    ]
    for _ in range(2):
        T = int(rng.integers(2, 7))
        d = 2 * int(rng.integers(3, 7))
        out.append(case(table(rng, 2, T, d), rng.integers(0, 64, size=T), label="random (B, T, d)"))
    return out


def complex_bad_cases(rng):
    return [
        bad(table(rng, 4, 7), np.arange(4), why="x has odd d = 7"),
        bad(table(rng, 4, 6), np.arange(3), why="positions has 3 entries but T = 4"),
        bad(table(rng, 6), np.array([0]), why="x is 1-D, not (..., T, d)"),
    ]


def _complex_concat(x, positions, base=10000.0):
    r = ref.apply_rope(x, positions, base)
    return np.concatenate([r[..., 0::2], r[..., 1::2]], axis=-1)


def _complex_swapped(x, positions, base=10000.0):
    x = as_float(x)
    theta = _angles(positions, x.shape[-1], base)
    z = (x[..., 1::2] + 1j * x[..., 0::2]) * np.exp(1j * theta)
    out = np.empty_like(x)
    out[..., 0::2], out[..., 1::2] = z.real, z.imag
    return out


def _complex_returned(c, got, exp):
    return isinstance(got, np.ndarray) and got.dtype.kind == "c"


COMPLEX_MISTAKES = (
    Mistake("the pairs were multiplied by e^(-1j theta), the conjugate: RoPE multiplies z_i = x[2i] + 1j x[2i+1] "
            "by e^(+1j theta[p, i])", model=lambda x, positions, base=10000.0: _rope(x, positions, base, sign=-1.0)),
    Mistake("the complex numbers were built from x[:d/2] + 1j x[d/2:] (the half-split layout): rope_complex pairs "
            "adjacent coordinates, z_i = x[2i] + 1j x[2i+1]",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, pairing="half")),
    Mistake("real and imaginary parts were concatenated, [z.real, z.imag]: put them back interleaved, "
            "out[..., 0::2] = z.real and out[..., 1::2] = z.imag", model=_complex_concat),
    Mistake("real and imaginary parts swapped when building z: the even coordinate x[2i] is the real part, "
            "z_i = x[2i] + 1j x[2i+1]", model=_complex_swapped),
    Mistake("a complex array was returned: convert back to real pairs (real part to x[2i], imaginary part to "
            "x[2i+1]), shape and float64 dtype of x", test=_complex_returned),
    Mistake("exponent i/d instead of 2i/d: omega_i = base^(-2i/d) for i = 0 .. d/2 - 1",
            model=lambda x, positions, base=10000.0: _rope(x, positions, base, expo="i/d")),
    kept_dtype("the input's dtype was kept (float32): return float64"),
    accepted_invalid("an odd d was accepted: pairs of coordinates make the complex numbers, so an odd d must raise "
              "ValueError", "odd"),
    accepted_invalid("positions of the wrong length were accepted: positions must have shape (T,) with T = x.shape[-2]",
              "positions"),
    Mistake(NORM_CHANGED, test=_norm_changed),
)


SPECS = specs_by_name(
    Spec("rope_shapes", "rope_shapes", ref.rope_shapes, rope_shape_cases, seed=800, mistakes=ROPE_SHAPE_MISTAKES),
    Spec("rope_shapes_invalid", "rope_shapes", ref.rope_shapes, rope_shape_bad_cases, seed=809,
         mistakes=ROPE_SHAPE_MISTAKES),
    Spec("rope_angles_values", "rope_angles", ref.rope_angles, angle_cases, seed=801, mistakes=ANGLE_MISTAKES),
    Spec("rope_angles_invalid", "rope_angles", ref.rope_angles, angle_bad_cases, seed=802, mistakes=ANGLE_MISTAKES),
    Spec("apply_rope_values", "apply_rope", ref.apply_rope, rope_cases, seed=811, mistakes=ROPE_MISTAKES,
         uses=("rope_angles",)),
    Spec("apply_rope_batched", "apply_rope", ref.apply_rope, rope_batched_cases, seed=812, mistakes=ROPE_MISTAKES,
         uses=("rope_angles",)),
    Spec("apply_rope_invalid", "apply_rope", ref.apply_rope, rope_bad_cases, seed=813, mistakes=ROPE_MISTAKES,
         uses=("rope_angles",)),
    Spec("apply_rope_half_split", "apply_rope_half_split", ref.apply_rope_half_split, half_cases, seed=821,
         mistakes=HALF_MISTAKES, uses=("rope_angles",)),
    Spec("apply_rope_half_split_invalid", "apply_rope_half_split", ref.apply_rope_half_split, half_bad_cases,
         seed=822, mistakes=HALF_MISTAKES, uses=("rope_angles",)),
    Spec("rope_score", "rope_score", ref.rope_score, score_cases, seed=831, mistakes=SCORE_MISTAKES,
         uses=("rope_angles", "apply_rope")),
    Spec("rope_score_invalid", "rope_score", ref.rope_score, score_bad_cases, seed=832, mistakes=SCORE_MISTAKES,
         uses=("rope_angles", "apply_rope")),
    Spec("rope_complex_values", "rope_complex", ref.rope_complex, complex_cases, seed=841, mistakes=COMPLEX_MISTAKES,
         uses=("rope_angles",)),
    Spec("rope_complex_invalid", "rope_complex", ref.rope_complex, complex_bad_cases, seed=842,
         mistakes=COMPLEX_MISTAKES, uses=("rope_angles",)),
)
