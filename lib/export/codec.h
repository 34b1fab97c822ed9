// Little-endian byte writing and bounds-checked reading for the .mxfn format.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "mxgraph/array.h"

namespace mxg::mxfn {

inline constexpr char kMagic[8] = {'M', 'X', 'F', 'N', '\r', '\n', '\x1a', '\n'};
inline constexpr uint32_t kVersion = 1;
/// A file of several traces: a header, a trace table, then version-1 traces.
inline constexpr uint32_t kContainerVersion = 2;
inline constexpr uint32_t kFlagShapeless = 1;
inline constexpr size_t kHeaderSize = 32;
inline constexpr uint64_t kDataAlign = 64;
inline constexpr uint32_t kNoString = 0xFFFFFFFFu;
inline constexpr int kMaxNdim = 64;

/// Four ASCII characters as the u32 a little-endian file stores.
constexpr uint32_t tag(const char (&s)[5]) {
  return uint32_t(uint8_t(s[0])) | uint32_t(uint8_t(s[1])) << 8 | uint32_t(uint8_t(s[2])) << 16 |
         uint32_t(uint8_t(s[3])) << 24;
}

[[noreturn]] inline void fail(const std::string& msg) {
  throw std::invalid_argument("[import_function] " + msg);
}

class Writer {
 public:
  std::string out;
  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u16(uint16_t v) { le(v, 2); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void i32(int32_t v) { le(static_cast<uint32_t>(v), 4); }
  void i64(int64_t v) { le(static_cast<uint64_t>(v), 8); }
  void f32(float v) { uint32_t b; std::memcpy(&b, &v, 4); u32(b); }
  void f64(double v) { uint64_t b; std::memcpy(&b, &v, 8); u64(b); }
  void ints(const std::vector<int>& v) { u32(static_cast<uint32_t>(v.size())); for (int x : v) i32(x); }
  void shape(const Shape& v) { u32(static_cast<uint32_t>(v.size())); for (auto x : v) i64(x); }
  void bytes(const std::string& s) { out += s; }

 private:
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
};

/// Reads from [p, end); every read checks the bytes left first.
class Reader {
 public:
  Reader(const char* p, size_t n, std::string what) : p_(p), end_(p + n), what_(std::move(what)) {}
  size_t left() const { return static_cast<size_t>(end_ - p_); }
  void need(uint64_t n) const {
    if (n > left()) fail("The file is truncated or corrupt: " + what_ + " needs " + std::to_string(n) +
                         " more bytes, " + std::to_string(left()) + " are left.");
  }
  /// A count whose entries take at least `min_each` bytes: checked before any allocation.
  uint32_t count(size_t min_each, const char* of) {
    uint32_t n = u32();
    if (static_cast<uint64_t>(n) * min_each > left()) {
      fail("The file is corrupt: " + what_ + " claims " + std::to_string(n) + " " + of +
           ", more than its remaining " + std::to_string(left()) + " bytes can hold.");
    }
    return n;
  }
  uint8_t u8() { return static_cast<uint8_t>(le(1)); }
  uint16_t u16() { return static_cast<uint16_t>(le(2)); }
  uint32_t u32() { return static_cast<uint32_t>(le(4)); }
  uint64_t u64() { return le(8); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  float f32() { uint32_t b = u32(); float v; std::memcpy(&v, &b, 4); return v; }
  double f64() { uint64_t b = u64(); double v; std::memcpy(&v, &b, 8); return v; }
  bool flag() {
    uint8_t v = u8();
    if (v > 1) fail("The file is corrupt: a flag in " + what_ + " is " + std::to_string(v) + ".");
    return v != 0;
  }
  std::vector<int> ints() {
    uint32_t n = count(4, "integers");
    std::vector<int> v(n);
    for (auto& x : v) x = i32();
    return v;
  }
  Shape shape() {
    uint32_t n = count(8, "dimensions");
    if (n > kMaxNdim) fail("The file is corrupt: " + what_ + " has " + std::to_string(n) + " dimensions.");
    Shape v(n);
    for (auto& x : v) x = i64();
    return v;
  }
  std::string bytes(uint64_t n) {
    need(n);
    std::string s(p_, static_cast<size_t>(n));
    p_ += n;
    return s;
  }
  void done() const {
    if (left()) fail("The file is corrupt: " + std::to_string(left()) + " unread bytes in " + what_ + ".");
  }

 private:
  uint64_t le(int n) {
    need(n);
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t(uint8_t(p_[i])) << (8 * i);
    p_ += n;
    return v;
  }
  const char* p_;
  const char* end_;
  std::string what_;
};

} // namespace mxg::mxfn
