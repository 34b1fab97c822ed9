// mx.linalg: norms, factorizations and solvers over the last two axes, batched over
// the leading ones, through LAPACK. Inputs are float32 or float64 (MLX's rule); a
// singular or non-positive-definite input raises std::runtime_error at eval, except
// det and slogdet, which return 0 and (0, -inf) as MLX does.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg::linalg {

/// NumPy's norm: the 2-norm of the flattened array (no ord, no axis), a vector norm
/// of order `ord` over one axis, or a matrix norm ("fro", "nuc", +-1, +-2, +-inf)
/// over two axes.
array norm(const array& a, const std::optional<std::vector<int>>& axis = std::nullopt, bool keepdims = false,
           StreamOrDevice s = {});
array norm(const array& a, double ord, const std::optional<std::vector<int>>& axis = std::nullopt,
           bool keepdims = false, StreamOrDevice s = {});
array norm(const array& a, const std::string& ord, const std::optional<std::vector<int>>& axis = std::nullopt,
           bool keepdims = false, StreamOrDevice s = {});

/// The inverse of square matrices (getrf + getri).
array inv(const array& a, StreamOrDevice s = {});
/// The Moore-Penrose pseudo-inverse, through the SVD.
array pinv(const array& a, StreamOrDevice s = {});
/// The inverse of lower (or upper) triangular matrices; the other triangle is ignored.
array tri_inv(const array& a, bool upper = false, StreamOrDevice s = {});
/// L with A = L L^T (or U with A = U^T U), reading A's lower (upper) triangle.
array cholesky(const array& a, bool upper = false, StreamOrDevice s = {});
/// inv(A) from A's Cholesky factor.
array cholesky_inv(const array& l, bool upper = false, StreamOrDevice s = {});
/// Reduced QR: Q (..., M, K), R (..., K, N), K = min(M, N).
std::pair<array, array> qr(const array& a, StreamOrDevice s = {});
/// {U (..., M, M), S (..., K), Vt (..., N, N)}, or {S} when !compute_uv.
std::vector<array> svd(const array& a, bool compute_uv = true, StreamOrDevice s = {});
/// Eigenvalues and right eigenvectors of a general matrix (complex64).
std::pair<array, array> eig(const array& a, StreamOrDevice s = {});
array eigvals(const array& a, StreamOrDevice s = {});
/// Ascending eigenvalues and eigenvectors of a symmetric matrix, reading the "L" or "U" triangle.
std::pair<array, array> eigh(const array& a, const std::string& uplo = "L", StreamOrDevice s = {});
array eigvalsh(const array& a, const std::string& uplo = "L", StreamOrDevice s = {});
/// {P, L, U} with A = L[P] @ U: P the row permutation (uint32), L unit lower (M, K), U (K, N).
std::vector<array> lu(const array& a, StreamOrDevice s = {});
/// {LU, pivots}: LAPACK's packed factors and its 0-based row swaps (uint32).
std::pair<array, array> lu_factor(const array& a, StreamOrDevice s = {});
/// x with a @ x = b; b is a vector (..., N) when 1-d, else (..., N, K); batches broadcast.
array solve(const array& a, const array& b, StreamOrDevice s = {});
/// solve() for a triangular a, reading its lower (or upper) triangle.
array solve_triangular(const array& a, const array& b, bool upper = false, StreamOrDevice s = {});
/// Determinant, and (sign, log|det|).
array det(const array& a, StreamOrDevice s = {});
std::pair<array, array> slogdet(const array& a, StreamOrDevice s = {});
/// Cross product of 3-vectors (2-vectors are padded with a zero) along `axis`.
array cross(const array& a, const array& b, int axis = -1, StreamOrDevice s = {});

} // namespace mxg::linalg
