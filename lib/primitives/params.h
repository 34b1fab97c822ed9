// Declared parameters: a primitive's parameters live in one plain struct whose
// `fields` visitor lists them once; equality, the CSE hash, `print` and the .mxfn
// codec (lib/export/fields.h) are derived from that list by ParamPrimitive.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <type_traits>
#include <vector>

#include "mxgraph/primitive.h"

namespace mxg {

/// How a field shows in `print` (describe(), DOT and text dumps). Value fields print
/// first, then the others in declaration order.
enum class Show : uint8_t {
  Named,    // "name=value"
  Value,    // "value" (an op's name, a shape)
  Tuple,    // "name=(a, b)": a shape in Python's tuple style
  Optional, // "name=value", all Optional fields together, when any differs from its default
  Flag,     // the label when the (bool) value is true
  NotFlag,  // the label when the (bool) value is false
  Hidden,   // not printed
};

/// A field's name (its name in the struct) and how it prints.
struct FieldInfo {
  const char* name;
  Show show = Show::Named;
  const char* label = nullptr; // Flag / NotFlag: the word printed
};

/// Declares one field inside `fields(F&& f, S&... s)`: calls f with its info and the
/// field of every struct given (one for print and codecs, two for equality).
#define MXG_FIELD(name, ...) f(::mxg::FieldInfo{#name, __VA_ARGS__}, s.name...)

/// The name of an enum value in prints, its count (codes [0, count) are valid in
/// files) and what it is called in error messages. One specialisation per enum.
template <typename E>
struct EnumInfo;

#define MXG_ENUM_INFO(E, n, what_, name_fn)                                 \
  template <>                                                               \
  struct EnumInfo<E> {                                                      \
    static constexpr int count = n;                                         \
    static constexpr const char* what = what_;                              \
    static const char* name(E v) { return name_fn(v); }                     \
  };

enum class ArgReduceOp : uint8_t { ArgMax, ArgMin };
/// Operators of Scan (ReduceOp plus logaddexp, for logcumsumexp).
enum class ScanOp : uint8_t { Sum, Prod, Max, Min, LogAddExp };
/// How a scatter combines an update with the value already there.
enum class ScatterReduce : uint8_t { None, Sum, Prod, Max, Min };

const char* arg_reduce_op_name(ArgReduceOp op);
const char* scan_op_name(ScanOp op);
const char* scatter_reduce_name(ScatterReduce r);

#define MXG_COUNT_ROW(...) +1
MXG_ENUM_INFO(UnaryOp, 0 MXG_UNARY_OPS(MXG_COUNT_ROW), "unary op", unary_op_name)
MXG_ENUM_INFO(BinaryOp, 0 MXG_BINARY_OPS(MXG_COUNT_ROW), "binary op", binary_op_name)
#undef MXG_COUNT_ROW
MXG_ENUM_INFO(ReduceOp, 6, "reduce op", reduce_op_name)
MXG_ENUM_INFO(ArgReduceOp, 2, "argreduce op", arg_reduce_op_name)
MXG_ENUM_INFO(ScanOp, 5, "scan op", scan_op_name)
MXG_ENUM_INFO(ScatterReduce, 5, "scatter reduce", scatter_reduce_name)
MXG_ENUM_INFO(Dtype, kNumDtypes, "dtype", dtype_name)

namespace params_detail {

void print_list(std::ostream& os, const std::vector<int64_t>& v, bool tuple);

template <typename T>
void print_field(std::ostream& os, const T& v, bool tuple) {
  if constexpr (std::is_enum_v<T>) {
    os << EnumInfo<T>::name(v);
  } else if constexpr (std::is_same_v<T, bool> || std::is_integral_v<T>) {
    os << static_cast<int64_t>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    os << v;
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    if (v) os << *v; else os << "None";
  } else {
    print_list(os, std::vector<int64_t>(v.begin(), v.end()), tuple);
  }
}

inline uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull; }

template <typename T>
uint64_t hash_field(uint64_t h, const T& v) {
  if constexpr (std::is_enum_v<T>) {
    return mix(h, static_cast<uint64_t>(v));
  } else if constexpr (std::is_integral_v<T>) {
    return mix(h, static_cast<uint64_t>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = v; // +0.0 and -0.0 compare equal, so they must hash equal
    uint64_t b = 0;
    if (d != 0.0) std::memcpy(&b, &d, sizeof b);
    return mix(h, b);
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    return v ? hash_field(mix(h, 1), *v) : mix(h, 0);
  } else {
    h = mix(h, v.size());
    for (const auto& x : v) h = mix(h, static_cast<uint64_t>(x));
    return h;
  }
}

} // namespace params_detail

/// True when every field of a equals b's.
template <typename P>
bool params_equal(const P& a, const P& b) {
  bool eq = true;
  P::fields([&](const FieldInfo&, const auto& x, const auto& y) { eq = eq && x == y; }, a, b);
  return eq;
}

/// A hash of every field, consistent with params_equal.
template <typename P>
uint64_t params_hash(const P& p) {
  uint64_t h = 0xcbf29ce484222325ull;
  P::fields([&](const FieldInfo&, const auto& x) { h = params_detail::hash_field(h, x); }, p);
  return h;
}

/// Prints "Name(values..., name=value, ...)", or "Name" when no field shows.
template <typename P>
void print_params(std::ostream& os, const char* name, const P& p) {
  bool show_optional = false;
  const P dflt{};
  P::fields([&](const FieldInfo& i, const auto& x, const auto& d) {
    show_optional = show_optional || (i.show == Show::Optional && !(x == d));
  }, p, dflt);
  os << name;
  int n = 0;
  auto sep = [&] { os << (n++ ? ", " : "("); };
  for (int pass = 0; pass < 2; ++pass) {
    P::fields([&](const FieldInfo& i, const auto& x) {
      using T = std::decay_t<decltype(x)>;
      if ((i.show == Show::Value) != (pass == 0)) return;
      if (i.show == Show::Hidden || (i.show == Show::Optional && !show_optional)) return;
      if constexpr (std::is_same_v<T, bool>) {
        if (i.show == Show::Flag || i.show == Show::NotFlag) {
          if (x == (i.show == Show::Flag)) sep(), os << i.label;
          return;
        }
      }
      sep();
      if (i.show != Show::Value) os << i.name << "=";
      params_detail::print_field(os, x, i.show == Show::Tuple);
    }, p);
  }
  if (n) os << ")";
}

/// Marks a primitive whose parameters are declared (tests and tables detect it).
struct DeclaredParams {};

/// True when the registry's class for `k` derives from ParamPrimitive.
bool declares_params(PrimitiveKind k);
/// The CSE hash of any primitive: its kind mixed with its declared parameters' hash
/// (just the kind for a kind without declared parameters). Equivalent primitives hash equal.
uint64_t primitive_hash(const Primitive& p);
/// The declared parameters as a JSON object ({"op": "sum", "axes": [0]}); {} when none.
void params_json(std::ostream& os, const Primitive& p);

/// Base of a primitive with declared parameters `P`: derives print, equality and the
/// hash from P::fields. `Base` is Primitive or an intermediate class (SortBase).
template <typename Derived, typename P, typename Base = Primitive>
class ParamPrimitive : public Base, public DeclaredParams {
 public:
  using Params = P;
  ParamPrimitive(Stream s, P params) : Base(s), params_(std::move(params)) {}

  const P& params() const { return params_; }
  void print(std::ostream& os) const override { print_params(os, this->name(), params_); }
  bool is_equivalent(const Primitive& o) const override {
    return o.kind() == this->kind() && params_equal(static_cast<const Derived&>(o).params_, params_);
  }
  /// The CSE hash: equal for equivalent primitives.
  uint64_t hash() const { return params_detail::mix(params_hash(params_), static_cast<uint64_t>(this->kind())); }

 private:
  P params_;
};

// ---- the declared parameters of each primitive (field order is the .mxfn order) ----

/// Arange: out[i] = start + i * step; `last`, when set, replaces the final element.
struct ArangeParams {
  double start = 0.0, step = 1.0;
  std::optional<double> last;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(start);
    MXG_FIELD(step);
    MXG_FIELD(last, Show::Hidden);
  }
};

struct RandomBitsParams {
  Shape shape;
  int width = 4; // bytes per element: 4 (uint32) or 8 (uint64)
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(shape, Show::Tuple);
    MXG_FIELD(width);
  }
};

struct UnaryParams {
  UnaryOp op{};
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(op, Show::Value); }
};

struct BinaryParams {
  BinaryOp op{};
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(op, Show::Value); }
};

/// AsType and View: the output dtype.
struct DtypeParams {
  Dtype dtype{};
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(dtype, Show::Value); }
};

struct ReduceParams {
  ReduceOp op{};
  std::vector<int> axes; // sorted, unique
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(op, Show::Value);
    MXG_FIELD(axes);
  }
};

struct ArgReduceParams {
  ArgReduceOp op{};
  int axis = 0;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(op, Show::Value);
    MXG_FIELD(axis);
  }
};

struct ScanParams {
  ScanOp op{};
  int axis = 0;
  bool reverse = false;
  bool inclusive = true;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(op, Show::Value);
    MXG_FIELD(axis);
    MXG_FIELD(reverse, Show::Flag, "reverse");
    MXG_FIELD(inclusive, Show::NotFlag, "exclusive");
  }
};

/// Reshape and Broadcast: the output shape.
struct ShapeParams {
  Shape shape;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(shape, Show::Value); }
};

/// Transpose: the permutation.
struct PermutationParams {
  std::vector<int> axes;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(axes, Show::Value); }
};

/// Slice and SliceUpdate: a window, start/stop/step per axis (steps may be negative).
struct WindowParams {
  Shape start, stop, strides;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(start, Show::Value);
    MXG_FIELD(stop, Show::Value);
    MXG_FIELD(strides, Show::Value);
  }
};

struct AsStridedParams {
  Shape shape;
  Strides strides;
  int64_t offset = 0; // elements
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(shape, Show::Value);
    MXG_FIELD(strides, Show::Value);
    MXG_FIELD(offset);
  }
};

/// Concatenate and GatherAxis: one axis.
struct AxisParams {
  int axis = 0;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) { MXG_FIELD(axis); }
};

struct GatherParams {
  std::vector<int> axes;
  Shape slice_sizes;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axes);
    MXG_FIELD(slice_sizes);
  }
};

struct ScatterParams {
  std::vector<int> axes;
  ScatterReduce reduce{};
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axes);
    MXG_FIELD(reduce, Show::Value);
  }
};

struct ScatterAxisParams {
  int axis = 0;
  ScatterReduce reduce{};
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axis);
    MXG_FIELD(reduce, Show::Value);
  }
};

/// Matmul: out = alpha * (a @ b) [+ beta * c].
struct MatmulParams {
  float alpha = 1.0f, beta = 0.0f;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(alpha, Show::Optional);
    MXG_FIELD(beta, Show::Optional);
  }
};

/// Sort and ArgSort: an axis (kth and start stay 0; they keep the file layout of
/// the partitions). `start` keeps only positions [start, n) along the axis.
struct SortParams {
  int axis = 0;
  int kth = 0;
  int64_t start = 0;
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axis);
    MXG_FIELD(kth, Show::Hidden);
    MXG_FIELD(start, Show::Optional);
  }
};

/// Partition and ArgPartition: SortParams whose kth shows.
struct PartitionParams : SortParams {
  template <typename F, typename... S>
  static void fields(F&& f, S&... s) {
    MXG_FIELD(axis);
    MXG_FIELD(kth);
    MXG_FIELD(start, Show::Optional);
  }
};

} // namespace mxg
