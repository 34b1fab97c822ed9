// Registry-wide access to declared parameters: which kinds declare them, the CSE
// hash and the JSON attributes of any primitive, dispatched on its kind.
#include <cmath>

#include "primitives/compiled.h"
#include "primitives/creation.h"
#include "primitives/custom.h"
#include "primitives/distributed.h"
#include "primitives/elementwise.h"
#include "primitives/fft.h"
#include "primitives/indexing.h"
#include "primitives/io.h"
#include "primitives/linalg.h"
#include "primitives/random.h"
#include "primitives/reduction.h"
#include "primitives/shape.h"
#include "primitives/sort.h"

namespace mxg {
namespace {

template <typename T>
void json_value(std::ostream& os, const T& v) {
  if constexpr (std::is_enum_v<T>) {
    os << '"' << EnumInfo<T>::name(v) << '"';
  } else if constexpr (std::is_same_v<T, bool>) {
    os << (v ? "true" : "false");
  } else if constexpr (std::is_integral_v<T>) {
    os << static_cast<int64_t>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (std::isfinite(v)) os << v; else os << '"' << v << '"'; // JSON has no inf or nan
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    if (v) json_value(os, *v); else os << "null";
  } else {
    os << "[";
    for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    os << "]";
  }
}

template <typename K>
uint64_t hash_of(const Primitive& p) {
  if constexpr (std::is_base_of_v<DeclaredParams, K>) {
    return static_cast<const K&>(p).hash();
  } else {
    return static_cast<uint64_t>(p.kind());
  }
}

template <typename K>
void json_of(std::ostream& os, const Primitive& p) {
  os << "{";
  if constexpr (std::is_base_of_v<DeclaredParams, K>) {
    int n = 0;
    K::Params::fields([&](const FieldInfo& i, const auto& x) {
      os << (n++ ? ", \"" : "\"") << i.name << "\": ";
      json_value(os, x);
    }, static_cast<const K&>(p).params());
  }
  os << "}";
}

constexpr bool kDeclared[] = {
#define MXG_DECLARED_ENTRY(name, family) std::is_base_of_v<DeclaredParams, name>,
    MXG_PRIMITIVES(MXG_DECLARED_ENTRY)
#undef MXG_DECLARED_ENTRY
};
uint64_t (*const kHash[])(const Primitive&) = {
#define MXG_HASH_ENTRY(name, family) &hash_of<name>,
    MXG_PRIMITIVES(MXG_HASH_ENTRY)
#undef MXG_HASH_ENTRY
};
void (*const kJson[])(std::ostream&, const Primitive&) = {
#define MXG_JSON_ENTRY(name, family) &json_of<name>,
    MXG_PRIMITIVES(MXG_JSON_ENTRY)
#undef MXG_JSON_ENTRY
};
static_assert(sizeof(kDeclared) / sizeof(kDeclared[0]) == kNumPrimitiveKinds);

} // namespace

bool declares_params(PrimitiveKind k) { return kDeclared[static_cast<int>(k)]; }
uint64_t primitive_hash(const Primitive& p) { return kHash[static_cast<int>(p.kind())](p); }
void params_json(std::ostream& os, const Primitive& p) { kJson[static_cast<int>(p.kind())](os, p); }

} // namespace mxg
