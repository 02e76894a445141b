"""Source of source/11_learned_embeddings/11_learned_embeddings.ipynb (write it with `python3 course.py author 11_learned_embeddings`)."""
from coursetools.authoring import md, code, setup, solution, test, answer, notebook
A = "11_learned_embeddings"
cells = [
md(r"""
# 11 · Embeddings learned from data: counts, PPMI, SVD and skip-gram

Notebooks 01 to 10 measured embedding tables that someone else trained. Where does their geometry
come from? From one statistic of text: **which words occur near which**. Words that share contexts
("paris" and "rome" both follow "people in" and precede "is a big city") end up with similar
vectors, and a relation that changes the contexts in the same way for every pair ("the capital of
X" versus "X") becomes a shared offset, the one the analogies of notebook 04 rely on.

You will learn a table from a small corpus in the two classic ways and watch that geometry emerge:

* **count-based** (Levy, Goldberg and Dagan, 2015): count co-occurrences within a window, turn the
  counts into positive pointwise mutual information (PPMI), and keep the top $d$ singular directions;
* **predictive**: word2vec's **skip-gram with negative sampling** (SGNS, Mikolov et al., 2013), trained
  by gradient descent with the gradient you derive.

| object | meaning | shape |
|---|---|---|
| `sentences` | the corpus: a list of sentences, each a 1-D array of token ids | $S$ arrays of lengths $n_s$ |
| $C$ | co-occurrence counts: $C[w, c]$ = how often $c$ occurs within `window` positions of $w$ | you derive it |
| $\mathrm{PPMI}$ | $\max(0, \mathrm{PMI})$ of every (word, context) pair | you derive it |
| $E_{\text{svd}}$ | count-based embeddings: the top $d$ singular directions of PPMI | you derive it |
| $W_{\text{in}}$, $W_{\text{out}}$ | skip-gram's two tables: center vectors $v_w$ and context vectors $u_c$ | you derive them |
| `centers`, `contexts` | a batch of $B$ (center, context) training pairs | $(B,)$, $(B,)$ |
| `negatives` | $k$ random "noise" context ids for every pair | $(B, k)$ |

Every exercise follows the course pattern: **(a)** state the shape of every object,
**(b)** compute the result, **(c)** explain what it means for an LLM's architecture.

**How this notebook is graded** (13 points: 11 autograded, 2 for your explanation in (c)).
Each function you write is followed by a graded cell. The visible lines in that cell are *sanity
checks*: they catch common slips and say why, but they are not exhaustive. When your notebook is
graded, hidden checks run your function on other inputs (other corpora and windows, asymmetric
count matrices with empty rows, matrices with known singular values, scores of $\pm 800$, repeated
ids in a batch, lists instead of arrays, `float32` input) and compare it with a reference. A failed
hidden check tells you the input, what was expected and what you returned, and names the likely
mistake. One cell near the end (1 point) checks that every function rejects invalid input.

Each exercise heading gives its points, a difficulty from ★ (routine) to ★★★ (needs an idea) and
a time estimate. Hints are folded: open *Hint 1* first, and the next one only if you are stuck.

Rules for every function: use numpy only; accept numpy arrays of any float dtype or nested
lists; return `float64` arrays (or a Python `int`/`float` where stated); never modify an input;
raise `ValueError` (with a message naming the argument) on invalid input. Before you submit:
*Kernel → Restart Kernel and Run All Cells*. The whole notebook runs in a few seconds.
"""),
md(r"""
### The corpus

The locked cell below generates the corpus; nothing is downloaded. It is **every sentence of a small
grammar**: six countries with their capitals and languages, six animals in the singular and the
plural with their food, in sentences such as *"people in paris speak french"*, *"france is a big
country"*, *"two cats eat fish"* and *"a cat runs"*. Each country (and each animal) has its own
frequency: its sentences are repeated 2 to 7 times, as real words are more or less frequent. The cell
also defines the helpers the demonstrations use: `neighbours` (cosine neighbours, notebook 03),
`analogy` and `analogy_score` (3CosAdd, notebook 04), `skipgram_pairs` and `numerical_gradient`
(notebook 06).

Two relations can emerge: **capital** (france : paris, italy : rome, ...) and **plural**
(cat : cats, dog : dogs, ...). No sentence says "paris is to france as rome is to italy": if the
analogy works, it is because the *contexts* of the words change in parallel.
"""),
setup(r'''
import numpy as np
import matplotlib.pyplot as plt

np.set_printoptions(precision=3, suppress=True)

# ---- The corpus: every sentence of a small grammar, each entity at its own frequency -----------
PLACES = [("france", "paris", "french"), ("italy", "rome", "italian"), ("spain", "madrid", "spanish"),
          ("japan", "tokyo", "japanese"), ("egypt", "cairo", "arabic"), ("germany", "berlin", "german")]
ANIMALS = [("cat", "cats", "fish"), ("dog", "dogs", "meat"), ("bird", "birds", "seeds"),
           ("horse", "horses", "hay"), ("cow", "cows", "grass"), ("rabbit", "rabbits", "carrots")]


def place_sentences(country, capital, language):
    return [f"{capital} is the capital of {country}", f"people in {country} speak {language}",
            f"people in {capital} speak {language}", f"{country} is a big country", f"{capital} is a big city",
            f"we flew to {capital} the city", f"we flew to {country} the country"]


def animal_sentences(one, many, food):
    return [f"one {one} eats {food}", f"two {many} eat {food}", f"the {one} sleeps", f"the {many} sleep",
            f"a {one} runs", f"many {many} run"]


# Entity i of each list appears in all its sentences, repeated a different number of times
# (places 2, 3, ..., 7 times; animals 7, 6, ..., 2 times), as real words have different frequencies.
TEXT = [s for i, p in enumerate(PLACES) for s in place_sentences(*p) * (2 + i)]
TEXT += [s for i, a in enumerate(ANIMALS) for s in animal_sentences(*a) * (7 - i)]
TEXT = [TEXT[i] for i in np.random.default_rng(11).permutation(len(TEXT))]     # order: irrelevant to counts

vocab = sorted({w for s in TEXT for w in s.split()})
word_id = {w: i for i, w in enumerate(vocab)}
sentences = [np.array([word_id[w] for w in s.split()]) for s in TEXT]        # a list of 1-D id arrays
V = len(vocab)
CAPITAL = [(country, capital) for country, capital, _ in PLACES]            # relation pairs (x, y)
PLURAL = [(one, many) for one, many, _ in ANIMALS]


def neighbours(E, word, k=4):
    """The k words whose rows have the largest cosine with the row of `word` (itself excluded)."""
    U = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
    scores = U @ U[word_id[word]]
    scores[word_id[word]] = -np.inf
    return [vocab[i] for i in np.argsort(-scores, kind="stable")[:k]]


def analogy(E, a, b, c):
    """3CosAdd (notebook 04): the word nearest by cosine to u[b] - u[a] + u[c], excluding a, b and c."""
    U = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
    ia, ib, ic = word_id[a], word_id[b], word_id[c]
    scores = U @ (U[ib] - U[ia] + U[ic])
    scores[[ia, ib, ic]] = -np.inf
    return vocab[int(np.argmax(scores))]


def analogy_score(E, pairs):
    """(correct, asked): every question x1 : y1 :: x2 : ? made of two different pairs of the relation,
    answered by 3CosAdd as `analogy` does (all questions at once)."""
    asked = np.array([[word_id[w] for w in (x1, y1, x2, y2)] for x1, y1 in pairs for x2, y2 in pairs if x1 != x2])
    U = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
    scores = (U[asked[:, 1]] - U[asked[:, 0]] + U[asked[:, 2]]) @ U.T                 # (questions, V)
    scores[np.arange(len(asked))[:, None], asked[:, :3]] = -np.inf
    return int(np.sum(np.argmax(scores, axis=1) == asked[:, 3])), len(asked)


def skipgram_pairs(sentences, window):
    """Every (center, context) pair of positions at distance 1 .. window within a sentence: two id arrays."""
    centers, contexts = [], []
    for s in sentences:
        for k in range(1, window + 1):
            centers += [s[:-k], s[k:]]
            contexts += [s[k:], s[:-k]]
    return np.concatenate(centers), np.concatenate(contexts)


def numerical_gradient(f, X, eps=1e-6):
    """Central differences of the scalar function f at X (notebook 06), one entry at a time."""
    X = np.array(X, dtype=np.float64)
    grad = np.zeros_like(X)
    for index in np.ndindex(*X.shape):
        old = X[index]
        X[index] = old + eps
        plus = f(X)
        X[index] = old - eps
        minus = f(X)
        X[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


print(f"{len(TEXT)} sentences, {sum(len(s) for s in sentences)} tokens, V = {V} words")
print("for example:", *TEXT[:4], sep="\n  ")
'''),
md(r"""
## (a) Shapes

### Exercise 1 · `learned_shapes` (1 point · ★ · about 10 min)

Derive the shape of every object of this notebook, for a vocabulary of $V$ words and embeddings of
width $d$:

* `"C"`: the co-occurrence matrix has one row per **word** and one column per **context** word;
* `"ppmi"`: PPMI transforms $C$ entry by entry;
* `"E_svd"`: the count-based embeddings, one row of width $d$ per word;
* `"W_in"` and `"W_out"`: skip-gram's two tables, one vector of width $d$ per word each;
* `"n_pairs"`: the number of (center, context) **training pairs** that one sentence of `n_tokens`
  tokens gives with a window of `window` on each side. Every position is a center; every other
  position at distance $1, \dots,$ `window` is one of its contexts. This one is a Python `int`, not a
  tuple: derive a formula, do not simulate.

Sizes are integers $\ge 1$ (Python or numpy integers, not `bool`); anything else raises `ValueError`
naming the size.

<details><summary>Hint 1</summary>

Draw the sentence *"we flew to madrid the city"* (6 tokens) and window 2. How many contexts does
"we" have? And "to"? Add them up: you should get 18.

</details>

<details><summary>Hint 2</summary>

Count by distance instead of by position: how many pairs of positions are exactly $k$ apart in a
sentence of $n$ tokens? Each such pair gives two (center, context) pairs, one in each direction.
Which distances exist when the window is longer than the sentence?

</details>

<details><summary>Hint 3</summary>

$n - k$ pairs of positions are $k$ apart, for $k = 1, \dots, \min(\text{window}, n - 1)$, so
$n_{\text{pairs}} = 2 \sum_{k=1}^{\min(w, n-1)} (n - k)$. One token has no pairs at all.

</details>
"""),
solution("learned_shapes", r'''
def learned_shapes(V, d, n_tokens, window):
    """Shapes of this notebook's objects, and the number of training pairs of one sentence.

    Parameters
    ----------
    V, d : int
        Vocabulary size and embedding width (each >= 1).
    n_tokens : int
        Length of one sentence (>= 1).
    window : int
        Contexts are the positions at distance 1 .. window on either side (>= 1).

    Returns
    -------
    dict
        {"C": ..., "ppmi": ..., "E_svd": ..., "W_in": ..., "W_out": ...} as tuples of
        Python ints, and "n_pairs": the number of ordered (center, context) pairs of
        the sentence, a Python int.

    Raises
    ------
    ValueError
        If a size is not an integer (bools and floats are not) or is < 1.
    """
    ### BEGIN SOLUTION
    sizes = {"V": V, "d": d, "n_tokens": n_tokens, "window": window}
    for name, value in sizes.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    V, d, n, w = (int(sizes[k]) for k in ("V", "d", "n_tokens", "window"))
    n_pairs = 2 * sum(n - k for k in range(1, min(w, n - 1) + 1))   # n - k pairs of positions are k apart
    return {"C": (V, V), "ppmi": (V, V), "E_svd": (V, d), "W_in": (V, d), "W_out": (V, d), "n_pairs": n_pairs}
    ### END SOLUTION
'''),
test(A, "learned_shapes", 1, r'''
# Sanity checks for learned_shapes (the hidden checks use other sizes).
shapes = learned_shapes(59, 16, 6, 2)      # this corpus, d = 16, "we flew to madrid the city", window 2
keys = {"C", "ppmi", "E_svd", "W_in", "W_out", "n_pairs"}
assert isinstance(shapes, dict) and set(shapes) == keys, f"return a dict with the keys {sorted(keys)}, got {shapes!r}"
assert shapes["C"] == (59, 59), f"C counts words (rows) against context words (columns): (V, V), got {shapes['C']}"
assert shapes["E_svd"] == (59, 16), f"one embedding of width d per word: (V, d), got {shapes['E_svd']}"
assert shapes["n_pairs"] != 9, "n_pairs = 9 counts one direction only: each pair of positions gives two (center, context) pairs"
assert shapes["n_pairs"] == 18, \
    f"'we flew to madrid the city' with window 2 has 2 * (5 + 4) = 18 (center, context) pairs, got {shapes['n_pairs']!r}"
assert learned_shapes(59, 16, 1, 2)["n_pairs"] == 0, "a sentence of one token has no pairs"
print("learned_shapes: sanity checks passed")
'''),
md(r"""
**Check your formula on the whole corpus.** `skipgram_pairs` lists every training pair of the corpus
by brute force; your `n_pairs`, summed over the sentences, must give the same number.
"""),
code(r"""
WINDOW = 2                                   # the window of every experiment below
all_centers, all_contexts = skipgram_pairs(sentences, WINDOW)
try:
    predicted_pairs = sum(learned_shapes(V, 16, len(s), WINDOW)["n_pairs"] for s in sentences)
except NotImplementedError:
    print("Write learned_shapes first, then run this cell again.")
except Exception as err:
    print(f"learned_shapes raised {type(err).__name__}: {err}. Fix it, then run this cell again.")
else:
    print(f"your formula: {predicted_pairs:,} pairs; skipgram_pairs found {len(all_centers):,}")
"""),
md(r"""
## (b) Count-based embeddings

### Exercise 2 · `cooccurrence_counts` (2 points · ★★ · about 20 min)

$C[w, c]$ is the number of times word $c$ occurs within `window` positions of word $w$, on either
side, **in the same sentence**: every ordered pair of positions $(i, j)$ of one sentence with
$1 \le |i - j| \le$ `window` adds 1 to $C[\text{ids}[i], \text{ids}[j]]$. So $C$ is symmetric, its
total is the number of training pairs of Exercise 1, and a word that occurs twice within the window
counts on the diagonal (the position itself, distance 0, never does). Every pair counts 1, whatever
its distance (GloVe weights a pair at distance $k$ by $1/k$; this function does not).

`sentences` is a list (or tuple) of sentences, each a non-empty 1-D sequence of integer ids with
$0 \le \text{id} < V$; a 2-D integer array is a list of equal-length sentences (one per row).
Return a $(V, V)$ `float64` array. Invalid: `window` or `V` not an integer $\ge 1$, ids that are
negative, $\ge V$, floats or booleans, a sentence that is not 1-D (for instance a flat list of ids
instead of a list of sentences).

<details><summary>Hint 1</summary>

Two nested loops over the positions of each sentence work (the corpus is small). Which positions
$j$ are within the window of position $i$, and which must you skip?

</details>

<details><summary>Hint 2</summary>

Vectorised: for each distance $k = 1, \dots$, `window`, the pairs at distance $k$ are
`(s[:-k], s[k:])` (context on the right) and `(s[k:], s[:-k])` (context on the left).
`C[a, b] += 1` with index arrays adds **once** per distinct $(a, b)$, even if the pair occurs twice:
use `np.add.at(C, (a, b), 1)`.

</details>

<details><summary>Hint 3</summary>

Validate each sentence first: `s = np.asarray(s)`, then `s.ndim == 1`, an integer dtype (not
`bool`), `s.min() >= 0` and `s.max() < V`, with messages that name `sentences`. A sentence shorter
than the window only has the distances $1, \dots, n - 1$.

</details>
"""),
solution("cooccurrence_counts", r'''
def cooccurrence_counts(sentences, V, window):
    """Symmetric window co-occurrence counts of a corpus.

    Parameters
    ----------
    sentences : list or tuple of 1-D int sequences, or a 2-D int array (one sentence per row)
        Token ids, 0 <= id < V; each sentence is non-empty.
    V : int
        Vocabulary size (>= 1).
    window : int
        Contexts are the positions at distance 1 .. window on either side, within a sentence (>= 1).

    Returns
    -------
    np.ndarray, shape (V, V), dtype float64
        C[w, c] = number of ordered position pairs (i, j) of one sentence with
        1 <= |i - j| <= window, ids[i] = w and ids[j] = c.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If V or window is not an integer >= 1, or a sentence is not a non-empty 1-D
        sequence of integer ids with 0 <= id < V.
    """
    ### BEGIN SOLUTION
    for name, value in (("V", V), ("window", window)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if isinstance(sentences, np.ndarray) and sentences.ndim != 2:
        raise ValueError(f"sentences must be a list of 1-D id sequences, got an array of shape {sentences.shape}")
    if not isinstance(sentences, (list, tuple, np.ndarray)) or len(sentences) == 0:
        raise ValueError("sentences must be a non-empty list of sentences")
    C = np.zeros((V, V), dtype=np.float64)
    for i, s in enumerate(sentences):
        s = np.asarray(s)
        if s.ndim != 1 or s.size == 0:
            raise ValueError(f"sentences[{i}] must be a non-empty 1-D sequence of ids, got shape {s.shape}")
        if s.dtype == np.bool_ or not np.issubdtype(s.dtype, np.integer):
            raise ValueError(f"sentences[{i}] must hold integer ids, got dtype {s.dtype}")
        if s.min() < 0 or s.max() >= V:
            raise ValueError(f"sentences[{i}] has ids outside 0 .. V - 1 = {V - 1}: {s.min()} .. {s.max()}")
        for k in range(1, min(window, len(s) - 1) + 1):
            np.add.at(C, (s[:-k], s[k:]), 1.0)      # the context k positions to the right
            np.add.at(C, (s[k:], s[:-k]), 1.0)      # the context k positions to the left
    return C
    ### END SOLUTION
'''),
test(A, "cooccurrence_counts_values", 2, r'''
# Sanity checks for cooccurrence_counts on two tiny sentences.
C_demo = cooccurrence_counts([[0, 1, 2], [2, 0]], 4, 1)          # V = 4 (id 3 never occurs), window 1
assert isinstance(C_demo, np.ndarray) and C_demo.shape == (4, 4), \
    f"C has shape (V, V) = (4, 4), got {getattr(C_demo, 'shape', type(C_demo))}"
assert C_demo.dtype == np.float64, f"return float64 counts, got {C_demo.dtype}"
assert np.array_equal(C_demo, C_demo.T), "the window looks both ways, so C is symmetric: count (w, c) and (c, w)"
assert C_demo[1, 2] == 1 and C_demo[0, 2] == 1, \
    f"with window 1, 1-2 are neighbours in sentence 0 and 2-0 in sentence 1, got\n{C_demo}"
assert C_demo[0, 0] == 0, "a position is never its own context (distance 0)"
assert C_demo.sum() == 6, f"3 + 2 tokens with window 1 give 2 * (2 + 1) = 6 pairs, got {C_demo.sum()}"
C_repeat = cooccurrence_counts([[0, 1, 0, 1]], 2, 2)
assert C_repeat[0, 1] == 3 and C_repeat[0, 0] == 2, \
    (f"[0, 1, 0, 1] with window 2: word 0 has word 1 as a context 3 times and itself (2 positions apart) twice; "
     f"C[a, b] += 1 with index arrays counts a repeated pair once (use np.add.at); got\n{C_repeat}")
print("cooccurrence_counts: sanity checks passed")
'''),
md(r"""
### Exercise 3 · `ppmi` (2 points · ★★ · about 15 min)

Raw counts are dominated by frequent words: "the" occurs next to almost everything. **Pointwise
mutual information** compares a count with what independence would predict. With
$N = \sum_{w,c} C[w, c]$, the row sums $r_w = \sum_c C[w, c]$ and the column sums $k_c = \sum_w C[w, c]$,

$$\mathrm{PMI}(w, c) = \log \frac{p(w, c)}{p(w)\,p(c)} = \log \frac{C[w, c]\; N}{r_w\, k_c}, \qquad
\mathrm{PPMI}(w, c) = \max\bigl(0, \mathrm{PMI}(w, c)\bigr),$$

with the natural log. Where $C[w, c] = 0$ the PMI is $-\infty$, and PPMI is $0$; that includes
rows and columns that are all zero (a word that never occurs), where the formula would give
$0/0$: return $0$ there, with no NaN and no warning. $C$ may be any $(n, m)$ matrix of non-negative,
finite counts (not necessarily symmetric: use the column sums for $p(c)$). Invalid: $C$ not 2-D, a
negative or non-finite entry, or no count at all ($N = 0$).

<details><summary>Hint 1</summary>

Compute `N`, `C.sum(axis=1)` and `C.sum(axis=0)` once. Where does the formula divide by zero, and
what should the answer be there?

</details>

<details><summary>Hint 2</summary>

Only the entries with $C[w, c] > 0$ need a log: `i, j = np.nonzero(C > 0)`, then compute the PMI of
those entries only (their row and column sums are positive) and write `np.maximum(pmi, 0)` into a
zero matrix.

</details>
"""),
solution("ppmi", r'''
def ppmi(C):
    """Positive pointwise mutual information of a count matrix.

    Parameters
    ----------
    C : array_like, shape (n, m)
        Non-negative, finite co-occurrence counts (rows: words, columns: contexts),
        with at least one positive count.

    Returns
    -------
    np.ndarray, shape (n, m), dtype float64
        max(0, log(C[w, c] N / (r_w k_c))) with N = C.sum(), r the row sums and k the
        column sums; 0 wherever C[w, c] == 0 (no NaN, no warning).

    Raises
    ------
    ValueError
        If C is not 2-D, has a negative or non-finite entry, or sums to 0.
    """
    ### BEGIN SOLUTION
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2:
        raise ValueError(f"C must be a 2-D count matrix, got shape {C.shape}")
    if not np.all(np.isfinite(C)) or (C < 0).any():
        raise ValueError("C must hold finite counts >= 0")
    N = C.sum()
    if N <= 0:
        raise ValueError("C has no positive count: PMI is undefined")
    rows, cols = C.sum(axis=1), C.sum(axis=0)
    out = np.zeros(C.shape)
    i, j = np.nonzero(C > 0)                     # a positive count has positive row and column sums
    out[i, j] = np.maximum(np.log(C[i, j] * N / (rows[i] * cols[j])), 0.0)
    return out
    ### END SOLUTION
'''),
test(A, "ppmi_values", 2, r'''
# Sanity checks for ppmi on a 3 x 3 count matrix whose last row and column are empty.
C_demo = np.array([[2.0, 1.0, 0.0],
                   [1.0, 0.0, 0.0],
                   [0.0, 0.0, 0.0]])                   # N = 4, row and column sums [3, 1, 0]
with np.errstate(all="raise"):                         # a 0/0 or log(0) would raise here
    P_demo = ppmi(C_demo)
assert isinstance(P_demo, np.ndarray) and P_demo.shape == (3, 3) and P_demo.dtype == np.float64, \
    f"PPMI has the shape of C, (3, 3), as float64; got {getattr(P_demo, 'shape', type(P_demo))}"
assert np.all(np.isfinite(P_demo)), f"no NaN or inf: PPMI is 0 wherever C is 0, got\n{P_demo}"
assert np.isclose(P_demo[0, 1], np.log(4 / 3)), \
    f"PMI(0, 1) = log(C[0, 1] N / (r_0 k_1)) = log(1 * 4 / (3 * 1)) = log(4/3) = 0.2877, got {P_demo[0, 1]}"
assert P_demo[0, 0] == 0.0, \
    f"PMI(0, 0) = log(2 * 4 / (3 * 3)) = log(8/9) < 0 is clipped to 0, got {P_demo[0, 0]}"
assert np.all(P_demo[2] == 0.0), "an all-zero row gives PPMI 0 (not NaN)"
print("ppmi: sanity checks passed")
'''),
md(r"""
### Picture: counts versus PPMI

Counts and PPMI of the corpus for a few words (rows) against a few contexts (columns). The count
table is dominated by the frequent function words "the", "a" and "is"; PPMI ranks every pair by how
much more often it occurs than chance, so *paris* and *french* (2 co-occurrences) stand out more
than *the* and *city* (27).
"""),
code(r"""
show_rows = ["paris", "rome", "france", "italy", "cat", "cats", "the"]
show_cols = ["the", "a", "is", "city", "country", "french", "italian", "eat", "eats", "fish"]
try:
    C_corpus = cooccurrence_counts(sentences, V, WINDOW)
    P_corpus = ppmi(C_corpus)
except NotImplementedError:
    print("Write cooccurrence_counts and ppmi first, then run this cell again.")
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
else:
    r, c = [word_id[w] for w in show_rows], [word_id[w] for w in show_cols]
    fig, axes = plt.subplots(1, 2, figsize=(13, 3.8))
    for ax, M, title in [(axes[0], C_corpus, "co-occurrence counts C"), (axes[1], P_corpus, "PPMI")]:
        im = ax.imshow(M[np.ix_(r, c)], cmap="viridis")
        ax.set_xticks(range(len(c)), show_cols, rotation=45)
        ax.set_yticks(range(len(r)), show_rows)
        ax.set_title(title)
        fig.colorbar(im, ax=ax, shrink=0.8)
    plt.show()
    print(f"C: {int(np.count_nonzero(C_corpus))} of {V * V} entries are non-zero; total {C_corpus.sum():,.0f} pairs")
    for a, b in [("the", "city"), ("big", "city"), ("paris", "french")]:
        print(f"{a:6s} {b:7s} count {C_corpus[word_id[a], word_id[b]]:4.0f}   PPMI {P_corpus[word_id[a], word_id[b]]:.2f}")
"""),
md(r"""
### Exercise 4 · `svd_embeddings` (2 points · ★★ · about 20 min)

A row of PPMI is a $V$-dimensional, mostly zero description of a word. The **truncated SVD** keeps
its $d$ most important directions: with $M = U \operatorname{diag}(s) V^{\top}$ and the singular values
$s_1 \ge s_2 \ge \dots$,

$$E_{\text{svd}} = U_d \operatorname{diag}(s_d) \qquad (n \times d),$$

the first $d$ columns of $U$, each scaled by its singular value. It is the best rank-$d$ description
of the rows: $E_{\text{svd}} E_{\text{svd}}^{\top}$ is the closest rank-$d$ approximation of $M M^{\top}$
(Eckart and Young). A singular vector is only defined up to its sign ($-u$ and $-v$ give the same
product), so different SVD routines may return opposite signs; this course fixes them: **flip every
column so that its entry of largest magnitude is positive**.

Invalid: $M$ not 2-D or not finite, $d$ not an integer with $1 \le d \le \min(n, m)$. The checks use
matrices whose first $d + 1$ singular values are distinct, so the answer is unique.

<details><summary>Hint 1</summary>

`np.linalg.svd(M, full_matrices=False)` returns `U`, `s` (decreasing) and `Vt`. Which of them
describes the **rows** of $M$ (the words)?

</details>

<details><summary>Hint 2</summary>

`E = U[:, :d] * s[:d]` scales column $j$ by $s_j$. For the signs: `np.argmax(np.abs(E), axis=0)`
gives the row of the largest-magnitude entry of each column; multiply each column by the sign of that
entry.

</details>
"""),
solution("svd_embeddings", r'''
def svd_embeddings(M, d):
    """Truncated-SVD embeddings of the rows of M.

    Parameters
    ----------
    M : array_like, shape (n, m)
        A finite matrix, e.g. PPMI (rows: words).
    d : int
        Number of singular directions to keep, 1 <= d <= min(n, m).

    Returns
    -------
    np.ndarray, shape (n, d), dtype float64
        U[:, :d] * s[:d] from the SVD M = U diag(s) Vt (s decreasing), with every column
        multiplied by -1 if needed so that its entry of largest magnitude is positive.

    Raises
    ------
    ValueError
        If M is not a finite 2-D matrix, or d is not an integer with 1 <= d <= min(n, m).
    """
    ### BEGIN SOLUTION
    M = np.asarray(M, dtype=np.float64)
    if M.ndim != 2 or not np.all(np.isfinite(M)):
        raise ValueError(f"M must be a finite 2-D matrix, got shape {M.shape}")
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)) or not 1 <= d <= min(M.shape):
        raise ValueError(f"d must be an integer with 1 <= d <= min(M.shape) = {min(M.shape)}, got {d!r}")
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    E = U[:, :d] * s[:d]
    largest = np.argmax(np.abs(E), axis=0)               # row of the largest-magnitude entry, per column
    return E * np.sign(E[largest, np.arange(d)])
    ### END SOLUTION
'''),
test(A, "svd_embeddings_values", 2, r'''
# Sanity checks for svd_embeddings on a matrix whose SVD you can read off:
# M = diag(3, 2) in the first two rows, so U's columns are e_0 and e_1 and s = [3, 2].
M_demo = np.array([[3.0, 0.0],
                   [0.0, -2.0],
                   [0.0, 0.0]])
E_demo = svd_embeddings(M_demo, 2)
assert isinstance(E_demo, np.ndarray) and E_demo.shape == (3, 2) and E_demo.dtype == np.float64, \
    f"E has one row per row of M and d = 2 columns, (3, 2), float64; got {getattr(E_demo, 'shape', type(E_demo))}"
assert np.allclose(np.abs(E_demo), [[3, 0], [0, 2], [0, 0]]), \
    f"E = U_d diag(s_d): the columns are e_0 * 3 and e_1 * 2 (up to sign), got\n{E_demo}"
assert np.allclose(E_demo, [[3, 0], [0, 2], [0, 0]]), \
    f"flip each column so that its largest-magnitude entry is positive; got\n{E_demo}"
assert svd_embeddings(M_demo, 1).shape == (3, 1), "d = 1 keeps one column"
print("svd_embeddings: sanity checks passed")
'''),
md(r"""
### Neighbours and analogies emerge

The cell below embeds the corpus with $d = 16$ and asks the questions of notebooks 03 and 04. Left:
the singular values of PPMI; right: how many of the 30 capital and 30 plural analogy questions
3CosAdd answers, for every $d$. With $d = 1$ none; with $d = 16$, 27 capital and 26 plural
questions; from $d = 30$ on, all of them. Too few dimensions merge the words of different
countries (or animals); the relations need room. (The curve reuses one SVD: the first $d$ columns of
the 40-column table are the $d$-column table, since each column is fixed on its own.)
"""),
code(r"""
D = 16                                            # the width of both tables of this notebook
try:
    E_svd = svd_embeddings(P_corpus, D)
    E_wide = svd_embeddings(P_corpus, 40)          # its first d columns are svd_embeddings(P_corpus, d)
    svd_curve = [(d, analogy_score(E_wide[:, :d], CAPITAL)[0], analogy_score(E_wide[:, :d], PLURAL)[0])
                 for d in range(1, 41)]
except NameError:
    print("Run the cell with the counts and PPMI first.")
except NotImplementedError:
    print("Write svd_embeddings first, then run this cell again.")
except Exception as err:
    print(f"svd_embeddings raised {type(err).__name__}: {err}. Fix it, then run this cell again.")
else:
    svd_capital, svd_plural = analogy_score(E_svd, CAPITAL), analogy_score(E_svd, PLURAL)
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.6))
    axes[0].plot(np.arange(1, V + 1), np.linalg.svd(P_corpus, compute_uv=False), marker=".")
    axes[0].axvline(D, color="gray", linestyle=":")
    axes[0].set_xlabel("index i")
    axes[0].set_title("singular values of PPMI")
    dims = [row[0] for row in svd_curve]
    axes[1].plot(dims, [row[1] for row in svd_curve], marker="o", label="capital (of 30)")
    axes[1].plot(dims, [row[2] for row in svd_curve], marker="s", label="plural (of 30)")
    axes[1].axvline(D, color="gray", linestyle=":")
    axes[1].set_xlabel("d")
    axes[1].set_title("analogies answered by 3CosAdd")
    axes[1].legend()
    plt.show()
    print(f"d = {D}: capital {svd_capital[0]}/{svd_capital[1]}, plural {svd_plural[0]}/{svd_plural[1]}")
    for w in ["paris", "cats", "french"]:
        print(f"neighbours of {w:7s}", neighbours(E_svd, w))
    print("paris - france + italy =", analogy(E_svd, "france", "paris", "italy"))
"""),
md(r"""
**Picture: the offsets.** The 24 words of the two relations, projected on the two principal
directions of their SVD vectors, with an arrow from each country to its capital and from each
singular to its plural. Parallel arrows are what 3CosAdd needs. (Notebook 05's caveat applies: a 2-D
projection of a 16-dimensional table keeps about three quarters of the variance of these 24 words
here, and hides the rest; read it as a sketch.)
"""),
code(r"""
try:
    words_2d = [w for pair in CAPITAL + PLURAL for w in pair]
    X2 = E_svd[[word_id[w] for w in words_2d]]
    X2 = X2 - X2.mean(axis=0)
    _, s2, Vt2 = np.linalg.svd(X2, full_matrices=False)
    xy = X2 @ Vt2[:2].T
    where = {w: xy[i] for i, w in enumerate(words_2d)}
except NameError:
    print("Run the cell above (E_svd) first.")
else:
    fig, ax = plt.subplots(figsize=(7, 5.5))
    for pairs, colour in [(CAPITAL, "tab:blue"), (PLURAL, "tab:orange")]:
        for x, y in pairs:
            ax.annotate("", xy=where[y], xytext=where[x], arrowprops=dict(arrowstyle="->", color=colour))
            for w in (x, y):
                ax.text(*where[w], w, fontsize=9, color=colour)
    ax.scatter(xy[:, 0], xy[:, 1], s=5, color="gray")
    ax.set_title(f"SVD vectors, 2 principal directions ({(s2[:2] ** 2).sum() / (s2 ** 2).sum():.0%} of the variance)")
    plt.show()
"""),
md(r"""
## (b) Skip-gram with negative sampling

word2vec's skip-gram learns two tables, center vectors $v_w$ (rows of $W_{\text{in}}$) and context
vectors $u_c$ (rows of $W_{\text{out}}$), from the same (center, context) pairs as Exercise 1. For a pair
$(w, o)$ it should give a **high** score $s = u_o \cdot v_w$; for $k$ random "negative" words $n_1, \dots, n_k$
drawn from a noise distribution (word2vec: unigram frequencies to the power 3/4) it should give **low**
scores. With $\sigma(x) = 1/(1 + e^{-x})$, the loss of a batch of $B$ pairs is

$$L = \frac{1}{B} \sum_{b=1}^{B} \Bigl[ -\log \sigma\bigl(u_{o_b} \cdot v_{w_b}\bigr)
      - \sum_{j=1}^{k} \log \sigma\bigl(-u_{n_{bj}} \cdot v_{w_b}\bigr) \Bigr].$$

This replaces the softmax over all $V$ words of notebook 06 by $k + 1$ binary decisions: "is this a real
context or noise?". The read-only cell below gives a helper that validates a batch, as in notebook 06;
using it is optional.
"""),
setup(r'''
def sgns_batch(W_in, W_out, centers, contexts, negatives):
    """Check a skip-gram batch; return float64 W_in, W_out (V, d) and int centers (B,), contexts (B,),
    negatives (B, k). Raises ValueError naming the argument for invalid input."""
    W_in = np.asarray(W_in, dtype=np.float64)
    W_out = np.asarray(W_out, dtype=np.float64)
    if W_in.ndim != 2:
        raise ValueError(f"W_in must have shape (V, d), got {W_in.shape}")
    if W_out.shape != W_in.shape:
        raise ValueError(f"W_out must have the shape of W_in, {W_in.shape}, got {W_out.shape}")
    V = W_in.shape[0]
    ids = {}
    for name, value in (("centers", centers), ("contexts", contexts), ("negatives", negatives)):
        arr = np.asarray(value)
        if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
            raise ValueError(f"{name} must hold integer ids, got dtype {arr.dtype}")
        if arr.size and (arr.min() < 0 or arr.max() >= V):
            raise ValueError(f"{name} must satisfy 0 <= id < V = {V}, got {arr.min()} .. {arr.max()}")
        ids[name] = arr
    B = ids["centers"].shape[0] if ids["centers"].ndim == 1 else -1
    if B < 1:
        raise ValueError(f"centers must be a non-empty 1-D array of ids, got shape {ids['centers'].shape}")
    if ids["contexts"].shape != (B,):
        raise ValueError(f"contexts must have shape (B,) = ({B},), got {ids['contexts'].shape}")
    if ids["negatives"].ndim != 2 or ids["negatives"].shape[0] != B or ids["negatives"].shape[1] < 1:
        raise ValueError(f"negatives must have shape (B, k) = ({B}, k), got {ids['negatives'].shape}")
    return W_in, W_out, ids["centers"], ids["contexts"], ids["negatives"]
''', grade_id="sgns_batch"),
md(r"""
### Exercise 5 · `sgns_loss` (1 point · ★★ · about 15 min)

Return $L$ as a Python `float`. It must stay finite wherever the true loss is: for a score of
$s = -800$, $e^{800}$ overflows and $-\log\bigl(1/(1 + e^{800})\bigr)$ becomes $-\log 0 = \infty$, although the
true value is $800.0$. Use $-\log \sigma(x) = \log(1 + e^{-x})$ = `np.logaddexp(0, -x)`, which never
overflows.

<details><summary>Hint 1</summary>

Gather first: `v = W_in[centers]` is $(B, d)$, `W_out[contexts]` is $(B, d)$ and `W_out[negatives]` is
$(B, k, d)$. Then one score per pair and $k$ per row of negatives.

</details>

<details><summary>Hint 2</summary>

`np.einsum("bd,bd->b", U_pos, v)` and `np.einsum("bkd,bd->bk", U_neg, v)` give the scores. The $k$
negative terms of a pair are **summed**; only the batch is averaged.

</details>
"""),
solution("sgns_loss", r'''
def sgns_loss(W_in, W_out, centers, contexts, negatives):
    """Skip-gram negative-sampling loss of a batch, averaged over the pairs.

    Parameters
    ----------
    W_in, W_out : array_like, shape (V, d)
        Center vectors (rows v_w) and context vectors (rows u_c).
    centers, contexts : array_like of int, shape (B,)
        The batch of (center, context) pairs, ids 0 <= id < V.
    negatives : array_like of int, shape (B, k)
        k noise context ids for every pair.

    Returns
    -------
    float
        mean over b of -log sigma(u_o . v_w) - sum_j log sigma(-u_nj . v_w); finite
        for scores of +-800.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If the shapes do not fit or an id is not an integer with 0 <= id < V.
    """
    ### BEGIN SOLUTION
    W_in, W_out, centers, contexts, negatives = sgns_batch(W_in, W_out, centers, contexts, negatives)
    v = W_in[centers]                                               # (B, d)
    s_pos = np.einsum("bd,bd->b", W_out[contexts], v)               # (B,)
    s_neg = np.einsum("bkd,bd->bk", W_out[negatives], v)            # (B, k)
    per_pair = np.logaddexp(0.0, -s_pos) + np.logaddexp(0.0, s_neg).sum(axis=1)
    return float(per_pair.mean())
    ### END SOLUTION
'''),
test(A, "sgns_loss_values", 1, r'''
# Sanity checks for sgns_loss.
rng_demo = np.random.default_rng(5)
W_in_demo, W_out_demo = rng_demo.normal(size=(6, 4)), rng_demo.normal(size=(6, 4))
c_demo, o_demo, n_demo = np.array([0, 3]), np.array([1, 2]), np.array([[4, 5, 1], [0, 0, 2]])   # B = 2, k = 3
loss_zero = sgns_loss(W_in_demo, np.zeros((6, 4)), c_demo, o_demo, n_demo)
assert isinstance(loss_zero, float), f"return a Python float, got {type(loss_zero).__name__}"
assert np.isclose(loss_zero, 4 * np.log(2)), \
    f"with W_out = 0 every score is 0 and sigma(0) = 1/2: each pair costs (1 + k) log 2 = 4 log 2 = 2.7726; got {loss_zero}"
v0, v1 = W_in_demo[0], W_in_demo[3]
by_hand = (np.log1p(np.exp(-W_out_demo[1] @ v0)) + sum(np.log1p(np.exp(W_out_demo[j] @ v0)) for j in [4, 5, 1])
           + np.log1p(np.exp(-W_out_demo[2] @ v1)) + sum(np.log1p(np.exp(W_out_demo[j] @ v1)) for j in [0, 0, 2])) / 2
got_demo = sgns_loss(W_in_demo, W_out_demo, c_demo, o_demo, n_demo)
assert np.isclose(got_demo, by_hand), \
    f"the mean over the 2 pairs of -log sigma(u_o . v_w) - sum_j log sigma(-u_j . v_w) is {by_hand:.6f}, got {got_demo}"
with np.errstate(all="ignore"):
    big = sgns_loss(np.array([[20.0, 0.0]]), np.array([[-40.0, 0.0]]), np.array([0]), np.array([0]), np.array([[0]]))
assert np.isclose(big, 800.0), \
    (f"the true context scores -800: -log sigma(-800) = log(1 + e^800) = 800.0 (the negative, also -800, costs "
     f"about 0); got {big}: compute -log sigma(s) as np.logaddexp(0, -s)")
print("sgns_loss: sanity checks passed")
'''),
md(r"""
### Exercise 6 · `sgns_grads` (2 points · ★★★ · about 30 min)

Return the tuple `(dW_in, dW_out)`: the gradients of `sgns_loss` with respect to both tables, each of
shape $(V, d)$. With $\frac{d}{dx}\bigl[-\log \sigma(x)\bigr] = \sigma(x) - 1$ and
$\frac{d}{dx}\bigl[-\log \sigma(-x)\bigr] = \sigma(x)$, one pair $(w, o)$ with negatives $n_j$ contributes

$$\frac{\partial L}{\partial v_w} \mathrel{+}= \frac{1}{B}\Bigl[(\sigma(s_o) - 1)\,u_o + \sum_j \sigma(s_{n_j})\,u_{n_j}\Bigr],
\qquad
\frac{\partial L}{\partial u_o} \mathrel{+}= \frac{1}{B}(\sigma(s_o) - 1)\,v_w,
\qquad
\frac{\partial L}{\partial u_{n_j}} \mathrel{+}= \frac{1}{B}\sigma(s_{n_j})\,v_w .$$

Only the rows of words in the batch are non-zero, and they **accumulate**: a word that is the center of
two pairs, or is drawn twice as a negative (word2vec allows that, and a negative may even equal the
context), gets the sum of its contributions. Compute $\sigma$ without overflow (the checks use scores
of $\pm 800$): `np.exp(-np.logaddexp(0, -x))` works for every $x$.

<details><summary>Hint 1</summary>

Compute the scores as in `sgns_loss`, then one coefficient per score: $g_o = (\sigma(s_o) - 1)/B$ of
shape $(B,)$ and $g_n = \sigma(s_n)/B$ of shape $(B, k)$. Each gradient row is a coefficient times the
*other* table's vector.

</details>

<details><summary>Hint 2</summary>

`dW_in[centers] += rows` adds only once per distinct id (the same trap as notebook 02's
`embedding_backward`): use `np.add.at(dW_in, centers, rows)`, and for the negatives
`np.add.at(dW_out, negatives, g_n[:, :, None] * v[:, None, :])`.

</details>

<details><summary>Hint 3</summary>

The rows for $v_w$ are `g_o[:, None] * W_out[contexts] + np.einsum("bk,bkd->bd", g_n, W_out[negatives])`.
Check your result against `numerical_gradient` in the cell after the graded one.

</details>
"""),
solution("sgns_grads", r'''
def sgns_grads(W_in, W_out, centers, contexts, negatives):
    """Gradients of sgns_loss with respect to both tables.

    Parameters
    ----------
    W_in, W_out : array_like, shape (V, d)
        Center and context vectors.
    centers, contexts : array_like of int, shape (B,)
        The batch of (center, context) pairs.
    negatives : array_like of int, shape (B, k)
        k noise context ids for every pair.

    Returns
    -------
    tuple (dW_in, dW_out)
        Two float64 arrays of shape (V, d): dL/dW_in and dL/dW_out of the mean loss;
        rows of ids that occur several times accumulate, rows of absent ids are 0.

    Raises
    ------
    ValueError (IndexError is accepted for ids out of range)
        If the shapes do not fit or an id is not an integer with 0 <= id < V.
    """
    ### BEGIN SOLUTION
    W_in, W_out, centers, contexts, negatives = sgns_batch(W_in, W_out, centers, contexts, negatives)
    B = centers.shape[0]
    v, u_pos, u_neg = W_in[centers], W_out[contexts], W_out[negatives]      # (B, d), (B, d), (B, k, d)
    s_pos = np.einsum("bd,bd->b", u_pos, v)
    s_neg = np.einsum("bkd,bd->bk", u_neg, v)
    g_pos = -np.exp(-np.logaddexp(0.0, s_pos)) / B     # sigma(s) - 1 = -sigma(-s), with the 1/B of the mean
    g_neg = np.exp(-np.logaddexp(0.0, -s_neg)) / B     # sigma(s)
    dW_in = np.zeros_like(W_in)
    np.add.at(dW_in, centers, g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg))
    dW_out = np.zeros_like(W_out)
    np.add.at(dW_out, contexts, g_pos[:, None] * v)
    np.add.at(dW_out, negatives, g_neg[:, :, None] * v[:, None, :])
    return dW_in, dW_out
    ### END SOLUTION
'''),
test(A, "sgns_grads_values", 2, r'''
# Sanity checks for sgns_grads: with W_out = 0 every score is 0 and sigma(0) = 1/2.
W_in_demo = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]])
grads = sgns_grads(W_in_demo, np.zeros((3, 2)), np.array([0]), np.array([1]), np.array([[2, 2]]))   # B = 1, k = 2
assert isinstance(grads, tuple) and len(grads) == 2, f"return a tuple (dW_in, dW_out), got {type(grads).__name__}"
dW_in_demo, dW_out_demo = grads
assert dW_in_demo.shape == (3, 2) and dW_out_demo.shape == (3, 2), "both gradients have the shape (V, d) of the tables"
assert np.allclose(dW_in_demo, 0.0), "with W_out = 0 the gradient for the center vectors is 0 (it is a sum of rows of W_out)"
assert np.allclose(dW_out_demo[1], -0.5 * W_in_demo[0]), \
    f"the true context's row is (sigma(0) - 1) v_w = -0.5 v_w = {-0.5 * W_in_demo[0]}, got {dW_out_demo[1]}"
assert np.allclose(dW_out_demo[2], 2 * 0.5 * W_in_demo[0]), \
    f"word 2 is drawn twice as a negative: its row gets 2 * sigma(0) v_w = {W_in_demo[0]}, got {dW_out_demo[2]} (np.add.at)"
assert np.allclose(dW_out_demo[0], 0.0), "a word that is not in the batch gets a zero row"
print("sgns_grads: sanity checks passed")
'''),
md(r"""
### Gradient check

As in notebook 06: compare your gradients with `numerical_gradient` of your loss, through the relative
error $\max_i |a_i - n_i| / \max(10^{-8}, |a_i| + |n_i|)$. Around $10^{-7}$ or below the gradient is right;
the last line shows what a missing $1/B$ looks like (a relative error of $0.6$ for $B = 4$).
"""),
code(r"""
def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))

rng_chk = np.random.default_rng(1)
W_in_chk, W_out_chk = 0.5 * rng_chk.normal(size=(7, 4)), 0.5 * rng_chk.normal(size=(7, 4))
c_chk, o_chk = np.array([0, 3, 3, 6]), np.array([1, 2, 5, 0])                     # B = 4, with a repeated center
n_chk = rng_chk.integers(0, 7, size=(4, 3))                                        # k = 3
try:
    chk_in, chk_out = sgns_grads(W_in_chk, W_out_chk, c_chk, o_chk, n_chk)
    num_in = numerical_gradient(lambda W: sgns_loss(W, W_out_chk, c_chk, o_chk, n_chk), W_in_chk)
    num_out = numerical_gradient(lambda W: sgns_loss(W_in_chk, W, c_chk, o_chk, n_chk), W_out_chk)
except NotImplementedError:
    print("Write sgns_loss and sgns_grads first, then run this cell again.")
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
else:
    rel_in, rel_out = rel_error(chk_in, num_in), rel_error(chk_out, num_out)
    print(f"dL/dW_in:  relative error {rel_in:.1e}")
    print(f"dL/dW_out: relative error {rel_out:.1e}")
    print(f"a dW_in without the 1/B (B = 4) would show {rel_error(4 * chk_in, num_in):.1e}")
"""),
md(r"""
### Training skip-gram

300 steps of gradient descent on batches of $B = 512$ pairs drawn from all the corpus's pairs, each with
$k = 5$ negatives drawn from the unigram distribution to the power $3/4$ (word2vec's choice), a learning
rate falling linearly from 20 to 0 (word2vec also decays it linearly), $W_{\text{in}}$ initialised with small
random numbers and $W_{\text{out}}$ with zeros (as word2vec does). At the start every score is 0, so the
loss is $(1 + k)\log 2 = 6 \log 2 \approx 4.159$. In our run it falls to about 1.46 (the mean of the last 20
steps), the neighbours of *paris* become the other capitals, and 3CosAdd answers 24 of the 30 capital and
26 of the 30 plural questions. Your numbers may differ slightly if your functions round differently.
With vectorised functions the cell runs quickly; Python loops over the batch make it much slower.
"""),
code(r"""
K, STEPS, BATCH, LR = 5, 300, 512, 20.0
rng_sgd = np.random.default_rng(0)
counts = np.bincount(np.concatenate(sentences), minlength=V)
noise = counts ** 0.75 / (counts ** 0.75).sum()                 # word2vec's noise distribution
W_in = (rng_sgd.random((V, D)) - 0.5) / D                       # word2vec's initialisation
W_out = np.zeros((V, D))
losses = []
try:
    for step in range(STEPS):
        pick = rng_sgd.integers(0, len(all_centers), size=BATCH)
        negs = rng_sgd.choice(V, size=(BATCH, K), p=noise)
        losses.append(sgns_loss(W_in, W_out, all_centers[pick], all_contexts[pick], negs))
        g_in, g_out = sgns_grads(W_in, W_out, all_centers[pick], all_contexts[pick], negs)
        lr = LR * (1 - step / STEPS)
        W_in, W_out = W_in - lr * g_in, W_out - lr * g_out
except NotImplementedError:
    print("Write sgns_loss and sgns_grads first, then run this cell again.")
except Exception as err:
    print(f"your functions raised {type(err).__name__}: {err}. Fix them, then run this cell again.")
else:
    sgns_capital, sgns_plural = analogy_score(W_in, CAPITAL), analogy_score(W_in, PLURAL)
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.plot(losses)
    ax.axhline((1 + K) * np.log(2), color="gray", linestyle=":", label="(1 + k) log 2: all scores 0")
    ax.set_xlabel("step")
    ax.set_ylabel("batch loss")
    ax.legend()
    plt.show()
    print(f"loss: first step {losses[0]:.3f}, mean of the last 20 steps {np.mean(losses[-20:]):.2f}")
    print(f"analogies: capital {sgns_capital[0]}/{sgns_capital[1]}, plural {sgns_plural[0]}/{sgns_plural[1]}")
    for w in ["paris", "cats", "french"]:
        print(f"neighbours of {w:7s}", neighbours(W_in, w))
"""),
md(r"""
### Comparing the two methods

Both tables answer most analogy questions, but they differ in what they call "similar". In the SVD
table, the nearest neighbour of *paris* is *france*, the word it shares most contexts with (its topic);
in the skip-gram table, the neighbours of *paris* are the other capitals (words that can replace it).

The two are closer than they look. Levy and Goldberg (2014, *Neural word embedding as implicit matrix
factorization*) showed that, when SGNS is trained to its optimum with enough dimensions,
$u_c \cdot v_w = \mathrm{PMI}(w, c) - \log k$: skip-gram factorises the shifted PMI matrix, which the count
method builds explicitly. The scatter plot below compares $W_{\text{in}} W_{\text{out}}^{\top}$ after our 300
steps with $\mathrm{PMI} - \log k$ on the 520 observed (word, context) pairs: their correlation is about 0.66,
and unobserved pairs get clearly negative scores (mean about $-5.2$).

**GloVe** (Pennington, Socher and Manning, 2014) sits between the two: it starts from the co-occurrence
counts $X_{wc}$ (with pairs weighted by $1/\text{distance}$) and fits
$v_w \cdot u_c + b_w + \tilde b_c \approx \log X_{wc}$ by weighted least squares, with the weight
$f(X) = \min\bigl(1, (X/100)^{3/4}\bigr)$ and only over pairs with $X_{wc} > 0$. Like PPMI it uses the whole
count matrix at once; like word2vec it learns the vectors by gradient descent.

The trade-off: the count method is deterministic, needs no learning rate, and solves its problem exactly,
but it needs the $V \times V$ matrix (a vocabulary of $10^5$ words gives $10^{10}$ entries, mostly zero, so
sparse matrices and randomised SVD). Skip-gram streams over the text, touches only the rows of the words
in each batch, and scales to billions of tokens, at the price of sampling noise, hyper-parameters and a
result that depends on the seed.
"""),
code(r"""
try:
    scores_sgns = W_in @ W_out.T
    observed = C_corpus > 0
    N_pairs = C_corpus.sum()
    pmi_observed = np.log(C_corpus[observed] * N_pairs
                          / np.outer(C_corpus.sum(axis=1), C_corpus.sum(axis=0))[observed])
except NameError:
    print("Run the counting cell and the training cell first.")
else:
    corr = np.corrcoef(scores_sgns[observed], pmi_observed - np.log(K))[0, 1]
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(pmi_observed - np.log(K), scores_sgns[observed], s=8)
    ax.plot([-3, 3], [-3, 3], color="gray", linestyle=":")
    ax.set_xlabel("PMI(w, c) - log k")
    ax.set_ylabel("u_c . v_w after training")
    ax.set_title(f"{int(observed.sum())} observed pairs, correlation {corr:.2f}")
    plt.show()
    print(f"mean score of the {int((~observed).sum())} unobserved pairs: {scores_sgns[~observed].mean():.1f}")
    print("neighbours of paris, SVD:      ", neighbours(E_svd, "paris"))
    print("neighbours of paris, skip-gram:", neighbours(W_in, "paris"))
"""),
md(r"""
## Invalid input (1 point for the whole notebook)

Every graded function raises `ValueError` with a message that names the argument and says what is
wrong (for ids out of range an `IndexError` is accepted too). The hidden part of this cell calls each
of your six functions on invalid inputs (sizes that are not integers $\ge 1$, ids that are negative,
$\ge V$ or floats, a flat list of ids instead of a list of sentences, negative counts or a count
matrix of zeros, a $d$ larger than the matrix, mismatched batch shapes), and on two valid inputs each,
which must still return.
"""),
test(A, ("learned_shapes_invalid", "cooccurrence_counts_invalid", "ppmi_invalid", "svd_embeddings_invalid",
         "sgns_loss_invalid", "sgns_grads_invalid"), 1, grade_id="test_invalid_inputs", visible=r"""
# Sanity checks: one invalid input per function (the hidden checks try many more).
W_bad = np.zeros((4, 2))
invalid_calls = [
    ("learned_shapes(59, 16, 6, 0)", lambda: learned_shapes(59, 16, 6, 0), (ValueError,), "window = 0 is not a size"),
    ("cooccurrence_counts([[0, -1, 2]], 4, 1)", lambda: cooccurrence_counts([[0, -1, 2]], 4, 1),
     (ValueError, IndexError), "-1 is not a token id (numpy would wrap it to the last row)"),
    ("ppmi([[1, -2], [0, 3]])", lambda: ppmi(np.array([[1.0, -2.0], [0.0, 3.0]])), (ValueError,),
     "counts are never negative"),
    ("svd_embeddings(M (3, 2), d = 3)", lambda: svd_embeddings(np.ones((3, 2)), 3), (ValueError,),
     "a (3, 2) matrix has only 2 singular values"),
    ("sgns_loss(..., contexts of length 1 for 2 centers)",
     lambda: sgns_loss(W_bad, W_bad, np.array([0, 1]), np.array([2]), np.array([[3], [3]])), (ValueError,),
     "every center needs one context"),
    ("sgns_grads(..., negatives (2,) instead of (B, k))",
     lambda: sgns_grads(W_bad, W_bad, np.array([0, 1]), np.array([2, 3]), np.array([3, 3])), (ValueError,),
     "negatives must be (B, k)"),
]
for text, call, errors, why in invalid_calls:
    try:
        call()
    except errors as err:
        print(f"{text} raised {type(err).__name__} as it should: {err}")
    else:
        raise AssertionError(f"{text} returned a value, but {why}: raise ValueError naming the argument")
"""),
md(r"""
## (c) What it means for the architecture (2 points, graded by hand)

Answer in a few sentences, in the cell below:

1. Nothing in the corpus states that paris is to france as rome is to italy. Explain, from the
   sentences of the grammar, why the SVD and skip-gram tables nevertheless place *paris* near *rome*
   and make *paris − france + italy* land near *rome*. What do skip-gram (Levy and Goldberg) and GloVe
   optimise, in terms of the co-occurrence statistics you computed?
2. A language model learns its input embedding table by the same kind of gradient step as your
   `sgns_grads`, but with a softmax over the whole vocabulary (notebook 06) instead of $k$ negatives.
   Which rows of the input table change in one step, and what does that mean for a token that is rare,
   or never occurs, in the training data? Why did word2vec use negative sampling instead of the full
   softmax?
"""),
answer("explain_learned_embeddings", r"""
(1) Both methods only see which words occur near which. *paris* and *rome* share almost all their
contexts ("people in \_ speak", "\_ is a big city", "flew to \_ the city"), so their PPMI rows, and the
vectors that must predict those contexts, are similar. *paris* differs from *france* by the same
contexts as *rome* from *italy* ("city" instead of "country", "capital of" on the other side), while
each pair shares its own language word: the difference of the context profiles is the same for every
pair, so the offsets are parallel and 3CosAdd finds *rome*. SGNS at its optimum gives
$u_c \cdot v_w = \mathrm{PMI}(w, c) - \log k$: it implicitly factorises the shifted PMI matrix that the count
method builds and factorises explicitly with the SVD (Levy and Goldberg, 2014). GloVe fits
$v_w \cdot u_c + b_w + \tilde b_c \approx \log X_{wc}$ by weighted least squares on the non-zero counts; the biases
absorb $\log$ of the row and column sums, so it too fits a PMI-like matrix. Similar statistics give similar
geometry; the count method computes it exactly, the predictive one approximates it by SGD and scales.
(2) In one step only the rows of the tokens in the batch receive a gradient (the input lookup is sparse,
as in notebook 02 and in `dW_in` here); the output layer's softmax touches all $V$ rows. A rare token's
input row is updated rarely and stays close to its random initialisation; a token never seen in training
keeps its initial row, which the rest of the network has never learned to read (the "under-trained
tokens" of large vocabularies, e.g. glitch tokens that make models misbehave); the same happens when the
vocabulary is extended (notebook 10). word2vec used negative sampling because the full softmax costs
$O(V d)$ per pair (all $V$ scores and the normaliser), while $k + 1$ sigmoid terms cost $O(k d)$ with
$k \approx 5$-20, and SGNS still learns useful vectors (a shifted PMI factorisation) without normalised
probabilities.
""", r"""
1 point for (1): shared contexts make similar rows/vectors, and the relation changes the contexts in the
same way for every pair, giving parallel offsets; and one of: SGNS implicitly factorises shifted PMI
($\mathrm{PMI} - \log k$), or GloVe fits $\log$ co-occurrence counts with biases (weighted least squares). Half a
point if only the similarity (no offsets) or only the objective is explained.
1 point for (2): only the rows of tokens in the batch change (sparse input gradient), so rare or unseen
tokens stay near their initialisation (poorly trained, unreliable rows); and negative sampling avoids the
$O(V)$ softmax normalisation per pair. Half a point if either part is missing.
"""),
]

NOTEBOOK = notebook(cells)
