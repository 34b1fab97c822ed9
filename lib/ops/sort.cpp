// Sort ops: axis and kth checks, then Sort / ArgSort / Partition / ArgPartition nodes.
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/sort.h"

namespace mxg {
namespace {

// The array to sort (flattened when axis is absent) and its normalised axis.
std::pair<array, int> sort_input(const array& a, std::optional<int> axis, const char* op,
                                 Stream st) {
  if (!axis) return {reshape(a, {a.size()}, st), 0};
  return {a, normalize_axis(*axis, a.ndim(), op)};
}

int normalize_kth(int kth, int64_t n, const char* op) {
  int64_t k = kth < 0 ? kth + n : kth;
  if (k < 0 || k >= n) {
    throw_value(op, "kth " + std::to_string(kth) + " is out of bounds for an axis of size " +
                        std::to_string(n) + ".");
  }
  return static_cast<int>(k);
}

} // namespace

array sort(const array& a, std::optional<int> axis, StreamOrDevice s) {
  Stream st = to_stream(s, "sort");
  auto [x, ax] = sort_input(a, axis, "sort", st);
  return array(x.shape(), x.dtype(), std::make_shared<Sort>(st, ax), {x});
}

array argsort(const array& a, std::optional<int> axis, StreamOrDevice s) {
  Stream st = to_stream(s, "argsort");
  auto [x, ax] = sort_input(a, axis, "argsort", st);
  return array(x.shape(), uint32, std::make_shared<ArgSort>(st, ax), {x});
}

array partition(const array& a, int kth, std::optional<int> axis, StreamOrDevice s) {
  Stream st = to_stream(s, "partition");
  auto [x, ax] = sort_input(a, axis, "partition", st);
  int k = normalize_kth(kth, x.shape(ax), "partition");
  return array(x.shape(), x.dtype(), std::make_shared<Partition>(st, k, ax), {x});
}

array argpartition(const array& a, int kth, std::optional<int> axis, StreamOrDevice s) {
  Stream st = to_stream(s, "argpartition");
  auto [x, ax] = sort_input(a, axis, "argpartition", st);
  int k = normalize_kth(kth, x.shape(ax), "argpartition");
  return array(x.shape(), uint32, std::make_shared<ArgPartition>(st, k, ax), {x});
}

array topk(const array& a, int k, std::optional<int> axis, StreamOrDevice s) {
  Stream st = to_stream(s, "topk");
  auto [x, ax] = sort_input(a, axis, "topk", st);
  int64_t n = x.shape(ax);
  if (k < 0 || k > n) {
    throw_value("topk", "k=" + std::to_string(k) + " is out of range for an axis of size " +
                            std::to_string(n) + ".");
  }
  if (k == n) return x;
  // Partition at n - k and keep the positions from there on: the k largest.
  Shape shape = x.shape();
  shape[ax] = k;
  int kth = static_cast<int>(k == 0 ? 0 : n - k);
  return array(shape, x.dtype(), std::make_shared<Partition>(st, kth, ax, n - k), {x});
}

} // namespace mxg
