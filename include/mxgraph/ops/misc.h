// Assorted mlx.core ops composed from the others (no primitives of their own):
// dtype queries, flips and rolls, diagonals, differences, kron, counting,
// median, minmax and searchsorted. Errors are raised at the call.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/primitive.h"

namespace mxg {

/// The dtype of combining `dtypes` (strong) with Python-style weak scalars whose
/// kinds are given as bool_/int32/float32/complex64 in `weak`: a weak scalar
/// keeps its kind but takes the strong dtype's width (see weak_scalar).
Dtype result_type(const std::vector<Dtype>& dtypes, const std::vector<Dtype>& weak = {});
/// NumPy's "safe" casting: every value of `from` is representable in `to`.
bool can_cast(Dtype from, Dtype to);
/// Array-API kinds: "bool", "signed integer", "unsigned integer", "integral",
/// "real floating", "complex floating", "numeric". Unknown kinds raise ValueError.
bool isdtype(Dtype t, const std::string& kind);

/// Uninitialised arrays are zero-filled here (the values are unspecified).
array empty(const Shape& shape, Dtype dtype = float32, StreamOrDevice s = {});
array empty_like(const array& a, std::optional<Dtype> dtype = std::nullopt, StreamOrDevice s = {});
/// Evaluation is synchronous, so there is nothing to wait for.
void synchronize(StreamOrDevice s = {});

/// Reverses the order of elements along `axes` (all axes without): a strided view.
array flip(const array& a, const std::vector<int>& axes, StreamOrDevice s = {});
array flip(const array& a, StreamOrDevice s = {});
/// Rolls elements along `axes` by `shift` (one shift for all axes, or one per axis);
/// without axes the flattened array is rolled by the sum of the shifts.
array roll(const array& a, const std::vector<int64_t>& shift, const std::vector<int>& axes,
           StreamOrDevice s = {});
array roll(const array& a, const std::vector<int64_t>& shift, StreamOrDevice s = {});

/// The `offset` diagonal of the (axis1, axis2) planes, appended as the last axis.
array diagonal(const array& a, int offset = 0, int axis1 = 0, int axis2 = 1,
               StreamOrDevice s = {});
/// 1-d: a square matrix with `a` on diagonal `k`; 2-d: diagonal `k`.
array diag(const array& a, int k = 0, StreamOrDevice s = {});
/// Sum of the diagonal; the result has `dtype` (the input's dtype by default).
array trace(const array& a, int offset = 0, int axis1 = 0, int axis2 = 1,
            std::optional<Dtype> dtype = std::nullopt, StreamOrDevice s = {});
/// The n-th discrete difference along `axis` (not_equal for bool, as NumPy).
array diff(const array& a, int n = 1, int axis = -1, StreamOrDevice s = {});
/// Kronecker product (the shorter shape is padded with leading ones).
array kron(const array& a, const array& b, StreamOrDevice s = {});

/// Number of non-zero elements (int32) over `axes` (all axes when absent).
array count_nonzero(const array& a, const std::optional<std::vector<int>>& axes = std::nullopt,
                    bool keepdims = false, StreamOrDevice s = {});
/// Median over `axes` (all when absent): the middle of the sorted values, the mean of
/// the two middles for even counts; NaN propagates; integers give float32.
array median(const array& a, const std::optional<std::vector<int>>& axes = std::nullopt,
             bool keepdims = false, StreamOrDevice s = {});
/// sum(conj(a) * b) over `axis` of the broadcast inputs.
array vecdot(const array& a, const array& b, int axis = -1, StreamOrDevice s = {});

/// Window functions of length M (float32; empty for M < 1, [1] for M == 1), as NumPy.
array bartlett(int M, StreamOrDevice s = {});
array blackman(int M, StreamOrDevice s = {});
array hamming(int M, StreamOrDevice s = {});
array hanning(int M, StreamOrDevice s = {});

/// (min, max) over `axes` (all when absent).
std::pair<array, array> minmax(const array& a,
                               const std::optional<std::vector<int>>& axes = std::nullopt,
                               bool keepdims = false, StreamOrDevice s = {});
/// Insertion indices (uint32, values' shape) into the ascending 1-d `sorted`:
/// the count of elements < value ("left") or <= value ("right"); NaN sorts last.
array searchsorted(const array& sorted, const array& values, const std::string& side = "left",
                   StreamOrDevice s = {});

} // namespace mxg
