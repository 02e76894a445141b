"""Hidden checks for 07_sinusoidal."""
from __future__ import annotations

import inspect

import numpy as np

from .. import a07_sinusoidal as ref
from .. import validate
from .harness import only_where_wrong, Mistake, Spec, bad, case, specs_by_name


# ------------------------------------------------------------ mistake models
# Each model is what a known mistaken implementation returns (or raises) on a
# valid input; the harness names the mistake when a model reproduces the answer.

def _exponent_2i(d):
    return np.arange(0, d, 2, dtype=np.float64) / d


def _freq_positive(d, base=10000.0):
    return float(base) ** _exponent_2i(d)


def _freq_i_over_d(d, base=10000.0):
    return float(base) ** -(np.arange(d // 2, dtype=np.float64) / d)


def _freq_linspace(d, base=10000.0):
    half = d // 2
    return float(base) ** -(np.arange(half, dtype=np.float64) / (half - 1)) if half > 1 else np.ones(1)


def _freq_start_at_1(d, base=10000.0):
    return float(base) ** -(np.arange(2, d + 2, 2, dtype=np.float64) / d)


def _freq_per_column(d, base=10000.0):
    return float(base) ** -(np.arange(d, dtype=np.float64) / d)


def _freq_per_column_paired(d, base=10000.0):
    return np.repeat(ref.sinusoidal_frequencies(d, base), 2)


def _freq_hardcoded(d, base=10000.0):
    return ref.sinusoidal_frequencies(d, 10000.0)


def _freq_wavelengths(d, base=10000.0):
    return 2 * np.pi / ref.sinusoidal_frequencies(d, base)


def _freq_cycles(d, base=10000.0):
    return ref.sinusoidal_frequencies(d, base) / (2 * np.pi)


def _angles(T, w):
    return np.arange(T, dtype=np.float64)[:, None] * np.asarray(w)[None, :]


def _interleave(first, second):
    T, half = first.shape
    out = np.empty((T, 2 * half))
    out[:, 0::2], out[:, 1::2] = first, second
    return out


def _encoding_from(freqs):
    """The interleaved encoding built on mistaken frequencies."""
    def model(T, d, base=10000.0):
        a = _angles(T, freqs(d, base))
        return _interleave(np.sin(a), np.cos(a))
    return model


def _enc_concat(T, d, base=10000.0):
    a = _angles(T, ref.sinusoidal_frequencies(d, base))
    return np.concatenate([np.sin(a), np.cos(a)], axis=1)


def _enc_concat_cos_first(T, d, base=10000.0):
    a = _angles(T, ref.sinusoidal_frequencies(d, base))
    return np.concatenate([np.cos(a), np.sin(a)], axis=1)


def _enc_tensor2tensor(T, d, base=10000.0):
    a = _angles(T, _freq_linspace(d, base))
    return np.concatenate([np.sin(a), np.cos(a)], axis=1)


def _enc_j_over_d(T, d, base=10000.0):
    a = _angles(T, _freq_per_column(d, base))       # column j uses base^(-j/d)
    out = np.sin(a)
    out[:, 1::2] = np.cos(a[:, 1::2])
    return out


def _enc_swapped(T, d, base=10000.0):
    a = _angles(T, ref.sinusoidal_frequencies(d, base))
    return _interleave(np.cos(a), np.sin(a))


def _enc_from_1(T, d, base=10000.0):
    return ref.sinusoidal_encoding(T + 1, d, base)[1:]


def _enc_transposed(T, d, base=10000.0):
    return ref.sinusoidal_encoding(T, d, base).T


def _enc_sin_only(T, d, base=10000.0):
    a = _angles(T, _freq_per_column_paired(d, base))
    return np.sin(a)


def _enc_wavelength(T, d, base=10000.0):
    a = _angles(T, _freq_positive(d, base))
    return _interleave(np.sin(a), np.cos(a))


def _shift_from(freqs, sign=1.0, layout="interleaved"):
    def model(k, d, base=10000.0):
        w = freqs(d, base)
        c, s = np.cos(k * w), sign * np.sin(k * w)
        half = w.size
        m = np.zeros((2 * half, 2 * half))
        if layout == "interleaved":
            a, b = np.arange(0, 2 * half, 2), np.arange(1, 2 * half, 2)
        else:
            a, b = np.arange(half), np.arange(half, 2 * half)
        m[a, a], m[a, b], m[b, a], m[b, b] = c, s, -s, c
        return m
    return model


def _shift_negative_rejected(k, d, base=10000.0):
    if k < 0:
        raise ValueError("k must be >= 0")
    return ref.shift_matrix(k, d, base)


def _shift_same_angle(k, d, base=10000.0):
    return _shift_from(lambda d_, b_: np.ones(d_ // 2))(k, d, base)


def _float32_result(c, got, expected):
    return (isinstance(got, np.ndarray) and got.dtype != np.float64 and got.shape == np.shape(expected)
            and np.allclose(got, expected, rtol=1e-4, atol=1e-5))


# Mistake names: what the student did, then what the contract wants.
FREQ_POSITIVE = ("the exponent's sign is flipped: base^(+2i/d) grows, but the frequencies must fall, "
                 "w_i = base^(-2i/d) (1, then smaller and smaller)")
FREQ_I_OVER_D = ("exponent i/d instead of 2i/d: with i = 0 .. d/2-1 your exponents stop near 1/2; the "
                 "contract's are 2i/d, so the last frequency is base^(-(d-2)/d), close to 1/base")
FREQ_LINSPACE = ("the exponents run from 0 to exactly 1 (spacing log(base)/(d/2 - 1), as in tensor2tensor "
                 "or diffusion time embeddings): the contract's exponents are 2i/d, the last is (d-2)/d")
FREQ_START_1 = "i starts at 1: the first pair has i = 0, so w_0 = base^0 = 1"
FREQ_PER_COLUMN = ("one frequency per column (d of them, exponent j/d): there is one frequency per "
                   "(sin, cos) pair, shape (d/2,), exponent 2i/d")
FREQ_PAIRED = ("each frequency was repeated for the sin and the cos column: return one per pair, "
               "shape (d/2,)")
FREQ_BASE = "the base argument was ignored (10000 hard-coded): use the base that is passed"
FREQ_WAVELENGTH = "wavelengths 2*pi/w_i were returned instead of the angular frequencies w_i = base^(-2i/d)"
FREQ_CYCLES = ("the frequencies were divided by 2*pi: w_i is an angular frequency, "
               "the angle of position p is p * w_i")
FLOAT32 = "the result is float32: return float64 (compute in float64 or convert with .astype(np.float64))"

ENC_CONCAT = ("sin and cos halves concatenated instead of interleaved: column 2i holds sin(p w_i) and "
              "column 2i+1 holds cos(p w_i), so sin and cos alternate")
ENC_CONCAT_COS = ("cos half then sin half concatenated: the contract interleaves, column 2i = sin(p w_i), "
                  "column 2i+1 = cos(p w_i)")
ENC_T2T = ("this is tensor2tensor's timing signal (sin half, then cos half, exponents from 0 to 1): the "
           "contract interleaves sin and cos and uses w_i = base^(-2i/d)")
ENC_J_OVER_D = ("exponent j/d instead of 2i/d (base^(-j/d) per column j): the sin column 2i and the cos "
                "column 2i+1 share one frequency, w_i = base^(-2i/d)")
ENC_SWAPPED = "sin and cos swapped: even columns (2i) hold sin(p w_i), odd columns (2i+1) hold cos(p w_i)"
ENC_FROM_1 = "positions start at 1: the first row is position p = 0, so PE[0] = [0, 1, 0, 1, ...]"
ENC_TRANSPOSED = "the result is transposed: one row per position, shape (T, d)"
ENC_SIN_ONLY = "only sin was used: the odd columns hold cos(p w_i)"
ENC_WAVELENGTH = ("the angle is p * base^(+2i/d) (exponent sign flipped): the frequencies fall, "
                  "w_i = base^(-2i/d)")

SHIFT_SIGN = ("the rotation's sign is flipped (the textbook [[cos, -sin], [sin, cos]] is for (cos, sin) "
              "pairs; here a pair is (sin, cos), so the block is [[cos k w_i, sin k w_i], "
              "[-sin k w_i, cos k w_i]]): your matrix is the transpose, the map for -k")
SHIFT_HALF = ("the blocks are placed for the half-split layout (column i paired with i + d/2): this "
              "encoding interleaves, so pair i occupies rows and columns 2i and 2i+1")
SHIFT_SAME = "every pair was turned by the angle k: pair i turns by k * w_i, with w_i = base^(-2i/d)"
SHIFT_NEGATIVE = "negative k was rejected: k < 0 shifts back (shift_matrix(-k) is the inverse) and is allowed"

ODD_ACCEPTED = ("an odd d was accepted (silently truncated or padded): the coordinates come in (sin, cos) "
                "pairs, so an odd d must raise ValueError naming d")
ODD_CRASHED = ("an odd d crashed inside the computation (an index out of range): check d first and raise "
               "ValueError naming d")


FREQ_MISTAKES = (
    Mistake(FREQ_POSITIVE, model=_freq_positive),
    Mistake(FREQ_I_OVER_D, model=_freq_i_over_d),
    Mistake(FREQ_LINSPACE, model=_freq_linspace),
    Mistake(FREQ_START_1, model=_freq_start_at_1),
    Mistake(FREQ_PER_COLUMN, model=_freq_per_column),
    Mistake(FREQ_PAIRED, model=_freq_per_column_paired),
    Mistake(FREQ_BASE, model=_freq_hardcoded),
    Mistake(FREQ_WAVELENGTH, model=_freq_wavelengths),
    Mistake(FREQ_CYCLES, model=_freq_cycles),
    Mistake(FLOAT32, test=_float32_result),
)
FREQ_MISTAKES = only_where_wrong(ref.sinusoidal_frequencies, *FREQ_MISTAKES)

ENC_MISTAKES = (
    Mistake(ENC_CONCAT, model=_enc_concat),
    Mistake(ENC_CONCAT_COS, model=_enc_concat_cos_first),
    Mistake(ENC_T2T, model=_enc_tensor2tensor),
    Mistake(ENC_J_OVER_D, model=_enc_j_over_d),
    Mistake(ENC_SWAPPED, model=_enc_swapped),
    Mistake(ENC_FROM_1, model=_enc_from_1),
    Mistake(ENC_TRANSPOSED, model=_enc_transposed),
    Mistake(ENC_SIN_ONLY, model=_enc_sin_only),
    Mistake(ENC_WAVELENGTH, model=_enc_wavelength),
    Mistake(FREQ_I_OVER_D, model=_encoding_from(_freq_i_over_d)),
    Mistake(FREQ_LINSPACE, model=_encoding_from(_freq_linspace)),
    Mistake(FREQ_START_1, model=_encoding_from(_freq_start_at_1)),
    Mistake(FREQ_BASE, model=_encoding_from(_freq_hardcoded)),
    Mistake(FREQ_CYCLES, model=_encoding_from(_freq_cycles)),
    Mistake(FLOAT32, test=_float32_result),
)
ENC_MISTAKES = only_where_wrong(ref.sinusoidal_encoding, *ENC_MISTAKES)

SHIFT_MISTAKES = (
    Mistake(SHIFT_SIGN, model=_shift_from(ref.sinusoidal_frequencies, sign=-1.0)),
    Mistake(SHIFT_HALF, model=_shift_from(ref.sinusoidal_frequencies, layout="half")),
    Mistake(SHIFT_SIGN + "; and " + SHIFT_HALF,
            model=_shift_from(ref.sinusoidal_frequencies, sign=-1.0, layout="half")),
    Mistake(SHIFT_SAME, model=_shift_same_angle),
    Mistake(SHIFT_NEGATIVE, model=_shift_negative_rejected),
    Mistake(FREQ_POSITIVE, model=_shift_from(_freq_positive)),
    Mistake(FREQ_I_OVER_D, model=_shift_from(_freq_i_over_d)),
    Mistake(FREQ_LINSPACE, model=_shift_from(_freq_linspace)),
    Mistake(FREQ_BASE, model=_shift_from(_freq_hardcoded)),
    Mistake(FLOAT32, test=_float32_result),
)
SHIFT_MISTAKES = only_where_wrong(ref.shift_matrix, *SHIFT_MISTAKES)


def _bind(fn, args, kwargs) -> dict:
    return dict(zip(inspect.signature(fn).parameters, args), **kwargs)


def _odd_d(values) -> bool:
    d = values.get("d")
    return validate.is_integer(d) and d > 0 and d % 2 == 1


def _odd_freqs(d, base, count):
    """What code written for even d gives for an odd d: `count` frequencies with 2i/d exponents."""
    return float(base) ** -(2 * np.arange(count, dtype=np.float64) / d)


def _odd_tolerant(fn, variant):
    """The reference, except that an odd d is silently truncated or padded (several ways students do it)."""
    def model(*args, **kwargs):
        values = _bind(fn, args, kwargs)
        if not _odd_d(values):
            return fn(**values)
        d, base = values["d"], values.get("base", 10000.0)
        if fn is ref.sinusoidal_frequencies:
            return _odd_freqs(d, base, d // 2 if variant == "down" else (d + 1) // 2)
        if fn is ref.sinusoidal_encoding:
            a = _angles(values["T"], _odd_freqs(d, base, (d + 1) // 2))
            full = _interleave(np.sin(a), np.cos(a))
            return full[:, : d - 1] if variant == "down" else full[:, :d] if variant == "cut" else full
        if variant == "up":
            return ref.shift_matrix(values["k"], d + 1, base)
        w = _odd_freqs(d, base, d // 2)
        m = np.zeros((d, d))
        m[: d - 1, : d - 1] = _shift_from(lambda d_, b_: w)(values["k"], d - 1)
        if variant == "cut":
            m[d - 1, d - 1] = 1.0
        return m
    return model


def _odd_crashes(fn):
    """The reference, except that an odd d ends in an IndexError (a loop that writes column 2i + 1 = d)."""
    def model(*args, **kwargs):
        if _odd_d(_bind(fn, args, kwargs)):
            raise IndexError("index out of bounds")
        return fn(*args, **kwargs)
    return model


def _types_lenient(fn):
    """The reference after int() of float and bool sizes: what code without type checks returns."""
    def model(*args, **kwargs):
        values = _bind(fn, args, kwargs)
        for name in ("T", "d", "k"):
            v = values.get(name)
            if isinstance(v, (bool, float, np.bool_, np.floating)):
                values[name] = int(v)
        return fn(**values)
    return model


def _base_lenient(fn):
    """The formula applied to any base: infinite or NaN entries for base <= 0."""
    def model(*args, **kwargs):
        values = _bind(fn, args, kwargs)
        base = values.pop("base", 10000.0)
        if float(base) > 0:
            return fn(**values, base=base)
        d = validate.even_size(values["d"], "d")
        w = float(base) ** -(np.arange(0, d, 2) / d)
        if fn is ref.sinusoidal_frequencies:
            return w
        if fn is ref.sinusoidal_encoding:
            a = _angles(validate.size(values["T"], "T"), w)
            return _interleave(np.sin(a), np.cos(a))
        return _shift_from(lambda d_, b_: w)(values["k"], d)
    return model


TYPES_ACCEPTED = ("a float or bool was accepted where an integer is needed (6.0 and True are not integers here): "
                  "raise ValueError")
BASE_ACCEPTED = ("base <= 0 was accepted: base must be a number > 0 (base^(-2i/d) is infinite for base = 0 "
                 "and not a real number for base < 0)")


T_ACCEPTED = "T < 1 was accepted (an empty table came back): T counts positions and must be >= 1"


def _empty_table(T, d, base=10000.0):
    if validate.is_integer(T) and T < 1:
        return np.zeros((0, int(d)))
    return ref.sinusoidal_encoding(T, d, base)


def _invalid_mistakes(fn):
    extra = (Mistake(T_ACCEPTED, model=_empty_table),) if fn is ref.sinusoidal_encoding else ()
    return extra + (
        Mistake(ODD_ACCEPTED, model=_odd_tolerant(fn, "down")),
        Mistake(ODD_ACCEPTED, model=_odd_tolerant(fn, "up")),
        Mistake(ODD_ACCEPTED, model=_odd_tolerant(fn, "cut")),
        Mistake(ODD_CRASHED, model=_odd_crashes(fn)),
        Mistake(TYPES_ACCEPTED, model=_types_lenient(fn)),
        Mistake(BASE_ACCEPTED, model=_base_lenient(fn)),
    )


# ------------------------------------------------------- sinusoidal_frequencies

def freq_cases(rng):
    fixed = [
        case(8, label="d = 8: w = 10000^(-2i/8) = [1, 0.1, 0.01, 0.001]"),
        case(6, base=100.0, label="base = 100"),
        case(2, label="d = 2: a single pair, w = [1]"),
        case(12, 500.0, label="base passed by position"),
        case(384, label="d = 384 (all-MiniLM-L6-v2)"),
        case(512, label="d = 512 (Vaswani et al.)"),
        case(np.int64(10), base=np.float32(50.0), label="numpy integer d, float32 base"),
        case(16, base=10000, label="an int base"),
    ]
    rand = []
    for _ in range(4):
        d = 2 * int(rng.integers(2, 40))
        base = float(np.round(rng.uniform(2.0, 2.0e4), 1))
        rand.append(case(d, base=base, label="random d and base"))
    return fixed + rand


def freq_bad_cases(rng):
    return [
        bad(7, why="d = 7 is odd: the coordinates come in (sin, cos) pairs"),
        bad(1, why="d = 1 is odd"),
        bad(0, why="d = 0 < 1"),
        bad(-4, why="d = -4 < 1"),
        bad(6.0, why="d = 6.0 is a float, not an integer"),
        bad(True, why="d = True is a bool"),
        bad(6, base=0.0, why="base = 0 (the frequencies would be infinite)"),
        bad(6, base=-10000.0, why="base = -10000 < 0 (fractional powers of a negative number are not real)"),
    ]


# -------------------------------------------------------- sinusoidal_encoding

def enc_cases(rng):
    fixed = [
        case(5, 8, label="T = 5, d = 8"),
        case(7, 6, base=100.0, label="base = 100"),
        case(1, 2, label="a single position, a single pair"),
        case(50, 16, label="T = 50 > d = 16"),
        case(3, 20, label="T = 3 < d = 20"),
        case(np.int64(9), np.int32(10), label="numpy integer sizes"),
        case(64, 12, 50.0, label="base passed by position"),
        case(200, 24, label="T = 200: the slow pairs matter"),
    ]
    rand = []
    for _ in range(4):
        T = int(rng.integers(2, 80))
        d = 2 * int(rng.integers(1, 20))
        if d == T:
            d += 2
        base = float(np.round(rng.uniform(2.0, 2.0e4), 1))
        rand.append(case(T, d, base=base, label="random T, d and base"))
    return fixed + rand


def enc_structure_cases(rng):
    return [
        case(5, 8, label="T = 5, d = 8"),
        case(9, 6, base=100.0, label="T = 9, d = 6, base = 100"),
        case(3, 10, label="T = 3 < d = 10"),
        case(40, 4, label="T = 40 > d = 4"),
    ]


def _row(values) -> str:
    return np.array2string(np.asarray(values), precision=3, separator=", ", suppress_small=True, threshold=12,
                           edgeitems=4)


def enc_structure(c, got, expected):
    """Shape and dtype first, then one property at a time, each with its own explanation."""
    T, d = expected.shape
    if not isinstance(got, np.ndarray):
        return f"expected a numpy array of shape (T, d) = ({T}, {d}), got {type(got).__name__}"
    if got.shape != (T, d):
        hint = " (transposed? one row per position p, one column per coordinate)" if got.shape == (d, T) else ""
        return f"PE has one row per position and one column per coordinate: shape (T, d) = ({T}, {d}), " \
               f"got {got.shape}{hint}"
    if got.dtype != np.float64:
        return f"expected dtype float64, got {got.dtype}"
    if not np.all(np.isfinite(got)):
        return "the result contains NaN or inf: every entry is a sine or cosine, between -1 and 1"
    zero_row = np.tile([0.0, 1.0], d // 2)
    if not np.allclose(got[0], zero_row, atol=1e-9):
        hint = ""
        if np.allclose(got[0], 1 - zero_row, atol=1e-9):
            hint = " (sin and cos swapped?)"
        elif np.allclose(got[0], np.repeat([0.0, 1.0], d // 2), atol=1e-9):
            hint = " (sin and cos halves concatenated? they alternate: column 2i is sin, column 2i+1 is cos)"
        elif np.allclose(got[0], np.repeat([1.0, 0.0], d // 2), atol=1e-9):
            hint = " (cos and sin halves concatenated? they alternate: column 2i is sin, column 2i+1 is cos)"
        elif T > 1 and np.allclose(got[0], expected[1], atol=1e-9):
            hint = " (positions start at 1? the first row is position p = 0)"
        return (f"row 0 is position p = 0: sin(0) = 0 in the even columns and cos(0) = 1 in the odd columns, "
                f"so PE[0] = {_row(zero_row)}; got {_row(got[0])}{hint}")
    radius = got[:, 0::2] ** 2 + got[:, 1::2] ** 2
    if not np.allclose(radius, 1.0, atol=1e-9):
        p, i = (int(v) for v in np.unravel_index(np.argmax(np.abs(radius - 1.0)), radius.shape))
        return (f"columns 2i and 2i+1 hold sin and cos of the same angle p * w_i, so "
                f"PE[p, 2i]^2 + PE[p, 2i+1]^2 = 1 for every pair; at p = {p}, pair i = {i} (columns {2 * i} "
                f"and {2 * i + 1}) it is {radius[p, i]:.6g} (halves concatenated, or a different frequency "
                f"for the cos column?)")
    col0 = np.sin(np.arange(T, dtype=np.float64))
    if not np.allclose(got[:, 0], col0, atol=1e-9):
        return (f"column 0 is sin(p * w_0) with w_0 = base^0 = 1, so [sin 0, sin 1, sin 2, ...] = {_row(col0)}; "
                f"got {_row(got[:, 0])}")
    return None


def enc_bad_cases(rng):
    return [
        bad(4, 7, why="d = 7 is odd: the coordinates come in (sin, cos) pairs"),
        bad(3, 1, why="d = 1 is odd"),
        bad(5, 0, why="d = 0 < 1"),
        bad(0, 6, why="T = 0 < 1"),
        bad(-3, 6, why="T = -3 < 1"),
        bad(5.0, 6, why="T = 5.0 is a float, not an integer"),
        bad(5, 6.0, why="d = 6.0 is a float, not an integer"),
        bad(5, True, why="d = True is a bool"),
        bad(5, 6, base=0.0, why="base = 0"),
    ]


# ---------------------------------------------------------------- shift_matrix

def shift_cases(rng):
    fixed = [
        case(1, 4, label="k = 1, d = 4"),
        case(3, 8, label="k = 3, d = 8"),
        case(-2, 6, label="negative k = -2: shift back"),
        case(0, 6, label="k = 0: the identity"),
        case(5, 6, base=100.0, label="base = 100"),
        case(np.int64(7), np.int32(10), label="numpy integer k and d"),
        case(100, 16, label="k = 100, d = 16"),
        case(-37, 12, 500.0, label="negative k, base passed by position"),
        case(2, 2, label="d = 2: a single 2x2 block"),
    ]
    rand = []
    for _ in range(4):
        k = int(rng.integers(-60, 61))
        d = 2 * int(rng.integers(2, 11))
        base = float(np.round(rng.uniform(2.0, 2.0e4), 1))
        rand.append(case(k, d, base=base, label="random k, d and base"))
    return fixed + rand


def shift_bad_cases(rng):
    return [
        bad(1, 7, why="d = 7 is odd: there is no 2x2 block for the last coordinate"),
        bad(1, 0, why="d = 0 < 1"),
        bad(2, -4, why="d = -4 < 1"),
        bad(1, 4.0, why="d = 4.0 is a float, not an integer"),
        bad(True, 4, why="k = True is a bool, not an integer shift"),
        bad(1, 4, base=-1.0, why="base = -1 < 0"),
    ]


# ---------------------------------------------------------------- sinusoidal_shapes


def _ss(B, T, d, **change):
    B, T, d = int(B), int(T), int(d)
    out = {"w": (d // 2,), "angles": (T, d // 2), "PE": (T, d), "X": (B, T, d), "X_plus_PE": (B, T, d),
           "M": (d, d)}
    out.update({k: f(B, T, d) for k, f in change.items()})
    return out


def shape_cases(rng):
    out = [
        case(2, 5, 8, label="B=2, T=5, d=8"),
        case(8, 512, 512, label="the Transformer base model: d = 512, T = 512, a batch of 8"),
        case(1, 1, 2, label="one sequence of one token, d = 2"),
        case(np.int64(3), np.int32(7), 6, label="numpy integer sizes"),
        case(6, 4, 10, label="T < B < d"),
    ]
    for _ in range(3):
        out.append(case(int(rng.integers(1, 20)), int(rng.integers(1, 60)), 2 * int(rng.integers(1, 40)),
                        label="random sizes"))
    return out


def shape_bad_cases(rng):
    return [
        bad(2, 5, 7, why="d = 7 is odd: the coordinates come in (sin, cos) pairs"),
        bad(0, 5, 8, why="B = 0 < 1"),
        bad(2, 5.0, 8, why="T = 5.0 is a float"),
        bad(2, 5, True, why="d = True is a bool, not a size"),
    ]


def _int_tuples(c, got, exp):
    return isinstance(got, dict) and isinstance(exp, dict) and set(got) == set(exp) and any(
        not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())


SHAPE_MISTAKES = (
    Mistake("w has one frequency per coordinate, (d,): the sine and the cosine of a pair share one frequency, "
            "so w is (d/2,) (and angles (T, d/2))",
            model=lambda B, T, d: _ss(B, T, d, w=lambda B, T, d: (d,), angles=lambda B, T, d: (T, d))),
    Mistake("angles has one column per coordinate, (T, d): the angle p w_i is one per position and per pair, "
            "(T, d/2); its sine and cosine fill the two columns of the pair",
            model=lambda B, T, d: _ss(B, T, d, angles=lambda B, T, d: (T, d))),
    Mistake("PE has a batch axis, (B, T, d): the table depends only on the position, not on the sequence; "
            "PE (T, d) broadcasts over the batch when added to X (B, T, d)",
            model=lambda B, T, d: _ss(B, T, d, PE=lambda B, T, d: (B, T, d))),
    Mistake("X_plus_PE has the shape of PE, (T, d): adding PE (T, d) to X (B, T, d) broadcasts over the batch "
            "and keeps the shape of X", model=lambda B, T, d: _ss(B, T, d, X_plus_PE=lambda B, T, d: (T, d))),
    Mistake("M acts on one pair, (2, 2): the shift maps a whole row PE[p] of width d to PE[p + k], so it is "
            "(d, d), with a 2x2 rotation per pair on its diagonal",
            model=lambda B, T, d: _ss(B, T, d, M=lambda B, T, d: (2, 2))),
    Mistake("M is (T, T): it maps one row of PE (width d) to another row, not positions to positions, (d, d)",
            model=lambda B, T, d: _ss(B, T, d, M=lambda B, T, d: (T, T))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints", test=_int_tuples),
)


SPECS = specs_by_name(
    Spec("sinusoidal_shapes", "sinusoidal_shapes", ref.sinusoidal_shapes, shape_cases, seed=700,
         mistakes=SHAPE_MISTAKES),
    Spec("sinusoidal_shapes_invalid", "sinusoidal_shapes", ref.sinusoidal_shapes, shape_bad_cases, seed=709,
         mistakes=SHAPE_MISTAKES),
    Spec("sinusoidal_frequencies_values", "sinusoidal_frequencies", ref.sinusoidal_frequencies, freq_cases,
         seed=701, mistakes=FREQ_MISTAKES),
    Spec("sinusoidal_frequencies_invalid", "sinusoidal_frequencies", ref.sinusoidal_frequencies, freq_bad_cases,
         seed=702, mistakes=_invalid_mistakes(ref.sinusoidal_frequencies) + FREQ_MISTAKES),
    Spec("sinusoidal_encoding_structure", "sinusoidal_encoding", ref.sinusoidal_encoding, enc_structure_cases,
         seed=711, mistakes=ENC_MISTAKES, verify=enc_structure, compare_reference=False,
         uses=("sinusoidal_frequencies",)),
    Spec("sinusoidal_encoding_values", "sinusoidal_encoding", ref.sinusoidal_encoding, enc_cases, seed=712,
         mistakes=ENC_MISTAKES, uses=("sinusoidal_frequencies",)),
    Spec("sinusoidal_encoding_invalid", "sinusoidal_encoding", ref.sinusoidal_encoding, enc_bad_cases, seed=713,
         mistakes=_invalid_mistakes(ref.sinusoidal_encoding) + ENC_MISTAKES, uses=("sinusoidal_frequencies",)),
    Spec("shift_matrix_values", "shift_matrix", ref.shift_matrix, shift_cases, seed=721, mistakes=SHIFT_MISTAKES,
         uses=("sinusoidal_frequencies",)),
    Spec("shift_matrix_invalid", "shift_matrix", ref.shift_matrix, shift_bad_cases, seed=722,
         mistakes=_invalid_mistakes(ref.shift_matrix) + SHIFT_MISTAKES, uses=("sinusoidal_frequencies",)),
)
