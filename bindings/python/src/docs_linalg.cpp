// Docstrings of the matrix products (ops_linalg.cpp, ops_misc.cpp) and of mx.linalg (linalg.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_linalg() {
  static const std::vector<Doc> table = {
    {"matmul", R"(Matrix product with NumPy's rules: 1-D operands become vectors, and leading axes broadcast as a batch; ``a @ b`` is the same.

Returns:
    array: The product, in the promoted dtype.

Example:
    >>> mx.matmul(mx.array([[1.0, 2.0], [3.0, 4.0]]), mx.array([[1.0], [1.0]]))
    array([[3],
           [7]], dtype=float32)
)"},
    {"addmm", R"(``alpha * (a @ b) + beta * c`` in one operation.

Args:
    c (array): The array added, broadcast to the product's shape.
    alpha (float, optional): Scale of the product. Default: ``1``.
    beta (float, optional): Scale of ``c``. Default: ``1``.

Returns:
    array: The result.

Example:
    >>> mx.addmm(mx.ones((2, 2)), mx.eye(2), mx.full((2, 2), 3.0), alpha=2.0)
    array([[7, 7],
           [7, 7]], dtype=float32)
)"},
    {"inner", R"(Inner product over the last axes of ``a`` and ``b``; for vectors, their dot product.

Returns:
    array: The inner products.

Example:
    >>> mx.inner(mx.array([1.0, 2.0, 3.0]), mx.array([4.0, 5.0, 6.0]))
    array(32, dtype=float32)
)"},
    {"outer", R"(Outer product of two vectors (other inputs are flattened).

Returns:
    array: The ``(a.size, b.size)`` matrix ``a[i] * b[j]``.

Example:
    >>> mx.outer(mx.array([1, 2]), mx.array([1, 10, 100]))
    array([[1, 10, 100],
           [2, 20, 200]], dtype=int32)
)"},
    {"tensordot", R"(Sums products of ``a`` and ``b`` over the given axes.

Args:
    axes (int or list(list(int)), optional): ``n``: the last ``n`` axes of ``a`` with the first ``n`` of ``b``; or two lists of axes. Default: ``2``.

Returns:
    array: The contraction.

Example:
    >>> mx.tensordot(mx.ones((2, 3)), mx.ones((3, 4)), axes=1).shape
    (2, 4)
)"},
    {"vecdot", R"(Dot product of vectors along an axis, conjugating ``a`` (the array API's ``vecdot``).

Args:
    axis (int, optional): The axis holding the vectors. Default: ``-1``.

Returns:
    array: The dot products; ``axis`` is removed.

Example:
    >>> mx.vecdot(mx.array([[1, 2], [3, 4]]), mx.array([1, 1]))
    array([3, 7], dtype=int32)
)"},
    {"linalg.norm", R"(Vector or matrix norm, as NumPy's ``linalg.norm``.

Without ``ord`` and ``axis`` it is the 2-norm of the flattened array. With one axis (or a
1-D input) it is a vector norm; with two axes (or a 2-D input) a matrix norm.

Args:
    a (array): Input array; integers are computed in float32.
    ord (int, float or str, optional): The order. Vectors: any number, ``inf`` (largest
        magnitude), ``-inf`` (smallest), ``0`` (count of nonzeros). Matrices: ``"fro"``,
        ``"nuc"`` (sum of singular values), ``1``/``-1`` (largest/smallest absolute
        column sum), ``2``/``-2`` (largest/smallest singular value), ``inf``/``-inf``
        (largest/smallest absolute row sum).
        ``None``: the 2-norm of vectors, Frobenius of matrices. Default: ``None``.
    axis (int or list(int), optional): One axis (vector norm) or two (matrix norm);
        ``None`` takes the whole array. Default: ``None``.

Returns:
    array: The norms, floating point; the reduced axes are removed unless ``keepdims``.

Example:
    >>> mx.linalg.norm(mx.array([3.0, 4.0]))
    array(5, dtype=float32)
    >>> mx.linalg.norm(mx.array([[3.0, 4.0], [6.0, 8.0]]), axis=1)
    array([5, 10], dtype=float32)
    >>> mx.linalg.norm(mx.array([[1.0, 2.0], [3.0, 4.0]]), ord=1)
    array(6, dtype=float32)
)"},
    {"linalg.inv", R"(Inverse of square matrices, batched over the leading axes.

Args:
    a (array): Matrices, shape ``(..., N, N)``, float32 or float64.

Returns:
    array: ``inv(a)``, with ``a @ inv(a) == eye(N)``. A singular matrix raises
    ``RuntimeError`` when the result is evaluated.

Example:
    >>> mx.linalg.inv(mx.array([[4.0, 2.0], [2.0, 3.0]]))
    array([[0.375, -0.25],
           [-0.25, 0.5]], dtype=float32)
)"},
    {"linalg.pinv", R"(Moore-Penrose pseudo-inverse, computed from the singular value decomposition.

Args:
    a (array): Matrices, shape ``(..., M, N)``, float32 or float64; need not be square or
        of full rank.

Returns:
    array: The pseudo-inverses, shape ``(..., N, M)``.

Example:
    >>> mx.linalg.pinv(mx.array([[1.0, 0.0], [0.0, 0.0], [0.0, 2.0]]))
    array([[1, 0, 0],
           [0, 0, 0.5]], dtype=float32)
)"},
    {"linalg.tri_inv", R"(Inverse of triangular matrices; only the triangle named by ``upper`` is read.

Args:
    a (array): Square triangular matrices, shape ``(..., N, N)``, float32 or float64.
    upper (bool, optional): Read the upper triangle instead of the lower. Default: ``False``.

Returns:
    array: The inverses, triangular like ``a``. A zero on the diagonal raises
    ``RuntimeError`` when the result is evaluated.

Example:
    >>> mx.linalg.tri_inv(mx.array([[2.0, 0.0], [1.0, 1.0]]))
    array([[0.5, 0],
           [-0.5, 1]], dtype=float32)
)"},
    {"linalg.cholesky", R"(Cholesky factor of symmetric positive definite matrices: ``L`` with ``a = L @ L.T``, or ``U`` with ``a = U.T @ U``.

Args:
    a (array): Symmetric positive definite matrices, shape ``(..., N, N)``, float32 or
        float64; only the triangle named by ``upper`` is read.
    upper (bool, optional): Return the upper factor ``U`` instead of the lower ``L``.
        Default: ``False``.

Returns:
    array: The triangular factor; the other triangle is zero. A matrix that is not
    positive definite raises ``RuntimeError`` when the result is evaluated.

Example:
    >>> a = mx.array([[4.0, 2.0], [2.0, 5.0]])
    >>> mx.linalg.cholesky(a)
    array([[2, 0],
           [1, 2]], dtype=float32)
    >>> mx.linalg.cholesky(a, upper=True)
    array([[2, 1],
           [0, 2]], dtype=float32)
)"},
    {"linalg.cholesky_inv", R"(Inverse of a symmetric positive definite matrix, given its Cholesky factor.

Args:
    a (array): The factor from :func:`cholesky`, shape ``(..., N, N)``: lower ``L``
        (``A = L @ L.T``), or upper ``U`` (``A = U.T @ U``) when ``upper`` is true.
    upper (bool, optional): ``a`` is the upper factor. Default: ``False``.

Returns:
    array: ``inv(A)`` for the matrix ``A`` the factor comes from.

Example:
    >>> A = mx.array([[4.0, 2.0], [2.0, 5.0]])
    >>> mx.linalg.cholesky_inv(mx.linalg.cholesky(A))
    array([[0.3125, -0.125],
           [-0.125, 0.25]], dtype=float32)
)"},
    {"linalg.qr", R"(Reduced QR factorization: ``a = Q @ R`` with ``Q``'s columns orthonormal and ``R`` upper triangular.

Args:
    a (array): Matrices, shape ``(..., M, N)``, float32 or float64.

Returns:
    tuple(array, array): ``Q``, shape ``(..., M, K)``, and ``R``, shape ``(..., K, N)``,
    with ``K = min(M, N)``.

Example:
    >>> q, r = mx.linalg.qr(mx.array([[3.0, 1.0], [4.0, 2.0]]))
    >>> q
    array([[-0.6, -0.8],
           [-0.8, 0.6]], dtype=float32)
    >>> r
    array([[-5, -2.2],
           [0, 0.4]], dtype=float32)
)"},
    {"linalg.svd", R"(Singular value decomposition: ``a = U @ diag(S) @ Vt``, with full (square) ``U`` and ``Vt``.

Args:
    a (array): Matrices, shape ``(..., M, N)``, float32 or float64.
    compute_uv (bool, optional): Also compute ``U`` and ``Vt``; when false only the
        singular values are returned. Default: ``True``.

Returns:
    tuple(array, array, array) or array: ``(U, S, Vt)`` with ``U`` ``(..., M, M)``, ``S``
    ``(..., K)`` in descending order and ``Vt`` ``(..., N, N)``, ``K = min(M, N)``; or
    ``S`` alone when ``compute_uv`` is false.

Example:
    >>> mx.linalg.svd(mx.array([[3.0, 0.0], [0.0, -2.0]]), compute_uv=False)
    array([3, 2], dtype=float32)
    >>> u, s, vt = mx.linalg.svd(mx.ones((3, 2)))
    >>> u.shape, s.shape, vt.shape
    ((3, 3), (2,), (2, 2))
)"},
    {"linalg.eig", R"(Eigenvalues and right eigenvectors of general square matrices.

Args:
    a (array): Square matrices, shape ``(..., N, N)``, float32 or float64.

Returns:
    tuple(array, array): The eigenvalues ``w`` ``(..., N)`` and the eigenvectors ``v``
    ``(..., N, N)``, column ``v[..., :, i]`` belonging to ``w[..., i]``; both complex64,
    also for float64 input.

Example:
    >>> w, v = mx.linalg.eig(mx.array([[2.0, 0.0], [0.0, 3.0]]))
    >>> w
    array([2+0j, 3+0j], dtype=complex64)
    >>> v
    array([[1+0j, 0+0j],
           [0+0j, 1+0j]], dtype=complex64)
)"},
    {"linalg.eigvals", R"(Eigenvalues of general square matrices (the first result of :func:`eig`).

Args:
    a (array): Square matrices, shape ``(..., N, N)``, float32 or float64.

Returns:
    array: The eigenvalues, shape ``(..., N)``, complex64.

Example:
    >>> mx.linalg.eigvals(mx.array([[0.0, -1.0], [1.0, 0.0]]))
    array([0+1j, 0-1j], dtype=complex64)
)"},
    {"linalg.eigh", R"(Eigenvalues and eigenvectors of symmetric matrices, the eigenvalues ascending.

Args:
    a (array): Symmetric matrices, shape ``(..., N, N)``, float32 or float64; only the
        triangle named by ``UPLO`` is read.
    UPLO (str, optional): ``"L"`` reads the lower triangle, ``"U"`` the upper.
        Default: ``"L"``.

Returns:
    tuple(array, array): The real eigenvalues ``w`` ``(..., N)`` in ascending order and the
    orthonormal eigenvectors ``v`` ``(..., N, N)``, column ``v[..., :, i]`` belonging to
    ``w[..., i]``; both in the dtype of ``a``.

Example:
    >>> w, v = mx.linalg.eigh(mx.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> w
    array([1, 3], dtype=float32)
    >>> v
    array([[-0.707107, 0.707107],
           [0.707107, 0.707107]], dtype=float32)
)"},
    {"linalg.eigvalsh", R"(Eigenvalues of symmetric matrices, ascending (the first result of :func:`eigh`).

Args:
    a (array): Symmetric matrices, shape ``(..., N, N)``, float32 or float64; only the
        triangle named by ``UPLO`` is read.
    UPLO (str, optional): ``"L"`` reads the lower triangle, ``"U"`` the upper.
        Default: ``"L"``.

Returns:
    array: The eigenvalues, shape ``(..., N)``, in the dtype of ``a``.

Example:
    >>> mx.linalg.eigvalsh(mx.array([[2.0, 1.0], [1.0, 2.0]]))
    array([1, 3], dtype=float32)
)"},
    {"linalg.lu", R"(LU factorization with partial pivoting: ``a = L[P] @ U``.

Args:
    a (array): Matrices, shape ``(..., M, N)``, float32 or float64.

Returns:
    tuple(array, array, array): ``P``, the row permutation ``(..., M)`` as uint32; ``L``,
    unit lower triangular ``(..., M, K)``; and ``U``, upper triangular ``(..., K, N)``,
    with ``K = min(M, N)``.

Example:
    >>> a = mx.array([[1.0, 2.0], [3.0, 4.0]])
    >>> p, l, u = mx.linalg.lu(a)
    >>> p
    array([1, 0], dtype=uint32)
    >>> l
    array([[1, 0],
           [0.333333, 1]], dtype=float32)
    >>> u
    array([[3, 4],
           [0, 0.666667]], dtype=float32)
    >>> mx.allclose(l[p] @ u, a)
    array(True, dtype=bool)
)"},
    {"linalg.lu_factor", R"(LU factorization in LAPACK's packed form, as SciPy's ``lu_factor``.

Args:
    a (array): Matrices, shape ``(..., M, N)``, float32 or float64.

Returns:
    tuple(array, array): ``LU`` ``(..., M, N)``, holding ``U`` in its upper triangle and
    ``L`` (without its unit diagonal) below; and the pivots ``(..., K)`` as uint32: row
    ``i`` was swapped with row ``pivots[i]`` (0-based), ``K = min(M, N)``.

Example:
    >>> lu, piv = mx.linalg.lu_factor(mx.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> lu
    array([[3, 4],
           [0.333333, 0.666667]], dtype=float32)
    >>> piv
    array([1, 1], dtype=uint32)
)"},
    {"linalg.solve", R"(Solves the linear system ``a @ x = b`` for ``x``.

Args:
    a (array): Square matrices, shape ``(..., N, N)``, float32 or float64.
    b (array): Right-hand sides: a vector ``(..., N)`` when 1-D, else ``(..., N, K)``;
        the batch axes broadcast against ``a``'s.

Returns:
    array: ``x``, shaped like ``b`` (after broadcasting). A singular ``a`` raises
    ``RuntimeError`` when the result is evaluated.

Example:
    >>> mx.linalg.solve(mx.array([[3.0, 1.0], [1.0, 2.0]]), mx.array([9.0, 8.0]))
    array([2, 3], dtype=float32)
)"},
    {"linalg.solve_triangular", R"(Solves ``a @ x = b`` for triangular ``a``; only the triangle named by ``upper`` is read.

Args:
    a (array): Square triangular matrices, shape ``(..., N, N)``, float32 or float64.
    b (array): Right-hand sides: a vector ``(..., N)`` when 1-D, else ``(..., N, K)``.
    upper (bool, optional): ``a`` is upper triangular. Default: ``False``.

Returns:
    array: ``x``, shaped like ``b``. A zero on ``a``'s diagonal raises ``RuntimeError``
    when the result is evaluated.

Example:
    >>> mx.linalg.solve_triangular(mx.array([[2.0, 0.0], [1.0, 1.0]]), mx.array([4.0, 3.0]))
    array([2, 1], dtype=float32)
    >>> mx.linalg.solve_triangular(mx.array([[2.0, 1.0], [0.0, 1.0]]), mx.array([4.0, 3.0]), upper=True)
    array([0.5, 3], dtype=float32)
)"},
    {"linalg.det", R"(Determinant of square matrices, from their LU factorization.

Args:
    a (array): Square matrices, shape ``(..., N, N)``; integers are computed in float32.

Returns:
    array: The determinants, shape ``(...)``; ``0`` for a singular matrix.

Example:
    >>> mx.linalg.det(mx.array([[1.0, 2.0], [3.0, 4.0]]))
    array(-2, dtype=float32)
)"},
    {"linalg.slogdet", R"(Sign and natural logarithm of the absolute value of the determinant, which stays finite where ``det`` would overflow or underflow.

Args:
    a (array): Square matrices, shape ``(..., N, N)``; integers are computed in float32.

Returns:
    tuple(array, array): ``(sign, logabsdet)`` with ``det(a) = sign * exp(logabsdet)``;
    a singular matrix gives ``(0, -inf)``.

Example:
    >>> sign, logabs = mx.linalg.slogdet(mx.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> sign, logabs
    (array(-1, dtype=float32), array(0.693147, dtype=float32))
)"},
    {"linalg.cross", R"(Cross product of 3-element vectors along an axis; 2-element vectors are taken with a zero third component.

Args:
    a (array): First vectors.
    b (array): Second vectors, broadcast against ``a``.
    axis (int, optional): The axis holding the vectors (size 2 or 3 in both). Default: ``-1``.

Returns:
    array: The cross products, in the promoted dtype, with 3 elements along ``axis``.

Example:
    >>> mx.linalg.cross(mx.array([1.0, 0.0, 0.0]), mx.array([0.0, 1.0, 0.0]))
    array([0, 0, 1], dtype=float32)
)"},
  };
  return table;
}

} // namespace mxg::python
