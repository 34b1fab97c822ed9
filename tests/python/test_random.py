"""mx.random: reproducibility per key, the bits layout, distributions (with
generous statistical bounds), shapes, dtypes and errors."""

import numpy as np
import pytest

import mxgraph.core as mx

N = 100_000
BOOL = getattr(mx, "bool_", None) or getattr(mx, "bool")


def threefry2x32(key, c0, c1):
    """Threefry-2x32 with 20 rounds, written from the spec in NumPy (uint32 arrays)."""
    rot = [13, 15, 26, 6, 17, 29, 16, 24]
    k0, k1 = np.uint32(key[0]), np.uint32(key[1])
    ks = [k0, k1, k0 ^ k1 ^ np.uint32(0x1BD11BDA)]
    x0, x1 = c0 + ks[0], c1 + ks[1]
    for g in range(5):
        for r in rot[(g % 2) * 4:(g % 2) * 4 + 4]:
            x0 = x0 + x1
            x1 = ((x1 << np.uint32(r)) | (x1 >> np.uint32(32 - r))) ^ x0
        x0 = x0 + ks[(g + 1) % 3]
        x1 = x1 + ks[(g + 2) % 3] + np.uint32(g + 1)
    return x0, x1


def reference_bits(key, n):
    """n words for a key: word i and word i + ceil(n/2) share counter (i, i + ceil(n/2))."""
    half, odd = n // 2, n % 2
    i = np.arange(half, dtype=np.uint32)
    a, b = threefry2x32(key, i, i + np.uint32(half + odd))
    out = np.empty(n, np.uint32)
    out[:half], out[half + odd:] = a, b
    if odd:
        out[half] = threefry2x32(key, np.uint32([half]), np.uint32([0]))[0][0]
    return out


def np_(x):
    return np.array(x)


# ---- keys, bits and reproducibility -------------------------------------------------

def test_key_and_split_values():
    k = mx.random.key(0)
    assert k.dtype == mx.uint32 and k.shape == (2,)
    assert np_(k).tolist() == [0, 0]
    assert np_(mx.random.key(2**32 + 5)).tolist() == [1, 5]
    # The published JAX value of split(PRNGKey(0)).
    assert np_(mx.random.split(k)).tolist() == [[4146024105, 967050713], [2718843009, 1272950319]]
    assert mx.random.split(k, num=5).shape == (5, 2)
    assert mx.random.split(k, 0).shape == (0, 2)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 8, 1001, 70_001])
@pytest.mark.parametrize("seed", [0, 12345, 2**63 + 77])
def test_bits_match_reference(n, seed):
    k = mx.random.key(seed)
    got = np_(mx.random.bits([n], key=k))
    assert got.dtype == np.uint32
    np.testing.assert_array_equal(got, reference_bits(np_(k), n))


def test_bits_width8_is_two_words():
    k = mx.random.key(9)
    got = np_(mx.random.bits([3, 5], width=8, key=k))
    assert got.dtype == np.uint64 and got.shape == (3, 5)
    words = reference_bits(np_(k), 30)
    np.testing.assert_array_equal(got.reshape(-1), words.view(np.uint64))


DRAWS = {
    "uniform": lambda k: mx.random.uniform(shape=[50], key=k),
    "normal": lambda k: mx.random.normal([50], key=k),
    "randint": lambda k: mx.random.randint(0, 1000, [50], key=k),
    "bernoulli": lambda k: mx.random.bernoulli(0.5, [50], key=k),
    "truncated_normal": lambda k: mx.random.truncated_normal(-2, 2, [50], key=k),
    "gumbel": lambda k: mx.random.gumbel([50], key=k),
    "laplace": lambda k: mx.random.laplace([50], key=k),
    "bits": lambda k: mx.random.bits([50], key=k),
}


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_same_key_same_numbers_different_keys_differ(name):
    draw = DRAWS[name]
    a, b = np_(draw(mx.random.key(1))), np_(draw(mx.random.key(1)))
    np.testing.assert_array_equal(a, b)
    c = np_(draw(mx.random.key(2)))
    assert not np.array_equal(a, c)


def test_split_keys_are_independent():
    keys = np_(mx.random.split(mx.random.key(3)))
    k1, k2 = mx.array(keys[0]), mx.array(keys[1])
    a = np_(mx.random.uniform(shape=[N], key=k1))
    b = np_(mx.random.uniform(shape=[N], key=k2))
    parent = np_(mx.random.uniform(shape=[N], key=mx.random.key(3)))
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.02
    assert abs(np.corrcoef(a, parent)[0, 1]) < 0.02
    assert len({tuple(k) for k in np_(mx.random.split(mx.random.key(3), 100)).tolist()}) == 100


def test_global_seed_reproduces_and_advances():
    mx.random.seed(7)
    a = np_(mx.random.normal([10]))
    b = np_(mx.random.normal([10]))
    mx.random.seed(7)
    np.testing.assert_array_equal(np_(mx.random.normal([10])), a)
    np.testing.assert_array_equal(np_(mx.random.normal([10])), b)
    assert not np.array_equal(a, b)


def test_draws_are_lazy():
    x = mx.random.normal([4], key=mx.random.key(0))
    assert x.shape == (4,)
    mx.eval(x)


# ---- distributions ---------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16", "float64"])
def test_uniform_range_histogram_dtype(dtype):
    x = mx.random.uniform(shape=[N], dtype=getattr(mx, dtype), key=mx.random.key(11))
    assert x.dtype == getattr(mx, dtype) and x.shape == (N,)
    v = np_(x.astype(mx.float64))
    assert v.min() >= 0 and v.max() < 1
    counts, _ = np.histogram(v, bins=10, range=(0, 1))
    assert np.all(np.abs(counts - N / 10) < 0.05 * N / 10)


def test_uniform_low_high_broadcast():
    low = mx.array([0.0, 10.0, -5.0])
    x = np_(mx.random.uniform(low, low + 2, [1000, 3], key=mx.random.key(2)))
    assert x.shape == (1000, 3)
    lo = np.array([0.0, 10.0, -5.0])
    assert np.all(x >= lo) and np.all(x < lo + 2)
    np.testing.assert_allclose(x.mean(axis=0), lo + 1, atol=0.1)
    y = np_(mx.random.uniform(-3, -1, [N], key=mx.random.key(4)))
    assert y.min() >= -3 and y.max() < -1 and abs(y.mean() + 2) < 0.02


def test_uniform_float64_uses_full_precision():
    x = np_(mx.random.uniform(shape=[1000], dtype=mx.float64, key=mx.random.key(5)))
    assert x.dtype == np.float64
    # 53-bit grid: values are not all float32-representable.
    assert np.any(x.astype(np.float32).astype(np.float64) != x)


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "bfloat16"])
def test_normal_moments(dtype):
    x = np_(mx.random.normal([N], getattr(mx, dtype), key=mx.random.key(0)).astype(mx.float64))
    assert np.all(np.isfinite(x))
    assert abs(x.mean()) < 0.02 and abs(x.std() - 1) < 0.02
    assert abs(np.mean(np.abs(x) < 1) - 0.6827) < 0.01


def test_normal_loc_scale():
    x = np_(mx.random.normal([N], loc=3.0, scale=2.0, key=mx.random.key(1)))
    assert abs(x.mean() - 3) < 0.05 and abs(x.std() - 2) < 0.05
    loc = mx.array([0.0, 100.0])
    y = np_(mx.random.normal([N // 10, 2], loc=loc, scale=mx.array([1.0, 0.1]), key=mx.random.key(1)))
    assert y.shape == (N // 10, 2)
    np.testing.assert_allclose(y.mean(axis=0), [0, 100], atol=0.05)
    np.testing.assert_allclose(y.std(axis=0), [1, 0.1], rtol=0.05)
    z = mx.random.normal([3], dtype=mx.float64, loc=0.1, key=mx.random.key(1))
    assert z.dtype == mx.float64


@pytest.mark.parametrize("dtype", ["int32", "int8", "uint8", "int64", "uint32", "int16"])
def test_randint_bounds_dtype(dtype):
    x = mx.random.randint(3, 13, [N], dtype=getattr(mx, dtype), key=mx.random.key(8))
    assert x.dtype == getattr(mx, dtype)
    v = np_(x).astype(np.int64)
    assert v.min() == 3 and v.max() == 12
    counts = np.bincount(v - 3, minlength=10)
    assert np.all(np.abs(counts - N / 10) < 0.05 * N / 10)


def test_randint_negative_and_array_bounds():
    v = np_(mx.random.randint(-5, 5, [N], key=mx.random.key(1)))
    assert v.min() == -5 and v.max() == 4
    assert np.all(np.abs(np.bincount(v + 5) - N / 10) < 0.05 * N / 10)
    hi = mx.array([1, 2, 1000])
    w = np_(mx.random.randint(0, hi, [1000, 3], key=mx.random.key(1)))
    assert np.all(w[:, 0] == 0) and set(np.unique(w[:, 1])) == {0, 1} and w[:, 2].max() < 1000
    big = np_(mx.random.randint(0, 2**40, [100], dtype=mx.int64, key=mx.random.key(1)))
    assert big.max() > 2**32 and big.max() < 2**40


def test_randint_high_not_above_low_gives_low():
    # MLX semantics: no error, every value is `low`.
    np.testing.assert_array_equal(np_(mx.random.randint(5, 5, [10], key=mx.random.key(0))), 5)
    np.testing.assert_array_equal(np_(mx.random.randint(5, 2, [10], key=mx.random.key(0))), 5)


def test_randint_bool():
    x = mx.random.randint(0, 2, [1000], dtype=BOOL, key=mx.random.key(0))
    assert x.dtype == BOOL and 400 < np_(x).sum() < 600


def test_bernoulli_rate_and_shapes():
    x = mx.random.bernoulli(0.3, [N], key=mx.random.key(0))
    assert x.dtype == BOOL
    assert abs(np_(x).mean() - 0.3) < 0.01
    assert mx.random.bernoulli(key=mx.random.key(0)).shape == ()
    p = mx.array([[0.0, 1.0, 0.5]])
    y = np_(mx.random.bernoulli(p, key=mx.random.key(0)))
    assert y.shape == (1, 3) and not y[0, 0] and y[0, 1]
    z = np_(mx.random.bernoulli(p, [5000, 3], key=mx.random.key(0)))
    assert z.shape == (5000, 3) and abs(z[:, 2].mean() - 0.5) < 0.03
    assert np_(mx.random.bernoulli(1, [10], key=mx.random.key(0))).all()


@pytest.mark.parametrize("dtype", ["float32", "float16", "float64"])
def test_truncated_normal_bounds(dtype):
    x = mx.random.truncated_normal(-1.0, 2.0, [N], dtype=getattr(mx, dtype), key=mx.random.key(0))
    assert x.dtype == getattr(mx, dtype)
    v = np_(x.astype(mx.float64))
    assert v.min() >= -1 and v.max() <= 2
    # Mean of N(0,1) truncated to [a, b]: (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
    from math import erf, exp, pi, sqrt
    phi = lambda t: exp(-t * t / 2) / sqrt(2 * pi)
    Phi = lambda t: 0.5 * (1 + erf(t / sqrt(2)))
    assert abs(v.mean() - (phi(-1) - phi(2)) / (Phi(2) - Phi(-1))) < 0.02


def test_truncated_normal_unbounded_is_finite_normal():
    x = np_(mx.random.truncated_normal(-np.inf, np.inf, [N], key=mx.random.key(3)))
    assert np.all(np.isfinite(x))
    assert abs(x.mean()) < 0.02 and abs(x.std() - 1) < 0.02


def test_truncated_normal_shape_from_bounds():
    lo, hi = mx.array([-1.0, 0.0, 3.0]), mx.array([[1.0], [2.0]])
    x = np_(mx.random.truncated_normal(lo, hi + 3, key=mx.random.key(0)))
    assert x.shape == (2, 3)
    assert np.all(x >= np_(lo)) and np.all(x <= np_(hi) + 3)


def test_gumbel_moments():
    x = np_(mx.random.gumbel([N], key=mx.random.key(0)))
    assert np.all(np.isfinite(x))
    assert abs(x.mean() - 0.5772) < 0.02 and abs(x.std() - np.pi / np.sqrt(6)) < 0.02
    assert mx.random.gumbel([2], mx.float16).dtype == mx.float16


def test_laplace_moments():
    x = np_(mx.random.laplace([N], key=mx.random.key(0)))
    assert abs(x.mean()) < 0.02 and abs(x.std() - np.sqrt(2)) < 0.03
    y = np_(mx.random.laplace([N], loc=1.0, scale=0.5, key=mx.random.key(0)))
    assert abs(y.mean() - 1) < 0.01 and abs(np.median(np.abs(y - 1)) - 0.5 * np.log(2)) < 0.01


@pytest.mark.parametrize("shape", [[], [0], [3, 0, 2], [2, 3, 4]])
@pytest.mark.parametrize("fn", ["uniform", "normal", "gumbel", "laplace", "bits"])
def test_shapes(fn, shape):
    x = getattr(mx.random, fn)(shape=shape, key=mx.random.key(0))
    assert x.shape == tuple(shape)
    assert np_(x).shape == tuple(shape)


# ---- categorical and permutation (need argmax / argsort / take) -------------------------

def test_categorical_frequencies_and_shapes():
    p = np.array([0.1, 0.2, 0.7])
    logits = mx.array(np.log(p).astype(np.float32))
    x = np_(mx.random.categorical(logits, num_samples=N, key=mx.random.key(0)))
    assert x.shape == (N,)
    np.testing.assert_allclose(np.bincount(x, minlength=3) / N, p, atol=0.01)
    batch = mx.array(np.log(np.array([[0.5, 0.5, 1e-9], [1e-9, 1e-9, 1.0]])).astype(np.float32))
    y = np_(mx.random.categorical(batch, key=mx.random.key(0)))
    assert y.shape == (2,) and y[1] == 2 and y[0] in (0, 1)
    z = mx.random.categorical(batch, shape=[7, 2], key=mx.random.key(0))
    assert z.shape == (7, 2)
    w = mx.random.categorical(batch, axis=0, num_samples=4, key=mx.random.key(0))
    assert w.shape == (3, 4)


def test_permutation():
    p = np_(mx.random.permutation(10, key=mx.random.key(0)))
    assert sorted(p.tolist()) == list(range(10))
    a = np.arange(20).reshape(4, 5)
    q = np_(mx.random.permutation(mx.array(a), axis=1, key=mx.random.key(1)))
    assert q.shape == (4, 5)
    np.testing.assert_array_equal(np.sort(q, axis=1), a)
    d = q - q[:, :1]
    np.testing.assert_array_equal(d, np.broadcast_to(d[:1], d.shape))  # the same shuffle for every row
    r = [tuple(np_(mx.random.permutation(6, key=mx.random.key(s))).tolist()) for s in range(20)]
    assert len(set(r)) > 15


# ---- errors -----------------------------------------------------------------------------

def test_bad_keys():
    with pytest.raises(ValueError, match="shape"):
        mx.random.normal([2], key=mx.array([1, 2, 3], mx.uint32))
    with pytest.raises(ValueError, match="shape"):
        mx.random.uniform(shape=[2], key=mx.random.split(mx.random.key(0)))
    with pytest.raises(ValueError, match="uint32"):
        mx.random.uniform(shape=[2], key=mx.array([1, 2]))
    with pytest.raises(ValueError, match="uint32"):
        mx.random.split(mx.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="non-negative"):
        mx.random.split(mx.random.key(0), -1)
    with pytest.raises(TypeError):
        mx.random.key(-1)


def test_bad_shapes_and_dtypes():
    with pytest.raises(ValueError, match="Negative"):
        mx.random.normal([2, -1])
    with pytest.raises(ValueError, match="Negative"):
        mx.random.bits([-3])
    with pytest.raises(ValueError, match="floating"):
        mx.random.uniform(shape=[2], dtype=mx.int32)
    with pytest.raises(ValueError, match="floating"):
        mx.random.normal([2], dtype=mx.int32)
    with pytest.raises(ValueError, match="floating"):
        mx.random.gumbel([2], dtype=mx.uint8)
    with pytest.raises(ValueError, match="floating"):
        mx.random.truncated_normal(0, 1, [2], dtype=mx.int32)
    with pytest.raises(ValueError, match="integer"):
        mx.random.randint(0, 10, [2], dtype=mx.float32)
    with pytest.raises(ValueError, match="floating"):
        mx.random.bernoulli(mx.array([1, 0]))
    with pytest.raises(ValueError, match="Width"):
        mx.random.bits([2], width=2)


def test_parameters_must_broadcast_to_shape():
    with pytest.raises(ValueError, match="(?i)shape|broadcast"):
        mx.random.uniform(mx.zeros([3]), 1, [2])
    with pytest.raises(ValueError, match="(?i)shape|broadcast"):
        mx.random.uniform(mx.array([0.0, 0.0]), 1, [])
    with pytest.raises(ValueError, match="(?i)shape|broadcast"):
        mx.random.randint(0, mx.array([1, 2, 3]), [4])
    with pytest.raises(ValueError, match="(?i)shape|broadcast"):
        mx.random.bernoulli(mx.array([0.5, 0.5]), [3])
    with pytest.raises(ValueError, match="(?i)shape|broadcast"):
        mx.random.truncated_normal(mx.array([0.0, 1.0]), 2.0, [5])


def test_categorical_argument_errors():
    logits = mx.array([[0.0, 1.0, 2.0]])
    with pytest.raises(ValueError, match="At most one"):
        mx.random.categorical(logits, shape=[2], num_samples=2)
    with pytest.raises(ValueError, match="(?i)axis"):
        mx.random.categorical(logits, axis=2)
    with pytest.raises(ValueError, match="broadcast"):
        mx.random.categorical(mx.zeros([2, 3]), shape=[3])
    with pytest.raises(ValueError):
        mx.random.categorical(mx.array(1.0))
    with pytest.raises(ValueError, match="non-negative|not built"):
        mx.random.permutation(-1)
