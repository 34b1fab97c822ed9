#include "mxgraph/dtype.h"

#include <stdexcept>

namespace mxg {

int size_of(Dtype t) {
  switch (t) {
#define MXG_SIZE_CASE(e, ty, n, k, s) \
  case Dtype::e:                      \
    return s;
    MXG_DTYPES(MXG_SIZE_CASE)
#undef MXG_SIZE_CASE
  }
  return 0;
}

const char* dtype_name(Dtype t) {
  switch (t) {
#define MXG_NAME_CASE(e, ty, n, k, s) \
  case Dtype::e:                      \
    return n;
    MXG_DTYPES(MXG_NAME_CASE)
#undef MXG_NAME_CASE
  }
  return "?";
}

static char kind_of(Dtype t) {
  switch (t) {
#define MXG_KIND_CASE(e, ty, n, k, s) \
  case Dtype::e:                      \
    return k;
    MXG_DTYPES(MXG_KIND_CASE)
#undef MXG_KIND_CASE
  }
  return '?';
}

Dtype dtype_from_name(std::string_view name) {
#define MXG_PARSE_CASE(e, ty, n, k, s) \
  if (name == n) return Dtype::e;
  MXG_DTYPES(MXG_PARSE_CASE)
#undef MXG_PARSE_CASE
  throw std::invalid_argument("[dtype] Unknown dtype '" + std::string(name) + "'.");
}

static Dtype signed_of_size(int bytes) {
  switch (bytes) {
    case 1: return int8;
    case 2: return int16;
    case 4: return int32;
    default: return int64;
  }
}

Dtype promote_types(Dtype a, Dtype b) {
  if (a == b) return a;
  if (a == complex64 || b == complex64) return complex64;
  if (a == float64 || b == float64) return float64;
  if (a == bool_) return b;
  if (b == bool_) return a;
  bool fa = is_floating(a), fb = is_floating(b);
  if (fa && fb) return float32; // distinct 16/32-bit floats
  if (fa) return a;
  if (fb) return b;
  // both integers
  if (is_unsigned(a) == is_unsigned(b)) return size_of(a) >= size_of(b) ? a : b;
  Dtype u = is_unsigned(a) ? a : b;
  Dtype s = is_unsigned(a) ? b : a;
  if (size_of(u) < size_of(s)) return s;
  if (u == uint64) return float32;
  return signed_of_size(2 * size_of(u));
}

bool issubdtype(Dtype t, DtypeCategory c) {
  switch (c) {
    case DtypeCategory::complexfloating: return is_complex(t);
    case DtypeCategory::floating: return is_floating(t);
    case DtypeCategory::inexact: return is_inexact(t);
    case DtypeCategory::signedinteger: return is_signed_int(t);
    case DtypeCategory::unsignedinteger: return is_unsigned(t);
    case DtypeCategory::integer: return is_integral(t);
    case DtypeCategory::number: return t != bool_;
    case DtypeCategory::generic: return true;
  }
  return false;
}

bool issubdtype(Dtype t1, Dtype t2) { return t1 == t2; }

const char* category_name(DtypeCategory c) {
  switch (c) {
    case DtypeCategory::complexfloating: return "complexfloating";
    case DtypeCategory::floating: return "floating";
    case DtypeCategory::inexact: return "inexact";
    case DtypeCategory::signedinteger: return "signedinteger";
    case DtypeCategory::unsignedinteger: return "unsignedinteger";
    case DtypeCategory::integer: return "integer";
    case DtypeCategory::number: return "number";
    case DtypeCategory::generic: return "generic";
  }
  return "?";
}

std::string dtype_to_typestr(Dtype t) {
  std::string r = size_of(t) > 1 ? "<" : "|";
  r += kind_of(t);
  r += std::to_string(size_of(t));
  return r;
}

} // namespace mxg
