// A small strict JSON parser for safetensors headers: bounded nesting depth,
// duplicate keys rejected, integers kept exact.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mxg::io {

struct Json {
  enum class Type { null, boolean, integer, number, string, array, object };
  Type type = Type::null;
  bool b = false;
  int64_t i = 0;  // integers that fit in int64
  double d = 0;   // other numbers
  std::string s;
  std::vector<Json> items;                          // array
  std::vector<std::pair<std::string, Json>> members; // object, in file order

  const Json* find(const std::string& key) const;
};

/// Parses one JSON value (surrounding whitespace allowed); throws "[load] ..." naming
/// the byte offset of the first error. Nesting deeper than `max_depth` is an error.
Json parse_json(const std::string& text, int max_depth = 32);

/// `s` as a JSON string literal (quotes and escapes added).
std::string json_quote(const std::string& s);

} // namespace mxg::io
