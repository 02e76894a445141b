"""Hidden checks for 06_softmax_gradients."""
from __future__ import annotations

import numpy as np

from answerkit.transport import SourceFunction

from .. import a06_softmax_gradients as ref
from .harness import as_float, kept_dtype, NotThisMistake, ID_ERRORS, Mistake, Spec, as_lists, bad, case, specs_by_name, table


# ------------------------------------------------------------ gradient_shapes


def shape_cases(rng):
    fixed = [case(50257, 768, 8, label="GPT-2's vocabulary and width, a batch of 8"),
             case(10, 4, 3, label="V, d, N all different"), case(1, 1, 1, label="all ones"),
             case(np.int64(30522), np.int32(384), 2, label="numpy integer sizes")]
    sizes = [tuple(int(v) for v in rng.choice(np.arange(2, 80), size=3, replace=False)) for _ in range(3)]
    return fixed + [case(*s, label="random sizes") for s in sizes]


def shape_bad_cases(rng):
    return [bad(0, 4, 2, why="V = 0 < 1"), bad(10, 4.0, 2, why="d = 4.0 is a float"),
            bad(10, 4, True, why="N = True is a bool"), bad(10, 4, -3, why="N = -3 < 1")]


def _shapes(V, d, N, **change):
    out = {"W": (V, d), "h": (N, d), "y": (N,), "z": (N, V), "p": (N, V), "dW": (V, d), "dh": (N, d)}
    out.update(change)
    return out


SHAPE_MISTAKES = (
    Mistake("dW has shape (d, V): a gradient has the shape of its parameter, so dW is (V, d) like W",
            model=lambda V, d, N: _shapes(V, d, N, dW=(d, V))),
    Mistake("z and p have shape (V, N): a batch gives one row of V logits per example, z = h W^T is (N, V)",
            model=lambda V, d, N: _shapes(V, d, N, z=(V, N), p=(V, N))),
    Mistake("dh has shape (d,): the gradient has the shape of h, one row per example, (N, d)",
            model=lambda V, d, N: _shapes(V, d, N, dh=(d,))),
    Mistake("dh has shape (d, N): the gradient has the shape of h, (N, d)",
            model=lambda V, d, N: _shapes(V, d, N, dh=(d, N))),
    Mistake("y has shape (N, V) (one-hot): the targets are N integer ids, shape (N,)",
            model=lambda V, d, N: _shapes(V, d, N, y=(N, V))),
    Mistake("y has shape (N, 1): the targets are N integer ids, shape (N,) (a 1-tuple is written (N,))",
            model=lambda V, d, N: _shapes(V, d, N, y=(N, 1))),
    Mistake("y is an int, not a tuple: write the 1-tuple (N,) with its comma",
            test=lambda c, got, exp: isinstance(got, dict) and type(got.get("y")) is int),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())),
)


# -------------------------------------------------------------------- softmax


def softmax_cases(rng):
    out = [
        case(np.array([1.0, 2.0, 3.0, 3.0, 0.0, -1.0, 2.0]), label="1-D, two pairs of tied logits"),
        case(table(rng, 3, 5), label="(3, 5), default axis=-1: each row is a distribution"),
        case(table(rng, 4, 4), label="square (4, 4): axis mix-ups do not show as a shape error"),
        case(table(rng, 3, 5), axis=0, label="(3, 5) with axis=0: each column is a distribution"),
        case(table(rng, 2, 3, 4), axis=1, label="3-D, axis=1"),
        case(table(rng, 2, 3, 4), axis=-2, label="3-D, axis=-2"),
        case(table(rng, 2, 3, 4), label="3-D, default axis"),
        case(np.zeros((2, 6)), label="all-zero logits: uniform 1/6"),
        case(np.array([[0.5, 0.5, 0.5], [2.0, -1.0, 2.0]]), label="equal logits get equal probabilities"),
        case(as_lists(table(rng, 3, 4)), label="nested lists"),
        case(table(rng, 3, 6).astype(np.float32), label="float32 logits"),
        case(np.array([4.2]), label="a single logit: probability 1"),
    ]
    for _ in range(3):
        shape = tuple(int(s) for s in rng.choice(np.arange(2, 9), size=2, replace=False))
        out.append(case(3 * table(rng, *shape), label="random"))
    return out


def softmax_bad_cases(rng):
    return [bad(table(rng, 3, 4), axis=2, why="axis = 2 is out of range for a 2-D z"),
            bad(table(rng, 2, 3, 4), axis=-4, why="axis = -4 is out of range for a 3-D z")]


def stable_cases(rng):
    signs = rng.choice([-1.0, 1.0], size=(4, 6))
    return [
        case(np.array([1e4, -1e4, 0.0]), label="logits +-1e4"),
        case(np.array([1000.0, 1001.0, 1002.0]), label="large logits: exp(1000) overflows to inf"),
        case(np.array([-1e4, -1e4 + 1, -1e4 + 2]), label="very negative logits: exp underflows to 0"),
        case(np.array([[1e4, 0.0, -1e4], [-1e4, -1e4, -1e4 + 3.0]]),
             label="rows on very different scales: each row needs its own max"),
        case(1e4 * signs, label="random +-1e4"),
        case(np.array([[800.0, -800.0], [-800.0, 800.0], [5.0, 6.0]]), axis=0, label="axis=0, columns of +-800"),
        case(np.array([[1e4, 1e4 - 1.0, 1e4 - 2.0]], dtype=np.float32), label="float32 logits near 1e4"),
        case(np.array([1e4, 1e4, 1e4, 1e4]), label="four equal huge logits: 1/4 each"),
    ]


def _softmax_naive(z, axis=-1):
    e = np.exp(as_float(z))
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_shift(z, axis=-1, by="max"):
    z = as_float(z)
    shift = {"max": z.max(axis=axis, keepdims=True), "global": z.max(),
             "min": z.min(axis=axis, keepdims=True), "mean": z.mean(axis=axis, keepdims=True)}[by]
    e = np.exp(z - shift)
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_no_keepdims(z, axis=-1):
    z = as_float(z)
    e = np.exp(z - z.max(axis=axis))
    return e / e.sum(axis=axis)


def _softmax_whole(z, axis=-1):
    z = as_float(z)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum()


SOFTMAX_MISTAKES = (
    Mistake("overflow: exp(z) without subtracting the max first gives inf/inf = NaN (or 0/0 for very "
            "negative logits); compute exp(z - z.max(axis, keepdims=True))", model=_softmax_naive),
    Mistake("subtracted the max of the whole array instead of each row's max along the axis: rows far "
            "below the global max underflow to 0/0", model=lambda z, axis=-1: _softmax_shift(z, axis, "global")),
    Mistake("subtracted the min instead of the max: exp(z - min) overflows; the max makes every exponent <= 0",
            model=lambda z, axis=-1: _softmax_shift(z, axis, "min")),
    Mistake("subtracted the mean instead of the max: exp(z - mean) still overflows for a large gap",
            model=lambda z, axis=-1: _softmax_shift(z, axis, "mean")),
    Mistake("clipped the logits: np.clip avoids inf but changes the probabilities; subtract the max instead",
            test=lambda c, got, exp: isinstance(got, np.ndarray) and got.shape == exp.shape
            and np.all(np.isfinite(got)) and np.abs(as_float(c.args[0])).max() > 700
            and np.allclose(got.sum(axis=c.kwargs.get("axis", -1)), 1.0) and not np.allclose(got, exp, atol=1e-6)),
    Mistake("max or sum without keepdims=True: the reduced array broadcasts against the wrong axis "
            "(use keepdims=True)", model=_softmax_no_keepdims),
    Mistake("the axis argument was ignored (always the last axis)", model=lambda z, axis=-1: ref.softmax(z)),
    Mistake("normalised over the wrong axis (axis 0 instead of the given axis)",
            model=lambda z, axis=-1: ref.softmax(z, 0)),
    Mistake("normalised by the sum of the whole array: each slice along the axis must sum to 1",
            model=_softmax_whole),
    kept_dtype("the result kept float32: return float64 (np.asarray(z, dtype=np.float64) first)"),
)


# ------------------------------------------------------------ (h, W, y) problems


def problem(rng, N, V, d, scale=1.0, dtype=np.float64):
    """h (N, d) or (d,) for N = None, W (V, d), y (N,) or an int."""
    W = (scale * table(rng, V, d)).astype(dtype)
    if N is None:
        return (scale * table(rng, d)).astype(dtype), W, int(rng.integers(0, V))
    return (scale * table(rng, N, d)).astype(dtype), W, rng.integers(0, V, size=N)


def huge_logits(single=False):
    """h and W whose logits are +-1e4 and 0 (exactly representable)."""
    W = np.array([[100.0, 0.0, 0.0], [-100.0, 0.0, 0.0], [0.0, 100.0, 0.0], [0.0, 0.0, 0.0], [50.0, 50.0, 0.0]])
    if single:
        return np.array([100.0, 0.0, -3.0]), W, 1              # z = [1e4, -1e4, 0, 0, 5e3], target -1e4
    h = np.array([[100.0, 0.0, 1.0], [0.0, -100.0, 2.0], [100.0, 100.0, 0.0]])
    return h, W, np.array([1, 2, 4])


def value_cases(rng):
    """Valid (h, W, y) for cross_entropy and both gradients."""
    h, W, y = problem(rng, 3, 7, 5)
    hz = table(rng, 4, 5)
    hz[2] = 0.0
    out = [
        case(*problem(rng, None, 7, 5), label="single example: h (d,), integer y"),
        case(table(rng, 5), W, np.int64(6), label="single example, numpy integer y = V - 1"),
        case(table(rng, 5), W, 0, label="single example, y = 0"),
        case(h, W, y, label="batch N=3, V=7, d=5"),
        case(table(rng, 4, 5), W, np.array([2, 2, 6, 2]), label="batch with repeated targets"),
        case(hz, W, np.array([0, 3, 3, 5]), label="batch with a zero hidden state (row 2)"),
        case(np.zeros(5), W, 3, label="zero hidden state: all logits 0, p uniform"),
        case(table(rng, 1, 5), W, np.array([4]), label="batch of one"),
        case(*(as_lists(v) for v in problem(rng, 2, 6, 4)), label="nested lists"),
        case(*problem(rng, 3, 6, 4, dtype=np.float32), label="float32 h and W"),
        case(table(rng, 6, 4), table(rng, 3, 4), np.array([0, 1, 2, 2, 1, 0]), label="N=6 > V=3"),
    ]
    for _ in range(3):
        N, V, d = (int(v) for v in rng.choice(np.arange(2, 10), size=3, replace=False))
        out.append(case(*problem(rng, N, V, d, scale=2.0), label="random"))
    return out


def large_cases(rng):
    h, W, y = problem(rng, 3, 5, 4)
    return [
        case(*huge_logits(single=True), label="single example, logits +-1e4"),
        case(*huge_logits(), label="batch, logits +-1e4"),
        case(100 * h, 10 * W, y, label="logits in the thousands"),
    ]


def invalid_cases(rng):
    h, W, y = problem(rng, 3, 6, 4)
    return [
        bad(h[0], W, -1, why="y = -1 is negative (numpy would wrap it to the last class)", errors=ID_ERRORS),
        bad(h, W, np.array([0, -2, 1]), why="y contains -2", errors=ID_ERRORS),
        bad(h, W, np.array([0, 6, 1]), why="y contains 6 = V", errors=ID_ERRORS),
        bad(h[0], W, 6, why="y = 6 = V", errors=ID_ERRORS),
        bad(h, W, np.array([0.0, 1.0, 2.0]), why="y has a float dtype (ids are integers)"),
        bad(h[0], W, True, why="y = True is a bool, not an id"),
        bad(h, W, np.array([0, 1]), why="y has 2 targets for N = 3 hidden states"),
        bad(h, W[:, :3], y, why="h has width 4 but W has width 3"),
        bad(h[None], W, y[None], why="h is 3-D"),
    ]


# -------------------------------------------------------------- cross_entropy


def ce_cases(rng):
    return value_cases(rng)


def ce_stable_cases(rng):
    z = np.array([[0.0, -800.0, 3.0], [1e4, 1e4, 1e4], [2.0, 1.0, -1e4]])
    W = np.eye(3)
    return large_cases(rng) + [
        case(z, W, np.array([1, 0, 2]), label="logits z = h (W = I): gaps of 800 and 1e4"),
        case(np.array([0.0, -800.0, 3.0]), W, 1, label="single example, p[y] = exp(-803) underflows to 0"),
        case(np.array([1e4, 1e4, 1e4]), W, 2, label="three equal huge logits: loss log 3"),
        case(np.array([[1e4, -1e4, 0.0]]).astype(np.float32), W.astype(np.float32), np.array([0]),
             label="float32, the target has the largest logit: loss 0"),
    ]


def ce_invalid_cases(rng):
    return invalid_cases(rng)


def _validated(model):
    """A model of a mistake in the maths, made by a student who validates y: invalid input raises."""
    def run(h, W, y):
        ref.cross_entropy(h, W, y)
        return model(h, W, y)
    return run


def _batch(h, W, y):
    """float64 h (N, d), W, y (N,) without any validation (for models of mistakes)."""
    h, W, y = as_float(h), as_float(W), np.asarray(y)
    return (h[None], W, y.reshape(1)) if h.ndim == 1 else (h, W, y)


def _ce_parts(h, W, y):
    h, W, y = _batch(h, W, y)
    z = h @ W.T
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
    return z, lse, y


def _ce_losses(h, W, y):
    z, lse, y = _ce_parts(h, W, y)
    return lse - z[np.arange(len(y)), y]


def _ce_log_softmax(h, W, y):
    h, W, y = _batch(h, W, y)
    p = ref.softmax(h @ W.T)
    return float(np.mean(-np.log(p[np.arange(len(y)), y])))


def _ce_naive(h, W, y):
    h, W, y = _batch(h, W, y)
    e = np.exp(h @ W.T)
    p = e / e.sum(axis=1, keepdims=True)
    return float(np.mean(-np.log(p[np.arange(len(y)), y])))


def _ce_naive_lse(h, W, y):
    z, _, y = _ce_parts(h, W, y)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))


def _ce_no_max_back(h, W, y):
    z, lse, y = _ce_parts(h, W, y)
    m = z.max(axis=1)
    return float(np.mean(lse - m - z[np.arange(len(y)), y]))


def _ce_block(h, W, y):
    z, lse, y = _ce_parts(h, W, y)
    return float(np.mean(lse[:, None] - z[:, y]))


def _ce_hW(h, W, y):
    h, W, y = _batch(h, W, y)
    z = h @ W                       # raises for d != V, as the student's code does
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))


def _ce_eps_capped(c, got, exp):
    return isinstance(exp, float) and exp > 100 and isinstance(got, (float, np.floating)) and 0 <= got < 60


_CE_OVERFLOW = ("overflow: exp(z) without subtracting the max overflows to inf (inf/inf = NaN); "
                "logsumexp(z) = m + log(sum(exp(z - m))) with m = max(z)")

CE_UNDERFLOW = ("-log(softmax(z)[y]) is infinite when p[y] underflows to 0: the softmax itself is fine (no "
                "overflow), but when the target's logit is more than ~745 below the largest, exp(z[y] - max) "
                "rounds to exactly 0 and log(0) = -inf; compute the loss through log-sum-exp, "
                "logsumexp(z) - z[y], which never forms p[y]")


def _ce_underflow_seen(c, got, exp):
    """An infinite loss where the true loss is finite, from a softmax that did not overflow: p[y] underflowed."""
    if not (isinstance(exp, float) and np.isfinite(exp)):
        return False
    try:
        g = float(got)
    except (TypeError, ValueError):
        return False
    if g != np.inf:
        return False
    h, W, y = _batch(*c.args[:3])
    with np.errstate(all="ignore"):
        p = ref.softmax(h @ W.T)
    return bool(np.all(np.isfinite(p)) and np.any(p[np.arange(len(y)), y] == 0.0))


CE_MISTAKES = (
    Mistake(CE_UNDERFLOW, model=_validated(_ce_log_softmax)),
    Mistake(CE_UNDERFLOW, test=_ce_underflow_seen),
    Mistake(_CE_OVERFLOW, model=_validated(_ce_naive)),
    Mistake(_CE_OVERFLOW, model=_validated(_ce_naive_lse)),
    Mistake("a small epsilon inside the log (-log(p + eps)) caps the loss near -log(eps); the true loss "
            "logsumexp(z) - z[y] is finite, compute it through log-sum-exp", test=_ce_eps_capped),
    Mistake("the max was subtracted inside log-sum-exp but not added back: logsumexp(z) = m + "
            "log(sum(exp(z - m)))", model=_validated(_ce_no_max_back)),
    Mistake("summed over the batch: the loss is the mean over the N examples",
            model=_validated(lambda h, W, y: float(np.sum(_ce_losses(h, W, y))))),
    Mistake("returned one loss per example: the batch loss is their mean, a single float",
            model=_validated(lambda h, W, y: _ce_losses(h, W, y))),
    Mistake("the minus sign is missing: the loss is -log p[y], which is >= 0",
            model=_validated(lambda h, W, y: -float(np.mean(_ce_losses(h, W, y))))),
    Mistake("z[:, y] (or p[:, y]) picks an (N, N) block: take one entry per row, z[np.arange(N), y]",
            model=_validated(_ce_block)),
    Mistake("the logits are z = W h (for a batch h @ W.T, shape (N, V)); h @ W multiplies the wrong axes",
            model=_ce_hW),
    Mistake("y was not validated: a negative y wraps around to the last class (z[-1]), and float or "
            "boolean y are not ids; check the dtype and 0 <= y < V and raise ValueError",
            model=lambda h, W, y: float(np.mean(_ce_losses(h, W, y)))),
    Mistake("float or boolean targets were accepted: y must have an integer dtype",
            model=lambda h, W, y: float(np.mean(_ce_losses(h, W, np.asarray(y).astype(np.int64))))),
)


# --------------------------------------------------------- gradients (dW, dh)


def grad_cases(rng):
    return value_cases(rng) + large_cases(rng)


def grad_bad_cases(rng):
    return invalid_cases(rng)


def _residual(h, W, y, *, sign=1.0, one_hot=True, scale="mean", block=False, naive=False):
    h, W, y = _batch(h, W, y)
    z = h @ W.T
    e = np.exp(z if naive else z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    if one_hot:
        if block:
            g[:, y] -= 1.0
        else:
            g[np.arange(len(y)), y] -= 1.0
    g = sign * g
    if scale == "mean":
        g = g / len(y)
    return h, W, g


def _dW(h, W, y, **kw):
    h, W, g = _residual(h, W, y, **kw)
    return g.T @ h


def _dW_outer_of_means(h, W, y):
    hb, W, g = _residual(h, W, y, scale="sum")
    return np.outer(g.mean(axis=0), hb.mean(axis=0))


def _dh(h, W, y, **kw):
    hb, W, g = _residual(h, W, y, **kw)
    out = g @ W
    return out[0] if np.ndim(h) == 1 else out


def _dh_summed(h, W, y):
    hb, W, g = _residual(h, W, y)
    return (g @ W).sum(axis=0)


def _dh_W_not_transposed(h, W, y):
    hb, W, g = _residual(h, W, y)
    out = (W @ g.T).T               # raises for V != d, as the student's W @ (p - e_y) does
    return out[0] if np.ndim(h) == 1 else out


def _grad_mistakes(grad, unit):
    """The mistakes both gradients share; grad(h, W, y, **how) computes the gradient the mistaken way."""
    def how(**kw):
        return _validated(lambda h, W, y: grad(h, W, y, **kw))

    return (
        Mistake("overflow: exp(z) without subtracting the max gives NaN for large logits; compute p with a "
                "stable softmax", model=how(naive=True)),
        Mistake("the sign is flipped (e_y - p): the gradient of the loss is p - e_y, and a descent step "
                "subtracts it", model=how(sign=-1.0)),
        Mistake(f"the batch mean is missing: the loss is a mean over the N examples, so {unit} carries a "
                "factor 1/N", model=how(scale="sum")),
        Mistake("e_y was not subtracted: the gradient of -log p[y] with respect to z is p - e_y, not p",
                model=how(one_hot=False)),
        Mistake("p[:, y] -= 1 subtracts 1 in the target columns of every row; subtract it once per row: "
                "p[np.arange(N), y] -= 1", model=how(block=True)),
        Mistake("y was not validated: a negative y wraps around to the last class (p[-1]), and float or "
                "boolean y are not ids; check the dtype and 0 <= y < V and raise ValueError",
                model=lambda h, W, y: grad(h, W, y)),
        kept_dtype("the result kept float32: return float64"),
    )


DW_MISTAKES = _grad_mistakes(_dW, "dL/dW") + (
    Mistake("dW is transposed, shape (d, V): dL/dW = (p - e_y) h^T has the shape (V, d) of W",
            model=_validated(lambda h, W, y: _dW(h, W, y).T)),
    Mistake("averaged p - e_y and h separately before the outer product: the gradient is the mean of the "
            "per-example outer products (p_i - e_{y_i}) h_i^T", model=_validated(_dW_outer_of_means)),
)

DH_MISTAKES = _grad_mistakes(_dh, "each row of dL/dh") + (
    Mistake("summed over the batch: dL/dh has the shape of h, one row W^T (p_i - e_{y_i}) / N per example",
            model=_validated(_dh_summed)),
    Mistake("dL/dh = W^T (p - e_y): multiply by the transpose of W (shape (d, V)); W (p - e_y) multiplies "
            "the wrong axes", model=_dh_W_not_transposed),
)


# --------------------------------------------------------- numerical_gradient


# Functions passed to numerical_gradient travel to the student's kernel as source
# text (answerkit.transport.SourceFunction); each source defines f(X) with numpy as np.

CUBIC = SourceFunction("sum(X**3) + sum(X**2)", """
def f(X):
    X = np.asarray(X, dtype=np.float64)
    return float(np.sum(X ** 3) + np.sum(X ** 2))
""")
COUPLED = SourceFunction("sum(sin(X) * X) + 0.5 * sum(X)**2", """
def f(X):
    X = np.asarray(X, dtype=np.float64)
    return float(np.sum(np.sin(X) * X) + 0.5 * np.sum(X) ** 2)
""")
LOG_SUM_EXP = SourceFunction("log(sum(exp(X))) (its gradient is softmax(X))", """
def f(X):
    X = np.asarray(X, dtype=np.float64)
    m = X.max()
    return float(m + np.log(np.sum(np.exp(X - m))))
""")
CE_OF_W = SourceFunction("cross_entropy(h0, W, y0) with a fixed h0 (4, 3) and y0 = [4, 0, 2, 4]", """
def f(W):
    h0 = np.array([[0.3, -1.2, 0.5], [1.1, 0.4, -0.7], [-0.6, 0.9, 1.5], [0.2, 0.0, -0.3]])
    y0 = np.array([4, 0, 2, 4])
    z = h0 @ np.asarray(W, dtype=np.float64).T
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]
    return float(np.mean(lse - z[np.arange(len(y0)), y0]))
""")


def numgrad_cases(rng):
    return [
        case(CUBIC, table(rng, 3, 4), label="(3, 4), default eps"),
        case(CUBIC, table(rng, 3, 4), eps=1e-2, label="eps = 1e-2: forward differences are off by O(eps)"),
        case(COUPLED, table(rng, 2, 3, 2), eps=1e-3, label="3-D X, entries coupled through sum(X)**2"),
        case(COUPLED, table(rng, 5), label="1-D X, default eps"),
        case(LOG_SUM_EXP, table(rng, 6), eps=1e-4, label="the gradient of log-sum-exp is softmax"),
        case(CE_OF_W, table(rng, 5, 3), label="the cross-entropy loss as a function of W (5, 3)"),
        case(CE_OF_W, table(rng, 5, 3), eps=1e-3, label="cross-entropy of W, eps = 1e-3"),
        case(CUBIC, 2.0 + table(rng, 2, 2), 0.1, label="eps = 0.1 passed by position"),
        case(COUPLED, table(rng, 3, 3), eps=0.05, label="coupled entries, eps = 0.05"),
    ]


def numgrad_input_cases(rng):
    return [
        case(CUBIC, table(rng, 4, 3), label="X must be unchanged afterwards"),
        case(COUPLED, table(rng, 2, 2, 3), eps=1e-4, label="3-D X must be unchanged afterwards"),
        case(CUBIC, (1.0 + table(rng, 3, 3)).astype(np.float32),
             label="float32 X: the perturbation must be made in float64"),
        case(CE_OF_W, table(rng, 5, 3).astype(np.float32), label="float32 W"),
        case(COUPLED, [[1, 2, 0], [-1, 3, 2]], label="nested lists of ints: work in float64"),
        case(CUBIC, as_lists(table(rng, 2, 3)), eps=1e-3, label="nested lists"),
    ]


def numgrad_bad_cases(rng):
    return [
        bad(2.5, table(rng, 2, 2), why="f = 2.5 is not callable"),
        bad(table(rng, 2, 2), table(rng, 2, 2), why="f is an array, not a function (arguments swapped?)"),
        bad(CUBIC, table(rng, 2, 2), eps=0.0, why="eps = 0 (a zero step divides by zero)"),
        bad(CUBIC, table(rng, 2, 2), eps=-1e-3, why="eps = -1e-3 < 0"),
    ]


def _ng_generic(f, X, eps=1e-6, *, kind="central", dtype=np.float64, restore=True, at_once=False,
                rows=False, denominator=None):
    X = np.array(X, dtype=dtype)
    grad = np.zeros(X.shape, dtype=np.float64)
    if at_once:
        return np.full(X.shape, (f(X + eps) - f(X - eps)) / (2 * eps), dtype=np.float64)
    indices = [(i,) for i in range(X.shape[0])] if rows else list(np.ndindex(*X.shape))
    for index in indices:
        old = np.copy(X[index])
        X[index] = old + eps
        plus = f(X)
        if kind == "forward":
            X[index] = old
            grad[index] = (plus - f(X)) / eps
            continue
        X[index] = old - eps
        minus = f(X)
        if restore:
            X[index] = old
        grad[index] = (plus - minus) / (denominator or 2 * eps)
    return grad


def _ng_forward(f, X, eps=1e-6):
    return _ng_generic(f, X, eps, kind="forward")


def _ng_half(f, X, eps=1e-6):
    return _ng_generic(f, X, eps, denominator=eps)


def _ng_at_once(f, X, eps=1e-6):
    return _ng_generic(f, X, eps, at_once=True)


def _ng_rows(f, X, eps=1e-6):
    return _ng_generic(f, X, eps, rows=True)


def _ng_no_restore(f, X, eps=1e-6):
    return _ng_generic(f, X, eps, restore=False)


def _ng_float32(f, X, eps=1e-6):
    X = np.asarray(X)
    if X.dtype == np.float64:
        raise NotThisMistake("a float64 X is already in float64")
    return _ng_generic(f, X, eps, dtype=X.dtype)


def _ng_unperturbed(f, X, eps=1e-6):
    return np.zeros(np.shape(X))


NUMGRAD_MISTAKES = (
    Mistake("forward differences (f(x + eps) - f(x)) / eps: use central differences "
            "(f(x + eps) - f(x - eps)) / (2 eps), whose error is O(eps^2) instead of O(eps)", model=_ng_forward),
    Mistake("divided by eps instead of 2 eps: the two evaluations are 2 eps apart", model=_ng_half),
    Mistake("perturbed every entry at once (X + eps): perturb one entry at a time, the others held fixed",
            model=_ng_at_once),
    Mistake("perturbed a whole row X[i] at once: perturb one entry X[index] at a time (np.ndindex(*X.shape) "
            "visits every index)", model=_ng_rows),
    Mistake("the perturbed entry was not restored (or restored by adding eps back, which leaves rounding "
            "errors): save old = X[index] and put it back with X[index] = old", model=_ng_no_restore),
    Mistake("worked in the input's dtype (float32 or int): X + eps is rounded (float32 spacing is ~1e-7 near 1, "
            "an int drops eps); convert X to float64 first", model=_ng_float32),
    Mistake("the gradient is zero: f was evaluated at the unperturbed X (pass the perturbed copy to f)",
            model=_ng_unperturbed),
    kept_dtype("the result kept float32: return float64 (a float64 copy of X, np.zeros(X.shape))"),
)


# ------------------------------------------------------------------------ SPECS

NUMGRAD_RTOL, NUMGRAD_ATOL = 1e-5, 1e-7

SPECS = specs_by_name(
    Spec("gradient_shapes", "gradient_shapes", ref.gradient_shapes, shape_cases, seed=601,
         mistakes=SHAPE_MISTAKES),
    Spec("gradient_shapes_invalid", "gradient_shapes", ref.gradient_shapes, shape_bad_cases, seed=602,
         mistakes=SHAPE_MISTAKES),
    Spec("softmax_values", "softmax", ref.softmax, softmax_cases, seed=611, mistakes=SOFTMAX_MISTAKES),
    Spec("softmax_invalid", "softmax", ref.softmax, softmax_bad_cases, seed=613, mistakes=SOFTMAX_MISTAKES),
    Spec("softmax_stable", "softmax", ref.softmax, stable_cases, seed=612, mistakes=SOFTMAX_MISTAKES),
    Spec("cross_entropy_values", "cross_entropy", ref.cross_entropy, ce_cases, seed=621, mistakes=CE_MISTAKES),
    Spec("cross_entropy_stable", "cross_entropy", ref.cross_entropy, ce_stable_cases, seed=622,
         mistakes=CE_MISTAKES),
    Spec("cross_entropy_invalid", "cross_entropy", ref.cross_entropy, ce_invalid_cases, seed=623,
         mistakes=CE_MISTAKES),
    Spec("output_embedding_grad_values", "output_embedding_grad", ref.output_embedding_grad, grad_cases,
         seed=631, mistakes=DW_MISTAKES, uses=("softmax",)),
    Spec("output_embedding_grad_invalid", "output_embedding_grad", ref.output_embedding_grad, grad_bad_cases,
         seed=632, mistakes=DW_MISTAKES),
    Spec("hidden_state_grad_values", "hidden_state_grad", ref.hidden_state_grad, grad_cases, seed=641,
         mistakes=DH_MISTAKES, uses=("softmax",)),
    Spec("hidden_state_grad_invalid", "hidden_state_grad", ref.hidden_state_grad, grad_bad_cases, seed=642,
         mistakes=DH_MISTAKES),
    Spec("numerical_gradient_values", "numerical_gradient", ref.numerical_gradient, numgrad_cases, seed=651,
         mistakes=NUMGRAD_MISTAKES, rtol=NUMGRAD_RTOL, atol=NUMGRAD_ATOL),
    Spec("numerical_gradient_inputs", "numerical_gradient", ref.numerical_gradient, numgrad_input_cases,
         seed=652, mistakes=NUMGRAD_MISTAKES, rtol=NUMGRAD_RTOL, atol=NUMGRAD_ATOL),
    Spec("numerical_gradient_invalid", "numerical_gradient", ref.numerical_gradient, numgrad_bad_cases,
         seed=653, mistakes=NUMGRAD_MISTAKES, rtol=NUMGRAD_RTOL, atol=NUMGRAD_ATOL),
)
