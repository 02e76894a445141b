"""Hidden checks for 02_one_hot."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import a02_one_hot as ref
from .. import validate
from .harness import as_float, kept_dtype, ID_ERRORS, Mistake, Spec, as_lists, bad, case, specs_by_name, table


def _sizes(rng, n, low=2, high=13):
    """n different sizes, so that a swapped axis changes the shape."""
    return [int(v) for v in rng.choice(np.arange(low, high), size=n, replace=False)]


def _same_values_other_dtype(kinds):
    """A `test` recognising the right values returned with a dtype of the given kinds."""
    def test(c, got, exp):
        return (isinstance(got, np.ndarray) and isinstance(exp, np.ndarray) and got.dtype.kind in kinds
                and got.shape == exp.shape and np.allclose(got.astype(np.float64), exp))
    return test


def _runs(kind):
    """`verify` of an invalid-input spec: its few valid cases only have to return (a value of the right
    kind) instead of raising; their values are graded by the function's other specs, so one slip in the
    values does not cost the invalid-input point too."""
    def verify(c, got, exp):
        if isinstance(got, kind):
            return None
        return (f"this input is valid and the function must return a {kind.__name__} (its values are checked "
                f"by the other graded cells), got {type(got).__name__}")
    return verify


VALID_TOO = "valid input: must not raise (values are graded elsewhere)"


def valid_too(*args, **kwargs):
    """A valid input inside an invalid-input spec: it must return, and its value is not graded here
    (the value cells grade it), so one bug is not charged twice."""
    return replace(case(*args, label=VALID_TOO, **kwargs), smoke=True)


# ------------------------------------------------------------------------ one_hot

def one_hot_cases(rng):
    out = [
        case(np.array([[0, 4, 2], [2, 2, 1]]), 5, label="ids (B=2, T=3), V=5, id 2 repeated"),
        case(np.array([3, 0, 3]), 6, label="1-D ids (T=3), V=6"),
        case(np.array(2), 6, label="a single id (0-d array): shape (V,)"),
        case([[1, 0], [6, 6]], 7, label="nested lists, the last id V-1 = 6"),
        case(np.array([[4, 1, 0, 1]], dtype=np.int32), np.int64(9), label="int32 ids, numpy integer V"),
        case(np.array([0, 0]), 1, label="V = 1"),
        case(rng.integers(0, 5, size=(2, 3, 4)), 8, label="3-D ids (2, 3, 4), V=8"),
    ]
    for _ in range(3):
        B, T, V = _sizes(rng, 3)
        out.append(case(rng.integers(0, V, size=(B, T)), V, label="random"))
    return out


def one_hot_bad_cases(rng):
    return [
        bad(np.array([[0, -1]]), 4, why="ids contains -1", errors=ID_ERRORS),
        bad(np.array([0, 5]), 5, why="ids contains 5 = V", errors=ID_ERRORS),
        bad(np.array([[2, 9], [0, 1]]), 6, why="ids contains 9 >= V = 6", errors=ID_ERRORS),
        bad(np.array([0.0, 1.0]), 3, why="ids has a float dtype"),
        bad(np.array([True, False]), 3, why="ids are booleans"),
        bad(np.array([0]), 0, why="V = 0 < 1", errors=ID_ERRORS),
        valid_too(np.array([[0, 2], [1, 1]]), 3),
        valid_too([2, 0], np.int64(3)),
    ]


def _one_hot_v_unchecked(ids, V):
    ids = validate.ids_array(ids, V)
    out = np.zeros(ids.shape + (V,))        # TypeError for a float V; True acts as 1
    np.put_along_axis(out, ids[..., None], 1.0, axis=-1)
    return out


ONE_HOT_MISTAKES = (
    Mistake("an integer one-hot matrix: the entries must be the floats 0.0 and 1.0 (dtype float64), "
            "so that one_hot(ids, V) @ E is a float product (np.zeros(shape) is float64; "
            "dtype=ids.dtype or dtype=int is not)", test=_same_values_other_dtype("iu")),
    Mistake("a boolean one-hot matrix (ids[..., None] == np.arange(V)): convert it with .astype(np.float64)",
            test=_same_values_other_dtype("b")),
    Mistake("the one-hot axis comes first, shape (V,) + S (or the transpose): it must be the last axis, "
            "S + (V,), so that one_hot(ids, V) @ E works",
            model=lambda ids, V: np.moveaxis(ref.one_hot(ids, V), -1, 0)),
    Mistake("the one-hot width was taken from the ids (max(ids) + 1, torch's one_hot default): "
            "it must be the argument V", model=lambda ids, V: ref.one_hot(ids, int(np.max(ids)) + 1)),
    Mistake("the ids were flattened: one_hot keeps the shape of ids, S + (V,)",
            model=lambda ids, V: ref.one_hot(ids, V).reshape(-1, V)),
    Mistake("V was not validated: it must be an integer >= 1 (a bool or a float raises ValueError)",
            model=_one_hot_v_unchecked),
    Mistake("negative ids wrap around (np.eye(V)[-1] or out[..., -1] is the last column): check ids >= 0 "
            "and raise", model=lambda ids, V: np.eye(V)[np.asarray(ids)]),
    Mistake("the ids were not checked: ids[..., None] == np.arange(V) quietly gives a row of zeros for an id "
            ">= V (V smaller than the largest id) or < 0; ids must be integers with 0 <= id < V, else raise",
            model=lambda ids, V: (np.asarray(ids)[..., None] == np.arange(V)).astype(np.float64)),
)


# ----------------------------------------------------------------- one_hot_lookup

def lookup_cases(rng):
    E_tie = table(rng, 6, 4)
    E_tie[2] = E_tie[4]          # two equal rows
    E_tie[0] = 0.0               # and a zero row
    out = [
        # first a square table with every id present: only a real slip fails it, so a function that
        # raises on everything is not "recognised" as a mistake that happens to raise elsewhere
        case(table(rng, 4, 4), np.array([[3, 0, 1], [2, 2, 0]]), label="V = d = 4, every id present"),
        case(table(rng, 5, 3), np.array([[0, 4, 2, 4], [1, 1, 3, 0]]), label="V=5, d=3, ids (B=2, T=4) with repeats"),
        case(table(rng, 7, 4), np.array([2, 0, 2]), label="1-D ids, largest id < V - 1"),
        case(table(rng, 5, 3), np.array(3), label="a single id (0-d array): shape (d,)"),
        case(as_lists(table(rng, 4, 6)), [[3, 1], [0, 0]], label="nested lists"),
        case(table(rng, 6, 5).astype(np.float32), np.array([[5, 1, 2]], dtype=np.int32),
             label="float32 table, int32 ids"),
        case(E_tie, np.array([[2, 4, 0], [0, 1, 2]]), label="equal rows 2 and 4, a zero row 0"),
    ]
    for _ in range(3):
        V, d, B, T = _sizes(rng, 4)
        out.append(case(table(rng, V, d), rng.integers(0, V, size=(B, T)), label="random"))
    return out


def lookup_bad_cases(rng):
    E = table(rng, 5, 3)
    return [
        bad(E, np.array([[0, -1]]), why="ids contains -1", errors=ID_ERRORS),
        bad(E, np.array([1, 5]), why="ids contains 5 = V (E has 5 rows)", errors=ID_ERRORS),
        bad(E, np.array([0.0, 2.0]), why="ids has a float dtype"),
        bad(E, np.array([False, True]), why="ids are booleans"),
        bad(E[0], np.array([0, 1]), why="E is 1-D, not a (V, d) table"),
        bad(table(rng, 2, 5, 3), np.array([0, 1]), why="E is 3-D, not a (V, d) table"),
        valid_too(table(rng, 3, 3), np.array([[0, 2], [1, 1]])),
        valid_too(as_lists(table(rng, 2, 4)), [1, 0]),
    ]


def _table(E):
    return validate.float_array(E, "E", ndim=2)


def _lookup_e_unchecked(E, ids):
    E = as_float(E)
    return ref.one_hot(ids, E.shape[0]) @ E


LOOKUP_MISTAKES = (
    Mistake("the one-hot width was taken from the ids (max(ids) + 1, torch's one_hot default): it must be "
            "V = E.shape[0], the number of rows of E, or the product does not fit",
            model=lambda E, ids: ref.one_hot(ids, int(np.max(ids)) + 1) @ _table(E)),
    Mistake("one_hot(ids, E.shape[1]) uses the width d as the vocabulary size: V is E.shape[0]",
            model=lambda E, ids: ref.one_hot(ids, _table(E).shape[1]) @ _table(E)),
    Mistake("the ids were flattened: the result keeps the shape of ids, S + (d,)",
            model=lambda E, ids: ref.one_hot(np.asarray(ids).reshape(-1), len(_table(E))) @ _table(E)),
    kept_dtype("the table's own dtype was kept; return float64 (np.asarray(E, dtype=np.float64))"),
    Mistake("negative ids wrap around (np.eye(V)[-1] is the last row): check ids >= 0 and raise",
            model=lambda E, ids: np.eye(len(_table(E)))[np.asarray(ids)] @ _table(E)),
    Mistake("E was not checked: it must be a 2-D (V, d) table (with a 1-D or 3-D E the product still runs)",
            model=_lookup_e_unchecked),
)


# ------------------------------------------------------------------ one_hot_costs

def cost_cases(rng):
    out = [
        case(8, 1024, 50257, 768, label="GPT-2 small: 8 sequences of 1,024 tokens"),
        case(2, 3, 5, 7, label="B, T, V, d all different"),
        case(1, 1, 1, 1, label="all ones"),
        case(np.int32(8), np.int32(1024), np.int32(50257), np.int32(768), label="numpy int32 sizes (GPT-2)"),
        case(np.int64(4), 16, np.int64(30522), 384, label="numpy int64 and Python int sizes"),
    ]
    for _ in range(3):
        B, T, V, d = (int(v) for v in rng.integers(1, 5000, size=4))
        out.append(case(B, T, V, d, label="random sizes"))
    return out


def cost_bad_cases(rng):
    return [
        bad(0, 4, 5, 6, why="B = 0 < 1"),
        bad(2, -3, 5, 6, why="T = -3 < 1"),
        bad(2, 4, 5, -6, why="d = -6 < 1"),
        bad(2, 4, np.float64(5.0), 6, why="V is a numpy float"),
        valid_too(8, 1024, 50257, 768),
        valid_too(np.int64(2), 3, np.int32(5), 7),
    ]


def _costs(B, T, V, d, flops):
    B, T, V, d = (int(v) for v in (B, T, V, d))
    return {"one_hot_entries": B * T * V, "matmul_flops": flops(B, T, V, d), "lookup_copies": B * T * d}


def _numpy_ints(c, got, exp):
    return isinstance(got, dict) and any(isinstance(v, np.integer) for v in got.values())


def _wrapped(c, got, exp):
    if not (isinstance(got, dict) and isinstance(exp, dict)):
        return False
    for key, want in exp.items():
        value = got.get(key)
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            value = int(value)
            if value != want and (value - want) % 2 ** 32 == 0:
                return True
    return False


COST_MISTAKES = (
    Mistake("matmul_flops = B*T*V*d counts multiply-adds: a multiply-add is 2 FLOPs (one multiply, one add), "
            "so the product costs 2*B*T*V*d", model=lambda B, T, V, d: _costs(B, T, V, d, lambda B, T, V, d: B * T * V * d)),
    Mistake("matmul_flops = (2V - 1)*B*T*d counts V multiplies and V - 1 additions per output; the convention "
            "counts every multiply-add as 2 FLOPs: 2*B*T*V*d",
            model=lambda B, T, V, d: _costs(B, T, V, d, lambda B, T, V, d: (2 * V - 1) * B * T * d)),
    Mistake("lookup_copies counts rows: the lookup copies B*T rows of d numbers each, B*T*d numbers",
            model=lambda B, T, V, d: {**_costs(B, T, V, d, lambda B, T, V, d: 2 * B * T * V * d),
                                      "lookup_copies": int(B) * int(T)}),
    Mistake("one_hot_entries counts only the ones: the one-hot matrix (B, T, V) stores B*T*V entries, "
            "the zeros count too",
            model=lambda B, T, V, d: {**_costs(B, T, V, d, lambda B, T, V, d: 2 * B * T * V * d),
                                      "one_hot_entries": int(B) * int(T)}),
    Mistake("integer overflow: numpy int32 sizes multiplied in int32 wrap around past 2**31; convert each size "
            "with int(...) before multiplying (Python ints never overflow)", test=_wrapped),
    Mistake("numpy integers in the dict (from np.prod or numpy sizes): convert each value to a Python int "
            "with int(...)", test=_numpy_ints),
)


# ------------------------------------------------------------- embedding_backward

def backward_cases(rng):
    """Every id occurs once: the plain scatter dE[ids] = grad_X is right here."""
    out = [
        case(np.array([[0, 3, 5], [1, 4, 6]]), table(rng, 2, 3, 4), 8,
             label="ids (B=2, T=3) all different, d=4, V=8: rows 2 and 7 are never looked up"),
        case(np.array([4, 0, 2]), table(rng, 3, 5), 6, label="1-D ids, d=5, V=6"),
        case(np.array(3), table(rng, 4), 5, label="a single id (0-d ids, grad_X of shape (d,))"),
        case([[2, 0], [1, 5]], as_lists(table(rng, 2, 2, 3)), 7, label="nested lists"),
        case(np.array([[1, 0, 2]], dtype=np.int32), table(rng, 1, 3, 6).astype(np.float32), np.int64(4),
             label="int32 ids, float32 grad_X, numpy integer V"),
    ]
    for _ in range(3):
        B, T, d = _sizes(rng, 3, 2, 6)
        V = B * T + int(rng.integers(1, 4))
        ids = rng.permutation(V)[: B * T].reshape(B, T)
        out.append(case(ids, table(rng, B, T, d), V, label="random, ids all different"))
    return out


def backward_repeat_cases(rng):
    out = [
        case(np.array([0, 1, 2, 3, 0, 4]), table(rng, 6, 3), 6,
             label='"the cat sat on the mat": id 0 ("the") at positions 0 and 4'),
        case(np.array([[2, 5, 2], [5, 5, 1]]), table(rng, 2, 3, 4), 7,
             label="repeats within and across the sequences of a batch"),
        case(np.array([3, 3, 3, 3]), table(rng, 4, 2), 5, label="one id four times"),
        case(rng.integers(0, 3, size=(2, 3, 4)), table(rng, 2, 3, 4, 5), 4, label="3-D ids, many repeats"),
        case([[1, 1], [0, 1]], as_lists(table(rng, 2, 2, 3)), 3, label="nested lists with repeats"),
        case(np.array([[4, 4, 0]], dtype=np.int32), table(rng, 1, 3, 2).astype(np.float32), 5,
             label="int32 ids, float32 grad_X, a repeat"),
    ]
    for _ in range(3):
        B, T, d = _sizes(rng, 3, 2, 7)
        V = int(rng.integers(3, 6))
        out.append(case(rng.integers(0, V, size=(B, T)), table(rng, B, T, d), V, label="random, small V"))
    return out


def backward_bad_cases(rng):
    ids = np.array([[0, 2, 1], [3, 3, 0]])          # (B=2, T=3)
    return [
        bad(ids, table(rng, 3, 2, 4), 5, why="grad_X has shape (3, 2, 4): not ids.shape + (d,) = (2, 3, 4)"),
        bad(ids, table(rng, 3, 4), 5, why="grad_X has shape (3, 4): it would broadcast, but must be (2, 3, d)"),
        bad(ids, table(rng, 2, 1, 4), 5, why="grad_X has shape (2, 1, 4): it would broadcast, but must be (2, 3, d)"),
        bad(ids, table(rng, 2, 3), 5, why="grad_X has shape (2, 3) = ids.shape: the d axis is missing"),
        bad(np.array([0, -1, 2]), table(rng, 3, 4), 5, why="ids contains -1", errors=ID_ERRORS),
        bad(np.array([[1, 6], [0, 2]]), table(rng, 2, 2, 3), 6, why="ids contains 6 = V",
            errors=ID_ERRORS),
        bad(np.array([0.0, 2.0]), table(rng, 2, 3), 4, why="ids has a float dtype"),
        bad(np.array([1, 2]), table(rng, 2, 3), 0, why="V = 0 < 1", errors=ID_ERRORS),
        valid_too(ids, table(rng, 2, 3, 4), 4),
        valid_too([1, 0, 1], as_lists(table(rng, 3, 2)), 2),
    ]


def _validated(ids, grad_X, V):
    """What the reference checks, for models that make one mistake only."""
    V = validate.size(V, "V")
    ids = validate.ids_array(ids, V)
    ids, G = _shape_checked(ids, grad_X)
    return ids, G, V


def _lost(ids, grad_X, V):
    ids, G, V = _validated(ids, grad_X, V)
    dE = np.zeros((V, G.shape[-1]))
    dE[ids] += G
    return dE


def _mean(ids, grad_X, V):
    dE = ref.embedding_backward(ids, grad_X, V)
    counts = np.bincount(np.asarray(ids).reshape(-1), minlength=int(V))
    return dE / np.maximum(counts, 1)[:, None]


def _shape_checked(ids, grad_X):
    ids, G = np.asarray(ids), as_float(grad_X)
    if G.ndim != ids.ndim + 1 or G.shape[:-1] != ids.shape:
        raise ValueError("grad_X does not fit ids")
    return ids, G


def _wrap(ids, grad_X, V):
    ids, G = _shape_checked(ids, grad_X)
    dE = np.zeros((V, G.shape[-1]))
    np.add.at(dE, ids, G)
    return dE


def _broadcast(ids, grad_X, V):
    ids = validate.ids_array(ids, V)
    G = as_float(grad_X)
    dE = np.zeros((V, G.shape[-1]))
    np.add.at(dE, ids, G)
    return dE


def _flattened(ids, grad_X, V):
    ids = validate.ids_array(ids, V)
    G = as_float(grad_X)
    d = G.shape[-1]
    dE = np.zeros((V, d))
    np.add.at(dE, ids.reshape(-1), G.reshape(-1, d))
    return dE


def _bincount(ids, grad_X, V):
    ids, G = _shape_checked(ids, grad_X)
    flat, G = ids.reshape(-1), G.reshape(-1, G.shape[-1])
    return np.stack([np.bincount(flat, weights=G[:, j], minlength=V) for j in range(G.shape[1])], axis=1)


def _rows_from_ids(ids, grad_X, V):
    ids, G, V = _validated(ids, grad_X, V)
    return ref.embedding_backward(ids, G, int(ids.max()) + 1)


BACKWARD_MISTAKES = (
    Mistake("repeated ids lost: dE[ids] += grad_X (or dE[ids] = grad_X) writes a repeated row once, the last "
            "write wins; every occurrence must add its gradient: np.add.at(dE, ids, grad_X) or a loop",
            model=_lost),
    Mistake("divided by how often each id occurs (an average): the chain rule sums the gradients of all "
            "occurrences", model=_mean),
    Mistake("dE has shape (d, V): the gradient of E has the shape of E, (V, d)",
            model=lambda ids, grad_X, V: ref.embedding_backward(ids, grad_X, V).T),
    Mistake("dE must have V rows (one per row of E), not max(ids) + 1: rows never looked up get a zero gradient",
            model=_rows_from_ids),
    kept_dtype("the gradient's own dtype was kept; return float64 (np.zeros((V, d)) is float64)"),
    Mistake("negative ids wrap around (np.add.at(dE, -1, g) adds to the last row): check ids >= 0 and raise",
            model=_wrap),
    Mistake("grad_X's shape was not checked against ids: np.add.at broadcast a grad_X that is not "
            "ids.shape + (d,); raise ValueError when grad_X.shape[:-1] != ids.shape", model=_broadcast),
    Mistake("grad_X's shape was not checked against ids: both were flattened, so a grad_X of shape (T, B, d) "
            "passed for ids (B, T); raise ValueError when grad_X.shape[:-1] != ids.shape", model=_flattened),
    Mistake("an id >= V was accepted (V smaller than the largest id): np.bincount's minlength is only a "
            "minimum, so dE grew past V rows; ids must satisfy 0 <= id < V, else raise", model=_bincount),
)


# ---------------------------------------------------------------- backward_shapes

def backward_shape_cases(rng):
    out = [case(8, 1024, 50257, 768, label="GPT-2 small, 8 sequences of 1,024 tokens"),
           case(2, 3, 5, 7, label="B, T, V, d all different"),
           case(1, 1, 1, 1, label="all ones"),
           case(np.int64(4), np.int32(6), 30522, np.int64(384), label="numpy integer sizes")]
    for _ in range(4):
        B, T, V, d = (int(v) for v in rng.choice(np.arange(2, 60), size=4, replace=False))
        out.append(case(B, T, V, d, label="random sizes"))
    return out


def backward_shape_bad_cases(rng):
    return [bad(0, 3, 5, 7, why="B = 0 < 1"), bad(2, 3, -5, 7, why="V = -5 < 1"),
            bad(2, 3, 5, 0, why="d = 0 < 1")]


def _bshapes(B, T, V, d, **changes):
    out = ref.backward_shapes(B, T, V, d)
    B, T, V, d = (int(v) for v in (B, T, V, d))
    values = {"O_BTd": (B, T, d), "X_BTV": (B, T, V), "G_VD": (V, d), "dE_BTd": (B, T, d),
              "O_rows_T": (V, B * T), "dE_T": (d, V), "G_rows_V": (B * T, V)}
    out.update({key: values[v] for key, v in changes.items()})
    return out


BACKWARD_SHAPE_MISTAKES = (
    Mistake("dE has the shape of E, (V, d): the loss depends on every entry of the table, so its gradient "
            "has one entry per entry of E (not one row per position)",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, dE="dE_BTd")),
    Mistake("grad_X has the shape of X, (B, T, d): the layers above send back one row of d numbers per position",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, grad_X="G_VD")),
    Mistake("O_rows has one row per position, (B*T, V): O^T G is then (V, B*T) @ (B*T, d) = (V, d); "
            "(V, B*T) is already the transpose",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, O_rows="O_rows_T")),
    Mistake("O has the one-hot axis of length V last, (B, T, V); d only appears after the product with E",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, O="O_BTd")),
    Mistake("X = O E is (B, T, V) @ (V, d) = (B, T, d): the product contracts the V axis",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, X="X_BTV")),
    Mistake("dE is (V, d), the shape of E, not (d, V)",
            model=lambda B, T, V, d: _bshapes(B, T, V, d, dE="dE_T")),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())),
)


SPECS = specs_by_name(
    Spec("backward_shapes", "backward_shapes", ref.backward_shapes, backward_shape_cases, seed=241,
         mistakes=BACKWARD_SHAPE_MISTAKES),
    Spec("backward_shapes_invalid", "backward_shapes", ref.backward_shapes, backward_shape_bad_cases, seed=242),
    Spec("one_hot_values", "one_hot", ref.one_hot, one_hot_cases, seed=201, mistakes=ONE_HOT_MISTAKES),
    Spec("one_hot_invalid", "one_hot", ref.one_hot, one_hot_bad_cases, seed=202, mistakes=ONE_HOT_MISTAKES,
         compare_reference=False, verify=_runs(np.ndarray)),
    Spec("one_hot_lookup_values", "one_hot_lookup", ref.one_hot_lookup, lookup_cases, seed=211,
         mistakes=LOOKUP_MISTAKES, uses=("one_hot",)),
    Spec("one_hot_lookup_invalid", "one_hot_lookup", ref.one_hot_lookup, lookup_bad_cases, seed=212,
         mistakes=LOOKUP_MISTAKES, compare_reference=False, verify=_runs(np.ndarray), uses=("one_hot",)),
    Spec("one_hot_costs", "one_hot_costs", ref.one_hot_costs, cost_cases, seed=221, mistakes=COST_MISTAKES),
    Spec("one_hot_costs_invalid", "one_hot_costs", ref.one_hot_costs, cost_bad_cases, seed=222,
         compare_reference=False, verify=_runs(dict)),
    Spec("embedding_backward_values", "embedding_backward", ref.embedding_backward, backward_cases, seed=231,
         mistakes=BACKWARD_MISTAKES),
    Spec("embedding_backward_repeated_ids", "embedding_backward", ref.embedding_backward, backward_repeat_cases,
         seed=232, mistakes=BACKWARD_MISTAKES),
    Spec("embedding_backward_invalid", "embedding_backward", ref.embedding_backward, backward_bad_cases,
         seed=233, mistakes=BACKWARD_MISTAKES, compare_reference=False, verify=_runs(np.ndarray)),
)
