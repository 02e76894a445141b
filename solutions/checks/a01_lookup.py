"""Hidden checks for 01_lookup."""
from __future__ import annotations

import numpy as np

from .. import a01_lookup as ref
from .harness import (as_float, kept_dtype, ID_ERRORS, Mistake, NotThisMistake, Spec, as_lists, bad, case, on_invalid_input,
                      specs_by_name, table)


# ------------------------------------------------------------------ lookup_shapes

def shape_cases(rng):
    fixed = [case(50257, 768, 8, 1024, label="GPT-2 sizes"), case(10, 4, 2, 3, label="V, d, B, T all different"),
             case(1, 1, 1, 1, label="all ones")]
    sizes = [tuple(int(v) for v in rng.choice(np.arange(2, 60), size=4, replace=False)) for _ in range(4)]
    return fixed + [case(*s, label="random sizes") for s in sizes] + [
        case(np.int64(7), np.int32(3), 2, 5, label="numpy integer sizes")]


def shape_bad_cases(rng):
    return [bad(0, 4, 2, 3, why="V = 0 < 1"), bad(10, -1, 2, 3, why="d = -1 < 1"),
            bad(10, 4, 0, 3, why="B = 0 < 1"), bad(10, 4, 2, -3, why="T = -3 < 1")]


SHAPE_MISTAKES = (
    Mistake("X has shape (T, B, d): the batch axis comes first, X[b, t] is token t of sequence b",
            model=lambda V, d, B, T: {"E": (V, d), "ids": (B, T), "X": (T, B, d)}),
    Mistake("ids has shape (T, B): one row of ids per sequence, so (B, T)",
            model=lambda V, d, B, T: {"E": (V, d), "ids": (T, B), "X": (B, T, d)}),
    Mistake("E has shape (d, V): the table has one row of d numbers per token, so (V, d)",
            model=lambda V, d, B, T: {"E": (d, V), "ids": (B, T), "X": (B, T, d)}),
    Mistake("X ends in V: each id selects a row of d numbers, so X is (B, T, d)",
            model=lambda V, d, B, T: {"E": (V, d), "ids": (B, T), "X": (B, T, V)}),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())),
)


# ------------------------------------------------------------- attention_shapes

def attention_cases(rng):
    fixed = [case(50257, 768, 8, 1024, 12, label="GPT-2 small: 12 heads of width 64"),
             case(10, 12, 2, 5, 3, label="V, d, B, T, n_heads all different"),
             case(7, 6, 3, 4, 1, label="a single head of width d"),
             case(9, 6, 2, 3, 6, label="n_heads = d: heads of width 1"),
             case(np.int64(30522), np.int32(384), 4, np.int64(128), np.int32(12), label="numpy integer sizes")]
    out = []
    for _ in range(4):
        n_heads, h = (int(v) for v in rng.choice(np.arange(2, 9), size=2, replace=False))
        V, B, T = (int(v) for v in rng.choice(np.arange(2, 60), size=3, replace=False))
        out.append(case(V, n_heads * h, B, T, n_heads, label="random sizes"))
    return fixed + out


def attention_bad_cases(rng):
    return [bad(10, 10, 2, 3, 4, why="n_heads = 4 does not divide d = 10"),
            bad(10, 12, 2, 3, 0, why="n_heads = 0 < 1"),
            bad(10, 12, 2, 3, -3, why="n_heads = -3 < 1"),
            bad(10, 12, 0, 3, 3, why="B = 0 < 1"),
            bad(10, 12, 2, 3, 24, why="n_heads = 24 does not divide d = 12"),
            bad(0, 12, 2, 3, 3, why="V = 0 < 1")]


def _heads(V, d, B, T, n_heads, **changes):
    h = d // n_heads
    out = {"X": (B, T, d), "W_Q": (d, d), "Q": (B, T, d), "Q_heads": (B, n_heads, T, h),
           "scores": (B, n_heads, T, T), "head_outputs": (B, n_heads, T, h), "merged": (B, T, d),
           "logits": (B, T, V)}
    return {k: changes.get(k, v) for k, v in out.items()}


ATTENTION_MISTAKES = (
    Mistake("the head axis was left after T: split the last axis into (n_heads, d_head), then move the heads "
            "in front of the positions, (B, n_heads, T, d_head), so each (sequence, head) has its own (T, d_head) "
            "matrix",
            model=lambda V, d, B, T, n: _heads(V, d, B, T, n, Q_heads=(B, T, n, d // n),
                                               head_outputs=(B, T, n, d // n))),
    Mistake("the scores lost the head axis: every head compares every position with every position, "
            "so there is one (T, T) table per sequence and head, (B, n_heads, T, T)",
            model=lambda V, d, B, T, n: _heads(V, d, B, T, n, scores=(B, T, T))),
    Mistake("the scores end in d_head: Q_h K_h^T contracts the d_head axis and compares positions with "
            "positions, so the last two axes are (T, T)",
            model=lambda V, d, B, T, n: _heads(V, d, B, T, n, scores=(B, n, T, d // n))),
    Mistake("each head has the full width d: the heads split d, so a head has d_head = d / n_heads coordinates",
            model=lambda V, d, B, T, n: _heads(V, d, B, T, n, Q_heads=(B, n, T, d), head_outputs=(B, n, T, d))),
    Mistake("the logits end in d: the output layer scores every token of the vocabulary, merged @ E.T "
            "is (B, T, d) x (d, V), so (B, T, V)",
            model=lambda V, d, B, T, n: _heads(V, d, B, T, n, logits=(B, T, d))),
    Mistake("the shapes hold numpy integers or lists: use tuples of Python ints",
            test=lambda c, got, exp: isinstance(got, dict) and any(
                not isinstance(v, tuple) or any(type(n) is not int for n in v) for v in got.values())),
)


def _valid_sizes(*sizes) -> bool:
    return all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v >= 1 for v in sizes)


def _floor_heads(V, d, B, T, n_heads):
    """No check that n_heads divides d: d // n_heads rounds down (only explains that case)."""
    if not _valid_sizes(V, d, B, T, n_heads) or d % n_heads == 0:
        raise NotThisMistake()
    return _heads(int(V), int(d), int(B), int(T), int(n_heads))


def _unchecked_sizes(V, d, B, T, n_heads):
    """No check that the sizes are >= 1 (only explains a case with a size below 1)."""
    if _valid_sizes(V, d, B, T, n_heads):
        raise NotThisMistake()
    if d % n_heads:                      # n_heads = 0 fails here with ZeroDivisionError, as such code does
        raise ValueError("n_heads must divide d")
    return _heads(V, d, B, T, n_heads)


ATTENTION_BAD_MISTAKES = (
    Mistake("n_heads that does not divide d was accepted (d // n_heads rounds down and drops coordinates); "
            "raise ValueError naming n_heads",
            model=on_invalid_input(_floor_heads)),
    Mistake("a size below 1 was not rejected (n_heads = 0 then fails with ZeroDivisionError in d % n_heads); "
            "check every size >= 1 first and raise ValueError naming it",
            model=on_invalid_input(_unchecked_sizes)),
)


# --------------------------------------------------------------- embedding_lookup

def lookup_cases(rng):
    E = table(rng, 6, 4)
    out = [
        case(E, np.array([[0, 5, 2], [2, 2, 1]]), label="B=2, T=3, repeated ids"),
        case(E, np.array([3, 0, 3, 5]), label="1-D ids"),
        case(E, np.array(4), label="a single id (0-d array)"),
        case(E, rng.integers(0, 6, size=(2, 3, 2)), label="3-D ids"),
        case(as_lists(E), as_lists(np.array([[1, 4], [0, 0]])), label="nested lists"),
        case(E.astype(np.float32), np.array([[5, 1]], dtype=np.int32), label="float32 table, int32 ids"),
    ]
    for _ in range(4):
        V, d, B, T = (int(v) for v in rng.choice(np.arange(2, 13), size=4, replace=False))
        out.append(case(table(rng, V, d), rng.integers(0, V, size=(B, T)), label="random"))
    return out


def lookup_bad_cases(rng):
    E = table(rng, 5, 3)
    return [
        bad(E, np.array([[0, -1]]), why="ids contains -1", errors=ID_ERRORS),
        bad(E, np.array([[0, 5]]), why="ids contains 5 = V", errors=ID_ERRORS),
        bad(E, np.array([[0.0, 1.0]]), why="ids has a float dtype"),
        bad(E, np.array([True, False]), why="ids are booleans"),
        bad(E[0], np.array([0, 1]), why="E is 1-D, not a (V, d) table"),
    ]


def _wrap(E, ids):
    return as_float(E)[np.asarray(ids)]


def _clip(E, ids):
    E = as_float(E)
    return E[np.clip(np.asarray(ids), 0, len(E) - 1)]


LOOKUP_MISTAKES = (
    Mistake("negative ids wrap around (numpy reads E[-1] as the last row); check ids >= 0 and raise",
            model=_wrap),
    Mistake("ids out of range were clipped into range instead of rejected", model=_clip),
    Mistake("float or boolean ids were accepted (cast to int); ids must have an integer dtype",
            model=lambda E, ids: as_float(E)[np.asarray(ids).astype(np.int64)]),
    Mistake("the result follows ids.T: X must have shape ids.shape + (d,), batch axis first",
            model=lambda E, ids: as_float(E)[np.asarray(ids).T]),
    Mistake("the ids were flattened: X must keep the shape of ids, S + (d,)",
            model=lambda E, ids: as_float(E)[np.asarray(ids).reshape(-1)]),
    kept_dtype("the table's own dtype was kept; return float64 (np.asarray(E, dtype=np.float64))"),
    Mistake("columns of E were indexed (E.T[ids] or E[:, ids]); a token's vector is a row",
            model=lambda E, ids: as_float(E).T[np.asarray(ids)]),
)


# ---------------------------------------------------------- add_learned_positions

def position_cases(rng):
    P = table(rng, 7, 3)
    out = [
        case(table(rng, 4, 3), P, label="X (T, d) with T < T_max"),
        case(table(rng, 2, 5, 3), P, label="X (B, T, d), B=2, T=5"),
        case(table(rng, 7, 3), P, label="T = T_max"),
        case(table(rng, 3, 7, 3), P, label="batch of 3, T = T_max"),
        case(as_lists(table(rng, 2, 3)), as_lists(table(rng, 4, 3)), label="nested lists"),
        case(table(rng, 2, 2, 3).astype(np.float32), P.astype(np.float32), label="float32 inputs"),
    ]
    for _ in range(3):
        B, T, d = (int(v) for v in rng.choice(np.arange(2, 9), size=3, replace=False))
        out.append(case(table(rng, B, T, d), table(rng, T + int(rng.integers(1, 4)), d), label="random"))
    return out


def position_bad_cases(rng):
    P = table(rng, 4, 3)
    return [
        bad(table(rng, 5, 3), P, why="T = 5 > T_max = 4"),
        bad(table(rng, 2, 6, 3), P, why="batch with T = 6 > T_max = 4"),
        bad(table(rng, 3, 2), P, why="widths differ: X has 2 columns, P has 3"),
        bad(table(rng, 3, 3), P[0], why="P is 1-D, not a (T_max, d) table"),
        bad(table(rng, 3), P, why="X is 1-D"),
    ]


def _cycled(X, P):
    X, P = as_float(X), as_float(P)
    return X + P[np.arange(X.shape[-2]) % len(P)]


POSITION_MISTAKES = (
    Mistake("P was added whole; only its first T rows, P[:T], belong to the T positions",
            model=lambda X, P: as_float(X) + as_float(P)),
    Mistake("positions start at 1; position p uses row P[p], starting at P[0]",
            model=lambda X, P: as_float(X) + as_float(P)[1: np.shape(X)[-2] + 1]),
    Mistake("the last T rows of P were used; position p uses row P[p]",
            model=lambda X, P: as_float(X) + as_float(P)[-np.shape(X)[-2]:]),
    Mistake("P was sliced by X.shape[0] (the batch size B for a 3-D X) instead of T = X.shape[-2]",
            model=lambda X, P: as_float(X) + as_float(P)[: np.shape(X)[0]]),
    Mistake("positions past T_max wrap around; a learned table has no row for them, so raise",
            model=_cycled),
)


SPECS = specs_by_name(
    Spec("lookup_shapes", "lookup_shapes", ref.lookup_shapes, shape_cases, seed=101, mistakes=SHAPE_MISTAKES),
    Spec("lookup_shapes_invalid", "lookup_shapes", ref.lookup_shapes, shape_bad_cases, seed=102),
    Spec("attention_shapes", "attention_shapes", ref.attention_shapes, attention_cases, seed=131,
         mistakes=ATTENTION_MISTAKES),
    Spec("attention_shapes_invalid", "attention_shapes", ref.attention_shapes, attention_bad_cases, seed=132,
         mistakes=ATTENTION_BAD_MISTAKES),
    Spec("embedding_lookup_values", "embedding_lookup", ref.embedding_lookup, lookup_cases, seed=111,
         mistakes=LOOKUP_MISTAKES),
    Spec("embedding_lookup_invalid", "embedding_lookup", ref.embedding_lookup, lookup_bad_cases, seed=112,
         mistakes=LOOKUP_MISTAKES),
    Spec("add_learned_positions_values", "add_learned_positions", ref.add_learned_positions, position_cases,
         seed=121, mistakes=POSITION_MISTAKES),
    Spec("add_learned_positions_invalid", "add_learned_positions", ref.add_learned_positions,
         position_bad_cases, seed=122, mistakes=POSITION_MISTAKES),
)
