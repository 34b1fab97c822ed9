// mx.random.categorical and permutation: random draws that need argmax, argsort
// and take. Those ops are built elsewhere; until their declarations are present
// these functions raise, and once they are, they work with no change here.
#include <type_traits>

#include "mxgraph/ops.h"
#include "mxgraph/random.h"
#include "ops/utils.h"

namespace mxg::random {
namespace {

// Detect the ops by calling them in an unevaluated context (found by argument-
// dependent lookup in namespace mxg, so a missing declaration is not an error).
template <typename A, typename = void>
struct HasArgmax : std::false_type {};
template <typename A>
struct HasArgmax<A, std::void_t<decltype(argmax(std::declval<const A&>(), 0, false, StreamOrDevice{}))>>
    : std::true_type {};

template <typename A, typename = void>
struct HasArgsortTake : std::false_type {};
template <typename A>
struct HasArgsortTake<
    A, std::void_t<decltype(argsort(std::declval<const A&>(), 0, StreamOrDevice{})),
                   decltype(take(std::declval<const A&>(), std::declval<const A&>(), 0, StreamOrDevice{}))>>
    : std::true_type {};

template <typename A>
A argmax_along(const A& a, int axis, Stream s) {
  if constexpr (HasArgmax<A>::value) {
    return argmax(a, axis, false, s);
  } else {
    throw_value("random.categorical", "argmax is not built into this version of mxgraph.");
  }
}

template <typename A>
A argsort_along(const A& a, Stream s) {
  if constexpr (HasArgsortTake<A>::value) {
    return argsort(a, 0, s);
  } else {
    throw_value("random.permutation", "argsort is not built into this version of mxgraph.");
  }
}

template <typename A>
A take_along(const A& a, const A& idx, int axis, Stream s) {
  if constexpr (HasArgsortTake<A>::value) {
    return take(a, idx, axis, s);
  } else {
    throw_value("random.permutation", "take is not built into this version of mxgraph.");
  }
}

// Gumbel-max: argmax over the category axis of logits + Gumbel noise, where the
// noise has `shape` with the category axis inserted at `axis`.
array gumbel_max(const array& logits, int axis, Shape shape, const std::optional<array>& key, Stream s) {
  int offset = axis + static_cast<int>(shape.size()) - logits.ndim() + 1;
  shape.insert(shape.begin() + offset, logits.shape(axis));
  Dtype dt = is_floating(logits.dtype()) ? logits.dtype() : float32;
  array g = gumbel(shape, dt, key, s);
  return argmax_along(add(g, logits, s), offset, s);
}

} // namespace

array categorical(const array& logits, int axis, const std::optional<Shape>& shape,
                  std::optional<int64_t> num_samples, const std::optional<array>& key,
                  StreamOrDevice s) {
  const char* op = "random.categorical";
  if (shape && num_samples) throw_value(op, "At most one of shape or num_samples can be given.");
  if (logits.ndim() == 0) throw_value(op, "The logits must have at least one dimension.");
  axis = normalize_axis(axis, logits.ndim(), op);
  Stream st = to_stream(s, op);
  Shape rest = logits.shape();
  rest.erase(rest.begin() + axis);
  if (num_samples) {
    if (*num_samples < 0) throw_value(op, "num_samples must be non-negative.");
    rest.push_back(*num_samples);
    return gumbel_max(expand_dims(logits, -1, st), axis, rest, key, st);
  }
  if (shape) {
    if (broadcast_shapes(*shape, rest, op) != *shape) {
      throw_value(op, "Shape " + shape_str(*shape) + " is not broadcast compatible with the logits' shape " +
                          shape_str(rest) + " without the category axis.");
    }
    return gumbel_max(logits, axis, *shape, key, st);
  }
  return gumbel_max(logits, axis, rest, key, st);
}

array permutation(int64_t n, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.permutation";
  if (n < 0) throw_value(op, "The length must be non-negative.");
  Stream st = to_stream(s, op);
  // Sorting random words gives a uniform shuffle (ties have probability ~ n^2 / 2^33).
  return argsort_along(bits({n}, 4, key, st), st);
}

array permutation(const array& x, int axis, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.permutation";
  if (x.ndim() == 0) throw_value(op, "Cannot permute a 0-d array.");
  axis = normalize_axis(axis, x.ndim(), op);
  Stream st = to_stream(s, op);
  return take_along(x, permutation(x.shape(axis), key, st), axis, st);
}

} // namespace mxg::random
