"""Hidden checks for 10_parameter_counting."""
from __future__ import annotations

import numpy as np

from .. import a10_parameter_counting as ref
from .harness import Mistake, only_where_wrong, Spec, as_lists, bad, case, specs_by_name, table


def _numpy_int(c, got, expected):
    values = got.values() if isinstance(got, dict) else [got]
    return any(isinstance(v, np.integer) for v in values)


NUMPY_INT = Mistake("a numpy integer was returned: counts are Python ints (int(...)), which never overflow",
                    test=_numpy_int)


def _wrapped32(V, d, factor=1):
    """What int(V * d * factor) gives when V and d are numpy int32: the product wraps around at 2^31."""
    with np.errstate(over="ignore"):
        return int(np.int32(V) * np.int32(d) * np.int32(factor))


# --------------------------------------------------------------- embedding_params

def params_cases(rng):
    out = [
        case(50000, 4096, label="a 50,000 x 4,096 table: 204,800,000 parameters"),
        case(8449, 768, label="V = 8,449, d = 768"),
        case(50257, 768, label="GPT-2 small's token table"),
        case(1, 1, label="a 1 x 1 table"),
        case(np.int64(32000), np.int64(4096), label="numpy int64 sizes"),
        case(np.int32(256000), np.int32(16384), label="numpy int32 sizes whose product exceeds 2^31"),
    ]
    for _ in range(3):
        V, d = (int(v) for v in rng.integers(2, 100_000, size=2))
        out.append(case(V, d, label="random"))
    return out


def params_bad_cases(rng):
    return [
        bad(0, 4, why="V = 0 < 1"),
        bad(10, -1, why="d = -1 < 1"),
        bad(10.0, 4, why="V = 10.0 is a float"),
        bad(True, 4, why="V = True is a bool, not a size"),
    ]


PARAMS_MISTAKES = only_where_wrong(
    ref.embedding_params,
    NUMPY_INT,
    Mistake("the product overflowed: numpy int32 sizes multiply in 32 bits (256,000 x 16,384 wraps around 2^31); "
            "convert each size with int(...) before multiplying", model=lambda V, d: _wrapped32(V, d)),
    Mistake("bytes instead of parameters: a (V, d) table has V * d parameters, whatever their dtype",
            model=lambda V, d: int(V) * int(d) * 4),
)


# --------------------------------------------------------- model_embedding_params

def model_cases(rng):
    out = [
        case(50257, 768, 1024, label="GPT-2 small: 1,024 learned positions, tied"),
        case(8449, 768, n_positions=1024, tied=False, label="V = 8,449, d = 768, 1,024 positions, untied head"),
        case(30522, 768, 512, 2, label="BERT-base: 512 positions, 2 token types, tied"),
        case(32000, 4096, tied=False, label="a 7B model: V = 32,000, d = 4,096, no position table, untied"),
        case(10, 4, label="defaults: no positions, no token types, tied"),
        case(7, 3, n_token_types=2, label="token types but no positions"),
        case(6, 5, 9, 0, False, label="all arguments positional, untied"),
        case(np.int64(12), np.int32(8), n_positions=np.int64(16), tied=np.bool_(False), label="numpy integers"),
        case(30522, 384, n_positions=512, n_token_types=2, tied=True, label="all-MiniLM-L6-v2"),
    ]
    for _ in range(3):
        V, d, P, S = (int(v) for v in rng.integers(1, 5000, size=4))
        out.append(case(V, d, n_positions=P, n_token_types=S % 4, tied=bool(rng.integers(2)), label="random"))
    return out


def model_bad_cases(rng):
    return [
        bad(0, 768, why="V = 0 < 1"),
        bad(100, 0, why="d = 0 < 1"),
        bad(100, 16, n_positions=-1, why="n_positions = -1 < 0"),
        bad(100, 16, n_token_types=-2, why="n_token_types = -2 < 0"),
        bad(100, 16.0, why="d = 16.0 is a float"),
        bad(100, 16, n_positions=2.0, why="n_positions = 2.0 is a float"),
        bad(100, 16, n_positions=True, why="n_positions = True is a bool, not a count"),
    ]


def _counts(V, d, n_positions=0, n_token_types=0, tied=True, *, head="right", drop=(), in_total=True,
            total_keys=("token", "position", "token_type", "lm_head")):
    V, d, P, S = int(V), int(d), int(n_positions), int(n_token_types)
    counts = {"token": V * d, "position": P * d, "token_type": S * d,
              "lm_head": {"right": 0 if tied else V * d, "always": V * d, "never": 0, "inverted": V * d if tied else 0,
                          "bias": 0 if tied else V * d + V}[head]}
    for key in drop:
        counts[key] = 0
    counts["total"] = sum(counts[k] for k in total_keys)
    if not in_total:
        counts["total"] -= counts["lm_head"]
    return counts


MODEL_MISTAKES = only_where_wrong(
    ref.model_embedding_params,
    Mistake("tied weights counted twice: with tied=True the output head is the token table itself, so lm_head = 0",
            model=lambda *a, **k: _counts(*a, **k, head="always")),
    Mistake("the untied output head is missing: with tied=False it is a second V x d matrix, lm_head = V * d",
            model=lambda *a, **k: _counts(*a, **k, head="never")),
    Mistake("tied is inverted: tied=True means one shared matrix (lm_head = 0), tied=False a separate V x d head",
            model=lambda *a, **k: _counts(*a, **k, head="inverted")),
    Mistake("the position table was forgotten: n_positions learned positions add n_positions * d parameters",
            model=lambda *a, **k: _counts(*a, **k, drop=("position",))),
    Mistake("the token-type table was forgotten: n_token_types segment vectors add n_token_types * d parameters",
            model=lambda *a, **k: _counts(*a, **k, drop=("token_type",))),
    Mistake("positions and token types were forgotten", model=lambda *a, **k: _counts(*a, **k,
                                                                                    drop=("position", "token_type"))),
    Mistake("the total leaves out the output head: total = token + position + token_type + lm_head",
            model=lambda *a, **k: _counts(*a, **k, in_total=False)),
    Mistake("the total leaves out the position and token-type tables: total = token + position + token_type + "
            "lm_head", model=lambda *a, **k: _counts(*a, **k, total_keys=("token", "lm_head"))),
    Mistake("the output head has no bias here: lm_head = V * d when untied, not V * d + V",
            model=lambda *a, **k: _counts(*a, **k, head="bias")),
    NUMPY_INT,
)


# --------------------------------------------------------- embedding_memory_bytes

def memory_cases(rng):
    out = [
        case(50000, 4096, label="float32 by default: 4 bytes a value"),
        case(50000, 4096, "float16", label="float16: 2 bytes"),
        case(50000, 4096, dtype="bfloat16", label="bfloat16: 2 bytes (same size as float16, other layout)"),
        case(50000, 4096, dtype="int8", label="int8: 1 byte"),
        case(32000, 4096, dtype="float32", label="a 7B model's token table in float32"),
        case(30522, 384, "float32", label="all-MiniLM-L6-v2's token table"),
        case(np.int32(256000), np.int32(3072), dtype="float32", label="numpy int32 sizes, 3.1 GB: past 2^31"),
        case(1, 1, dtype="int8", label="a single int8 value"),
    ]
    for dtype in rng.permutation(sorted(ref.DTYPE_BYTES)):
        V, d = (int(v) for v in rng.integers(1, 100_000, size=2))
        out.append(case(V, d, dtype=str(dtype), label="random"))
    return out


def memory_bad_cases(rng):
    return [
        bad(100, 16, dtype="FLOAT32", why="dtype 'FLOAT32' is not one of the four lowercase names"),
        bad(100, 16, dtype="Float16", why="dtype 'Float16' is not one of the four lowercase names"),
        bad(100, 16, dtype="float64", why="dtype 'float64' is not accepted (only float32, float16, bfloat16, int8)"),
        bad(100, 16, dtype="bf16", why="dtype 'bf16' is not one of the four names"),
        bad(100, 16, dtype="fp32", why="dtype 'fp32' is not one of the four names"),
        bad(100, 16, dtype="int4", why="dtype 'int4' is not one of the four names"),
        bad(100, 16, dtype=np.float32, why="dtype np.float32 is a type, not one of the four names"),
        bad(100, 16, dtype=None, why="dtype None is not one of the four names"),
        bad(0, 16, why="V = 0 < 1"),
    ]


def _dtype_of(c):
    return c.kwargs.get("dtype", c.args[2] if len(c.args) > 2 else "float32")


def _accepted_case(c, got, expected):
    dtype = _dtype_of(c)
    return bool(c.raises) and isinstance(dtype, str) and dtype.strip().lower() in ref.DTYPE_BYTES


def _accepted_unknown(c, got, expected):
    dtype = _dtype_of(c)
    return bool(c.raises) and not (isinstance(dtype, str) and dtype in ref.DTYPE_BYTES)


BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}


MEMORY_MISTAKES = only_where_wrong(
    ref.embedding_memory_bytes,
    Mistake("bits instead of bytes: a float32 value takes 4 bytes (32 bits), float16/bfloat16 2 bytes, int8 1 byte",
            model=lambda V, d, dtype="float32": int(V) * int(d) * 8 * BYTES[dtype]),
    Mistake("bfloat16 counted as 4 bytes: bfloat16 is a 16-bit format (8 exponent bits like float32, 7 mantissa "
            "bits), 2 bytes a value", model=lambda V, d, dtype="float32": int(V) * int(d) * (
                4 if dtype == "bfloat16" else BYTES[dtype])),
    Mistake("np.dtype(dtype).itemsize does not know 'bfloat16' (numpy has no such dtype) and accepts names outside "
            "the four: use a table of the four names",
            model=lambda V, d, dtype="float32": int(V) * int(d) * np.dtype(dtype).itemsize),
    Mistake("the product overflowed: numpy int32 sizes multiply in 32 bits; convert each size with int(...) first",
            model=lambda V, d, dtype="float32": _wrapped32(V, d, BYTES[dtype])),
    Mistake("the number of parameters was returned, not bytes: multiply by the bytes per value",
            model=lambda V, d, dtype="float32": int(V) * int(d)),
    Mistake("dtype names are case-sensitive: only 'float32', 'float16', 'bfloat16' and 'int8' are accepted; "
            "'FLOAT32' or 'Float16' must raise ValueError", test=_accepted_case),
    Mistake("an unknown dtype was accepted: raise ValueError for anything but the four lowercase names (no default "
            "size)",
            test=_accepted_unknown),
    NUMPY_INT,
)


# -------------------------------------------------------------- resize_embeddings

def resize_cases(rng):
    out = [
        case(table(rng, 5, 3), 8, label="V = 5, d = 3, three new tokens"),
        case(table(rng, 4, 4), 6, label="a square table (V = d = 4)"),
        case(table(rng, 3, 6), 3, label="new_V = V: nothing to add, a float64 copy"),
        case(table(rng, 1, 5), 4, label="a single old row"),
        case(table(rng, 6, 2).astype(np.float32), 9, label="float32 table"),
        case(as_lists(table(rng, 3, 4)), 5, label="nested lists"),
        case(table(rng, 4, 7), np.int64(5), label="numpy integer new_V"),
    ]
    for _ in range(2):
        V, d = (int(v) for v in rng.choice(np.arange(2, 12), size=2, replace=False))
        out.append(case(table(rng, V, d), V + int(rng.integers(1, 5)), label="random"))
    return out


def resize_bad_cases(rng):
    return [
        bad(table(rng, 5, 3), 3, why="new_V = 3 < V = 5: shrinking would silently drop the last two tokens"),
        bad(table(rng, 4, 2), 0, why="new_V = 0"),
        bad(table(rng, 4, 2), 6.0, why="new_V = 6.0 is a float"),
        bad(table(rng, 4, 2), True, why="new_V = True is a bool"),
        bad(table(rng, 6), 8, why="E is 1-D, not a (V, d) table"),
        bad(table(rng, 2, 3, 4), 5, why="E is 3-D, not a (V, d) table"),
    ]


def _grow(E, new_V, fill):
    E = np.asarray(E, dtype=np.float64)
    k = int(new_V) - E.shape[0]
    return np.vstack([E, np.tile(fill(E), (k, 1)) if k > 0 else np.empty((0, E.shape[1]))])


def _shrunk(c, got, expected):
    E, new_V = c.args
    return bool(c.raises) and isinstance(got, np.ndarray) and got.ndim == 2 and np.ndim(E) == 2 \
        and got.shape[0] == new_V < np.shape(E)[0]


def _new_rows_wrong(c, got, expected):
    E = np.asarray(c.args[0], dtype=np.float64)
    V = E.shape[0]
    return _is_array(got, expected) and np.allclose(got[:V], E) and not np.allclose(got[V:], expected[V:])


def _is_array(got, expected):
    return isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and got.shape == expected.shape


def _column_means(E, new_V):
    E = np.asarray(E, dtype=np.float64)
    k = int(new_V) - E.shape[0]
    return np.vstack([E, np.tile(E.mean(axis=1), (k, 1))])


RESIZE_MISTAKES = only_where_wrong(
    ref.resize_embeddings,
    Mistake("the new rows are zeros: each new row is the mean of the old rows, E.mean(axis=0)",
            model=lambda E, new_V: _grow(E, new_V, lambda X: np.zeros(X.shape[1]))),
    Mistake("the mean was taken over columns (axis=1, one number per token) instead of over rows (axis=0, one "
            "number per dimension): the new row is E.mean(axis=0), shape (d,)", model=_column_means),
    Mistake("the new rows hold the mean of all entries (one number): each new row is the mean row E.mean(axis=0)",
            model=lambda E, new_V: _grow(E, new_V, lambda X: np.full(X.shape[1], X.mean()))),
    Mistake("the new rows copy the last row: each new row is the mean of the old rows, E.mean(axis=0)",
            model=lambda E, new_V: _grow(E, new_V, lambda X: X[-1])),
    Mistake("the mean was taken after appending zero rows: average the V old rows only",
            model=lambda E, new_V: _grow(E, new_V, lambda X: X.sum(axis=0) / int(new_V))),
    Mistake("shrinking silently: new_V < V must raise ValueError (it would drop the rows of the last tokens)",
            test=_shrunk),
    Mistake("the new rows are not the mean of the old rows (random rows?): each new row is E.mean(axis=0), which "
            "keeps the new tokens' vectors (and logits) typical of the table", test=_new_rows_wrong),
)


# ------------------------------------------------------------------ embedding_shapes


def _es(B, T, V, d, n_positions, **change):
    B, T, V, d, P = int(B), int(T), int(V), int(d), int(n_positions)
    out = {"ids": (B, T), "E": (V, d), "X": (B, T, d), "P": (P, d), "X_plus_P": (B, T, d),
           "lm_head": (V, d), "logits": (B, T, V)}
    out.update({k: f(B, T, V, d, P) for k, f in change.items()})
    return out


def shape_cases(rng):
    out = [
        case(8, 1024, 50257, 768, 1024, label="GPT-2 small, a batch of 8 full-length sequences"),
        case(2, 3, 10, 4, 16, label="B, T, V, d, n_positions all different"),
        case(4, 128, 30522, 384, 512, label="all-MiniLM-L6-v2, sequences of 128 tokens"),
        case(1, 1, 1, 1, 1, label="all ones"),
        case(np.int64(3), np.int32(5), 7, 6, np.int64(5), label="numpy integer sizes, T = n_positions"),
    ]
    for _ in range(3):
        B, T, V, d = (int(v) for v in rng.choice(np.arange(2, 90), size=4, replace=False))
        out.append(case(B, T, V, d, T + int(rng.integers(0, 50)), label="random sizes"))
    return out


def shape_bad_cases(rng):
    return [
        bad(2, 600, 1000, 64, 512, why="T = 600 > n_positions = 512: the position table has no row 512"),
        bad(0, 3, 10, 4, 16, why="B = 0 < 1"),
        bad(2, 3, 10.0, 4, 16, why="V = 10.0 is a float"),
        bad(2, 3, 10, 4, True, why="n_positions = True is a bool, not a size"),
    ]


def _int_tuples(c, got, exp):
    return isinstance(got, dict) and isinstance(exp, dict) and set(got) == set(exp) and any(
        not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())


SHAPE_MISTAKES = (
    Mistake("logits have the model width, (B, T, d): the head scores every vocabulary entry, one logit per token "
            "id, so logits = h @ W_out^T is (B, T, V)",
            model=lambda B, T, V, d, n: _es(B, T, V, d, n, logits=lambda B, T, V, d, P: (B, T, d))),
    Mistake("P has T rows: the table has a row for each of the n_positions positions the model can handle, "
            "(n_positions, d); a sequence of T tokens uses its first T rows, P[:T]",
            model=lambda B, T, V, d, n: _es(B, T, V, d, n, P=lambda B, T, V, d, P: (T, d))),
    Mistake("X has one entry per vocabulary word, (B, T, V): that is the one-hot matrix; the lookup E[ids] "
            "gives one d-dimensional row per token, (B, T, d)",
            model=lambda B, T, V, d, n: _es(B, T, V, d, n, X=lambda B, T, V, d, P: (B, T, V),
                                            X_plus_P=lambda B, T, V, d, P: (B, T, V))),
    Mistake("lm_head is (d, V): it has one row per vocabulary entry like E, (V, d) (that is why it can be tied "
            "to E), and logits = h @ W_out^T",
            model=lambda B, T, V, d, n: _es(B, T, V, d, n, lm_head=lambda B, T, V, d, P: (d, V))),
    Mistake("X_plus_P has the shape of the position table: P[:T] (T, d) broadcasts over the batch, so "
            "X + P[:T] keeps the shape of X, (B, T, d)",
            model=lambda B, T, V, d, n: _es(B, T, V, d, n, X_plus_P=lambda B, T, V, d, P: (T, d))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints", test=_int_tuples),
)


# ------------------------------------------------------------------ quantize_int8

def tie_free(rng, V, d, scale=1.0):
    """A random (V, d) table none of whose entries lands within 1e-6 of a rounding tie (k + 1/2)
    once divided by its row's scale, so every correct way of rounding gives the same codes."""
    for _ in range(200):
        E = rng.normal(0.0, scale, size=(V, d))
        amax = np.abs(E).max(axis=1, keepdims=True)
        x = np.abs(E) / (amax / 127.0)
        if np.all(np.abs(x - np.floor(x) - 0.5) > 1e-6):
            return E
    raise RuntimeError("no tie-free table found")


def quantize_cases(rng):
    zero_row = tie_free(rng, 5, 6)
    zero_row[2] = 0.0
    outlier = tie_free(rng, 4, 8, 0.05)
    outlier[1, 3] = 9.0                       # one large entry: the rest of its row rounds to small codes
    negative_max = tie_free(rng, 3, 5)
    negative_max[0, 4] = -4.0                 # the largest magnitude of row 0 is negative: its code is -127
    rows_apart = tie_free(rng, 4, 6) * np.array([[0.001], [1.0], [50.0], [0.2]])
    out = [
        case(tie_free(rng, 5, 7), label="V = 5, d = 7"),
        case(zero_row, label="row 2 is all zeros (scale 0, codes 0)"),
        case(outlier, label="one outlier entry in row 1"),
        case(negative_max, label="row 0's largest magnitude is negative"),
        case(rows_apart, label="rows of very different sizes: each row has its own scale"),
        case(tie_free(rng, 6, 4).astype(np.float32), label="float32 table"),
        case(tie_free(rng, 3, 5).tolist(), label="nested lists"),
        case(tie_free(rng, 1, 9), label="a single row"),
    ]
    for _ in range(2):
        V, d = (int(v) for v in rng.choice(np.arange(2, 12), size=2, replace=False))
        out.append(case(tie_free(rng, V, d, float(rng.uniform(0.1, 3))), label="random"))
    return out


def quantize_bad_cases(rng):
    nan = tie_free(rng, 3, 4)
    nan[1, 2] = np.nan
    return [
        bad(rng.normal(size=6), why="E is 1-D, not a (V, d) table"),
        bad(rng.normal(size=(2, 3, 4)), why="E is 3-D, not a (V, d) table"),
        bad(nan, why="E contains NaN, which has no int8 code"),
    ]


def _q(E, scale_of, rounding=np.round, clip=True, dtype=np.int8):
    E = np.asarray(E, dtype=np.float64)
    scale = scale_of(E)
    safe = np.where(scale > 0, scale, 1.0)
    x = rounding(E / safe.reshape(-1, 1) if np.ndim(scale) == 1 and len(scale) == len(E) else E / safe)
    if clip:
        x = np.clip(x, -127, 127)
    with np.errstate(invalid="ignore"):
        return x.astype(dtype), scale


def _row_absmax(E, divisor=127.0):
    return np.abs(E).max(axis=1) / divisor


def _int8_dtype(c, got, expected):
    if isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], np.ndarray) and got[0].dtype != np.int8:
        return (f"q has dtype {got[0].dtype}: store the codes as np.int8 (1 byte a value), "
                "e.g. np.round(...).astype(np.int8)")
    return None


def _wrapped_128(E):
    """Codes with the scale max|E|/128: the largest entry becomes 128, which int8 wraps to -128."""
    E = np.asarray(E, dtype=np.float64)
    scale = _row_absmax(E, 128.0)
    safe = np.where(scale > 0, scale, 1.0)
    x = np.round(E / safe[:, None]).astype(np.int64)
    return ((x + 128) % 256 - 128).astype(np.int8), scale


def _zero_row_nan(c, got, expected):
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(expected, tuple)):
        return False
    s_got, s_exp = np.asarray(got[1], dtype=np.float64), expected[1]
    if s_got.shape != s_exp.shape:
        return False
    zero = s_exp == 0
    return bool(zero.any()) and (np.isnan(s_got[zero]).any() or np.isinf(s_got[zero]).any()
                                 or (np.asarray(got[0])[zero] != 0).any())


def _not_float_q(c, got, expected):
    return isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], np.ndarray) \
        and np.issubdtype(got[0].dtype, np.floating)


QUANTIZE_MISTAKES = only_where_wrong(
    ref.quantize_int8,
    Mistake("one scale for the whole table: this exercise asks for one scale per row, max |E[v]| / 127, so that a "
            "row of small numbers keeps its precision next to a row with an outlier",
            model=lambda E: _q(E, lambda X: np.full(len(X), np.abs(X).max() / 127.0))),
    Mistake("the codes were truncated (astype(np.int8) cuts toward zero): round first, np.round(E / scale)",
            model=lambda E: _q(E, _row_absmax, rounding=lambda x: x)),
    Mistake("the scale is max|E[v]| / 128: the largest entry becomes 128, which does not fit in int8 and wraps "
            "around to -128; divide by 127 (codes -127..127)", model=_wrapped_128),
    Mistake("the scale was taken over the range 255 (uint8): int8 codes are symmetric, -127..127, so "
            "scale = max|E[v]| / 127", model=lambda E: _q(E, lambda X: _row_absmax(X, 255.0))),
    Mistake("scale holds the multiplier 127 / max|E[v]|: return the step size max|E[v]| / 127, so that "
            "q * scale[:, None] gives the table back",
            model=lambda E: (_q(E, _row_absmax)[0],
                             np.divide(127.0, np.abs(np.asarray(E, dtype=np.float64)).max(axis=1),
                                       out=np.zeros(len(np.asarray(E))),
                                       where=np.abs(np.asarray(E, dtype=np.float64)).max(axis=1) > 0))),
    Mistake("the scale is max E[v] (the largest value, not the largest magnitude): a row whose largest magnitude "
            "is negative overflows; use np.abs(E).max(axis=1)",
            model=lambda E: _q(E, lambda X: X.max(axis=1) / 127.0, clip=False)),
    Mistake("a zero row: its scale is 0 and its codes must be 0 (dividing by a zero scale gives NaN, whose int8 "
            "code is undefined)", test=_zero_row_nan),
    Mistake("q holds floats: the codes are integers stored as np.int8", test=_not_float_q),
)


# ------------------------------------------------------------------ migrate_embeddings

OLD = ["the", "cat", "sat", "on", "mat", "dog", "ran", "<pad>"]


def migrate_cases(rng):
    d = 5
    E8 = table(rng, 8, d)
    reordered = ["<pad>", "the", "dog", "cat", "on", "sat", "ran", "mat"]
    grown = ["the", "cat", "sat", "on", "mat", "dog", "ran", "<pad>", "<user>", "<bot>"]
    mixed = ["<pad>", "the", " the", "cats", "cat", "dog", "ran", "The", "mat", "ed"]
    shrunk = ["mat", "cat", "the"]
    out = [
        case(E8, OLD, reordered, label="the same strings in another order"),
        case(E8, OLD, grown, label="two new tokens appended"),
        case(E8, OLD, mixed, label="merges and new pieces: ' the', 'cats', 'The' and 'ed' are not in old_vocab"),
        case(E8, OLD, shrunk, label="a smaller new vocabulary"),
        case(E8, OLD, list(OLD), label="an unchanged tokenizer: the table comes back as it was"),
        case(E8.astype(np.float32), tuple(OLD), tuple(reversed(OLD)), label="float32 table, tuples of strings"),
        case(as_lists(E8), OLD, ["<new>", "dog", "cat"], label="nested lists"),
        case(table(rng, 3, 4), ["a", "b", "c"], ["x", "y"], label="no string in common: every row is the mean row"),
    ]
    words = [f"w{i}" for i in range(30)]
    for _ in range(2):
        V = int(rng.integers(5, 12))
        old = [words[i] for i in rng.permutation(30)[:V]]
        new = [words[i] for i in rng.permutation(30)[:int(rng.integers(4, 14))]]
        out.append(case(table(rng, V, int(rng.integers(2, 7))), old, new, label="random vocabularies"))
    return out


def migrate_bad_cases(rng):
    return [
        bad(table(rng, 8, 4), OLD[:7], OLD, why="old_vocab has 7 strings but E_old has 8 rows"),
        bad(table(rng, 8), OLD, OLD, why="E_old is 1-D, not a (V, d) table"),
        bad(table(rng, 8, 4), OLD, ["cat", "dog", "cat"], why="new_vocab holds 'cat' twice (one id per string)"),
        bad(table(rng, 8, 4), OLD[:7] + ["cat"], OLD, why="old_vocab holds 'cat' twice: which row is cat's?"),
    ]


def _migrate(E_old, old_vocab, new_vocab, fill="mean", key=lambda t: t, swap=False):
    E = np.asarray(E_old, dtype=np.float64)
    rows = {key(t): i for i, t in reversed(list(enumerate(old_vocab)))}
    fills = {"mean": E.mean(axis=0), "zeros": np.zeros(E.shape[1])}
    if fill == "matched mean":
        hit = [rows[key(t)] for t in new_vocab if key(t) in rows]
        fills[fill] = E[hit].mean(axis=0) if hit else np.zeros(E.shape[1])
    out = np.empty((len(new_vocab), E.shape[1]))
    for i, t in enumerate(new_vocab):
        out[i] = E[rows[key(t)]] if key(t) in rows else fills[fill]
    return out


def _by_id(E_old, old_vocab, new_vocab):
    """Row i of the old table kept for new id i: ids now mean other strings."""
    E = np.asarray(E_old, dtype=np.float64)
    n = len(new_vocab)
    out = np.tile(E.mean(axis=0), (n, 1))
    out[:min(n, len(E))] = E[:n]
    return out


def _swapped(E_old, old_vocab, new_vocab):
    """The loop over old_vocab that writes old row new_vocab.index(token) to row j: the two lookups swapped."""
    E = np.asarray(E_old, dtype=np.float64)
    new_vocab = list(new_vocab)
    out = np.tile(E.mean(axis=0), (len(new_vocab), 1))
    for j, token in enumerate(old_vocab):
        if token in new_vocab:
            out[j] = E[new_vocab.index(token)]
    return out


MIGRATE_MISTAKES = only_where_wrong(
    ref.migrate_embeddings,
    Mistake("rows were kept by id (row i of E_old for new id i): after a tokenizer change id i means another "
            "string; look every new string up in old_vocab and copy that row", model=_by_id),
    Mistake("source and destination swapped: row new_vocab.index(token) must receive E_old[old_vocab.index(token)] "
            "(loop over new_vocab and find each string in old_vocab)", model=_swapped),
    Mistake("the new tokens' rows are zeros: start them at the mean of the old rows, as resize_embeddings does",
            model=lambda E, o, n: _migrate(E, o, n, fill="zeros")),
    Mistake("the new tokens' rows are the mean of the matched rows only: use the mean of all rows of E_old, as "
            "resize_embeddings does", model=lambda E, o, n: _migrate(E, o, n, fill="matched mean")),
    Mistake("strings were matched after lower-casing or stripping: 'The', ' the' and 'the' are different tokens "
            "with different ids; match strings exactly",
            model=lambda E, o, n: _migrate(E, o, n, key=lambda t: t.strip().lower())),
)


SPECS = specs_by_name(
    Spec("embedding_shapes", "embedding_shapes", ref.embedding_shapes, shape_cases, seed=1000,
         mistakes=SHAPE_MISTAKES),
    Spec("embedding_shapes_invalid", "embedding_shapes", ref.embedding_shapes, shape_bad_cases, seed=1009,
         mistakes=SHAPE_MISTAKES),
    Spec("embedding_params", "embedding_params", ref.embedding_params, params_cases, seed=1001,
         mistakes=PARAMS_MISTAKES),
    Spec("embedding_params_invalid", "embedding_params", ref.embedding_params, params_bad_cases, seed=1002,
         mistakes=PARAMS_MISTAKES),
    Spec("model_embedding_params_values", "model_embedding_params", ref.model_embedding_params, model_cases,
         seed=1011, mistakes=MODEL_MISTAKES),
    Spec("model_embedding_params_invalid", "model_embedding_params", ref.model_embedding_params, model_bad_cases,
         seed=1012, mistakes=MODEL_MISTAKES),
    Spec("embedding_memory_bytes_values", "embedding_memory_bytes", ref.embedding_memory_bytes, memory_cases,
         seed=1021, mistakes=MEMORY_MISTAKES),
    Spec("embedding_memory_bytes_invalid", "embedding_memory_bytes", ref.embedding_memory_bytes, memory_bad_cases,
         seed=1022, mistakes=MEMORY_MISTAKES),
    Spec("resize_embeddings_values", "resize_embeddings", ref.resize_embeddings, resize_cases, seed=1031,
         mistakes=RESIZE_MISTAKES),
    Spec("resize_embeddings_invalid", "resize_embeddings", ref.resize_embeddings, resize_bad_cases, seed=1032,
         mistakes=RESIZE_MISTAKES),
    Spec("quantize_int8_values", "quantize_int8", ref.quantize_int8, quantize_cases, seed=1041,
         mistakes=QUANTIZE_MISTAKES, verify=_int8_dtype),
    Spec("quantize_int8_invalid", "quantize_int8", ref.quantize_int8, quantize_bad_cases, seed=1042,
         mistakes=QUANTIZE_MISTAKES),
    Spec("migrate_embeddings_values", "migrate_embeddings", ref.migrate_embeddings, migrate_cases, seed=1051,
         mistakes=MIGRATE_MISTAKES),
    Spec("migrate_embeddings_invalid", "migrate_embeddings", ref.migrate_embeddings, migrate_bad_cases, seed=1052,
         mistakes=MIGRATE_MISTAKES),
)
