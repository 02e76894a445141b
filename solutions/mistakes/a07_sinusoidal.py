"""Student implementations for 07_sinusoidal: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one. Each is self-contained (numpy and
# the standard library only), so it can be pasted into a notebook cell.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------- sinusoidal_frequencies

@wrong("exponent's sign is flipped")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return float(base) ** (np.arange(0, d, 2) / d)


@wrong("exponent i/d instead of 2i/d")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    i = np.arange(d // 2)
    return float(base) ** (-i / d)


@wrong("tensor2tensor")
def sinusoidal_frequencies(d, base=10000.0):
    import math
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    half = d // 2
    if half == 1:
        return np.ones(1)
    step = math.log(base) / (half - 1)
    return np.exp(-step * np.arange(half))


@wrong("one frequency per column")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    j = np.arange(d)
    return 1.0 / float(base) ** (j / d)


@wrong("repeated for the sin and the cos column")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    j = np.arange(d)
    return 1.0 / np.power(float(base), 2 * (j // 2) / d)


@wrong("i starts at 1")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    i = np.arange(1, d // 2 + 1)
    return float(base) ** (-2 * i / d)


@wrong("base argument was ignored")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return 10000.0 ** (-np.arange(0, d, 2) / d)


@wrong("wavelengths")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return 2 * np.pi * float(base) ** (np.arange(0, d, 2) / d)


@wrong("divided by 2*pi")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return float(base) ** (-np.arange(0, d, 2) / d) / (2 * np.pi)


@wrong("float64")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return np.power(np.float32(base), -np.arange(0, d, 2, dtype=np.float32) / np.float32(d))


@wrong("odd d was accepted", slug="odd d silently truncated")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1:
        raise ValueError(f"d must be a positive integer, got {d!r}")
    if isinstance(base, bool) or not base > 0:
        raise ValueError("base must be > 0")
    return float(base) ** (-2 * np.arange(d // 2) / d)


@wrong("base <= 0 was accepted")
def sinusoidal_frequencies(d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    return float(base) ** (-np.arange(0, d, 2) / d)


@wrong("6.0 and True are not integers", slug="float d converted with int()")
def sinusoidal_frequencies(d, base=10000.0):
    d = int(d)
    if d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d}")
    if not base > 0:
        raise ValueError("base must be > 0")
    return float(base) ** (-np.arange(0, d, 2) / d)


@right("exp and log, as in the PyTorch tutorial")
def sinusoidal_frequencies(d, base=10000.0):
    import numbers
    if isinstance(d, bool) or not isinstance(d, numbers.Integral) and not isinstance(d, np.integer):
        raise ValueError(f"d must be an integer, got {d!r}")
    if d < 2 or d % 2 != 0:
        raise ValueError(f"d must be even and >= 2, got {d}")
    if isinstance(base, bool) or not isinstance(base, (int, float, np.integer, np.floating)) or not base > 0:
        raise ValueError(f"base must be a positive number, got {base!r}")
    return np.exp(np.arange(0, d, 2, dtype=np.float64) * (-np.log(float(base)) / d))


@right("list comprehension with math")
def sinusoidal_frequencies(d, base=10000.0):
    import math
    import operator
    if type(d) is bool:
        raise ValueError("d must be an integer, not a bool")
    try:
        d = operator.index(d)
    except TypeError:
        raise ValueError(f"d must be an integer, got {d!r}") from None
    if d <= 0 or d % 2 == 1:
        raise ValueError(f"d must be a positive even number, got {d}")
    if type(base) is bool or not math.isfinite(float(base)) or float(base) <= 0:
        raise ValueError(f"base must be finite and > 0, got {base!r}")
    base = float(base)
    return np.array([base ** (-2 * i / d) for i in range(d // 2)], dtype=np.float64)


# -------------------------------------------------------- sinusoidal_encoding

@wrong("concatenated instead of interleaved")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    w = float(base) ** (-np.arange(0, d, 2) / d)
    angles = np.arange(T)[:, None] * w[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


@wrong("cos half then sin half")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    half = d // 2
    freqs = np.exp(-np.log(float(base)) * np.arange(0, d, 2) / d)
    args = np.arange(T, dtype=float)[:, None] * freqs[None, :half]
    return np.concatenate([np.cos(args), np.sin(args)], axis=-1)


@wrong("tensor2tensor")
def sinusoidal_encoding(T, d, base=10000.0):
    import math
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    num_timescales = d // 2
    log_timescale_increment = math.log(float(base)) / max(num_timescales - 1, 1)
    inv_timescales = np.exp(np.arange(num_timescales) * -log_timescale_increment)
    scaled_time = np.arange(T)[:, None] * inv_timescales[None, :]
    return np.concatenate([np.sin(scaled_time), np.cos(scaled_time)], axis=1)


@wrong("exponent j/d instead of 2i/d")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    pos = np.arange(T)[:, None]
    j = np.arange(d)[None, :]
    angle = pos / np.power(float(base), j / d)
    angle[:, 0::2] = np.sin(angle[:, 0::2])
    angle[:, 1::2] = np.cos(angle[:, 1::2])
    return angle


@wrong("sin and cos swapped")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    w = float(base) ** (-np.arange(0, d, 2) / d)
    angles = np.outer(np.arange(T), w)
    pe = np.zeros((T, d))
    pe[:, 0::2] = np.cos(angles)
    pe[:, 1::2] = np.sin(angles)
    return pe


@wrong("positions start at 1")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    w = float(base) ** (-np.arange(0, d, 2) / d)
    angles = np.outer(np.arange(1, T + 1), w)
    pe = np.zeros((T, d))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


@wrong("transposed")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    w = float(base) ** (-np.arange(0, d, 2) / d)
    angles = w[:, None] * np.arange(T)[None, :]          # (d/2, T)
    pe = np.zeros((d, T))
    pe[0::2] = np.sin(angles)
    pe[1::2] = np.cos(angles)
    return pe


@wrong("odd d crashed", slug="odd d crashes in a loop")
def sinusoidal_encoding(T, d, base=10000.0):
    import math
    if not isinstance(T, (int, np.integer)) or isinstance(T, bool) or T < 1:
        raise ValueError(f"T must be a positive integer, got {T!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1:
        raise ValueError(f"d must be a positive integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    pe = np.zeros((T, d))
    for p in range(T):
        for j in range(0, d, 2):
            w = base ** (-j / d)
            pe[p, j] = math.sin(p * w)
            pe[p, j + 1] = math.cos(p * w)
    return pe


@wrong("odd d was accepted", slug="odd d silently truncated")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    half = d // 2
    w = float(base) ** (-2 * np.arange(half) / d)
    angles = np.arange(T)[:, None] * w
    return np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(T, 2 * half)


@wrong("base argument was ignored")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    angles = np.arange(T)[:, None] / 10000 ** (np.arange(0, d, 2) / d)
    pe = np.empty((T, d))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


@wrong("exponent sign flipped")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    angles = np.arange(T)[:, None] * float(base) ** (np.arange(0, d, 2) / d)
    pe = np.empty((T, d))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


@wrong("float64")
def sinusoidal_encoding(T, d, base=10000.0):
    for name, v in (("T", T), ("d", d)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 or not base > 0:
        raise ValueError("d must be even and base > 0")
    w = np.float32(base) ** (-np.arange(0, d, 2, dtype=np.float32) / np.float32(d))
    angles = np.arange(T, dtype=np.float32)[:, None] * w
    pe = np.empty((T, d), dtype=np.float32)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


@wrong("T < 1 was accepted", slug="T = 0 accepted")
def sinusoidal_encoding(T, d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not isinstance(T, (int, np.integer)) or isinstance(T, bool):
        raise ValueError(f"T must be an integer, got {T!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    w = float(base) ** (-np.arange(0, d, 2) / d)
    angles = np.arange(max(T, 0))[:, None] * w
    pe = np.empty((max(T, 0), d))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


@right("loops with math.sin and math.cos")
def sinusoidal_encoding(T, d, base=10000.0):
    import math
    for name, v in (("T", T), ("d", d)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {v!r}")
        if v < 1:
            raise ValueError(f"{name} must be >= 1, got {v}")
    if d % 2:
        raise ValueError(f"d must be even (sin/cos pairs), got {d}")
    if isinstance(base, bool) or not float(base) > 0 or not math.isfinite(float(base)):
        raise ValueError(f"base must be a positive number, got {base!r}")
    pe = np.zeros((int(T), int(d)))
    for p in range(int(T)):
        for i in range(int(d) // 2):
            w = float(base) ** (-2 * i / d)
            pe[p, 2 * i] = math.sin(p * w)
            pe[p, 2 * i + 1] = math.cos(p * w)
    return pe


@right("TensorFlow tutorial: angle per column with j // 2")
def sinusoidal_encoding(T, d, base=10000.0):
    import operator
    try:
        if type(T) is bool or type(d) is bool:
            raise TypeError
        T, d = operator.index(T), operator.index(d)
    except TypeError:
        raise ValueError("T and d must be integers") from None
    if T < 1 or d < 1 or d % 2:
        raise ValueError(f"need T >= 1 and an even d >= 2, got T = {T}, d = {d}")
    if type(base) is bool or not float(base) > 0:
        raise ValueError(f"base must be > 0, got {base!r}")
    pos = np.arange(T)[:, np.newaxis]
    j = np.arange(d)[np.newaxis, :]
    angle_rads = pos * (1 / np.power(float(base), (2 * (j // 2)) / np.float64(d)))
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    return angle_rads


@right("complex exponentials, stacked and reshaped")
def sinusoidal_encoding(T, d, base=10000.0):
    import numbers
    for name, v in (("T", T), ("d", d)):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Integral, np.integer)) or v <= 0:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if d % 2 == 1:
        raise ValueError(f"d = {d} is odd; sinusoidal encodings need pairs")
    if isinstance(base, bool) or not isinstance(base, (numbers.Real, np.floating)) or base <= 0:
        raise ValueError(f"base must be a positive real number, got {base!r}")
    w = np.exp(-np.log(float(base)) * np.arange(0, d, 2) / d)
    z = np.exp(1j * np.einsum("p,i->pi", np.arange(T, dtype=np.float64), w))   # cos + i sin
    return np.stack([z.imag, z.real], axis=-1).reshape(T, d)


# ---------------------------------------------------------------- shift_matrix

@wrong("rotation's sign is flipped")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    M = np.zeros((d, d))
    for i in range(d // 2):
        theta = k * base ** (-2 * i / d)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[np.cos(theta), -np.sin(theta)],
                                               [np.sin(theta), np.cos(theta)]]
    return M


@wrong("half-split layout")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    half = d // 2
    theta = k * float(base) ** (-np.arange(0, d, 2) / d)
    M = np.zeros((d, d))
    i = np.arange(half)
    M[i, i] = np.cos(theta)
    M[i, i + half] = np.sin(theta)
    M[i + half, i] = -np.sin(theta)
    M[i + half, i + half] = np.cos(theta)
    return M


@wrong("turned by the angle k")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    block = np.array([[np.cos(k), np.sin(k)], [-np.sin(k), np.cos(k)]])
    return np.kron(np.eye(d // 2), block)


@wrong("negative k was rejected")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    theta = k * float(base) ** (-np.arange(0, d, 2) / d)
    M = np.zeros((d, d))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("exponent i/d instead of 2i/d")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    theta = k * float(base) ** (-np.arange(d // 2) / d)
    M = np.zeros((d, d))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("base argument was ignored")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    theta = k / 10000 ** (np.arange(0, d, 2) / d)
    M = np.zeros((d, d))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("exponent's sign is flipped")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    theta = k * float(base) ** (np.arange(0, d, 2) / d)
    M = np.zeros((d, d))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("odd d was accepted", slug="odd d padded with a last 1x1 block")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1:
        raise ValueError(f"d must be a positive integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    n = d + d % 2
    theta = k * float(base) ** (-np.arange(0, n, 2) / n)
    M = np.zeros((n, n))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("6.0 and True are not integers", slug="bool k accepted")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    theta = int(k) * float(base) ** (-np.arange(0, d, 2) / d)
    M = np.zeros((d, d))
    for i, t in enumerate(theta):
        M[2 * i, 2 * i], M[2 * i, 2 * i + 1] = np.cos(t), np.sin(t)
        M[2 * i + 1, 2 * i], M[2 * i + 1, 2 * i + 1] = -np.sin(t), np.cos(t)
    return M


@wrong("float64")
def shift_matrix(k, d, base=10000.0):
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ValueError(f"k must be an integer, got {k!r}")
    if not isinstance(d, (int, np.integer)) or isinstance(d, bool) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if not base > 0:
        raise ValueError("base must be > 0")
    theta = (k * float(base) ** (-np.arange(0, d, 2) / d)).astype(np.float32)
    M = np.zeros((d, d), dtype=np.float32)
    M[0::2, 0::2] = np.diag(np.cos(theta))
    M[0::2, 1::2] = np.diag(np.sin(theta))
    M[1::2, 0::2] = np.diag(-np.sin(theta))
    M[1::2, 1::2] = np.diag(np.cos(theta))
    return M


@right("2x2 blocks written in a loop")
def shift_matrix(k, d, base=10000.0):
    import math
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be an integer, got {k!r}")
    if isinstance(d, bool) or not isinstance(d, (int, np.integer)):
        raise ValueError(f"d must be an integer, got {d!r}")
    if d < 2 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d}")
    if isinstance(base, bool) or not float(base) > 0:
        raise ValueError(f"base must be > 0, got {base!r}")
    M = np.zeros((d, d))
    for i in range(d // 2):
        angle = k * float(base) ** (-2 * i / d)
        c, s = math.cos(angle), math.sin(angle)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M


@right("np.kron of diagonal matrices")
def shift_matrix(k, d, base=10000.0):
    import operator
    if type(k) is bool or type(d) is bool:
        raise ValueError("k and d must be integers, not bools")
    try:
        k, d = operator.index(k), operator.index(d)
    except TypeError:
        raise ValueError("k and d must be integers") from None
    if d <= 0 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d}")
    if type(base) is bool or not float(base) > 0:
        raise ValueError(f"base must be > 0, got {base!r}")
    theta = k * np.exp(-np.log(float(base)) * np.arange(0, d, 2) / d)
    J = np.array([[0.0, 1.0], [-1.0, 0.0]])
    return np.kron(np.diag(np.cos(theta)), np.eye(2)) + np.kron(np.diag(np.sin(theta)), J)


@right("complex multiplication by e^{ikw}")
def shift_matrix(k, d, base=10000.0):
    import numbers
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (numbers.Integral, np.integer)):
        raise ValueError(f"k must be an integer, got {k!r}")
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, (numbers.Integral, np.integer)) or d < 1 or d % 2:
        raise ValueError(f"d must be a positive even integer, got {d!r}")
    if isinstance(base, (bool, np.bool_)) or not isinstance(base, (numbers.Real, np.floating)) or base <= 0:
        raise ValueError(f"base must be a positive number, got {base!r}")
    # a pair (sin a, cos a) read as the complex number cos a + i sin a = e^{ia} moves to e^{i(a + kw)}:
    # multiplication by z = e^{ikw}; written on (sin, cos) coordinates that is [[Re z, Im z], [-Im z, Re z]].
    w = float(base) ** (-np.arange(0, d, 2) / d)
    z = np.exp(1j * k * w)
    M = np.zeros((d, d))
    idx = np.arange(0, d, 2)
    M[idx, idx] = z.real
    M[idx, idx + 1] = z.imag
    M[idx + 1, idx] = -z.imag
    M[idx + 1, idx + 1] = z.real
    return M


# ------------------------------------------------------------------ sinusoidal_shapes

def _sizes(**sizes):
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")


@wrong("w has one frequency per coordinate")
def sinusoidal_shapes(B, T, d):
    _sizes(B=B, T=T, d=d)
    if d % 2:
        raise ValueError(f"d = {d} must be even")
    B, T, d = int(B), int(T), int(d)
    return {"w": (d,), "angles": (T, d), "PE": (T, d), "X": (B, T, d), "X_plus_PE": (B, T, d), "M": (d, d)}


@wrong("PE has a batch axis")
def sinusoidal_shapes(B, T, d):
    _sizes(B=B, T=T, d=d)
    if d % 2:
        raise ValueError(f"d = {d} must be even")
    B, T, d = int(B), int(T), int(d)
    return {"w": (d // 2,), "angles": (T, d // 2), "PE": (B, T, d), "X": (B, T, d), "X_plus_PE": (B, T, d),
            "M": (d, d)}


@wrong("M acts on one pair")
def sinusoidal_shapes(B, T, d):
    _sizes(B=B, T=T, d=d)
    if d % 2:
        raise ValueError(f"d = {d} must be even")
    B, T, d = int(B), int(T), int(d)
    return {"w": (d // 2,), "angles": (T, d // 2), "PE": (T, d), "X": (B, T, d), "X_plus_PE": (B, T, d),
            "M": (2, 2)}


@right("shapes traced with np.broadcast_shapes")
def sinusoidal_shapes(B, T, d):
    for name, n in (("B", B), ("T", T), ("d", d)):
        if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {n!r}")
        if n < 1:
            raise ValueError(f"{name} must be >= 1, got {n}")
    pairs, odd = divmod(int(d), 2)
    if odd:
        raise ValueError(f"d = {d} is odd: sin and cos come in pairs")
    w = (pairs,)
    angles = tuple(int(n) for n in np.broadcast_shapes((int(T), 1), w))       # p[:, None] * w[None, :]
    PE = angles[:1] + (2 * angles[1],)
    X = (int(B), int(T), int(d))
    return {"w": w, "angles": angles, "PE": PE, "X": X,
            "X_plus_PE": tuple(int(n) for n in np.broadcast_shapes(X, PE)), "M": (PE[1], PE[1])}


@right("from the sizes of real arrays of width d and one position")
def sinusoidal_shapes(B, T, d):
    sizes = dict(B=B, T=T, d=d)
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    if d % 2 != 0:
        raise ValueError(f"d must be even, got {d}")
    B, T, d = int(B), int(T), int(d)
    w = np.arange(0, d, 2)                      # one entry per pair
    return {"w": (int(w.size),), "angles": (T, int(w.size)), "PE": (T, d), "X": (B, T, d),
            "X_plus_PE": (B, T, d), "M": (d, d)}
