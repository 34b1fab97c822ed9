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
  X(Recv, distributed)         \
  X(Linalg, linalg)           \
  X(FFT, fft)

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
static_assert(kNumPrimitiveKinds == 38, "update kNumPrimitiveKinds users when adding a primitive");

/// "Unary", "Matmul", ...
const char* primitive_kind_name(PrimitiveKind k);
/// "elementwise", "reduction", ...
const char* primitive_family(PrimitiveKind k);

/// Traits of the elementwise ops: the columns of the MXG_UNARY_OPS / MXG_BINARY_OPS
/// rows. The ops' dtype rules (lib/ops/elementwise.cpp), the kernels' accepted types,
/// the SIMD dispatch, fusion and the gradient rules are all derived from them.
namespace op_traits {
/// Which input dtypes (after promotion) the op accepts; others raise ValueError.
enum class Accepts : uint8_t { All, Real, NoBool, Integer }; // Real: no complex; Integer: ints and bool
/// The dtype the op computes in: Keep the input's, ToFloat (ints and bool become
/// float32), BoolToI32 / BoolToU8 (bool becomes int32 / uint8), ToBool (logical ops).
enum class Computes : uint8_t { Keep, ToFloat, BoolToI32, BoolToU8, ToBool };
/// The result dtype: the computed one, bool, or the real part's (complex -> float32).
enum class Result : uint8_t { Same, Bool, RealPart };
/// Diff: a derivative rule; Zero: piecewise constant (zero gradient, as MLX);
/// NoGrad: differentiating raises (MLX defines no rule).
enum class Grad : uint8_t { Diff, Zero, NoGrad };
enum class Fusion : uint8_t { Fuse, NoFuse };       // handled by the fused kernel of mx.compile
enum class Kernel : uint8_t { Simd, Scalar };       // Simd: a vectorised float32 loop exists
} // namespace op_traits

struct OpTraits {
  op_traits::Accepts accepts;
  op_traits::Computes computes;
  op_traits::Result result;
  op_traits::Grad grad;
  op_traits::Fusion fusion;
  op_traits::Kernel kernel;
};

// clang-format off
/// Elementwise unary operations carried by the Unary primitive. New rows go last:
/// the position is the op's code in .mxfn files.
///   X(Enum,        name,           accepts, computes, result,   grad,   fusion, kernel)
#define MXG_UNARY_OPS(X)                                                              \
  X(Abs,           abs,            All,     Keep,     RealPart, Diff,   Fuse,   Simd)   \
  X(Negative,      negative,       NoBool,  Keep,     Same,     Diff,   Fuse,   Simd)   \
  X(Sign,          sign,           NoBool,  Keep,     Same,     Zero,   Fuse,   Scalar) \
  X(Exp,           exp,            All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Expm1,         expm1,          Real,    ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Log,           log,            All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Log1p,         log1p,          All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Log2,          log2,           All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Log10,         log10,          All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Sqrt,          sqrt,           All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Rsqrt,         rsqrt,          All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Square,        square,         All,     Keep,     Same,     Diff,   Fuse,   Simd)   \
  X(Reciprocal,    reciprocal,     All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Sin,           sin,            All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Cos,           cos,            All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Tan,           tan,            All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(ArcSin,        arcsin,         All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(ArcCos,        arccos,         All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(ArcTan,        arctan,         All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Sinh,          sinh,           All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Cosh,          cosh,           All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Tanh,          tanh,           All,     ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(ArcSinh,       arcsinh,        All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(ArcCosh,       arccosh,        All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(ArcTanh,       arctanh,        All,     ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Sigmoid,       sigmoid,        Real,    ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(Erf,           erf,            Real,    ToFloat,  Same,     Diff,   Fuse,   Simd)   \
  X(ErfInv,        erfinv,         Real,    ToFloat,  Same,     Diff,   Fuse,   Scalar) \
  X(Floor,         floor,          Real,    Keep,     Same,     Zero,   Fuse,   Simd)   \
  X(Ceil,          ceil,           Real,    Keep,     Same,     Zero,   Fuse,   Simd)   \
  X(Round,         round,          All,     Keep,     Same,     Zero,   Fuse,   Scalar) \
  X(IsNan,         isnan,          All,     Keep,     Bool,     Zero,   Fuse,   Scalar) \
  X(IsInf,         isinf,          All,     Keep,     Bool,     Zero,   Fuse,   Scalar) \
  X(IsPosInf,      isposinf,       All,     Keep,     Bool,     Zero,   Fuse,   Scalar) \
  X(IsNegInf,      isneginf,       All,     Keep,     Bool,     Zero,   Fuse,   Scalar) \
  X(LogicalNot,    logical_not,    All,     Keep,     Bool,     Zero,   Fuse,   Scalar) \
  X(BitwiseInvert, bitwise_invert, Integer, Keep,     Same,     NoGrad, Fuse,   Scalar) \
  X(Conjugate,     conjugate,      All,     Keep,     Same,     Diff,   Fuse,   Scalar) \
  X(Real,          real,           All,     Keep,     RealPart, Diff,   Fuse,   Scalar) \
  X(Imag,          imag,           All,     Keep,     RealPart, Diff,   Fuse,   Scalar) \
  X(StopGradient,  stop_gradient,  All,     Keep,     Same,     Zero,   Fuse,   Scalar)

/// Elementwise binary operations carried by the Binary primitive (columns as above;
/// accepts applies to the promoted dtype of the two inputs). New rows go last.
///   X(Enum,        name,           accepts, computes,  result, grad,   fusion, kernel)
#define MXG_BINARY_OPS(X)                                                             \
  X(Add,           add,            All,     Keep,      Same,   Diff,   Fuse,   Simd)   \
  X(Subtract,      subtract,       NoBool,  Keep,      Same,   Diff,   Fuse,   Simd)   \
  X(Multiply,      multiply,       All,     Keep,      Same,   Diff,   Fuse,   Simd)   \
  X(Divide,        divide,         All,     ToFloat,   Same,   Diff,   Fuse,   Simd)   \
  X(FloorDivide,   floor_divide,   Real,    BoolToI32, Same,   Zero,   Fuse,   Scalar) \
  X(Remainder,     remainder,      Real,    BoolToI32, Same,   Diff,   Fuse,   Scalar) \
  X(Power,         power,          All,     BoolToI32, Same,   Diff,   Fuse,   Scalar) \
  X(Maximum,       maximum,        All,     Keep,      Same,   Diff,   Fuse,   Simd)   \
  X(Minimum,       minimum,        All,     Keep,      Same,   Diff,   Fuse,   Simd)   \
  X(ArcTan2,       arctan2,        Real,    ToFloat,   Same,   Diff,   Fuse,   Scalar) \
  X(LogAddExp,     logaddexp,      All,     ToFloat,   Same,   Diff,   Fuse,   Scalar) \
  X(Equal,         equal,          All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(NotEqual,      not_equal,      All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(Less,          less,           All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(LessEqual,     less_equal,     All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(Greater,       greater,        All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(GreaterEqual,  greater_equal,  All,     Keep,      Bool,   Zero,   Fuse,   Simd)   \
  X(LogicalAnd,    logical_and,    All,     ToBool,    Bool,   Zero,   Fuse,   Scalar) \
  X(LogicalOr,     logical_or,     All,     ToBool,    Bool,   Zero,   Fuse,   Scalar) \
  X(BitwiseAnd,    bitwise_and,    Integer, Keep,      Same,   Zero,   Fuse,   Scalar) \
  X(BitwiseOr,     bitwise_or,     Integer, Keep,      Same,   Zero,   Fuse,   Scalar) \
  X(BitwiseXor,    bitwise_xor,    Integer, Keep,      Same,   Zero,   Fuse,   Scalar) \
  X(LeftShift,     left_shift,     Integer, BoolToU8,  Same,   Zero,   Fuse,   Scalar) \
  X(RightShift,    right_shift,    Integer, BoolToU8,  Same,   Zero,   Fuse,   Scalar)
// clang-format on

enum class UnaryOp : uint8_t {
#define MXG_OP_ENUM(e, ...) e,
  MXG_UNARY_OPS(MXG_OP_ENUM)
};
enum class BinaryOp : uint8_t { MXG_BINARY_OPS(MXG_OP_ENUM) };
#undef MXG_OP_ENUM

#define MXG_OP_TRAITS(e, n, acc, comp, res, grad, fus, ker)                                    \
  OpTraits{op_traits::Accepts::acc, op_traits::Computes::comp, op_traits::Result::res,       \
           op_traits::Grad::grad, op_traits::Fusion::fus, op_traits::Kernel::ker},
inline constexpr OpTraits kUnaryTraits[] = {MXG_UNARY_OPS(MXG_OP_TRAITS)};
inline constexpr OpTraits kBinaryTraits[] = {MXG_BINARY_OPS(MXG_OP_TRAITS)};
#undef MXG_OP_TRAITS

/// The registry row's traits of an op.
constexpr const OpTraits& traits(UnaryOp op) { return kUnaryTraits[static_cast<int>(op)]; }
constexpr const OpTraits& traits(BinaryOp op) { return kBinaryTraits[static_cast<int>(op)]; }

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
