// Primitives: the small set of operations the graph is made of, and the one
// registry from which their kinds and names are derived.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/device.h"

namespace mxg {

/// The registry of primitive kinds: X(ClassName, family). Adding a primitive adds a
/// line here, its class in lib/primitives/<family>.h, its kernel and its tests.
#define MXG_PRIMITIVES(X)     \
  X(Arange, creation)         \
  X(Load, io)                 \
  X(RandomBits, random)       \
  X(Unary, elementwise)       \
  X(Binary, elementwise)      \
  X(Select, elementwise)      \
  X(AsType, elementwise)      \
  X(DivMod, elementwise)      \
  X(Reduce, reduction)        \
  X(ArgReduce, reduction)     \
  X(Scan, reduction)          \
  X(Reshape, shape)           \
  X(Transpose, shape)         \
  X(Broadcast, shape)         \
  X(Slice, shape)             \
  X(AsStrided, shape)         \
  X(Copy, shape)              \
  X(Concatenate, shape)       \
  X(SliceUpdate, shape)       \
  X(View, shape)              \
  X(Gather, indexing)         \
  X(Scatter, indexing)        \
  X(GatherAxis, indexing)     \
  X(ScatterAxis, indexing)    \
  X(Matmul, linalg)           \
  X(Sort, sort)               \
  X(ArgSort, sort)            \
  X(Partition, sort)          \
  X(ArgPartition, sort)       \
  X(Custom, custom)           \
  X(Compiled, compile)        \
  X(AllReduce, distributed)   \
  X(AllGather, distributed)   \
  X(ReduceScatter, distributed) \
  X(Send, distributed)        \
  X(Recv, distributed)

enum class PrimitiveKind : uint16_t {
#define MXG_PRIM_ENUM(name, family) name,
  MXG_PRIMITIVES(MXG_PRIM_ENUM)
#undef MXG_PRIM_ENUM
};

inline constexpr int kNumPrimitiveKinds = 0
#define MXG_PRIM_COUNT(name, family) +1
    MXG_PRIMITIVES(MXG_PRIM_COUNT)
#undef MXG_PRIM_COUNT
    ;
static_assert(kNumPrimitiveKinds == 36, "update kNumPrimitiveKinds users when adding a primitive");

/// "Unary", "Matmul", ...
const char* primitive_kind_name(PrimitiveKind k);
/// "elementwise", "reduction", ...
const char* primitive_family(PrimitiveKind k);

/// Elementwise unary operations carried by the Unary primitive: X(Enum, name).
#define MXG_UNARY_OPS(X)                                                               \
  X(Abs, abs) X(Negative, negative) X(Sign, sign) X(Exp, exp) X(Expm1, expm1)         \
  X(Log, log) X(Log1p, log1p) X(Log2, log2) X(Log10, log10) X(Sqrt, sqrt)             \
  X(Rsqrt, rsqrt) X(Square, square) X(Reciprocal, reciprocal) X(Sin, sin) X(Cos, cos) \
  X(Tan, tan) X(ArcSin, arcsin) X(ArcCos, arccos) X(ArcTan, arctan) X(Sinh, sinh)     \
  X(Cosh, cosh) X(Tanh, tanh) X(ArcSinh, arcsinh) X(ArcCosh, arccosh)                 \
  X(ArcTanh, arctanh) X(Sigmoid, sigmoid) X(Erf, erf) X(ErfInv, erfinv)               \
  X(Floor, floor) X(Ceil, ceil) X(Round, round) X(IsNan, isnan) X(IsInf, isinf)       \
  X(IsPosInf, isposinf) X(IsNegInf, isneginf) X(LogicalNot, logical_not)              \
  X(BitwiseInvert, bitwise_invert) X(Conjugate, conjugate) X(Real, real)              \
  X(Imag, imag) X(StopGradient, stop_gradient)

/// Elementwise binary operations carried by the Binary primitive: X(Enum, name).
#define MXG_BINARY_OPS(X)                                                             \
  X(Add, add) X(Subtract, subtract) X(Multiply, multiply) X(Divide, divide)          \
  X(FloorDivide, floor_divide) X(Remainder, remainder) X(Power, power)               \
  X(Maximum, maximum) X(Minimum, minimum) X(ArcTan2, arctan2)                        \
  X(LogAddExp, logaddexp) X(Equal, equal) X(NotEqual, not_equal) X(Less, less)       \
  X(LessEqual, less_equal) X(Greater, greater) X(GreaterEqual, greater_equal)        \
  X(LogicalAnd, logical_and) X(LogicalOr, logical_or) X(BitwiseAnd, bitwise_and)     \
  X(BitwiseOr, bitwise_or) X(BitwiseXor, bitwise_xor) X(LeftShift, left_shift)       \
  X(RightShift, right_shift)

enum class UnaryOp : uint8_t {
#define MXG_OP_ENUM(e, n) e,
  MXG_UNARY_OPS(MXG_OP_ENUM)
};
enum class BinaryOp : uint8_t { MXG_BINARY_OPS(MXG_OP_ENUM) };
#undef MXG_OP_ENUM

const char* unary_op_name(UnaryOp op);
const char* binary_op_name(BinaryOp op);

/// Reduction and scan operators.
enum class ReduceOp : uint8_t { Sum, Prod, Max, Min, And, Or };
const char* reduce_op_name(ReduceOp op);

/// Base of every primitive. A primitive is immutable once built; the arrays it
/// produces are described by the node that holds it.
class Primitive {
 public:
  explicit Primitive(Stream stream) : stream_(stream) {}
  virtual ~Primitive() = default;
  Primitive(const Primitive&) = delete;
  Primitive& operator=(const Primitive&) = delete;

  virtual PrimitiveKind kind() const = 0;
  /// Computes `outputs` (already shaped, without data) from evaluated `inputs`.
  virtual void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) = 0;
  /// Name plus key parameters, e.g. "Unary(exp)" or "Reduce(sum, axes=[0])".
  virtual void print(std::ostream& os) const { os << primitive_kind_name(kind()); }
  /// True when this and `other` compute the same function (for CSE).
  virtual bool is_equivalent(const Primitive& other) const { return false; }

  const char* name() const { return primitive_kind_name(kind()); }
  const Stream& stream() const { return stream_; }
  Device device() const { return stream_.device; }

 private:
  Stream stream_;
};

std::string describe(const Primitive& p);

} // namespace mxg
