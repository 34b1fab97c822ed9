// Sorting operations (mlx.core names), along one axis or (axis = nullopt) the
// flattened array. NaN sorts last; index outputs are uint32.
#pragma once

#include <optional>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

array sort(const array& a, std::optional<int> axis = -1, StreamOrDevice s = {});
/// Stable: equal elements keep their order.
array argsort(const array& a, std::optional<int> axis = -1, StreamOrDevice s = {});
/// The element at `kth` (negative counts from the end) is where a sort would put
/// it; smaller ones come before it, the others after, in no given order.
array partition(const array& a, int kth, std::optional<int> axis = -1, StreamOrDevice s = {});
array argpartition(const array& a, int kth, std::optional<int> axis = -1, StreamOrDevice s = {});
/// The k largest elements along the axis, in no given order (as MLX).
array topk(const array& a, int k, std::optional<int> axis = -1, StreamOrDevice s = {});

} // namespace mxg
