// The C ABI's ops. Elementwise wrappers are generated from the core's registry
// (MXG_UNARY_OPS / MXG_BINARY_OPS); the header's name lists are checked against it here.
#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

#define MXG_C_NAME(name) #name,
#define MXG_REG_NAME(e, name, ...) #name,
constexpr const char* kCUnary[] = {MXG_C_UNARY_OPS(MXG_C_NAME)};
constexpr const char* kCBinary[] = {MXG_C_BINARY_OPS(MXG_C_NAME)};
constexpr const char* kRegUnary[] = {MXG_UNARY_OPS(MXG_REG_NAME)};
constexpr const char* kRegBinary[] = {MXG_BINARY_OPS(MXG_REG_NAME)};
#undef MXG_C_NAME
#undef MXG_REG_NAME

constexpr bool same_str(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
template <size_t N, size_t M>
constexpr bool same_names(const char* const (&a)[N], const char* const (&b)[M]) {
  if (N != M) return false;
  for (size_t i = 0; i < N; ++i) {
    if (!same_str(a[i], b[i])) return false;
  }
  return true;
}
static_assert(same_names(kCUnary, kRegUnary),
              "MXG_C_UNARY_OPS in mxgraph_c.h must list MXG_UNARY_OPS's names in order");
static_assert(same_names(kCBinary, kRegBinary),
              "MXG_C_BINARY_OPS in mxgraph_c.h must list MXG_BINARY_OPS's names in order");

// nullptr axes: every axis (the core's no-axes overloads).
std::optional<std::vector<int>> opt_axes(const int* axes, size_t n) {
  if (!axes) return std::nullopt;
  return std::vector<int>(axes, axes + n);
}
std::optional<int> opt_axis(const int* axis) {
  if (!axis) return std::nullopt;
  return *axis;
}

} // namespace

extern "C" {

#define MXG_C_DEFINE_UNARY(e, name, ...)                                                        \
  int mxg_##name(mxg_array** out, const mxg_array* a, const mxg_stream* s) {               \
    return guard_array("mxg_" #name, out,                                                  \
                       [&] { return unary(UnaryOp::e, arr(a, "mxg_" #name), stream(s)); }); \
  }
MXG_UNARY_OPS(MXG_C_DEFINE_UNARY)
#undef MXG_C_DEFINE_UNARY

#define MXG_C_DEFINE_BINARY(e, name, ...)                                                     \
  int mxg_##name(mxg_array** out, const mxg_array* a, const mxg_array* b,                \
                 const mxg_stream* s) {                                                  \
    return guard_array("mxg_" #name, out, [&] {                                          \
      return binary(BinaryOp::e, arr(a, "mxg_" #name), arr(b, "mxg_" #name, "b"), stream(s)); \
    });                                                                                  \
  }
MXG_BINARY_OPS(MXG_C_DEFINE_BINARY)
#undef MXG_C_DEFINE_BINARY

int mxg_registry_unary_count(void) { return static_cast<int>(std::size(kRegUnary)); }
int mxg_registry_binary_count(void) { return static_cast<int>(std::size(kRegBinary)); }
const char* mxg_registry_unary_name(int i) {
  return (i < 0 || i >= mxg_registry_unary_count()) ? nullptr : kRegUnary[i];
}
const char* mxg_registry_binary_name(int i) {
  return (i < 0 || i >= mxg_registry_binary_count()) ? nullptr : kRegBinary[i];
}
int mxg_registry_primitive_count(void) { return kNumPrimitiveKinds; }

int mxg_where(mxg_array** out, const mxg_array* cond, const mxg_array* x, const mxg_array* y,
              const mxg_stream* s) {
  const char* fn = "mxg_where";
  return guard_array(fn, out, [&] {
    return where(arr(cond, fn, "cond"), arr(x, fn, "x"), arr(y, fn, "y"), stream(s));
  });
}
int mxg_astype(mxg_array** out, const mxg_array* a, mxg_dtype dtype, const mxg_stream* s) {
  const char* fn = "mxg_astype";
  return guard_array(fn, out, [&] { return astype(arr(a, fn), to_dtype(dtype, fn), stream(s)); });
}

#define MXG_C_DEFINE_REDUCTION(name)                                                       \
  int mxg_##name(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,    \
                 int keepdims, const mxg_stream* s) {                                      \
    return guard_array("mxg_" #name, out, [&] {                                            \
      const array& x = arr(a, "mxg_" #name);                                               \
      auto ax = opt_axes(axes, num_axes);                                                  \
      return ax ? name(x, *ax, keepdims != 0, stream(s)) : name(x, keepdims != 0, stream(s)); \
    });                                                                                    \
  }
MXG_C_REDUCTIONS(MXG_C_DEFINE_REDUCTION)
#undef MXG_C_DEFINE_REDUCTION

int mxg_var(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes, int keepdims,
            int ddof, const mxg_stream* s) {
  return guard_array("mxg_var", out, [&] {
    auto ax = opt_axes(axes, num_axes);
    const array& x = arr(a, "mxg_var");
    return ax ? var(x, *ax, keepdims != 0, ddof, stream(s)) : var(x, keepdims != 0, ddof, stream(s));
  });
}
int mxg_std(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes, int keepdims,
            int ddof, const mxg_stream* s) {
  return guard_array("mxg_std", out, [&] {
    auto ax = opt_axes(axes, num_axes);
    const array& x = arr(a, "mxg_std");
    return ax ? mxg::std(x, *ax, keepdims != 0, ddof, stream(s))
              : mxg::std(x, keepdims != 0, ddof, stream(s));
  });
}
int mxg_argmax(mxg_array** out, const mxg_array* a, const int* axis, int keepdims,
               const mxg_stream* s) {
  return guard_array("mxg_argmax", out, [&] {
    const array& x = arr(a, "mxg_argmax");
    return axis ? argmax(x, *axis, keepdims != 0, stream(s)) : argmax(x, keepdims != 0, stream(s));
  });
}
int mxg_argmin(mxg_array** out, const mxg_array* a, const int* axis, int keepdims,
               const mxg_stream* s) {
  return guard_array("mxg_argmin", out, [&] {
    const array& x = arr(a, "mxg_argmin");
    return axis ? argmin(x, *axis, keepdims != 0, stream(s)) : argmin(x, keepdims != 0, stream(s));
  });
}
int mxg_softmax(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                const mxg_stream* s) {
  return guard_array("mxg_softmax", out, [&] {
    auto ax = opt_axes(axes, num_axes);
    const array& x = arr(a, "mxg_softmax");
    return ax ? softmax(x, *ax, false, stream(s)) : softmax(x, false, stream(s));
  });
}
int mxg_cumsum(mxg_array** out, const mxg_array* a, const int* axis, int reverse, int inclusive,
               const mxg_stream* s) {
  return guard_array("mxg_cumsum", out, [&] {
    return cumsum(arr(a, "mxg_cumsum"), opt_axis(axis), reverse != 0, inclusive != 0,
                  std::nullopt, stream(s));
  });
}

int mxg_reshape(mxg_array** out, const mxg_array* a, const int64_t* shape, int ndim,
                const mxg_stream* s) {
  const char* fn = "mxg_reshape";
  return guard_array(fn, out,
                     [&] { return reshape(arr(a, fn), to_shape(shape, ndim, fn), stream(s)); });
}
int mxg_transpose(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                  const mxg_stream* s) {
  const char* fn = "mxg_transpose";
  return guard_array(fn, out, [&] {
    return axes ? transpose(arr(a, fn), std::vector<int>(axes, axes + num_axes), stream(s))
                : transpose(arr(a, fn), stream(s));
  });
}
int mxg_broadcast_to(mxg_array** out, const mxg_array* a, const int64_t* shape, int ndim,
                     const mxg_stream* s) {
  const char* fn = "mxg_broadcast_to";
  return guard_array(fn, out,
                     [&] { return broadcast_to(arr(a, fn), to_shape(shape, ndim, fn), stream(s)); });
}
int mxg_expand_dims(mxg_array** out, const mxg_array* a, int axis, const mxg_stream* s) {
  return guard_array("mxg_expand_dims", out,
                     [&] { return expand_dims(arr(a, "mxg_expand_dims"), axis, stream(s)); });
}
int mxg_squeeze(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                const mxg_stream* s) {
  const char* fn = "mxg_squeeze";
  return guard_array(fn, out, [&] {
    return axes ? squeeze(arr(a, fn), std::vector<int>(axes, axes + num_axes), stream(s))
                : squeeze(arr(a, fn), stream(s));
  });
}
int mxg_slice(mxg_array** out, const mxg_array* a, const int64_t* start, const int64_t* stop,
              const int64_t* strides, size_t num, const mxg_stream* s) {
  const char* fn = "mxg_slice";
  return guard_array(fn, out, [&] {
    const array& x = arr(a, fn);
    if (num > 0) need(start, fn, "start"), need(stop, fn, "stop");
    Shape b(start, start + num), e(stop, stop + num);
    Shape st = strides ? Shape(strides, strides + num) : Shape(num, 1);
    return slice(x, b, e, st, stream(s));
  });
}
int mxg_concatenate(mxg_array** out, mxg_array* const* arrays, size_t num, int axis,
                    const mxg_stream* s) {
  const char* fn = "mxg_concatenate";
  return guard_array(fn, out,
                     [&] { return concatenate(to_arrays(arrays, num, fn, "arrays"), axis, stream(s)); });
}
int mxg_stack(mxg_array** out, mxg_array* const* arrays, size_t num, int axis,
              const mxg_stream* s) {
  const char* fn = "mxg_stack";
  return guard_array(fn, out,
                     [&] { return stack(to_arrays(arrays, num, fn, "arrays"), axis, stream(s)); });
}

int mxg_matmul(mxg_array** out, const mxg_array* a, const mxg_array* b, const mxg_stream* s) {
  const char* fn = "mxg_matmul";
  return guard_array(fn, out, [&] { return matmul(arr(a, fn), arr(b, fn, "b"), stream(s)); });
}
int mxg_take(mxg_array** out, const mxg_array* a, const mxg_array* indices, const int* axis,
             const mxg_stream* s) {
  const char* fn = "mxg_take";
  return guard_array(fn, out, [&] {
    const array& x = arr(a, fn);
    const array& idx = arr(indices, fn, "indices");
    return axis ? take(x, idx, *axis, stream(s)) : take(x, idx, stream(s));
  });
}
int mxg_take_along_axis(mxg_array** out, const mxg_array* a, const mxg_array* indices, int axis,
                        const mxg_stream* s) {
  const char* fn = "mxg_take_along_axis";
  return guard_array(fn, out, [&] {
    return take_along_axis(arr(a, fn), arr(indices, fn, "indices"), axis, stream(s));
  });
}
int mxg_sort(mxg_array** out, const mxg_array* a, const int* axis, const mxg_stream* s) {
  return guard_array("mxg_sort", out,
                     [&] { return sort(arr(a, "mxg_sort"), opt_axis(axis), stream(s)); });
}
int mxg_argsort(mxg_array** out, const mxg_array* a, const int* axis, const mxg_stream* s) {
  return guard_array("mxg_argsort", out,
                     [&] { return argsort(arr(a, "mxg_argsort"), opt_axis(axis), stream(s)); });
}

int mxg_arange(mxg_array** out, double start, double stop, double step, mxg_dtype dtype,
               const mxg_stream* s) {
  const char* fn = "mxg_arange";
  return guard_array(fn, out,
                     [&] { return arange(start, stop, step, to_dtype(dtype, fn), stream(s)); });
}
int mxg_zeros(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
              const mxg_stream* s) {
  const char* fn = "mxg_zeros";
  return guard_array(fn, out, [&] {
    return zeros(to_shape(shape, ndim, fn), to_dtype(dtype, fn), stream(s));
  });
}
int mxg_ones(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
             const mxg_stream* s) {
  const char* fn = "mxg_ones";
  return guard_array(fn, out, [&] {
    return ones(to_shape(shape, ndim, fn), to_dtype(dtype, fn), stream(s));
  });
}
int mxg_full(mxg_array** out, const int64_t* shape, int ndim, const mxg_array* value,
             mxg_dtype dtype, const mxg_stream* s) {
  const char* fn = "mxg_full";
  return guard_array(fn, out, [&] {
    return full(to_shape(shape, ndim, fn), arr(value, fn, "value"), to_dtype(dtype, fn), stream(s));
  });
}

int mxg_random_key(mxg_array** out, uint64_t seed) {
  return guard_array("mxg_random_key", out, [&] { return random::key(seed); });
}
int mxg_random_seed(uint64_t seed) {
  return guard("mxg_random_seed", [&] { random::seed(seed); });
}
int mxg_random_normal(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype, double loc,
                      double scale, const mxg_array* key, const mxg_stream* s) {
  const char* fn = "mxg_random_normal";
  return guard_array(fn, out, [&] {
    Dtype dt = to_dtype(dtype, fn);
    std::optional<array> k;
    if (key) k = key->a;
    return random::normal(to_shape(shape, ndim, fn), dt, array(loc, dt), array(scale, dt), k,
                          stream(s));
  });
}
int mxg_random_uniform(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
                       double low, double high, const mxg_array* key, const mxg_stream* s) {
  const char* fn = "mxg_random_uniform";
  return guard_array(fn, out, [&] {
    Dtype dt = to_dtype(dtype, fn);
    std::optional<array> k;
    if (key) k = key->a;
    return random::uniform(array(low, dt), array(high, dt), to_shape(shape, ndim, fn), dt, k,
                           stream(s));
  });
}

} // extern "C"
