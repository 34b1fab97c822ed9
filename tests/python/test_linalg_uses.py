"""The users of mx.linalg: nn.init.orthogonal (orthonormal rows or columns, gain,
dtype) and random.multivariate_normal, checked statistically against the closed forms
(sample mean and covariance within 6 standard errors), plus their errors."""

import numpy as np
import pytest

import mxgraph.core as mx
import mxgraph.nn as nn


@pytest.mark.parametrize("shape", [(3, 5), (5, 3), (4, 4)])
def test_orthogonal(shape):
    q = np.array(nn.init.orthogonal()(mx.zeros(shape))).astype(np.float64)
    assert q.shape == shape
    small = min(shape)
    gram = q @ q.T if shape[0] <= shape[1] else q.T @ q
    np.testing.assert_allclose(gram, np.eye(small), atol=1e-5)


def test_orthogonal_gain_dtype_and_errors():
    q = nn.init.orthogonal(gain=2.5, dtype=mx.float16)(mx.zeros((2, 3)))
    assert q.dtype == mx.float16
    np.testing.assert_allclose(np.array(q, dtype=np.float64) @ np.array(q, dtype=np.float64).T,
                               6.25 * np.eye(2), atol=2e-2)
    with pytest.raises(ValueError, match="requires a 2D array but got a 3D array"):
        nn.init.orthogonal()(mx.zeros((2, 2, 2)))


def check_moments(x, mean, cov):
    n = x.shape[0]
    se_mean = np.sqrt(np.diag(cov) / n)
    assert np.all(np.abs(x.mean(axis=0) - mean) < 6 * se_mean + 1e-7)
    d = np.sqrt(np.diag(cov))
    se_cov = np.sqrt((np.outer(d, d) ** 2 + cov ** 2) / n)
    assert np.all(np.abs(np.cov(x, rowvar=False) - cov) < 6 * se_cov + 1e-6)


def test_multivariate_normal_moments():
    mean = np.array([1.0, -2.0, 0.5])
    a = np.array([[2.0, 0.0, 0.0], [0.6, 1.0, 0.0], [-0.4, 0.3, 0.5]])
    cov = a @ a.T
    x = mx.random.multivariate_normal(mx.array(mean, dtype=mx.float32), mx.array(cov, dtype=mx.float32),
                                      shape=(200_000,), key=mx.random.key(3))
    assert x.shape == (200_000, 3) and x.dtype == mx.float32
    check_moments(np.array(x).astype(np.float64), mean, cov)


def test_multivariate_normal_semidefinite():
    cov = np.array([[1.0, 1.0], [1.0, 1.0]])  # rank 1: x0 == x1
    x = np.array(mx.random.multivariate_normal(mx.zeros((2,)), mx.array(cov), shape=(50_000,),
                                               key=mx.random.key(4))).astype(np.float64)
    check_moments(x, np.zeros(2), cov)
    np.testing.assert_allclose(x[:, 0], x[:, 1], atol=5e-3)  # float32 SVD: sqrt of a ~1e-7 singular value


def test_multivariate_normal_shapes_and_dtypes():
    m = mx.random.multivariate_normal(mx.zeros((3, 2)), mx.eye(2), shape=(4, 3), key=mx.random.key(0))
    assert m.shape == (4, 3, 2)
    assert mx.random.multivariate_normal(mx.zeros((2,)), mx.eye(2)).shape == (2,)
    assert mx.random.multivariate_normal(mx.zeros((2,)), mx.stack([mx.eye(2)] * 5)).shape == (5, 2)
    assert mx.random.multivariate_normal(mx.zeros((2,), dtype=mx.float64), mx.eye(2)).dtype == mx.float64
    k = mx.random.key(7)
    a = mx.random.multivariate_normal(mx.zeros((2,)), mx.eye(2), key=k, stream=mx.cpu)
    b = mx.random.multivariate_normal(mx.zeros((2,)), mx.eye(2), key=k)
    assert np.array_equal(np.array(a), np.array(b))


@pytest.mark.parametrize("kwargs, message", [
    (dict(mean=mx.zeros((2,)), cov=mx.eye(2), dtype=mx.float64), "dtype must be float32"),
    (dict(mean=mx.array(0.0), cov=mx.eye(2)), "mean must have at least one dimension"),
    (dict(mean=mx.zeros((2,)), cov=mx.ones((2,))), "cov must have at least two dimensions"),
    (dict(mean=mx.zeros((3,)), cov=mx.eye(2)), "mean and cov must have compatible shapes"),
    (dict(mean=mx.zeros((2,)), cov=mx.ones((3, 2))), "last two dimensions of cov must be equal"),
    (dict(mean=mx.zeros((3, 2)), cov=mx.eye(2), shape=(4,)), "broadcast"),
])
def test_multivariate_normal_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mx.random.multivariate_normal(**kwargs)
