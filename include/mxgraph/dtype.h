// Element types, their sizes and names, and MLX's type-promotion table.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mxgraph/half.h"

namespace mxg {

/// The element types, in promotion-table order. MXG_DTYPES(X) lists
/// (Enum, C++ type, name, kind char, size).
#define MXG_DTYPES(X)                      \
  X(bool_, bool, "bool", 'b', 1)           \
  X(uint8, uint8_t, "uint8", 'u', 1)       \
  X(uint16, uint16_t, "uint16", 'u', 2)    \
  X(uint32, uint32_t, "uint32", 'u', 4)    \
  X(uint64, uint64_t, "uint64", 'u', 8)    \
  X(int8, int8_t, "int8", 'i', 1)          \
  X(int16, int16_t, "int16", 'i', 2)       \
  X(int32, int32_t, "int32", 'i', 4)       \
  X(int64, int64_t, "int64", 'i', 8)       \
  X(float16, float16_t, "float16", 'f', 2) \
  X(bfloat16, bfloat16_t, "bfloat16", 'V', 2) \
  X(float32, float, "float32", 'f', 4)     \
  X(float64, double, "float64", 'f', 8)    \
  X(complex64, complex64_t, "complex64", 'c', 8)

enum class Dtype : uint8_t {
#define MXG_DTYPE_ENUM(e, t, n, k, s) e,
  MXG_DTYPES(MXG_DTYPE_ENUM)
#undef MXG_DTYPE_ENUM
};

inline constexpr int kNumDtypes = 14;

inline constexpr Dtype bool_ = Dtype::bool_;
inline constexpr Dtype uint8 = Dtype::uint8;
inline constexpr Dtype uint16 = Dtype::uint16;
inline constexpr Dtype uint32 = Dtype::uint32;
inline constexpr Dtype uint64 = Dtype::uint64;
inline constexpr Dtype int8 = Dtype::int8;
inline constexpr Dtype int16 = Dtype::int16;
inline constexpr Dtype int32 = Dtype::int32;
inline constexpr Dtype int64 = Dtype::int64;
inline constexpr Dtype float16 = Dtype::float16;
inline constexpr Dtype bfloat16 = Dtype::bfloat16;
inline constexpr Dtype float32 = Dtype::float32;
inline constexpr Dtype float64 = Dtype::float64;
inline constexpr Dtype complex64 = Dtype::complex64;

/// Abstract categories, as mx.floating, mx.integer, ... in Python.
enum class DtypeCategory : uint8_t {
  complexfloating,
  floating,
  inexact,
  signedinteger,
  unsignedinteger,
  integer,
  number,
  generic,
};

/// Bytes per element.
int size_of(Dtype t);
/// "float32", "int8", ...
const char* dtype_name(Dtype t);
/// Parses a name given by dtype_name; throws std::invalid_argument.
Dtype dtype_from_name(std::string_view name);
/// The result type of a binary operation on t1 and t2 (MLX's table, plus float64).
Dtype promote_types(Dtype t1, Dtype t2);
/// True if t belongs to the category (mx.issubdtype).
bool issubdtype(Dtype t, DtypeCategory c);
bool issubdtype(Dtype t1, Dtype t2);
const char* category_name(DtypeCategory c);

inline bool is_floating(Dtype t) {
  return t == float16 || t == bfloat16 || t == float32 || t == float64;
}
inline bool is_complex(Dtype t) { return t == complex64; }
inline bool is_inexact(Dtype t) { return is_floating(t) || is_complex(t); }
inline bool is_unsigned(Dtype t) {
  return t == uint8 || t == uint16 || t == uint32 || t == uint64;
}
inline bool is_signed_int(Dtype t) {
  return t == int8 || t == int16 || t == int32 || t == int64;
}
inline bool is_integral(Dtype t) { return is_unsigned(t) || is_signed_int(t); }

/// NumPy array-interface type string ("<f4", "|b1", ...); bfloat16 is "<V2".
std::string dtype_to_typestr(Dtype t);

/// Maps a C++ type to its Dtype.
template <typename T>
struct dtype_of;
#define MXG_DTYPE_OF(e, t, n, k, s) \
  template <>                       \
  struct dtype_of<t> {              \
    static constexpr Dtype value = Dtype::e; \
  };
MXG_DTYPES(MXG_DTYPE_OF)
#undef MXG_DTYPE_OF

/// Calls f(T{}) with the C++ type T of dtype t.
template <typename F>
decltype(auto) dispatch_dtype(Dtype t, F&& f) {
  switch (t) {
#define MXG_DTYPE_CASE(e, ty, n, k, s) \
  case Dtype::e:                       \
    return f(ty{});
    MXG_DTYPES(MXG_DTYPE_CASE)
#undef MXG_DTYPE_CASE
  }
  return f(float{});
}

} // namespace mxg
