// Reduction and scan operations (mlx.core names). Each reduction comes in three
// forms: over all axes, over a list of axes, and over one axis. Reduced axes are
// dropped unless `keepdims`. Errors (bad or duplicate axes, empty max/min) are
// raised at the call.
#pragma once

#include <optional>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/primitive.h"

namespace mxg {

#define MXG_DECLARE_REDUCTION(name)                                                        \
  array name(const array& a, bool keepdims = false, StreamOrDevice s = {});                \
  array name(const array& a, const std::vector<int>& axes, bool keepdims = false,          \
             StreamOrDevice s = {});                                                       \
  array name(const array& a, int axis, bool keepdims = false, StreamOrDevice s = {});

/// sum/prod: bool and integers up to 32 bits give int32 (uint32 when unsigned),
/// 64-bit integers keep their type, floats keep theirs (halves accumulate in float32).
MXG_DECLARE_REDUCTION(sum)
MXG_DECLARE_REDUCTION(prod)
/// max/min keep the dtype; NaN propagates; empty inputs are an error.
MXG_DECLARE_REDUCTION(max)
MXG_DECLARE_REDUCTION(min)
/// all/any give bool.
MXG_DECLARE_REDUCTION(all)
MXG_DECLARE_REDUCTION(any)
/// mean gives a floating type (float32 for integers); empty gives NaN.
MXG_DECLARE_REDUCTION(mean)
/// log(sum(exp(a))), computed stably around the maximum.
MXG_DECLARE_REDUCTION(logsumexp)
#undef MXG_DECLARE_REDUCTION

/// Variance / standard deviation with `ddof` delta degrees of freedom.
array var(const array& a, bool keepdims = false, int ddof = 0, StreamOrDevice s = {});
array var(const array& a, const std::vector<int>& axes, bool keepdims = false, int ddof = 0,
          StreamOrDevice s = {});
array var(const array& a, int axis, bool keepdims = false, int ddof = 0, StreamOrDevice s = {});
array std(const array& a, bool keepdims = false, int ddof = 0, StreamOrDevice s = {});
array std(const array& a, const std::vector<int>& axes, bool keepdims = false, int ddof = 0,
          StreamOrDevice s = {});
array std(const array& a, int axis, bool keepdims = false, int ddof = 0, StreamOrDevice s = {});

/// Index (uint32) of the first maximum / minimum; without an axis, of the flattened array.
array argmax(const array& a, bool keepdims = false, StreamOrDevice s = {});
array argmax(const array& a, int axis, bool keepdims = false, StreamOrDevice s = {});
array argmin(const array& a, bool keepdims = false, StreamOrDevice s = {});
array argmin(const array& a, int axis, bool keepdims = false, StreamOrDevice s = {});

/// exp(a - max) / sum(exp(a - max)) over `axes` (all axes when empty). `precise`
/// computes half-precision inputs in float32.
array softmax(const array& a, const std::vector<int>& axes, bool precise = false,
              StreamOrDevice s = {});
array softmax(const array& a, int axis, bool precise = false, StreamOrDevice s = {});
array softmax(const array& a, bool precise = false, StreamOrDevice s = {});

/// Cumulative ops along `axis` (the flattened array when absent). `dtype` casts the
/// input first (cumsum/cumprod); bool cumsum counts in int32.
array cumsum(const array& a, std::optional<int> axis = std::nullopt, bool reverse = false,
             bool inclusive = true, std::optional<Dtype> dtype = std::nullopt, StreamOrDevice s = {});
array cumprod(const array& a, std::optional<int> axis = std::nullopt, bool reverse = false,
              bool inclusive = true, std::optional<Dtype> dtype = std::nullopt,
              StreamOrDevice s = {});
array cummax(const array& a, std::optional<int> axis = std::nullopt, bool reverse = false,
             bool inclusive = true, StreamOrDevice s = {});
array cummin(const array& a, std::optional<int> axis = std::nullopt, bool reverse = false,
             bool inclusive = true, StreamOrDevice s = {});
array logcumsumexp(const array& a, std::optional<int> axis = std::nullopt, bool reverse = false,
                   bool inclusive = true, StreamOrDevice s = {});

} // namespace mxg
