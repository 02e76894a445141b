"""Every number the prose of 11_learned_embeddings states, recomputed.

The notebook's own code cells (the locked set-up, the solution cells and the
demonstrations; not the graded test cells) run once with matplotlib's Agg
backend; each test compares one claim of the markdown with what that code, or
the reference in solutions/, computes.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from coursetools import cells, course, notebooks
from solutions import a11_learned_embeddings as ref

A = "11_learned_embeddings"
pytestmark = pytest.mark.skipif(not course.notebook(A).exists(), reason=f"{A} is not in source/")


@pytest.fixture(scope="module")
def nb():
    return notebooks.read(course.notebook(A, "source"))


@pytest.fixture(scope="module")
def prose(nb):
    """All markdown of the source notebook as one string, with whitespace runs collapsed."""
    return re.sub(r"\s+", " ", "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))


@pytest.fixture(scope="module")
def ns(nb):
    """The namespace after running every code cell except the graded test cells."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type != "code" or cells.meta(cell).get("grade"):
            continue
        exec(compile(notebooks.without_delimiters(cell.source), f"<{A}>", "exec"), namespace)
        plt.close("all")
    return namespace


def says(prose, text):
    assert text in prose, f"the notebook no longer says {text!r}: update the claim and this test together"


# ------------------------------------------------------------------ grading and corpus


def test_points_in_headings_match_the_cells(nb, prose):
    points = {cells.meta(c)["grade_id"]: cells.meta(c)["points"] for c in nb.cells if cells.meta(c).get("grade")}
    auto = sum(p for g, p in points.items() if g.startswith("test_"))
    manual = sum(p for g, p in points.items() if not g.startswith("test_"))
    assert (auto, manual) == (11, 2)
    says(prose, "(13 points: 11 autograded, 2 for your explanation in (c))")
    for n, (fn, p) in enumerate([("learned_shapes", 1), ("cooccurrence_counts", 2), ("ppmi", 2),
                                 ("svd_embeddings", 2), ("sgns_loss", 1), ("sgns_grads", 2)], start=1):
        grade_id = "test_learned_shapes" if fn == "learned_shapes" else f"test_{fn}_values"
        assert points[grade_id] == p
        says(prose, f"Exercise {n} · `{fn}` ({p} point{'s' if p > 1 else ''} ·")
    assert points["test_invalid_inputs"] == 1
    says(prose, "Invalid input (1 point for the whole notebook)")


def test_corpus_sizes_and_frequencies(ns, prose):
    assert (len(ns["TEXT"]), sum(len(s) for s in ns["sentences"]), ns["V"]) == (351, 1566, 59)
    text = ns["TEXT"]
    assert [text.count(f"{country} is a big country") for country, _, _ in ns["PLACES"]] == [2, 3, 4, 5, 6, 7]
    assert [text.count(f"a {one} runs") for one, _, _ in ns["ANIMALS"]] == [7, 6, 5, 4, 3, 2]
    says(prose, "its sentences are repeated 2 to 7 times")
    assert len(ns["CAPITAL"]) == len(ns["PLURAL"]) == 6         # 6 * 5 = 30 questions per relation
    assert ref.learned_shapes(59, 16, 6, 2)["C"] == (59, 59)


def test_pair_count_of_the_example_sentence(ns, prose):
    assert "we flew to madrid the city" in ns["TEXT"]
    assert ref.pair_count(6, 2) == 18 == 2 * (5 + 4)
    says(prose, "you should get 18")
    assert ref.pair_count(1, 2) == 0


def test_corpus_pairs_equal_the_count_total(ns, prose):
    C = ns["C_corpus"]
    pairs = sum(ref.pair_count(len(s), ns["WINDOW"]) for s in ns["sentences"])
    assert C.sum() == pairs == len(ns["all_centers"]) == 4158
    says(prose, "its total is the number of training pairs of Exercise 1")


# ------------------------------------------------------------------ counts and PPMI


def test_counts_versus_ppmi(ns, prose):
    C, P, wid = ns["C_corpus"], ns["P_corpus"], ns["word_id"]
    freq = np.bincount(np.concatenate(ns["sentences"]), minlength=ns["V"])
    top3 = {ns["vocab"][i] for i in np.argsort(-freq, kind="stable")[:3]}
    assert top3 == {"the", "a", "is"}
    says(prose, 'dominated by the frequent function words "the", "a" and "is"')
    assert C[wid["paris"], wid["french"]] == 2 and C[wid["the"], wid["city"]] == 27
    assert P[wid["paris"], wid["french"]] > P[wid["the"], wid["city"]]
    says(prose, "*paris* and *french* (2 co-occurrences) stand out more than *the* and *city* (27)")


def test_ppmi_sanity_numbers():
    C = np.array([[2.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    P = ref.ppmi(C)
    assert np.isclose(P[0, 1], np.log(4 / 3)) and round(np.log(4 / 3), 4) == 0.2877
    assert np.log(8 / 9) < 0 and P[0, 0] == 0.0


# ------------------------------------------------------------------ SVD


def test_svd_analogies_by_width(ns, prose):
    P = ns["P_corpus"]
    score = ns["analogy_score"]
    assert (score(ref.svd_embeddings(P, 1), ns["CAPITAL"])[0], score(ref.svd_embeddings(P, 1), ns["PLURAL"])[0]) == (0, 0)
    E16 = ref.svd_embeddings(P, 16)
    assert score(E16, ns["CAPITAL"]) == (27, 30) and score(E16, ns["PLURAL"]) == (26, 30)
    says(prose, "With $d = 1$ none; with $d = 16$, 27 capital and 26 plural questions; from $d = 30$ on, all of them")
    for d in range(30, ns["V"] + 1):
        E = ref.svd_embeddings(P, d)
        assert score(E, ns["CAPITAL"]) == (30, 30) and score(E, ns["PLURAL"]) == (30, 30), d
    assert ns["svd_curve"][15] == (16, 27, 26)


def test_the_wide_table_holds_every_narrower_one(ns):
    P = ns["P_corpus"]
    for d in (1, 7, 16, 33):
        assert np.allclose(ns["E_wide"][:, :d], ref.svd_embeddings(P, d))


def test_svd_spectrum_is_separated_at_the_chosen_width(ns):
    """Any correct SVD routine gives the same 16 columns (up to the fixed signs)."""
    s = np.linalg.svd(ns["P_corpus"], compute_uv=False)
    assert s[15] - s[16] > 0.1


def test_analogy_score_agrees_with_analogy(ns):
    E = ns["E_svd"]
    asked = [(x1, y1, x2, y2) for x1, y1 in ns["CAPITAL"] for x2, y2 in ns["CAPITAL"] if x1 != x2]
    assert ns["analogy_score"](E, ns["CAPITAL"])[0] == sum(ns["analogy"](E, a, b, c) == d for a, b, c, d in asked)
    assert ns["analogy"](E, "france", "paris", "italy") == "rome"


def test_two_dimensional_picture_keeps_three_quarters_of_the_variance(ns, prose):
    share = (ns["s2"][:2] ** 2).sum() / (ns["s2"] ** 2).sum()
    assert len(ns["words_2d"]) == 24 and 0.7 <= share <= 0.8, share
    says(prose, "keeps about three quarters of the variance of these 24 words")


# ------------------------------------------------------------------ skip-gram


def test_sgns_loss_sanity_numbers():
    rng = np.random.default_rng(5)
    W_in = rng.normal(size=(6, 4))
    loss = ref.sgns_loss(W_in, np.zeros((6, 4)), np.array([0, 3]), np.array([1, 2]), np.array([[4, 5, 1], [0, 0, 2]]))
    assert np.isclose(loss, 4 * np.log(2)) and round(4 * np.log(2), 4) == 2.7726
    big = ref.sgns_loss(np.array([[20.0, 0.0]]), np.array([[-40.0, 0.0]]), np.array([0]), np.array([0]), np.array([[0]]))
    assert np.isclose(big, 800.0)


def test_gradient_check(ns, prose):
    assert ns["rel_in"] < 1e-7 and ns["rel_out"] < 1e-7
    missing = ns["rel_error"](4 * ns["chk_in"], ns["num_in"])
    assert round(missing, 1) == 0.6                      # (4 - 1) / (4 + 1)
    says(prose, "a relative error of $0.6$ for $B = 4$")


def test_reference_gradients_match_numerical_ones():
    rng = np.random.default_rng(11)
    W_in, W_out = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    c, o, n = np.array([1, 1, 4]), np.array([0, 3, 1]), np.array([[2, 2], [1, 0], [4, 3]])
    d_in, d_out = ref.sgns_grads(W_in, W_out, c, o, n)
    num_in = ns_free_numerical(lambda W: ref.sgns_loss(W, W_out, c, o, n), W_in)
    num_out = ns_free_numerical(lambda W: ref.sgns_loss(W_in, W, c, o, n), W_out)
    assert np.allclose(d_in, num_in, atol=1e-8) and np.allclose(d_out, num_out, atol=1e-8)


def ns_free_numerical(f, X, eps=1e-6):
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        grad[index] = (plus - f(X)) / (2 * eps)
        X[index] = old
    return grad


def test_training_run(ns, prose):
    assert (ns["STEPS"], ns["BATCH"], ns["K"], ns["LR"], ns["D"], ns["WINDOW"]) == (300, 512, 5, 20.0, 16, 2)
    says(prose, "300 steps of gradient descent on batches of $B = 512$ pairs")
    says(prose, "$k = 5$ negatives")
    says(prose, "a learning rate falling linearly from 20 to 0")
    losses = ns["losses"]
    assert np.isclose(losses[0], 6 * np.log(2)) and round(6 * np.log(2), 3) == 4.159
    says(prose, r"$(1 + k)\log 2 = 6 \log 2 \approx 4.159$")
    assert round(float(np.mean(losses[-20:])), 2) == 1.46
    says(prose, "it falls to about 1.46 (the mean of the last 20 steps)")
    assert ns["sgns_capital"] == (24, 30) and ns["sgns_plural"] == (26, 30)
    says(prose, "3CosAdd answers 24 of the 30 capital and 26 of the 30 plural questions")
    capitals = {capital for _, capital in ns["CAPITAL"]}
    assert set(ns["neighbours"](ns["W_in"], "paris")) <= capitals
    says(prose, "the neighbours of *paris* become the other capitals")


def test_comparison(ns, prose):
    assert ns["neighbours"](ns["E_svd"], "paris")[0] == "france"
    says(prose, "the nearest neighbour of *paris* is *france*")
    capitals = {capital for _, capital in ns["CAPITAL"]}
    assert set(ns["neighbours"](ns["W_in"], "paris")) <= capitals
    says(prose, "the neighbours of *paris* are the other capitals")
    assert int(ns["observed"].sum()) == 520
    says(prose, "on the 520 observed (word, context) pairs")
    assert round(float(ns["corr"]), 2) == 0.66
    says(prose, "their correlation is about 0.66")
    assert round(float(ns["scores_sgns"][~ns["observed"]].mean()), 1) == -5.2
    says(prose, r"(mean about $-5.2$)")
    assert 10 ** 5 * 10 ** 5 == 10 ** 10
    says(prose, r"a vocabulary of $10^5$ words gives $10^{10}$ entries")


def test_svd_check_cases_have_a_unique_answer():
    """The hidden SVD cases are well posed: distinct singular values up to d + 1 and, in every kept
    column, one entry clearly larger in magnitude than the others (so the sign rule cannot flip
    between two correct ways of computing the SVD)."""
    from solutions.checks import load_specs

    spec = load_specs(A)["svd_embeddings_values"]
    for c in spec.make_cases():
        M, d = np.asarray(c.args[0], dtype=np.float64), c.args[1]
        s = np.linalg.svd(M, compute_uv=False)
        gaps = -np.diff(s[: d + 1])
        assert gaps.size == 0 or gaps.min() > 0.05 * s[0], c.label
        top2 = np.sort(np.abs(ref.svd_embeddings(M, d)), axis=0)[-2:]
        assert np.all(top2[1] - top2[0] > 1e-6 * top2[1]), c.label
