// Docstrings of mxgraph.core.random (random.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_random() {
  static const std::vector<Doc> table = {
    {"random.seed", R"(Seeds the global generator that functions without a ``key`` use.

Args:
    seed (int): The seed.

Example:
    >>> mx.random.seed(42)
    >>> a = mx.random.uniform(shape=(2,))
    >>> mx.random.seed(42)
    >>> mx.array_equal(a, mx.random.uniform(shape=(2,)))
    array(True, dtype=bool)
)"},
    {"random.key", R"(A PRNG key from a seed: pass it as ``key=`` for reproducible draws that leave the global generator alone.

Args:
    seed (int): The seed.

Returns:
    array: A key (two uint32 values).

Example:
    >>> k = mx.random.key(0)
    >>> k.shape, k.dtype
    ((2,), mxgraph.core.uint32)
    >>> mx.array_equal(mx.random.normal((3,), key=k), mx.random.normal((3,), key=k))
    array(True, dtype=bool)
)"},
    {"random.split", R"(Splits a key into ``num`` new independent keys.

Args:
    key (array): The key to split.
    num (int, optional): Number of keys. Default: ``2``.

Returns:
    array: The keys, shape ``(num, 2)``.

Example:
    >>> mx.random.split(mx.random.key(0), 3).shape
    (3, 2)
)"},
    {"random.bits", R"(Random bits: unsigned integers of ``width`` bytes with every bit uniform.

Args:
    shape (list(int), optional): Shape of the result. Default: ``()``.
    width (int, optional): Bytes per element: 4 or 8. Default: ``4``.

Returns:
    array: uint32 (width 4) or uint64 (width 8) values.

Example:
    >>> mx.random.bits((2,), key=mx.random.key(0)).dtype
    mxgraph.core.uint32
)"},
    {"random.uniform", R"(Samples uniformly from ``[low, high)``.

Args:
    low (scalar or array, optional): Lower bound. Default: ``0``.
    high (scalar or array, optional): Upper bound. Default: ``1``.
    shape (list(int), optional): Shape of the result. Default: ``()``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The samples.

Example:
    >>> x = mx.random.uniform(-1, 1, (1000,))
    >>> x.shape, bool(mx.all((x >= -1) & (x < 1)))
    ((1000,), True)
)"},
    {"random.normal", R"(Samples from a normal distribution with mean ``loc`` and standard deviation ``scale``.

Args:
    shape (list(int), optional): Shape of the result. Default: ``()``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.
    loc (scalar or array, optional): Mean. Default: ``0``.
    scale (scalar or array, optional): Standard deviation. Default: ``1``.

Returns:
    array: The samples.

Example:
    >>> x = mx.random.normal((10000,), loc=2.0)
    >>> abs(x.mean().item() - 2.0) < 0.1
    True
)"},
    {"random.randint", R"(Samples integers uniformly from ``[low, high)``.

Args:
    low (int or array): Lower bound (included).
    high (int or array): Upper bound (excluded).
    shape (list(int), optional): Shape of the result. Default: ``()``.
    dtype (Dtype, optional): An integer type. Default: ``int32``.

Returns:
    array: The samples.

Example:
    >>> x = mx.random.randint(0, 10, (100,))
    >>> x.dtype, bool(mx.all((x >= 0) & (x < 10)))
    (mxgraph.core.int32, True)
)"},
    {"random.bernoulli", R"(Samples booleans that are true with probability ``p``.

Args:
    p (float or array, optional): Probability of true. Default: ``0.5``.
    shape (list(int), optional): Shape of the result; ``None`` takes ``p``'s.

Returns:
    array: A bool array.

Example:
    >>> mx.random.bernoulli(0.0, (3,))
    array([False, False, False], dtype=bool)
    >>> mx.random.bernoulli(mx.array([1.0, 0.0]))
    array([True, False], dtype=bool)
)"},
    {"random.multivariate_normal", R"(Samples a multivariate normal distribution with the given mean vector and covariance matrix.

The samples are ``mean + z @ R`` for standard normal ``z`` and ``R`` a square root of
``cov`` (``R.T @ R == cov``) taken from its singular value decomposition, so ``cov``
must be symmetric positive semi-definite.

Args:
    mean (array): Means, shape ``(..., n)``.
    cov (array): Covariance matrices, shape ``(..., n, n)``; its batch axes broadcast
        against ``mean``'s.
    shape (list(int), optional): Batch shape of the samples, broadcast with the batch axes
        of ``mean`` and ``cov``; ``()`` takes theirs. Default: ``()``.
    dtype (Dtype, optional): Data type of the result; only ``float32``. Default: ``float32``.

Returns:
    array: The samples: the broadcast batch shape followed by ``n``.

Example:
    >>> mean = mx.array([1.0, -1.0])
    >>> cov = mx.array([[1.0, 0.5], [0.5, 1.0]])
    >>> x = mx.random.multivariate_normal(mean, cov, (20000,))
    >>> x.shape
    (20000, 2)
    >>> bool(mx.allclose(x.mean(axis=0), mean, atol=0.05))
    True
)"},
    {"random.truncated_normal", R"(Samples a standard normal distribution truncated to ``[lower, upper]``.

Args:
    lower (scalar or array): Lower bound.
    upper (scalar or array): Upper bound.
    shape (list(int), optional): Shape of the result; ``None`` broadcasts the bounds.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The samples.

Example:
    >>> x = mx.random.truncated_normal(-0.5, 0.5, (1000,))
    >>> bool(mx.all(mx.abs(x) <= 0.5))
    True
)"},
    {"random.gumbel", R"(Samples the standard Gumbel distribution.

Args:
    shape (list(int), optional): Shape of the result. Default: ``()``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.

Returns:
    array: The samples.

Example:
    >>> mx.random.gumbel((2, 3)).shape
    (2, 3)
)"},
    {"random.laplace", R"(Samples a Laplace distribution.

Args:
    shape (list(int), optional): Shape of the result. Default: ``()``.
    dtype (Dtype, optional): Data type of the result. Default: ``float32``.
    loc (float, optional): Mean. Default: ``0``.
    scale (float, optional): Scale. Default: ``1``.

Returns:
    array: The samples.

Example:
    >>> mx.random.laplace((4,), scale=2.0).shape
    (4,)
)"},
    {"random.categorical", R"(Samples category indices from unnormalised log probabilities.

Args:
    logits (array): Log probabilities (up to a constant) along ``axis``.
    axis (int, optional): The axis of categories. Default: ``-1``.
    shape (list(int), optional): Shape of the result; broadcast with ``logits`` without ``axis``.
    num_samples (int, optional): Samples per distribution (instead of ``shape``).

Returns:
    array: uint32 indices.

Example:
    >>> mx.random.categorical(mx.log(mx.array([0.0, 1.0, 0.0])))
    array(1, dtype=uint32)
    >>> mx.random.categorical(mx.array([[0.0, 0.0]]), num_samples=4).shape
    (1, 4)
)"},
    {"random.permutation", R"(A random permutation of ``x`` along an axis, or of ``arange(x)`` when ``x`` is an int.

Args:
    x (int or array): The size of ``arange`` to permute, or the array.
    axis (int, optional): The axis to shuffle. Default: ``0``.

Returns:
    array: The permuted array.

Example:
    >>> mx.sort(mx.random.permutation(5))
    array([0, 1, 2, 3, 4], dtype=uint32)
    >>> mx.random.permutation(mx.zeros((4, 2))).shape
    (4, 2)
)"},
  };
  return table;
}

} // namespace mxg::python
