// The .mxfn codec of declared parameters: one encoding per field type, applied in
// the order a Params struct declares its fields (docs/mxfn-format.md lists them).
#pragma once

#include <optional>
#include <string>
#include <type_traits>

#include "export/codec.h"
#include "primitives/params.h"

namespace mxg::mxfn {

/// enums, bools: u8; int: i32; int64_t: i64; float: f32; double: f64;
/// optional<double>: u8 flag + f64 (0 when unset); vector<int>: ints; Shape: shape.
template <typename T>
void write_field(Writer& w, const T& v) {
  if constexpr (std::is_enum_v<T> || std::is_same_v<T, bool>) {
    w.u8(static_cast<uint8_t>(v));
  } else if constexpr (std::is_same_v<T, int>) {
    w.i32(v);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    w.i64(v);
  } else if constexpr (std::is_same_v<T, float>) {
    w.f32(v);
  } else if constexpr (std::is_same_v<T, double>) {
    w.f64(v);
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    w.u8(v.has_value());
    w.f64(v.value_or(0.0));
  } else if constexpr (std::is_same_v<T, std::vector<int>>) {
    w.ints(v);
  } else {
    static_assert(std::is_same_v<T, Shape>, "no .mxfn encoding for this field type");
    w.shape(v);
  }
}

/// Reads one field; `bad(msg)` reports a value no writer makes (an unknown enum code).
template <typename T, typename Bad>
void read_field(Reader& r, T& v, Bad&& bad) {
  if constexpr (std::is_enum_v<T>) {
    uint8_t code = r.u8();
    if (code >= EnumInfo<T>::count) {
      bad(std::string("unknown ") + EnumInfo<T>::what + " code " + std::to_string(code) + ".");
    }
    v = static_cast<T>(code);
  } else if constexpr (std::is_same_v<T, bool>) {
    v = r.flag();
  } else if constexpr (std::is_same_v<T, int>) {
    v = r.i32();
  } else if constexpr (std::is_same_v<T, int64_t>) {
    v = r.i64();
  } else if constexpr (std::is_same_v<T, float>) {
    v = r.f32();
  } else if constexpr (std::is_same_v<T, double>) {
    v = r.f64();
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    bool has = r.flag();
    double x = r.f64();
    v = has ? std::optional<double>(x) : std::nullopt;
  } else if constexpr (std::is_same_v<T, std::vector<int>>) {
    v = r.ints();
  } else {
    static_assert(std::is_same_v<T, Shape>, "no .mxfn encoding for this field type");
    v = r.shape();
  }
}

template <typename P>
void write_fields(Writer& w, const P& p) {
  P::fields([&](const FieldInfo&, const auto& x) { write_field(w, x); }, p);
}

template <typename P, typename Bad>
P read_fields(Reader& r, Bad&& bad) {
  P p{};
  P::fields([&](const FieldInfo&, auto& x) { read_field(r, x, bad); }, p);
  return p;
}

} // namespace mxg::mxfn
