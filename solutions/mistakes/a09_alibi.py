"""Student implementations for 09_alibi: known mistakes and correct variants."""
# Every function below is written as a student would write it in the notebook,
# under the graded function's name; later definitions shadow earlier ones here,
# which is fine: the catalogue keeps each one. Each entry is self-contained
# (it computes its own slopes), so it never depends on which variant of another
# function was defined last.
# flake8: noqa: F811
import numpy as np

from . import Catalogue

CATALOGUE = Catalogue()
wrong, right = CATALOGUE.wrong, CATALOGUE.right


# ------------------------------------------------------------------- alibi_slopes

@wrong("not a power of two", slug="2^(-8h/n) for every n")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    h = np.arange(1, n_heads + 1)
    return 2.0 ** (-8.0 * h / n_heads)


@wrong("slope of 1.0", slug="h starts at 0")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def power_of_two(n):
        return [2.0 ** (-8.0 * h / n) for h in range(n)]

    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    slopes = power_of_two(n0)
    if n0 < n_heads:
        slopes += power_of_two(2 * n0)[0::2][: n_heads - n0]
    return np.array(slopes)


@wrong("repeat slopes", slug="extra slopes without [0::2]")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def power_of_two(n):
        return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)

    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    if n0 == n_heads:
        return power_of_two(n0)
    return np.concatenate([power_of_two(n0), power_of_two(2 * n0)[: n_heads - n0]])


@wrong("repeat slopes", slug="odd-indexed extra slopes [1::2]")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def power_of_two(n):
        return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)

    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    if n0 == n_heads:
        return power_of_two(n0)
    return np.concatenate([power_of_two(n0), power_of_two(2 * n0)[1::2][: n_heads - n0]])


@wrong("next power of two", slug="first n slopes of the next power of two")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    n = 2 ** int(np.ceil(np.log2(n_heads)))
    return (2.0 ** (-8.0 * np.arange(1, n + 1) / n))[:n_heads]


@wrong("extra slopes come first")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def power_of_two(n):
        return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)

    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    extra = power_of_two(2 * n0)[0::2][: n_heads - n0]
    return np.concatenate([extra, power_of_two(n0)])


@wrong("sorted")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def power_of_two(n):
        return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)

    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    slopes = np.concatenate([power_of_two(n0), power_of_two(2 * n0)[0::2][: n_heads - n0]])
    return np.sort(slopes)[::-1]


@wrong("8 heads only", slug="1/2, 1/4, ... for every n")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    return 1.0 / 2.0 ** np.arange(1, n_heads + 1)


@wrong("numpy array", slug="returns the published list")
def alibi_slopes(n_heads):
    import math
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")

    def get_slopes(n):
        start = 2 ** (-2 ** -(math.log2(n) - 3))
        if math.log2(n).is_integer():
            return [start * start ** i for i in range(n)]
        closest = 2 ** math.floor(math.log2(n))
        return get_slopes(closest) + get_slopes(2 * closest)[0::2][: n - closest]

    return get_slopes(int(n_heads))


@wrong("must raise", slug="no validation of n_heads")
def alibi_slopes(n_heads):
    n = int(n_heads)
    n0 = 2 ** int(np.floor(np.log2(max(n, 1))))
    first = 2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0)
    extra = (2.0 ** (-8.0 * np.arange(1, 2 * n0 + 1) / (2 * n0)))[0::2][: n - n0]
    return np.concatenate([first, extra])


@wrong("float64", slug="float32 slopes")
def alibi_slopes(n_heads):
    if not isinstance(n_heads, (int, np.integer)) or isinstance(n_heads, bool) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    first = 2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0)
    extra = (2.0 ** (-8.0 * np.arange(1, 2 * n0 + 1) / (2 * n0)))[0::2][: n_heads - n0]
    return np.concatenate([first, extra]).astype(np.float32)


@right("the published recursion")
def alibi_slopes(n_heads):
    import math
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)):
        raise ValueError(f"n_heads must be an integer, got {n_heads!r}")
    if n_heads < 1:
        raise ValueError(f"n_heads must be >= 1, got {n_heads}")

    def get_slopes(n):
        def get_slopes_power_of_2(n):
            start = 2 ** (-2 ** -(math.log2(n) - 3))
            ratio = start
            return [start * ratio ** i for i in range(n)]

        if math.log2(n).is_integer():
            return get_slopes_power_of_2(n)
        closest_power_of_2 = 2 ** math.floor(math.log2(n))
        return get_slopes_power_of_2(closest_power_of_2) + get_slopes(2 * closest_power_of_2)[0::2][: n - closest_power_of_2]

    return np.array(get_slopes(int(n_heads)), dtype=np.float64)


@right("exponents in closed form")
def alibi_slopes(n_heads):
    import operator
    if type(n_heads) is bool:
        raise ValueError("n_heads is a bool")
    try:
        n = operator.index(n_heads)
    except TypeError:
        raise ValueError(f"n_heads must be an integer, got {n_heads!r}") from None
    if n < 1:
        raise ValueError("n_heads must be positive")
    n0 = 1
    while 2 * n0 <= n:
        n0 *= 2
    # head h <= n0: exponent 8h/n0; extra head k = 0, 1, ...: exponent 8(2k+1)/(2 n0) = 4(2k+1)/n0
    exponents = [8 * h / n0 for h in range(1, n0 + 1)] + [4 * (2 * k + 1) / n0 for k in range(n - n0)]
    return np.exp2(-np.array(exponents))


# --------------------------------------------------------------------- alibi_bias

def _check_sizes(n_heads, T):
    for name, v in (("n_heads", n_heads), ("T", T)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer")


@wrong("NaN", slug="0/1 mask times -inf")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    if causal:
        bias = bias + np.triu(np.ones((T, T)), k=1) * -np.inf
    return bias


def _slopes(n_heads):
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    return np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                           (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])


@wrong("positive bias")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    i, j = np.meshgrid(np.arange(T), np.arange(T), indexing="ij")
    bias = m[:, None, None] * np.abs(i - j)
    if causal:
        bias[:, j > i] = -np.inf
    return bias


@wrong("causal mask is missing", slug="causal ignored")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    i, j = np.meshgrid(np.arange(T), np.arange(T), indexing="ij")
    return -m[:, None, None] * np.abs(i - j)


@wrong("large negative number", slug="mask -1e9")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    i, j = np.meshgrid(np.arange(T), np.arange(T), indexing="ij")
    bias = -m[:, None, None] * np.abs(i - j)
    if causal:
        bias = np.where(j > i, -1e9, bias)
    return bias


@wrong("transposed", slug="bias[h, j, i]")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    rel = pos[None, :] - pos[:, None]              # j - i
    bias = -m[:, None, None] * np.abs(rel)
    if causal:
        bias = np.where(rel < 0, -np.inf, bias)
    return bias


@wrong("symmetric", slug="non-causal bias -m (i - j) everywhere")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * (pos[:, None] - pos[None, :])
    if causal:
        bias = np.where(pos[None, :] > pos[:, None], -np.inf, bias)
    return bias


@wrong("diagonal", slug="mask j >= i")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    if causal:
        bias[:, np.triu_indices(T)[0], np.triu_indices(T)[1]] = -np.inf
    return bias


@wrong("wrong slopes", slug="2^(-8h/n) slopes in the bias")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    m = 2.0 ** (-8.0 * np.arange(1, n_heads + 1) / n_heads)
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    if causal:
        bias = np.where(pos[None, :] > pos[:, None], -np.inf, bias)
    return bias


@right("causal read by truthiness (the contract passes only bools)")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    if causal:
        bias = np.where(pos[None, :] > pos[:, None], -np.inf, bias)
    return bias


@wrong("broadcast along the key axis", slug="slopes times dist[None]")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    dist = -np.abs(pos[:, None] - pos[None, :]).astype(float)
    if causal:
        dist[pos[None, :] > pos[:, None]] = -np.inf
    return m * dist[None]


@wrong("inverted", slug="causal flag inverted")
def alibi_bias(n_heads, T, causal=True):
    if isinstance(n_heads, bool) or not isinstance(n_heads, (int, np.integer)) or n_heads < 1:
        raise ValueError("n_heads must be a positive integer")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError("T must be a positive integer")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError("causal must be a bool")
    n0 = 2 ** int(np.floor(np.log2(n_heads)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: n_heads - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    if not causal:
        bias = np.where(pos[None, :] > pos[:, None], -np.inf, bias)
    return bias


@right("triple loop")
def alibi_bias(n_heads, T, causal=True):
    import math
    for name, v in (("n_heads", n_heads), ("T", T)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if not isinstance(causal, (bool, np.bool_)):
        raise ValueError(f"causal must be True or False, got {causal!r}")

    def slopes(n):
        if math.log2(n).is_integer():
            return [2 ** (-8 * h / n) for h in range(1, n + 1)]
        n0 = 2 ** math.floor(math.log2(n))
        return slopes(n0) + slopes(2 * n0)[0::2][: n - n0]

    m = slopes(int(n_heads))
    out = np.zeros((int(n_heads), int(T), int(T)))
    for h in range(int(n_heads)):
        for i in range(int(T)):
            for j in range(int(T)):
                if j > i and causal:
                    out[h, i, j] = -math.inf
                else:
                    out[h, i, j] = -m[h] * abs(i - j)
    return out


@right("subtract.outer and tril")
def alibi_bias(n_heads, T, causal=True):
    import operator
    if type(n_heads) is bool or type(T) is bool:
        raise ValueError("n_heads and T are sizes, not bools")
    try:
        H, T = operator.index(n_heads), operator.index(T)
    except TypeError:
        raise ValueError("n_heads and T must be integers") from None
    if H < 1 or T < 1:
        raise ValueError(f"n_heads and T must be >= 1, got {H}, {T}")
    if type(causal) not in (bool, np.bool_):
        raise ValueError(f"causal must be a bool, got {type(causal).__name__}")
    n0 = 1 << (H.bit_length() - 1)
    exponents = np.r_[8.0 * np.arange(1, n0 + 1) / n0, 4.0 * (2 * np.arange(H - n0) + 1) / n0]
    m = np.exp2(-exponents)
    distance = np.abs(np.subtract.outer(np.arange(T), np.arange(T))).astype(np.float64)
    bias = np.einsum("h,ij->hij", m, -distance)
    if causal:
        keep = np.tril(np.ones((T, T), dtype=bool))
        bias = np.where(keep, bias, -np.inf)
    return bias


# -------------------------------------------------------- alibi_attention_weights

@wrong("NaN", slug="0/1 mask times -inf")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    mask = np.triu(np.ones((T, T)), k=1) * -np.inf
    x = scores + bias + mask
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("wrong axis", slug="softmax over queries")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    x = np.where(pos[None, :] > pos[:, None], -np.inf, scores + bias)
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


@wrong("causal mask is missing", slug="no causal mask")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    x = scores - m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("after the softmax", slug="future weights zeroed after softmax")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    x = scores - m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    x = x - x.max(axis=-1, keepdims=True)
    w = np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)
    return w * np.tril(np.ones((T, T)))


@wrong("positive bias")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    x = scores + m[:, None, None] * (pos[:, None] - pos[None, :])
    x = np.where(pos[None, :] > pos[:, None], -np.inf, x)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("large negative number", slug="mask -1e9")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    bias = np.where(pos[None, :] > pos[:, None], -1e9, bias)
    x = scores + bias
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("exactly 0", slug="mask -30")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    bias = bias - 30.0 * (pos[None, :] > pos[:, None])
    x = scores + bias
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("overflow", slug="no max shift")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    x = np.where(pos[None, :] > pos[:, None], -np.inf, scores + bias)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("not added", slug="plain causal softmax")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    T = scores.shape[-1]
    x = np.where(np.triu(np.ones((T, T), dtype=bool), 1), -np.inf, scores)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("transposed", slug="bias[h, j, i]")
def alibi_attention_weights(scores):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    bias = np.where(pos[None, :] > pos[:, None], -np.inf, bias)
    x = scores + bias.transpose(0, 2, 1)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("must raise", slug="2-D scores accepted")
def alibi_attention_weights(scores):
    scores = np.atleast_3d(np.asarray(scores, dtype=np.float64))
    if scores.ndim == 3 and scores.shape[-1] == 1 and scores.shape[0] == scores.shape[1]:
        scores = scores.transpose(2, 0, 1)
    H, T = scores.shape[0], scores.shape[-1]
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = -m[:, None, None] * np.abs(pos[:, None] - pos[None, :])
    x = np.where(pos[None, :] > pos[:, None], -np.inf, scores[..., :T, :] + bias)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@wrong("float64", slug="float32 kept")
def alibi_attention_weights(scores):
    scores = np.asarray(scores)
    if scores.ndim != 3 or scores.shape[1] != scores.shape[2]:
        raise ValueError("scores must be (H, T, T)")
    H, T, _ = scores.shape
    n0 = 2 ** int(np.floor(np.log2(H)))
    m = np.concatenate([2.0 ** (-8.0 * np.arange(1, n0 + 1) / n0),
                        (2.0 ** (-4.0 * np.arange(1, 2 * n0 + 1) / n0))[0::2][: H - n0]])
    pos = np.arange(T)
    bias = (-m[:, None, None] * np.abs(pos[:, None] - pos[None, :])).astype(scores.dtype)
    x = np.where(pos[None, :] > pos[:, None], -np.inf, scores + bias).astype(scores.dtype)
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


@right("loops with math.exp")
def alibi_attention_weights(scores):
    import math
    S = np.asarray(scores, dtype=np.float64)
    if S.ndim != 3 or S.shape[1] != S.shape[2]:
        raise ValueError(f"scores must have shape (H, T, T), got {S.shape}")
    H, T = S.shape[0], S.shape[1]
    n0 = 1
    while 2 * n0 <= H:
        n0 *= 2
    m = [2 ** (-8 * h / n0) for h in range(1, n0 + 1)] + [2 ** (-4 * (2 * k + 1) / n0) for k in range(H - n0)]
    out = np.zeros((H, T, T))
    for h in range(H):
        for i in range(T):
            logits = [S[h, i, j] - m[h] * (i - j) for j in range(i + 1)]
            top = max(logits)
            ex = [math.exp(v - top) for v in logits]
            total = sum(ex)
            for j in range(i + 1):
                out[h, i, j] = ex[j] / total
    return out


@right("log-sum-exp with a boolean mask")
def alibi_attention_weights(scores):
    S = np.array(scores, dtype=np.float64)
    if S.ndim != 3:
        raise ValueError(f"scores must be 3-D (H, T, T), got {S.ndim}-D")
    H, T, K = S.shape
    if T != K:
        raise ValueError(f"scores must be square in its last two axes, got {S.shape}")
    n0 = 1 << (H.bit_length() - 1)
    m = np.exp2(-np.r_[8.0 * np.arange(1, n0 + 1) / n0, 4.0 * (2 * np.arange(H - n0) + 1) / n0])
    i, j = np.indices((T, T))
    allowed = j <= i
    logits = np.where(allowed, S - m[:, None, None] * (i - j), -np.inf)
    top = logits.max(axis=2, keepdims=True)
    lse = top + np.log(np.exp(logits - top).sum(axis=2, keepdims=True))
    return np.where(allowed, np.exp(logits - lse), 0.0)


# ------------------------------------------------------------------ alibi_shapes

def _sizes_ok(**sizes):
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")


@wrong("the bias has a batch axis")
def alibi_shapes(B, H, T, d_model):
    _sizes_ok(B=B, H=H, T=T, d_model=d_model)
    if d_model % H:
        raise ValueError(f"d_model = {d_model} is not divisible by H = {H}")
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    return {"X": (B, T, d_model), "Q": (B, H, T, d_model // H), "slopes": (H,), "bias": (B, H, T, T),
            "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, T, d_model)}


@wrong("out is per head")
def alibi_shapes(B, H, T, d_model):
    _sizes_ok(B=B, H=H, T=T, d_model=d_model)
    if d_model % H:
        raise ValueError(f"d_model = {d_model} is not divisible by H = {H}")
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    return {"X": (B, T, d_model), "Q": (B, H, T, d_model // H), "slopes": (H,), "bias": (H, T, T),
            "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, H, T, d_model // H)}


@wrong("the bias lost the head axis")
def alibi_shapes(B, H, T, d_model):
    _sizes_ok(B=B, H=H, T=T, d_model=d_model)
    if d_model % H:
        raise ValueError(f"d_model = {d_model} is not divisible by H = {H}")
    B, H, T, d_model = int(B), int(H), int(T), int(d_model)
    return {"X": (B, T, d_model), "Q": (B, H, T, d_model // H), "slopes": (H,), "bias": (T, T),
            "scores": (B, H, T, T), "weights": (B, H, T, T), "out": (B, T, d_model)}


@right("shapes of the matrix products, step by step")
def alibi_shapes(B, H, T, d_model):
    for name, n in (("B", B), ("H", H), ("T", T), ("d_model", d_model)):
        if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {n!r}")
        if n < 1:
            raise ValueError(f"{name} must be >= 1, got {n}")
    d_head, rest = divmod(int(d_model), int(H))
    if rest:
        raise ValueError(f"d_model = {d_model} must be a multiple of H = {H}")
    B, H, T = int(B), int(H), int(T)
    X = (B, T, d_head * H)
    Q = (B, H, T, d_head)
    scores = Q[:-1] + (T,)                                  # Q @ K^T
    bias = scores[1:]                                        # no batch axis: broadcast over B
    out = (B, T, H * d_head)                                 # weights @ V, heads concatenated
    return {"X": X, "Q": Q, "slopes": (H,), "bias": bias, "scores": scores, "weights": scores, "out": out}


@right("np.broadcast_shapes for the biased scores")
def alibi_shapes(B, H, T, d_model):
    sizes = dict(B=B, H=H, T=T, d_model=d_model)
    for name, n in sizes.items():
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"{name} must be a positive integer, got {n!r}")
    if d_model % H != 0:
        raise ValueError(f"d_model = {d_model} is not divisible by H = {H}")
    B, H, T, D = (int(sizes[k]) for k in ("B", "H", "T", "d_model"))
    scores = (B, H, T, T)
    bias = (H, T, T)
    weights = tuple(int(n) for n in np.broadcast_shapes(scores, bias))
    return {"X": (B, T, D), "Q": (B, H, T, D // H), "slopes": (H,), "bias": bias, "scores": scores,
            "weights": weights, "out": (B, T, D)}
