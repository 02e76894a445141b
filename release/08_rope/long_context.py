"""Train short, test long: what position signals do past the trained length.

One small experiment shared by notebooks 07 (sinusoidal), 08 (RoPE) and 09 (ALiBi), numpy only,
well under a second. A model is "trained" on sequences of ``L_TRAIN`` positions and then run on
``L_TEST``: which angles, scores and biases does it meet that it never met in training?

    from long_context import experiment, report
    result = experiment()          # the numbers (a dict)
    report(result)                 # prints them
    plot(result)                   # draws them (matplotlib)

Nothing graded depends on this module. It never builds a position table the notebooks ask you to
write: the sinusoid and rotation enter through their angles p * w_i alone, with w_i = base^(-2i/d),
and the RoPE score through its complex form (notebook 08).
"""
from __future__ import annotations

import math

import numpy as np

L_TRAIN = 512      # positions seen in training
L_TEST = 2048      # positions at test time (4 x longer)
D_HEAD = 64        # width of one head: 32 pairs
BASE = 10000.0


def frequencies(d: int = D_HEAD, base: float = BASE) -> np.ndarray:
    """w_i = base^(-2i/d), i = 0 .. d/2 - 1: one angular speed per pair (radians per position)."""
    return base ** (-np.arange(0, d, 2) / d)


def unseen_pairs(L_train: int = L_TRAIN, d: int = D_HEAD, base: float = BASE) -> np.ndarray:
    """Pairs whose angle never completed a turn in training: (L_train - 1) w_i < 2 pi.

    Past L_train such a pair shows angles (hence sin/cos values, and for RoPE rotations)
    that no training sequence produced. The other pairs have already wrapped around.
    """
    return np.flatnonzero((L_train - 1) * frequencies(d, base) < 2 * math.pi)


def largest_angle(L: int, d: int = D_HEAD, base: float = BASE, scale: float = 1.0) -> float:
    """The angle of the slowest pair at the last position of L, with positions multiplied by scale."""
    return float((L - 1) * scale * frequencies(d, base)[-1])


def rope_scores(q, k, distances, d: int = D_HEAD, base: float = BASE) -> np.ndarray:
    """RoPE scores (R_p q) . (R_s k) for s - p in distances, via the complex form.

    Pairs (x[2i], x[2i+1]) are the complex numbers z_i = x[2i] + 1j x[2i+1]; rotating by theta is
    multiplying by e^{1j theta}, and Re(conj(a) b) is the dot product of the two pairs, so the score
    is Re(sum_i conj(z_q,i) z_k,i e^{1j (s - p) w_i}). Distances may be fractional (interpolation).
    q, k: (n, d) batches. Returns (n, len(distances)).
    """
    q, k = np.atleast_2d(q), np.atleast_2d(k)
    zq = q[:, 0::2] + 1j * q[:, 1::2]
    zk = k[:, 0::2] + 1j * k[:, 1::2]
    phase = np.exp(1j * np.outer(np.asarray(distances, dtype=float), frequencies(d, base)))   # (n_dist, d/2)
    return ((np.conj(zq) * zk) @ phase.T).real


def rope_excess(n_pairs: int = 2000, seed: int = 0, L_train: int = L_TRAIN, L_test: int = L_TEST,
                d: int = D_HEAD, base: float = BASE) -> dict:
    """Random (q, k) pairs: how often does a score at an unseen distance leave the trained range?

    For each (q, k) the trained range is [min, max] of its scores over distances 0 .. L_train - 1.
    Extrapolation scores distances L_train .. L_test - 1; position interpolation (Chen et al., 2023)
    scales every position by L_train / L_test, so the test distances become 0 .. (L_test - 1) / 4,
    all inside the trained span (between the integer distances of training, never beyond them). Returns
    the share of (q, k) whose scores leave their trained range by more than 10% of its width, and the
    largest excess, as a multiple of that width.
    """
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(n_pairs, d))
    k = rng.normal(size=(n_pairs, d))
    trained = rope_scores(q, k, np.arange(L_train), d, base)
    lo, hi = trained.min(axis=1, keepdims=True), trained.max(axis=1, keepdims=True)
    width = hi - lo
    out = {}
    for name, dist in (("extrapolation", np.arange(L_train, L_test)),
                       ("interpolation", np.arange(L_test) * (L_train / L_test))):
        s = rope_scores(q, k, dist, d, base)
        excess = np.maximum(s - hi, lo - s).max(axis=1) / width[:, 0]
        out[name] = {"share_outside": float(np.mean(excess > 0.1)), "max_excess": float(max(excess.max(), 0.0))}
    return out


def sinusoidal_novelty(L_train: int = L_TRAIN, L_test: int = L_TEST, d: int = D_HEAD, base: float = BASE) -> dict:
    """How far the sinusoidal code of an unseen position is from every trained one.

    The code of position p is the unit-circle point (cos p w_i, sin p w_i) of every pair; the distance
    between two codes is sqrt(sum_i |e^{1j p w_i} - e^{1j t w_i}|^2). Returns, for the last test
    position, the distance to its nearest trained position, against the largest such
    nearest-neighbour distance between adjacent trained positions (one step of the code).
    """
    w = frequencies(d, base)
    trained = np.exp(1j * np.outer(np.arange(L_train), w))
    last = np.exp(1j * (L_test - 1) * w)
    nearest = float(np.sqrt((np.abs(trained - last) ** 2).sum(axis=1)).min())
    step = float(np.sqrt((np.abs(trained[1:] - trained[:-1]) ** 2).sum(axis=1)).max())
    return {"nearest_trained": nearest, "one_step": step}


def alibi_far_mass(n_heads: int = 8, L_train: int = L_TRAIN, L_test: int = L_TEST) -> np.ndarray:
    """Per head: the attention weight the last query of L_test puts on keys farther than L_train - 1.

    Content logits are zero, so the weights come from the bias -m_h (i - j) alone; slopes
    m_h = 2^(-8h/n) (n a power of two).
    """
    if n_heads & (n_heads - 1):
        raise ValueError("n_heads must be a power of two here")
    m = 2.0 ** (-8.0 * np.arange(1, n_heads + 1) / n_heads)
    dist = np.arange(L_test)
    logits = -m[:, None] * dist[None, :]
    w = np.exp(logits - logits.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    return w[:, dist >= L_train].sum(axis=1)


def experiment() -> dict:
    return {
        "L_train": L_TRAIN, "L_test": L_TEST, "d": D_HEAD, "base": BASE,
        "unseen_pairs": unseen_pairs(),
        "slowest_angle_train": largest_angle(L_TRAIN),
        "slowest_angle_test": largest_angle(L_TEST),
        "slowest_angle_interpolated": largest_angle(L_TEST, scale=L_TRAIN / L_TEST),
        "rope": rope_excess(),
        "sinusoidal": sinusoidal_novelty(),
        "alibi_far_mass": alibi_far_mass(),
    }


def report(r: dict | None = None) -> None:
    r = experiment() if r is None else r
    n = len(r["unseen_pairs"])
    print(f"trained on {r['L_train']} positions, run on {r['L_test']}; d = {r['d']} ({r['d'] // 2} pairs), "
          f"base = {r['base']:g}")
    print(f"sinusoidal and RoPE: {n} of {r['d'] // 2} pairs never completed a turn in training "
          f"(pairs {r['unseen_pairs'][0]}..{r['unseen_pairs'][-1]}); the slowest reached "
          f"{r['slowest_angle_train']:.4f} rad in training, {r['slowest_angle_test']:.4f} rad at test, "
          f"{r['slowest_angle_interpolated']:.4f} rad with interpolation")
    s = r["sinusoidal"]
    print(f"sinusoidal: the code of position {r['L_test'] - 1} is {s['nearest_trained']:.3f} from the nearest trained "
          f"code (one step between neighbours is at most {s['one_step']:.3f})")
    for name, v in r["rope"].items():
        print(f"RoPE, {name}: {v['share_outside']:.1%} of random (q, k) leave their trained range by more "
              f"than 10% of its width (largest excess {v['max_excess']:.2f} x the range)")
    far = ", ".join(f"{x:.2g}" for x in r["alibi_far_mass"])
    print(f"ALiBi, 8 heads: weight the last query puts on keys beyond distance {r['L_train'] - 1}: {far}")


def plot(r: dict | None = None, q=None, k=None):
    """Three panels: RoPE scores of one (q, k) by distance (extrapolated and interpolated), the slowest
    pairs' angles, ALiBi's weight by distance. Returns the figure."""
    import matplotlib.pyplot as plt

    r = experiment() if r is None else r
    rng = np.random.default_rng(1)
    q = rng.normal(size=D_HEAD) if q is None else np.asarray(q, dtype=float)
    k = q + 0.3 * rng.normal(size=D_HEAD) if k is None else np.asarray(k, dtype=float)
    fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), layout="constrained")
    dist = np.arange(L_TEST)
    trained = rope_scores(q, k, np.arange(L_TRAIN))[0]
    axes[0].axhspan(trained.min(), trained.max(), color="grey", alpha=0.15, label="range over trained distances")
    axes[0].plot(dist, rope_scores(q, k, dist)[0], lw=0.8, label="extrapolated (distance as is)")
    axes[0].plot(dist, rope_scores(q, k, dist * L_TRAIN / L_TEST)[0], lw=0.8, label="interpolated (distance x 1/4)")
    axes[0].axvline(L_TRAIN, color="k", ls="--", lw=0.8)
    axes[0].set(xlabel="distance s - p at test", ylabel="RoPE score", title="one (q, k): scores by distance")
    axes[0].legend(fontsize=8)
    w = frequencies()
    for i in (r["unseen_pairs"][0], 24, 31):
        axes[1].plot(dist, dist * w[i], label=f"pair {i}")
    axes[1].axvline(L_TRAIN, color="k", ls="--", lw=0.8)
    axes[1].axhline(2 * math.pi, color="grey", ls=":", lw=0.8)
    axes[1].set(xlabel="position (or distance)", ylabel="angle p w_i (rad)", title="slow pairs: new angles past 512",
                ylim=(0, 8))
    axes[1].legend(fontsize=8)
    m = 2.0 ** (-np.arange(1, 9))
    for h in (0, 3, 7):
        weights = np.exp(-m[h] * dist)
        axes[2].semilogy(dist, weights / weights.sum(), label=f"head {h + 1}, m = 2^-{h + 1}")
    axes[2].axvline(L_TRAIN, color="k", ls="--", lw=0.8)
    axes[2].set(xlabel="distance i - j from the last query", ylabel="weight (log)", ylim=(1e-12, 1),
                title="ALiBi: the bias keeps falling")
    axes[2].legend(fontsize=8)
    return fig


def t5_bucket(relative_position, bidirectional: bool = True, num_buckets: int = 32, max_distance: int = 128):
    """T5's relative-position bucket (Raffel et al., 2020; Mesh TensorFlow's relative_position_bucket).

    relative_position = key position - query position (integer array). Bidirectional: half the
    buckets for keys after the query. Of the remaining n buckets, distances 0 .. n/2 - 1 get one bucket
    each; larger distances share buckets spaced logarithmically up to max_distance, and every
    distance beyond max_distance falls into the last bucket.
    """
    rel = np.asarray(relative_position, dtype=np.int64)
    n = num_buckets
    out = np.zeros_like(rel)
    if bidirectional:
        n //= 2
        out += (rel > 0) * n
        dist = np.abs(rel)
    else:
        dist = -np.minimum(rel, 0)
    max_exact = n // 2
    small = dist < max_exact
    with np.errstate(divide="ignore"):
        large = max_exact + (np.log(np.maximum(dist, 1) / max_exact) / math.log(max_distance / max_exact)
                             * (n - max_exact)).astype(np.int64)
    large = np.minimum(large, n - 1)
    return out + np.where(small, dist, large)
