"""Hidden checks for 09_alibi."""
from __future__ import annotations

import numpy as np

from .. import a09_alibi as ref
from .harness import Mistake, only_where_wrong, Spec, as_lists, bad, case, compare, specs_by_name, table


def _pow2(n):
    """2^(-8h/n), h = 1 .. n: the power-of-two formula, whatever n is."""
    return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)


def _n0(n):
    return 1 << (int(n).bit_length() - 1)


def _split(n, extra):
    """The first n0 slopes, then `extra(n0)` cut to n - n0 entries."""
    n = int(n)
    n0 = _n0(n)
    return _pow2(n) if n0 == n else np.concatenate([_pow2(n0), extra(n0)[: n - n0]])


def _is_array(got, expected):
    return isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and got.shape == expected.shape


# ------------------------------------------------------------------- alibi_slopes

def slope_cases(rng):
    fixed = [case(n, label=label) for n, label in (
        (8, "8 heads: 2^-1 ... 2^-8"), (12, "12 heads: 8 slopes for 8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5"),
        (1, "one head"), (2, "two heads"), (3, "3 heads (not a power of two)"), (4, "4 heads"),
        (5, "5 heads"), (6, "6 heads"), (7, "7 heads"), (16, "16 heads"), (20, "20 heads"), (24, "24 heads"),
        (32, "32 heads"), (40, "40 heads"), (96, "96 heads"))]
    numpy_ints = [case(np.int64(12), label="numpy int64"), case(np.int32(6), label="numpy int32")]
    random = [case(int(n), label="random head count") for n in rng.choice(np.arange(9, 200), size=4, replace=False)]
    return fixed + numpy_ints + random


def slope_bad_cases(rng):
    return [bad(0, why="n_heads = 0 < 1"), bad(-4, why="n_heads = -4 < 1"), bad(8.0, why="n_heads = 8.0 is a float"),
            bad(True, why="n_heads = True is a bool, not a size"), bad("8", why="n_heads = '8' is a string")]


def _first_slope_one(c, got, expected):
    return isinstance(got, np.ndarray) and got.ndim == 1 and got.size >= 1 and got[0] == 1.0


SLOPE_MISTAKES = only_where_wrong(
    ref.alibi_slopes,
    Mistake("a slope of 1.0 for the first head: h runs from 1 to n, so m_1 = 2^(-8/n) (h starting at 0 gives "
            "2^0 = 1)", test=_first_slope_one),
    Mistake("2^(-8h/n) used for a head count that is not a power of two: that formula holds for n = 1, 2, 4, 8, ... "
            "only; otherwise take the n0 slopes of the largest power of two n0 < n, then slopes(2*n0)[0::2][:n - n0]",
            model=lambda n: _pow2(int(n))),
    Mistake("the extra heads repeat slopes: they take the even-indexed slopes of 2*n0, slopes(2*n0)[0::2] "
            "(without [0::2], or with [1::2], every other one equals a slope the first n0 heads already have)",
            model=lambda n: _split(n, lambda n0: _pow2(2 * n0))),
    Mistake("the extra heads repeat slopes: they take the even-indexed slopes of 2*n0, slopes(2*n0)[0::2] "
            "(without [0::2], or with [1::2], every other one equals a slope the first n0 heads already have)",
            model=lambda n: _split(n, lambda n0: _pow2(2 * n0)[1::2])),
    Mistake("the first n slopes of the next power of two were taken; the published recipe keeps all n0 slopes of "
            "the largest power of two below n and appends slopes(2*n0)[0::2][:n - n0]",
            model=lambda n: _pow2(2 * _n0(n))[: int(n)] if _n0(n) < n else _pow2(int(n))),
    Mistake("the extra slopes come first: the n0 slopes for n0 come first, then slopes(2*n0)[0::2][:n - n0]",
            model=lambda n: np.roll(ref.alibi_slopes(n), int(n) - _n0(n))),
    Mistake("the slopes were sorted: keep the published order (the n0 slopes for n0, then the extra ones)",
            model=lambda n: np.sort(ref.alibi_slopes(n))[::-1]),
    Mistake("the slopes 1/2, 1/4, 1/8, ... fit 8 heads only: for n heads the ratio is 2^(-8/n), so the last "
            "power-of-two slope is always 2^-8", model=lambda n: 0.5 ** np.arange(1, int(n) + 1)),
)


# --------------------------------------------------------------------- alibi_bias

def bias_cases(rng):
    out = [
        case(2, 4, label="2 heads, T = 4, causal by default"),
        case(3, 5, label="3 heads (not a power of two), T = 5"),
        case(6, 4, True, label="6 heads, T = 4, causal=True"),
        case(8, 3, label="8 heads, T = 3"),
        case(12, 6, causal=True, label="12 heads, T = 6"),
        case(5, 5, label="n_heads = T = 5"),
        case(1, 1, label="one head, one position"),
        case(1, 7, label="one head, T = 7"),
        case(2, 4, causal=False, label="causal=False: a symmetric penalty -m |i - j|"),
        case(3, 5, False, label="3 heads, causal=False"),
        case(4, 4, causal=False, label="n_heads = T = 4, causal=False"),
        case(np.int64(6), np.int32(3), causal=np.bool_(True), label="numpy integers and numpy bool"),
        case(12, 2, causal=np.bool_(False), label="numpy bool False"),
    ]
    for _ in range(3):
        H, T = (int(v) for v in rng.choice(np.arange(2, 17), size=2, replace=False))
        out.append(case(H, T, causal=bool(rng.integers(2)), label="random"))
    return out


def bias_bad_cases(rng):
    return [
        # causal is always a bool (the contract's fine print): its validation is not graded
        bad(4, 0, why="T = 0 < 1"),
        bad(0, 3, why="n_heads = 0 < 1"),
        bad(4, 2.5, why="T = 2.5 is not an integer"),
        bad(True, 3, why="n_heads = True is a bool, not a size"),
    ]


def _bias(n_heads, T, causal=True, slopes=None, sign=-1.0, one_sided=False, mask=-np.inf, diagonal=False):
    """A parametrised (possibly wrong) bias for the mistake models."""
    m = ref.alibi_slopes(n_heads) if slopes is None else slopes(n_heads)
    T = int(T)
    i, j = np.arange(T)[:, None], np.arange(T)[None, :]
    dist = (i - j) if one_sided else np.abs(i - j)
    bias = sign * m[:, None, None] * dist
    if causal:
        bias = np.where((j >= i) if diagonal else (j > i), mask, bias)
    return bias


def _mask_finite(c, got, expected):
    if not _is_array(got, expected):
        return False
    masked = np.isneginf(expected)
    return bool(masked.any() and np.isfinite(got[masked]).all() and (got[masked] <= -100).all())


def _has_nan(c, got, expected):
    return isinstance(got, np.ndarray) and got.dtype.kind == "f" and bool(np.isnan(got).any())


def _no_mask(c, got, expected):
    return _is_array(got, expected) and np.isneginf(expected).any() and not np.isinf(got).any() \
        and np.allclose(got, _bias(c.args[0], c.args[1], causal=False))


BIAS_MISTAKES = only_where_wrong(
    ref.alibi_bias,
    Mistake("NaN entries: 0 * -inf is NaN, so a 0/1 mask multiplied by -inf poisons the unmasked entries; build the "
            "bias with np.where(j > i, -np.inf, bias)", test=_has_nan),
    Mistake("a positive bias (+m (i - j)): ALiBi subtracts, bias = -m_h (i - j), a penalty that grows with distance",
            model=lambda n_heads, T, causal=True: _bias(n_heads, T, causal, sign=+1.0)),
    Mistake("the causal mask is missing: with causal=True, keys after the query (j > i) get -inf",
            test=_no_mask),
    Mistake("the mask is a large negative number instead of -inf: masked entries must be exactly -inf "
            "(a finite mask can be outweighed by a large logit)", test=_mask_finite),
    Mistake("the bias is transposed (j - i): row i is the query and column j the key, bias[h, i, j] = -m_h (i - j) "
            "for j <= i, and -inf above the diagonal",
            model=lambda n_heads, T, causal=True: np.swapaxes(ref.alibi_bias(n_heads, T, causal), 1, 2)),
    Mistake("with causal=False, keys after the query (j > i) get -m (j - i): the penalty is symmetric, -m |i - j| "
            "(not -m (i - j), which rewards far future keys)",
            model=lambda n_heads, T, causal=True: _bias(n_heads, T, causal, one_sided=True)),
    Mistake("causal is inverted: causal=True masks the keys j > i with -inf, causal=False masks nothing",
            model=lambda n_heads, T, causal=True: ref.alibi_bias(n_heads, T, not causal)),
    Mistake("the diagonal was masked (j >= i): a query may attend to itself, bias[h, i, i] = 0",
            model=lambda n_heads, T, causal=True: _bias(n_heads, T, causal, diagonal=True)),
    Mistake("the bias uses the wrong slopes: 2^(-8h/n) holds for a power-of-two head count only; use alibi_slopes",
            model=lambda n_heads, T, causal=True: _bias(n_heads, T, causal, slopes=lambda n: _pow2(int(n)))),
    Mistake("the slopes were broadcast along the key axis: use m[:, None, None] so that slope m_h scales all of "
            "bias[h]", model=lambda n_heads, T, causal=True: ref.alibi_slopes(n_heads)
            * _bias(1, T, causal, slopes=lambda n: np.ones(1))[0][None]),
)


# -------------------------------------------------------- alibi_attention_weights

def _future(T):
    return np.triu(np.ones((T, T), dtype=bool), 1)


def attention_cases(rng):
    out = [
        case(table(rng, 3, 5, 5), label="H = 3 heads, T = 5"),
        case(np.zeros((4, 6, 6)), label="zero scores: the weights come from the ALiBi bias alone"),
        case(table(rng, 1, 4, 4), label="one head"),
        case(table(rng, 6, 3, 3), label="6 heads (not a power of two), T = 3"),
        case(table(rng, 2, 1, 1), label="T = 1: the only key gets weight 1"),
        case(4.0 * table(rng, 12, 4, 4), label="12 heads, T = 4"),
        case(as_lists(table(rng, 2, 3, 3)), label="nested lists"),
        case(table(rng, 3, 4, 4).astype(np.float32), label="float32 scores"),
        case(table(rng, 5, 5, 5), label="H = T = 5"),
    ]
    for _ in range(2):
        H, T = (int(v) for v in rng.choice(np.arange(2, 12), size=2, replace=False))
        out.append(case(table(rng, H, T, T), label="random"))
    return out


def masking_cases(rng):
    lopsided = table(rng, 3, 4, 4)
    lopsided[:, np.arange(4), np.arange(4)] = [[900.0], [-900.0], [1000.0]]
    far = table(rng, 1, 6, 6)
    far[0, :, -1] = 50.0
    spike = table(rng, 2, 5, 5)
    spike[:, _future(5)] = 1e10
    near_spike = table(rng, 3, 4, 4)
    near_spike[:, _future(4)] += 1e9
    return [
        case(np.zeros((8, 7, 7)), label="8 heads, T = 7, zero scores"),
        case(lopsided, label="large logits (+-900, 1000) on the diagonal: subtract each row's max before exp"),
        case(far, label="a large score (50) on the last key in every row: only the last query may see it"),
        case(spike, label="huge logits (1e10) on future keys: they must still get weight exactly 0"),
        case(near_spike, label="logits near 1e9 on future keys: they must still get weight exactly 0"),
    ]


def attention_bad_cases(rng):
    return [
        bad(table(rng, 4, 4), why="scores is 2-D; it must be (H, T, T)"),
        bad(table(rng, 2, 3, 4), why="scores has shape (2, 3, 4): T queries need T keys"),
        bad(table(rng, 2, 2, 3, 3), why="scores is 4-D; it must be (H, T, T)"),
    ]


def verify_weights(c, got, expected):
    """Masked weights exactly 0 and rows summing to 1 (beyond the tolerance of the value comparison)."""
    T = got.shape[-1]
    future = np.broadcast_to(_future(T), got.shape)
    leak = np.argwhere(future & (got != 0))
    if len(leak):
        h, i, j = (int(v) for v in leak[0])
        return (f"masked weights must be exactly 0, but weight[{h}, {i}, {j}] = {got[h, i, j]:.3g} for the future "
                f"key j = {j} > i = {i} ({len(leak)} such entries). A finite mask (e.g. -30, -1e4, -1e9) leaves "
                "weight there or is outweighed by a large logit; add -np.inf")
    sums = got.sum(axis=-1)
    worst = np.unravel_index(int(np.argmax(np.abs(sums - 1.0))), sums.shape)
    if abs(sums[worst] - 1.0) > 1e-9:
        return f"every row must sum to 1: row {tuple(int(v) for v in worst)} sums to {sums[worst]:.12g}"
    return None


def _softmax(x, axis=-1):
    x = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


def _scores(scores):
    return np.asarray(scores, dtype=np.float64)


def _with_bias(scores, **kw):
    s = _scores(scores)
    return s + _bias(s.shape[0], s.shape[-1], **kw)


def _masked_after(scores):
    s = _scores(scores)
    w = _softmax(s + _bias(s.shape[0], s.shape[-1], causal=False))
    return w * ~_future(s.shape[-1])


def _no_shift(scores):
    x = np.exp(_with_bias(scores))
    return x / x.sum(axis=-1, keepdims=True)


def _spiked(c):
    """A case with huge logits on future keys, where a missing mask and a finite one look alike."""
    s = _scores(c.args[0])
    return bool(np.abs(s).max() >= 1e8)


def _unmasked(c, got, expected):
    return _is_array(got, expected) and not _spiked(c) and compare(got, expected) is not None \
        and compare(got, _softmax(_with_bias(c.args[0], causal=False))) is None


def _finite_mask(c, got, expected):
    if not _is_array(got, expected) or np.isnan(got).any():
        return False
    if not (got[:, _future(got.shape[-1])] != 0).any():
        return False
    return _spiked(c) or compare(got, _softmax(_with_bias(c.args[0], causal=False))) is not None


ATTENTION_MISTAKES = only_where_wrong(
    ref.alibi_attention_weights,
    Mistake("overflow: exp of a large logit is inf, and inf / inf is NaN; subtract each row's max before np.exp",
            model=_no_shift),
    Mistake("NaN rows: 0 * -inf (or -inf - -inf, or inf / inf) is NaN; build the mask with np.where(..., -np.inf, "
            "...), add it, subtract each row's (finite) max, then exponentiate", test=_has_nan),
    Mistake("softmax over the wrong axis: each query's weights over its keys are normalised, softmax(..., axis=-1) "
            "(rows sum to 1), not over the queries (columns)",
            model=lambda scores: _softmax(_with_bias(scores), axis=-2)),
    Mistake("the causal mask is missing: a query never looks ahead, the weights on keys j > i must be exactly 0 "
            "(use the causal bias, alibi_bias(H, T) with causal=True)", test=_unmasked),
    Mistake("the mask was applied after the softmax (future weights zeroed, rows no longer sum to 1): add the -inf "
            "mask to the logits before the softmax", model=_masked_after),
    Mistake("a positive bias (+m (i - j)): ALiBi subtracts, so far-away keys lose weight",
            model=lambda scores: _softmax(_with_bias(scores, sign=+1.0))),
    Mistake("the bias is transposed (j - i): row i is the query and column j the key; bias[h, i, j] = -m_h (i - j) "
            "for the keys j <= i, -inf for j > i",
            model=lambda scores: _softmax(_scores(scores)
                                          + np.swapaxes(_bias(np.shape(scores)[0], np.shape(scores)[-1]), 1, 2))),
    Mistake("the ALiBi bias was not added: softmax(scores + alibi_bias(H, T)), not a plain causal softmax",
            model=lambda scores: _softmax(_with_bias(scores, slopes=lambda n: np.zeros(int(n))))),
    Mistake("the mask is a large negative number instead of -inf (masked weights not exactly 0): a finite mask "
            "(-30, -1e4, -1e9, ...) leaves weight on future keys or is outweighed by a large logit; use -np.inf",
            test=_finite_mask),
)


# --------------------------------------------------------------------- alibi_shapes


def _as(B, H, T, d_model, **change):
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    d_head = d_model // H
    out = {"X": (B, T, d_model), "Q": (B, H, T, d_head), "slopes": (H,), "bias": (H, T, T),
           "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, T, d_model)}
    out.update({k: v(B, H, T, d_model, d_head) for k, v in change.items()})
    return out


def alibi_shape_cases(rng):
    out = [
        case(2, 8, 5, 64, label="B=2, H=8, T=5, d_model=64 (d_head = 8)"),
        case(1, 12, 2048, 768, label="12 heads of width 64, T = 2048"),
        case(3, 1, 7, 6, label="a single head"),
        case(np.int64(4), np.int32(3), 2, 9, label="numpy integer sizes, odd d_head = 3 (fine for ALiBi)"),
        case(5, 6, 3, 12, label="T < B < H"),
    ]
    for _ in range(3):
        H = int(rng.integers(2, 13))
        out.append(case(int(rng.integers(1, 9)), H, int(rng.integers(2, 40)), H * int(rng.integers(1, 17)),
                        label="random sizes"))
    return out


def alibi_shape_bad_cases(rng):
    return [
        bad(2, 8, 5, 60, why="d_model = 60 is not divisible by H = 8"),
        bad(0, 8, 5, 64, why="B = 0 < 1"),
        bad(2, 8, 5.0, 64, why="T = 5.0 is a float"),
        bad(2, True, 5, 64, why="H = True is a bool, not a size"),
    ]


def _as_int_tuples(c, got, exp):
    return isinstance(got, dict) and isinstance(exp, dict) and set(got) == set(exp) and any(
        not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())


ALIBI_SHAPE_MISTAKES = (
    Mistake("the bias has a batch axis, (B, H, T, T): it depends only on the head, the query and the key, never on "
            "the tokens, so it is (H, T, T) and broadcasts over the batch when added to the scores",
            model=lambda B, H, T, d_model: _as(B, H, T, d_model, bias=lambda B, H, T, D, d: (B, H, T, T))),
    Mistake("the bias lost the head axis, (T, T): every head has its own slope, so bias is (H, T, T)",
            model=lambda B, H, T, d_model: _as(B, H, T, d_model, bias=lambda B, H, T, D, d: (T, T))),
    Mistake("out is per head, (B, H, T, d_head): the heads' outputs are concatenated back to the model width, "
            "(B, T, d_model)",
            model=lambda B, H, T, d_model: _as(B, H, T, d_model, out=lambda B, H, T, D, d: (B, H, T, d))),
    Mistake("scores and weights lost the head axis, (B, T, T): each head compares its own queries and keys, "
            "(B, H, T, T)",
            model=lambda B, H, T, d_model: _as(B, H, T, d_model, scores=lambda B, H, T, D, d: (B, T, T),
                                               weights=lambda B, H, T, D, d: (B, T, T))),
    Mistake("Q was not split into heads, (B, T, d_model): each head gets d_head = d_model / H coordinates, "
            "(B, H, T, d_head)",
            model=lambda B, H, T, d_model: _as(B, H, T, d_model, Q=lambda B, H, T, D, d: (B, T, D))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints", test=_as_int_tuples),
)


SPECS = specs_by_name(
    Spec("alibi_shapes", "alibi_shapes", ref.alibi_shapes, alibi_shape_cases, seed=900,
         mistakes=ALIBI_SHAPE_MISTAKES),
    Spec("alibi_shapes_invalid", "alibi_shapes", ref.alibi_shapes, alibi_shape_bad_cases, seed=909,
         mistakes=ALIBI_SHAPE_MISTAKES),
    Spec("alibi_slopes_values", "alibi_slopes", ref.alibi_slopes, slope_cases, seed=901, mistakes=SLOPE_MISTAKES),
    Spec("alibi_slopes_invalid", "alibi_slopes", ref.alibi_slopes, slope_bad_cases, seed=902),
    Spec("alibi_bias_values", "alibi_bias", ref.alibi_bias, bias_cases, seed=911, mistakes=BIAS_MISTAKES,
         uses=("alibi_slopes",)),
    Spec("alibi_bias_invalid", "alibi_bias", ref.alibi_bias, bias_bad_cases, seed=912, mistakes=BIAS_MISTAKES,
         uses=("alibi_slopes",)),
    Spec("alibi_attention_weights_values", "alibi_attention_weights", ref.alibi_attention_weights, attention_cases,
         seed=921, mistakes=ATTENTION_MISTAKES, verify=verify_weights, uses=("alibi_bias",)),
    Spec("alibi_attention_weights_masking", "alibi_attention_weights", ref.alibi_attention_weights, masking_cases,
         seed=922, mistakes=ATTENTION_MISTAKES, verify=verify_weights, uses=("alibi_bias",)),
    Spec("alibi_attention_weights_invalid", "alibi_attention_weights", ref.alibi_attention_weights,
         attention_bad_cases, seed=923, mistakes=ATTENTION_MISTAKES, uses=("alibi_bias",)),
)
