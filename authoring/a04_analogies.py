"""Source of source/04_analogies/04_analogies.ipynb (write it with `python3 course.py author 04_analogies`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "04_analogies"
cells = [
md(r"""
# 04 · Analogies: verify a synthetic analogy direction

*"man is to king as woman is to ?"* The famous answer of word2vec (Mikolov et al., 2013) is
$\vec{king} - \vec{man} + \vec{woman} \approx \vec{queen}$. The recipe behind it, called
**3CosAdd** by Levy and Goldberg (2014, *Linguistic regularities in sparse and explicit word
representations*), is the one of word2vec's analogy tool and of gensim's
`most_similar`: normalise every row of the embedding table, move $c$ by the offset from $a$ to
$b$, and return the nearest row by cosine that is **not** one of the three question words.

| object | meaning | shape |
|---|---|---|
| $E$ | embedding table, row $i$ is the vector of token $i$ | $(V, d)$ |
| $u$ | unit rows, $u_i = E_i / \lVert E_i \rVert$ (a zero row stays zero) | Exercise 1 |
| $a, b, c$ | token ids of the question "$a$ is to $b$ as $c$ is to ?" | scalars |
| $t$ | the target $u_b - u_a + u_c$ | Exercise 1 |
| scores | $\cos(u_i, t)$ for every row $i$ | Exercise 1 |
| pairs | $n$ pairs $(x, y)$ of one relation, e.g. (man, woman) | $(n, 2)$ |
| offsets | $o_i = E[y_i] - E[x_i]$, one per pair | Exercise 1 |
| quads | questions $(a, b, c, d)$ whose expected answer is $d$ | Exercise 1 |

(The shapes left open are yours to derive in Exercise 1.)

$$t = u_b - u_a + u_c, \qquad
\text{analogy}(E, a, b, c) = \operatorname*{arg\,max}_{i \,\notin\, \{a, b, c\}} \cos(u_i, t)$$

Why should this work? If a relation is one **shared direction** $r$, so that $E[y] \approx E[x] + r$
for every pair $(x, y)$, then the offsets of all pairs point the same way and adding the offset of
one pair to $c$ lands near $c$'s partner. You will measure both sides of that claim on a synthetic
vocabulary where you know the truth: the **offset consistency** of a relation (do its offsets point
the same way?) and the **analogy accuracy** (does 3CosAdd answer its questions?).

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (12 points: 10 autograded, 2 for your explanation in (c)).
Each function you write is followed by one or more graded cells; one cell near the end (1 point)
checks that every function rejects invalid input. The visible lines in those cells are *sanity checks*: they catch common slips and
say why, but they are not exhaustive. When your notebook is graded, hidden checks run your
function on other inputs (random tables whose rows have very different norms, exact ties, zero
rows, repeated question words, lists instead of arrays, invalid ids) and compare it with a
reference. A failed hidden check tells you the input, what was expected and what you returned,
and names the mistake when it recognises one.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; never modify an input; raise `ValueError` (with a message naming the argument) on invalid
input. Before you submit: *Kernel → Restart Kernel and Run All Cells*.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.
"""),
md(r"""
### The synthetic vocabulary

The locked cell below builds a small vocabulary from a fixed seed ($V = 44$ words, $d = 20$), so
that you know which relations are directions:

* **gender**: each (male, female) pair shares a random base vector; the female word adds one
  shared `gender_direction`: man/woman, boy/girl, ..., king/queen, prince/princess;
* **royalty**: king = man's base + a shared `royalty_direction`, prince = boy's base + the same
  direction (so queen and princess get both directions);
* **capital, held out**: every country and every capital is an *independent* random unit vector.
  Paris is the capital of France only in the word lists: nothing in the geometry says so;
* ten unrelated filler words.

Every row also gets its own noise (a random vector of norm about 0.3), so no offset is exact.
"""),
setup(r'''
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# ---- A synthetic vocabulary with two shared directions and one held-out relation -------------
rng = np.random.default_rng(2014)
WIDTH = 20                  # d, the embedding width
NOISE = 0.3                 # the norm (about) of the noise added to every row


def random_unit():
    v = rng.normal(size=WIDTH)
    return v / np.linalg.norm(v)


gender_direction = random_unit()      # shared by every (male, female) pair
royalty_direction = random_unit()     # shared by every (commoner, royal) pair

words, rows = [], []


def add_word(word, vector):
    words.append(word)
    rows.append(vector + NOISE * rng.normal(size=WIDTH) / np.sqrt(WIDTH))


base = {}
for male, female in [("man", "woman"), ("boy", "girl"), ("father", "mother"), ("son", "daughter"),
                     ("brother", "sister"), ("uncle", "aunt"), ("husband", "wife"), ("king", "queen"),
                     ("prince", "princess")]:
    if male == "king":
        base[male] = base["man"] + royalty_direction
    elif male == "prince":
        base[male] = base["boy"] + royalty_direction
    else:
        base[male] = random_unit()
    add_word(male, base[male])
    add_word(female, base[male] + gender_direction)

# Held out: a country and its capital are unrelated random vectors (no shared direction).
for country, capital in [("france", "paris"), ("germany", "berlin"), ("italy", "rome"), ("japan", "tokyo"),
                         ("spain", "madrid"), ("egypt", "cairo"), ("peru", "lima"), ("kenya", "nairobi")]:
    add_word(country, random_unit())
    add_word(capital, random_unit())

for filler in ["apple", "river", "green", "table", "music", "cloud", "seven", "bread", "stone", "quick"]:
    add_word(filler, random_unit())

E_words = np.array(rows)                              # (V, d) = (44, 20)
word_id = {w: i for i, w in enumerate(words)}


def ids(word_pairs):
    """Word pairs -> an (n, 2) integer array of token ids."""
    return np.array([[word_id[x], word_id[y]] for x, y in word_pairs])


GENDER = ids([("man", "woman"), ("boy", "girl"), ("father", "mother"), ("son", "daughter"),
              ("brother", "sister"), ("uncle", "aunt"), ("husband", "wife"), ("king", "queen"),
              ("prince", "princess")])
ROYALTY = ids([("man", "king"), ("woman", "queen"), ("boy", "prince"), ("girl", "princess")])
CAPITAL = ids([("france", "paris"), ("germany", "berlin"), ("italy", "rome"), ("japan", "tokyo"),
               ("spain", "madrid"), ("egypt", "cairo"), ("peru", "lima"), ("kenya", "nairobi")])


def quads_from_pairs(pairs):
    """Every question (x1, y1, x2, y2) made of two different pairs: x1 is to y1 as x2 is to ? (answer y2)."""
    return np.array([(x1, y1, x2, y2) for i, (x1, y1) in enumerate(pairs)
                     for j, (x2, y2) in enumerate(pairs) if i != j])


print(f"E_words: {E_words.shape[0]} words of width {E_words.shape[1]}; "
      f"{len(GENDER)} gender, {len(ROYALTY)} royalty and {len(CAPITAL)} capital pairs")
'''),
md(r"""
## (a) Shapes

### Exercise 1 · `analogy_shapes` (1 point · ★★ · about 10 min)

For a table of $V$ rows of width $d$ and a relation given by `n_pairs` pairs, return a dict of
the shapes (tuples of Python `int`s) of `"E"`, `"u"`, `"target"`, `"scores"` (one cosine per row
of the table), `"offsets"`, `"offset_cosines"` (one cosine for every **unordered** pair of two
different offsets, $i < j$) and `"quads"` (the questions that `quads_from_pairs` makes from the
pairs: every **ordered** pair of two different pairs gives one question of 4 ids).

Sizes are Python or numpy integers. $V$ or $d$ below 1, or `n_pairs` below 2 (one pair has no
other pair to compare with), raises `ValueError` naming the size.

<details><summary>Hint 1</summary>

For each object ask: one entry per *what*? Per row of the table, per coordinate, per pair, per
pair of offsets, per question?

</details>

<details><summary>Hint 2</summary>

The target is a single vector in the embedding space, and every row of the table gets one score
(the exclusion of $a, b, c$ happens when ranking, not in the shape). Count offset pairs the way a
handshake is counted, $i < j$ and no $i = j$; count questions as ordered pairs of two *different*
pairs.

</details>

<details><summary>Hint 3</summary>

With $n$ = `n_pairs`: `"offset_cosines": (n * (n - 1) // 2,)` and `"quads": (n * (n - 1), 4)`;
convert every size with `int(...)` after checking it.

</details>
"""),
solution("analogy_shapes", r'''
def analogy_shapes(V, d, n_pairs):
    """Shapes of the objects of this notebook.

    Parameters
    ----------
    V, d : int
        Vocabulary size and embedding width (each >= 1).
    n_pairs : int
        Number of (x, y) pairs of one relation (>= 2).

    Returns
    -------
    dict
        Keys "E", "u", "target", "scores", "offsets", "offset_cosines", "quads";
        values are tuples of Python ints.

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not), V or d < 1, or n_pairs < 2.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d, "n_pairs": n_pairs}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < (2 if name == "n_pairs" else 1):
            raise ValueError(f"{name} must be >= {2 if name == 'n_pairs' else 1}, got {value}")
    V, d, n = int(V), int(d), int(n_pairs)
    return {"E": (V, d), "u": (V, d), "target": (d,), "scores": (V,), "offsets": (n, d),
            "offset_cosines": (n * (n - 1) // 2,),     # unordered pairs i < j
            "quads": (n * (n - 1), 4)}                 # ordered pairs i != j
    ### END SOLUTION
'''),
test(A, "analogy_shapes", 1, r'''
# Sanity checks for analogy_shapes on this notebook's vocabulary and its 9 gender pairs.
shapes = analogy_shapes(44, 20, 9)
assert isinstance(shapes, dict) and set(shapes) == {"E", "u", "target", "scores", "offsets",
                                                     "offset_cosines", "quads"}, \
    f"return a dict with the seven keys of the exercise, got {shapes!r}"
assert shapes["target"] == (20,), f"the target u[b] - u[a] + u[c] is one vector of width d: (20,), got {shapes['target']}"
assert shapes["scores"] == (44,), f"every row of the table gets a cosine: (V,) = (44,), got {shapes['scores']}"
assert shapes["offsets"] == (9, 20), f"one offset row per pair: (n_pairs, d) = (9, 20), got {shapes['offsets']}"
assert shapes["offset_cosines"] == (36,), \
    f"9 offsets have 9 * 8 / 2 = 36 unordered pairs i < j (no i == j), got {shapes['offset_cosines']}"
assert shapes["quads"] == quads_from_pairs(GENDER).shape == (72, 4), \
    f"9 pairs give 9 * 8 = 72 ordered questions (a, b, c, d), got {shapes['quads']}"
assert all(type(n) is int for shape in shapes.values() for n in shape), "use tuples of Python ints"
print("analogy_shapes: sanity checks passed")
'''),
md(r"""
## (b) Computation

### Exercise 2 · `analogy` (4 points · ★★★ · about 30 min)

Return the `k` token ids whose rows have the largest cosine with the target, most similar first:

$$u_i = \frac{E_i}{\lVert E_i \rVert}, \qquad t = u_b - u_a + u_c, \qquad
\text{score}_i = \cos(u_i, t) = \frac{u_i \cdot t}{\lVert u_i \rVert\,\lVert t \rVert}
\quad (0 \text{ if } u_i = 0 \text{ or } t = 0),$$

ranked over the candidates $i \notin \{a, b, c\}$. Equal scores go to the **smaller id**. The ids
$a, b, c$ may repeat: there are $V - |\{a, b, c\}|$ candidates, and `k` must satisfy
$1 \le k \le V - |\{a, b, c\}|$. Return a numpy array of `k` integer ids.

<details><summary>Hint 1</summary>

Write it in three steps: unit rows, the target, one score per row; then decide which ids may be
answers before you sort. Which direction does the offset go: from $a$ to $b$, or from $b$ to $a$?
What would the top answer usually be if $b$ and $c$ stayed among the candidates?

</details>

<details><summary>Hint 2</summary>

The classic mistakes: leaving $a$, $b$ or $c$ among the candidates (the target contains $u_b$
and $u_c$, so one of them often wins); $a - b + c$ instead of $b - a + c$; building the target
from the raw rows $E$ instead of the unit rows $u$ (rows of different norms point it elsewhere);
ranking by dot product with raw rows (it favours long rows). Exclude by **id**: another token
whose row equals $E_b$ is still a candidate. The cosine with a zero row is 0.0, not NaN.

</details>

<details><summary>Hint 3</summary>

`scores = np.divide(u @ t, norms_u * np.linalg.norm(t), out=np.zeros(V), where=...)`, then
`candidates = np.setdiff1d(np.arange(V), [a, b, c])` and
`candidates[np.argsort(-scores[candidates], kind="stable")[:k]]`: a stable sort keeps equal
scores in id order (`np.argsort(scores)[::-1]` would put the larger id first).

</details>
"""),
solution("analogy", r'''
def analogy(E, a, b, c, k=1):
    """3CosAdd: the k ids closest by cosine to u[b] - u[a] + u[c], excluding a, b and c.

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table (any float dtype, or nested lists).
    a, b, c : int
        Token ids of the question "a is to b as c is to ?" (0 <= id < V; they may repeat).
    k : int, optional
        How many ids to return, 1 <= k <= V - len({a, b, c}).

    Returns
    -------
    np.ndarray of int, shape (k,)
        Candidate ids by decreasing cosine with the target; equal cosines in increasing id order.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If E is not 2-D, an id is not an integer or out of range, or k is not an integer in range.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    V = E.shape[0]
    for name, i in (("a", a), ("b", b), ("c", c)):
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)):
            raise ValueError(f"{name} must be an integer id, got {i!r}")
        if not 0 <= i < V:
            raise ValueError(f"{name} must satisfy 0 <= {name} < V = {V}, got {i}")
    n_candidates = V - len({int(a), int(b), int(c)})
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n_candidates:
        raise ValueError(f"k must be an integer with 1 <= k <= {n_candidates} candidates, got {k!r}")
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    u = np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)     # unit rows; a zero row stays 0
    target = u[b] - u[a] + u[c]
    t_norm = np.linalg.norm(target)
    scores = u @ target / t_norm if t_norm > 0 else np.zeros(V)       # cos(u_i, target)
    scores[[a, b, c]] = -np.inf                                       # never answer a question word
    return np.argsort(-scores, kind="stable")[:k]                     # ties: the smaller id first
    ### END SOLUTION
'''),
test(A, "analogy_values", 2, r'''
# Sanity checks for analogy on the synthetic vocabulary.
answer_ids = analogy(E_words, word_id["man"], word_id["king"], word_id["woman"], k=3)
assert isinstance(answer_ids, np.ndarray) and answer_ids.shape == (3,), \
    f"return a numpy array of k = 3 ids, got {answer_ids!r}"
assert np.issubdtype(answer_ids.dtype, np.integer), f"ids have an integer dtype, got {answer_ids.dtype}"
assert not set(answer_ids.tolist()) & {word_id["man"], word_id["king"], word_id["woman"]}, \
    f"man, king and woman are the question words: never return them, got {[words[i] for i in answer_ids]}"
assert words[answer_ids[0]] == "queen", \
    f"man : king :: woman : ? is queen in this vocabulary, got {[words[i] for i in answer_ids]}"
# 3CosAdd only looks at directions: rescaling the rows (e.g. longer rows for frequent words) changes nothing.
row_scales = np.linspace(0.2, 5.0, len(E_words))[:, None]
for x, y, z in [("man", "king", "woman"), ("boy", "girl", "uncle"), ("girl", "princess", "boy")]:
    q = (word_id[x], word_id[y], word_id[z])
    assert np.array_equal(analogy(E_words * row_scales, *q, k=2), analogy(E_words, *q, k=2)), \
        f"{x} : {y} :: {z} : ? changed when the rows were rescaled: rank by cosine with u[b] - u[a] + u[c], " \
        "not by dot product, and build the target from unit rows"
print("analogy: sanity checks passed")
'''),
md(r"""
The next graded cell checks the exclusion, the ties and the edge cases on a tiny table whose
cosines are exact: rows 4, 5 and 6 point the same way (so they tie), row 7 is zero.
"""),
test(A, "analogy_exclusion_and_ties", 2, r'''
# Sanity checks: exclusion, ties to the smaller id, a zero row (cosine 0.0, not NaN).
E_tie = np.array([[2.0, 0, 0, 0],     # 0: a
                  [0, 2, 0, 0],       # 1: b
                  [0, 0, 2, 0],       # 2: c          target u1 - u0 + u2 = (-1, 1, 1, 0)
                  [0, 0, 0, 8],       # 3: cosine 0
                  [0, 4, 0, 0],       # 4: same direction as b
                  [0, 0, 1, 0],       # 5: same direction as c
                  [0, 1, 0, 0],       # 6: same direction as b
                  [0, 0, 0, 0],       # 7: a zero row, cosine 0
                  [1, 0, 0, 0]])      # 8: same direction as a, cosine < 0
ranked = analogy(E_tie, 0, 1, 2, k=6)
assert np.array_equal(ranked, [4, 5, 6, 3, 7, 8]), \
    f"expected [4, 5, 6, 3, 7, 8]: 4, 5, 6 tie (smaller id first), then 3 and 7 tie at cosine 0 " \
    f"(a zero row has cosine 0.0), then 8; a, b, c = 0, 1, 2 are never returned; got {ranked}"
assert np.array_equal(analogy(E_tie, 0, 1, 0, k=7), [4, 6, 2, 3, 5, 7, 8]), \
    "a == c: the target is u[b] = (0, 1, 0, 0); rows 4 and 6 point that way, every other row has cosine 0; " \
    "there are V - 2 = 7 candidates (a and c are the same id) and b = 1 is still excluded"
print("analogy: exclusion and tie sanity checks passed")
'''),
md(r"""
### Exercise 3 · `offset_consistency` (2 points · ★★ · about 15 min)

Does a relation have a shared direction? Take the offset of every pair and average the cosine of
every two different offsets:

$$o_i = E[y_i] - E[x_i], \qquad
\text{consistency} = \frac{2}{n(n-1)} \sum_{i < j} \cos(o_i, o_j).$$

It is 1 when all offsets point the same way, about 0 when they are unrelated, and can be negative.

`pairs` is an $(n, 2)$ integer array or a list of pairs; fewer than 2 pairs raises `ValueError`.

<details><summary>Hint 1</summary>

This is the mean pairwise cosine of a small table: the table of offsets. Which rows of $E$ make
the offsets, raw or normalised? And which pairs of offsets enter the mean?

</details>

<details><summary>Hint 2</summary>

The offsets use the **raw** rows of $E$ (a property of the table, not of 3CosAdd), and every offset
is **second minus first**, $E[y] - E[x]$, even when $y < x$. Average over the $n(n-1)/2$ pairs
$i < j$ only: including $i = j$ adds cosines of 1, and a sum over all $i \ne j$ counts every pair
twice. A zero offset (two equal rows) has cosine 0.0 with anything.

</details>

<details><summary>Hint 3</summary>

`O = E[pairs[:, 1]] - E[pairs[:, 0]]`; normalise its rows (zero rows stay zero) into `U`, then
`i, j = np.triu_indices(n, k=1)` and `float((U @ U.T)[i, j].mean())`.

</details>
"""),
solution("offset_consistency", r'''
def offset_consistency(E, pairs):
    """Mean cosine between the offsets E[y] - E[x] of every two different pairs (i < j).

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table.
    pairs : array_like of int, shape (n, 2)
        Pairs (x, y) of token ids, n >= 2.

    Returns
    -------
    float
        The mean of cos(o_i, o_j) over the n(n-1)/2 pairs i < j, with o = E[y] - E[x].

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If E is not 2-D, pairs is not an (n, 2) integer array with n >= 2, or an id is out of range.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    pairs = np.asarray(pairs)
    if pairs.ndim != 2 or pairs.shape[1] != 2:
        raise ValueError(f"pairs must have shape (n, 2), got {pairs.shape}")
    if pairs.dtype == np.bool_ or not np.issubdtype(pairs.dtype, np.integer):
        raise ValueError(f"pairs must hold integer ids, got dtype {pairs.dtype}")
    if len(pairs) < 2:
        raise ValueError(f"pairs needs at least 2 pairs to compare offsets, got {len(pairs)}")
    if (pairs < 0).any() or (pairs >= E.shape[0]).any():
        raise ValueError(f"pairs must hold ids 0 <= id < V = {E.shape[0]}, got {pairs.min()} .. {pairs.max()}")
    offsets = E[pairs[:, 1]] - E[pairs[:, 0]]                       # (n, d): second minus first
    norms = np.linalg.norm(offsets, axis=1, keepdims=True)
    units = np.divide(offsets, norms, out=np.zeros_like(offsets), where=norms > 0)
    cosines = units @ units.T                                       # (n, n)
    i, j = np.triu_indices(len(pairs), k=1)                         # pairs i < j only
    return float(cosines[i, j].mean())
    ### END SOLUTION
'''),
test(A, "offset_consistency_values", 2, r'''
# Sanity checks for offset_consistency.
E_demo = np.array([[0.0, 0], [1, 0], [5, 5], [7, 5], [3, 0], [3, 4]])
assert np.isclose(offset_consistency(E_demo, [(0, 1), (2, 3)]), 1.0), \
    "offsets (1, 0) and (2, 0) point the same way: consistency 1.0 (cosine ignores their lengths)"
assert np.isclose(offset_consistency(E_demo, [(0, 1), (3, 2)]), -1.0), \
    "offsets (1, 0) and E[2] - E[3] = (-2, 0) point opposite ways: -1.0 (always second minus first)"
assert np.isclose(offset_consistency(E_demo, [(0, 1), (2, 3), (4, 5)]), 1 / 3), \
    "offsets (1, 0), (2, 0), (0, 4): the cosines of the pairs i < j are 1, 0, 0, so the mean is 1/3"
gender_c, capital_c = offset_consistency(E_words, GENDER), offset_consistency(E_words, CAPITAL)
assert gender_c > 0.8 and abs(capital_c) < 0.2, \
    f"gender has a shared direction (expect > 0.8), capital does not (expect near 0); got {gender_c:.3f}, {capital_c:.3f}"
print(f"offset_consistency: sanity checks passed (gender {gender_c:.3f}, capital {capital_c:.3f})")
'''),
md(r"""
### Exercise 4 · `analogy_accuracy` (2 points · ★ · about 10 min)

The share of questions that 3CosAdd answers right, **top-1**:

$$\text{accuracy} = \frac{1}{m} \sum_{q=1}^{m} \big[\, \text{analogy}(E, a_q, b_q, c_q)[0] = d_q \,\big].$$

Use your `analogy`. A question counts only if the *first* answer is $d$ (a $d$ in second place is
a miss), and the result is a fraction in $[0, 1]$, returned as a `float`. `quads` is an $(m, 4)$
integer array or a list of 4-tuples with $m \ge 1$ and every id, $d$ included, in range;
no quads at all raises `ValueError` (an accuracy over zero questions means nothing).

<details><summary>Hint 1</summary>

Loop over the questions and ask your `analogy` for its first answer. What must you check about
`quads` (and about $d$, which `analogy` never sees) before the loop?

</details>

<details><summary>Hint 2</summary>

Convert `quads` with `np.asarray`, reject an empty array, a shape that is not $(m, 4)$, a
non-integer dtype and ids outside $[0, V)$ (the answer $d$ included), with messages that name
`quads`. Compare only `analogy(E, a, b, c)[0]` with $d$, and divide by $m$ as a float.

</details>

<details><summary>Hint 3</summary>

Count the hits with `sum(analogy(E, a, b, c)[0] == d for a, b, c, d in quads.tolist())`, then
divide by `len(quads)` and return a Python `float`.

</details>
"""),
solution("analogy_accuracy", r'''
def analogy_accuracy(E, quads):
    """Fraction of the questions (a, b, c, d) whose top-1 3CosAdd answer is d.

    Parameters
    ----------
    E : array_like, shape (V, d)
        Embedding table.
    quads : array_like of int, shape (m, 4)
        Questions "a is to b as c is to ?" with expected answer d; m >= 1.

    Returns
    -------
    float
        The number of questions with analogy(E, a, b, c)[0] == d, divided by m.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If E is not 2-D, quads is empty or not an (m, 4) integer array, or an id is out of range.
    """
    ### BEGIN SOLUTION
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise ValueError(f"E must be a 2-D (V, d) table, got shape {E.shape}")
    quads = np.asarray(quads)
    if quads.size == 0:
        raise ValueError("quads is empty: there is no question to score")
    if quads.ndim != 2 or quads.shape[1] != 4:
        raise ValueError(f"quads must have shape (m, 4), got {quads.shape}")
    if quads.dtype == np.bool_ or not np.issubdtype(quads.dtype, np.integer):
        raise ValueError(f"quads must hold integer ids, got dtype {quads.dtype}")
    if (quads < 0).any() or (quads >= E.shape[0]).any():
        raise ValueError(f"quads must hold ids 0 <= id < V = {E.shape[0]}, got {quads.min()} .. {quads.max()}")
    hits = sum(int(analogy(E, a, b, c)[0] == d) for a, b, c, d in quads.tolist())
    return hits / len(quads)
    ### END SOLUTION
'''),
test(A, "analogy_accuracy_values", 2, r'''
# Sanity checks for analogy_accuracy.
acc_tie = analogy_accuracy(E_tie, [(0, 1, 2, 4), (0, 1, 2, 5), (0, 1, 2, 1), (0, 1, 2, 3)])
assert isinstance(acc_tie, float), f"return a float, got {type(acc_tie).__name__}"
assert np.isclose(acc_tie, 0.25), \
    f"on E_tie only (0, 1, 2, 4) is a top-1 hit (5 comes second, 1 is b, 3 is further down): 1/4, got {acc_tie}"
acc_gender = analogy_accuracy(E_words, quads_from_pairs(GENDER))
assert np.isclose(acc_gender, 1.0), f"every gender question is answered in this vocabulary: 1.0, got {acc_gender}"
print(f"analogy_accuracy: sanity checks passed (gender {acc_gender:.2f})")
'''),
md(r"""
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong (for ids out of range an `IndexError` is accepted too). The hidden part of this cell calls
each of your four functions on invalid inputs (sizes below 1, `n_pairs` < 2, ids
that are negative, too large, floats or bools, `k` larger than the number of candidates, fewer
than 2 pairs, no quads, tables that are not 2-D), and on two valid inputs each, which must still
return.
"""),
test(A, ("analogy_shapes_invalid", "analogy_invalid", "offset_consistency_invalid", "analogy_accuracy_invalid"), 1,
     grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: invalid inputs for each function (the hidden checks try many more).
invalid_calls = [
    ("analogy_shapes(44, 20, 1)", lambda: analogy_shapes(44, 20, 1), "one pair has no other pair to compare with"),
    ("analogy(E_words, 0, 1, 2, k=42)", lambda: analogy(E_words, 0, 1, 2, 42), "k = 42 > V - 3 = 41 candidates"),
    ("analogy(E_words, -1, 1, 2)", lambda: analogy(E_words, -1, 1, 2), "a = -1 is not an id (numpy would read the last row)"),
    ("offset_consistency(E_words, one pair)", lambda: offset_consistency(E_words, GENDER[:1]),
     "with one pair there is no pair i < j"),
    ("analogy_accuracy(E_words, no quads)", lambda: analogy_accuracy(E_words, np.zeros((0, 4), dtype=int)),
     "0 / 0 is not an accuracy"),
]
for text, call, why in invalid_calls:
    try:
        call()
    except (ValueError, IndexError) as err:
        print(f"{text} raised {type(err).__name__} as it should: {err}")
    else:
        raise AssertionError(f"{text} returned a value, but {why}: raise ValueError naming the argument")
"""),
md(r"""
### Picture: a direction, or not?

Left: offset consistency and analogy accuracy for each relation; the dotted line is chance for a
top-1 answer, $1/(V-3)$. Right: every offset $E[y] - E[x]$ drawn as an arrow from the origin,
projected on the two directions that hold most of the offsets (their top two right singular
vectors). The gender arrows point one way; the capital arrows point everywhere, so no single
vector added to *germany* can lead to *berlin*.
"""),
code(r"""
relations = {"gender": GENDER, "royalty": ROYALTY, "capital\n(held out)": CAPITAL}
try:
    measured = {name: (offset_consistency(E_words, p), analogy_accuracy(E_words, quads_from_pairs(p)))
                for name, p in relations.items()}
except NotImplementedError:
    measured = None
    print("Write offset_consistency and analogy_accuracy (and analogy) to fill the left panel.")
except Exception as err:
    measured = None
    print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11.5, 4.2))
if measured:
    x = np.arange(len(measured))
    ax0.bar(x - 0.2, [m[0] for m in measured.values()], 0.4, label="offset consistency")
    ax0.bar(x + 0.2, [m[1] for m in measured.values()], 0.4, label="analogy accuracy (top-1)")
    for xi, (cons, acc) in zip(x, measured.values()):
        ax0.text(xi - 0.2, max(cons, 0) + 0.02, f"{cons:.2f}", ha="center")
        ax0.text(xi + 0.2, acc + 0.02, f"{acc:.2f}", ha="center")
    ax0.axhline(1 / (len(words) - 3), color="gray", linestyle=":", label="chance, 1/(V-3)")
    ax0.set_xticks(x, list(measured))
    ax0.set_ylim(-0.15, 1.15)
    ax0.legend(loc="upper right", fontsize=8)
ax0.set_title("measured on the synthetic table")

offsets = {"gender": E_words[GENDER[:, 1]] - E_words[GENDER[:, 0]],
           "capital": E_words[CAPITAL[:, 1]] - E_words[CAPITAL[:, 0]]}
_, _, directions = np.linalg.svd(np.vstack(list(offsets.values())), full_matrices=False)
for (name, O), color in zip(offsets.items(), ["tab:purple", "tab:green"]):
    xy = O @ directions[:2].T
    ax1.quiver(np.zeros(len(xy)), np.zeros(len(xy)), xy[:, 0], xy[:, 1], angles="xy", scale_units="xy",
               scale=1, color=color, width=0.006, label=f"{name} offsets E[y] - E[x]")
ax1.set_xlim(-2, 2)
ax1.set_ylim(-2, 2)
ax1.set_aspect("equal")
ax1.legend(loc="lower left", fontsize=8)
ax1.set_title("offsets on their top two singular directions")
plt.tight_layout()
plt.show()
"""),
md(r"""
## Real embeddings (not graded): man : king :: woman : ? on all-MiniLM-L6-v2

`minilm.py` (beside this notebook) reads the input token table of all-MiniLM-L6-v2, a small
BERT-family sentence encoder: $V = 30{,}522$ WordPiece tokens of width $d = 384$. The cell asks
**your** `analogy` for the top 5, prints the cosine of a few rows with the target, and uses a
trick for a baseline: with $a = c$ the target is $u_b$ itself, so `analogy(E, man, king, man)`
lists the nearest neighbours of *king* (without *man* and *king*). It also measures
`offset_consistency` for six gender pairs, six country-capital pairs and 50 random token pairs.
"""),
code(r"""
try:
    from minilm import load_minilm
    real = load_minilm()
except ImportError as err:          # the package is missing: the rest of the notebook still works
    real = None
    print("The real-embedding cells are skipped:", err)

if real is not None:
    E_real = real.tokens.astype(np.float64)               # (30522, 384), converted once
    man, king, woman = real.ids(["man", "king", "woman"])
    try:
        top5 = analogy(E_real, man, king, woman, k=5)
        king_alone = analogy(E_real, man, king, man, k=5)   # a == c: the target is u[king]
        fr, pa, ge = real.ids(["france", "paris", "germany"])
        capital_top3 = analogy(E_real, fr, pa, ge, k=3)
    except NotImplementedError:
        print("Write analogy first, then run this cell again.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
    else:
        def unit(v):
            return v / np.linalg.norm(v)

        target = unit(unit(E_real[king]) - unit(E_real[man]) + unit(E_real[woman]))
        print("man : king :: woman : ?          ", [real.vocab[i] for i in top5])
        print("nearest neighbours of king        ", [real.vocab[i] for i in king_alone])
        print("france : paris :: germany : ?     ", [real.vocab[i] for i in capital_top3])
        print("cosine with the target:", ", ".join(f"{w} {unit(E_real[real.id(w)]) @ target:.2f}"
                                                  for w in ["king", "queen", "kings", "woman", "man"]))
    try:
        gender_real = [real.ids(p) for p in [("man", "woman"), ("king", "queen"), ("boy", "girl"),
                                             ("father", "mother"), ("brother", "sister"), ("he", "she")]]
        capital_real = [real.ids(p) for p in [("france", "paris"), ("germany", "berlin"), ("italy", "rome"),
                                              ("japan", "tokyo"), ("spain", "madrid"), ("russia", "moscow")]]
        random_real = np.random.default_rng(0).integers(1000, len(real.vocab), size=(50, 2))  # past [unused] ids
        print(f"offset consistency: gender {offset_consistency(E_real, gender_real):.3f}, "
              f"capital {offset_consistency(E_real, capital_real):.3f}, "
              f"50 random pairs {offset_consistency(E_real, random_real):.3f}")
    except NotImplementedError:
        print("Write offset_consistency to compare the real relations.")
    except Exception as err:
        print(f"One of your functions failed here ({type(err).__name__}: {err}); fix it and run this cell again.")
"""),
md(r"""
**What to look for.** *queen* comes first, but look at the runners-up: *kings*, *monarch*,
*monarchy*, *queens* are neighbours of *king*, and the king-alone baseline already has *queen*
second, behind *kings*. The target is still mostly $u_{king}$: *king* itself has the largest
cosine with it, larger than *queen*'s, so without the exclusion of $a, b, c$ the "answer" would
be *king*. The offset $u_{woman} - u_{man}$ only has to push *queen* past *kings*.

The input table of a sentence encoder is not word2vec. word2vec trains its vectors so that dot
products of word and context vectors predict which words occur together (an implicit
factorisation of a pointwise-mutual-information matrix: Levy and Goldberg, 2014, *Neural word
embedding as implicit matrix factorization*), and analogy offsets come from regularities of those
co-occurrence statistics. MiniLM's table is the input layer of a 6-layer transformer, distilled
from a larger model and then fine-tuned for sentence embeddings with a contrastive objective on
about a billion sentence pairs: it is trained only through the layers above it. Its rows are
WordPiece tokens (ask for `k=10` and a `##` piece appears), and each row is added to a position
and a segment vector and layer-normalised before the first layer. Nothing asks its offsets to be
parallel: the gender and capital offsets have a consistency of only about 0.3, though that is
clearly above random pairs (about 0). Unlike our synthetic capitals, the real table does have a
usable capital direction (*berlin* comes first), learned from data.
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. With your measurements: why does 3CosAdd answer the gender and royalty questions of the
   synthetic table and fail on capitals? Why is the exclusion of $a$, $b$ and $c$ part of the
   method rather than a detail (use the MiniLM cosines and the king-alone baseline)?
2. The capital relation failed on the synthetic table by construction, yet a language model
   completes "The capital of Germany is" with "Berlin". Where in a transformer can a relation
   live if it is not a constant offset of the input table, and what does that imply for judging
   what a model "knows" from analogies on its input embeddings?
"""),
answer("explain_analogies", r"""
(1) 3CosAdd adds the single vector $u_b - u_a$ to $u_c$, so it can only work when the relation
is (close to) one shared direction. Gender and royalty offsets have consistency about 0.85-0.88
and every question is answered (accuracy 1.0); the capital offsets are unrelated (consistency
about 0), so the offset of france -> paris says nothing about germany -> berlin, the target is
$u_{germany}$ plus an unrelated vector, and accuracy stays at chance (about 0.02, chance
$1/(V-3) \approx 0.024$). Offset consistency is the measurable condition behind the arithmetic.
The exclusion matters because the target contains $u_b$ and $u_c$: on MiniLM, *king* has a larger
cosine with the target (0.65) than *queen* (0.50), so without the exclusion the method returns
*king*; and the nearest neighbours of *king* alone already contain *queen* in second place, so
much of the apparent success is the neighbourhood of $b$, not the offset (Linzen, 2016).
(2) The input table is only the first layer, a context-free lookup shared by every use of a
token. Relations are applied later: attention moves information between positions (from
"Germany" to the prediction position) and the feed-forward (MLP) layers act as key-value
memories that retrieve associations such as a capital (Geva et al., 2021; Meng et al., 2022); in
hidden states many relations are approximately linear (affine) maps rather than one constant
vector (Hernandez et al., 2024). So a failed input-table analogy does not mean the model does not
know the relation, and a successful one shows only a shared direction in the first layer (which
later linear layers can read with one projection). Probing hidden states, or asking the model,
tests knowledge; input-embedding analogies test the geometry of one table.
""", r"""
1 point: links consistency to accuracy with the student's own numbers (shared direction ->
adding one offset works; unrelated offsets -> chance) and explains the exclusion (the target
contains $u_b$ and $u_c$: without it king/b is returned; the king-alone baseline shows much of
the answer is the neighbourhood of b). 1 point: relations are computed by later layers
(attention moving information, MLP layers retrieving facts, hidden-state maps), the input table
is one context-free layer; so analogy success or failure on input embeddings is neither
necessary nor sufficient evidence of what the model knows. Citations are not required.
"""),
]

NOTEBOOK = notebook(cells)
