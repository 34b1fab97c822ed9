// Shared helpers of the file formats: errors, little-endian fields, file sinks.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "mxgraph/io.h"

namespace mxg::io {

/// "[load] msg" as std::invalid_argument.
[[noreturn]] void fail(const std::string& msg);
/// "[load] msg" as truncated_file: the data ends before what the file claims.
[[noreturn]] void fail_truncated(const std::string& msg);
/// "[op] msg" as std::invalid_argument.
[[noreturn]] void fail_op(const char* op, const std::string& msg);

inline uint16_t get_u16(const unsigned char* p) { return uint16_t(p[0] | (p[1] << 8)); }
inline uint32_t get_u32(const unsigned char* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline uint64_t get_u64(const unsigned char* p) {
  return uint64_t(get_u32(p)) | (uint64_t(get_u32(p + 4)) << 32);
}
inline void put_u16(std::string& s, uint16_t v) {
  s.push_back(char(v & 0xff));
  s.push_back(char(v >> 8));
}
inline void put_u32(std::string& s, uint32_t v) {
  put_u16(s, uint16_t(v & 0xffff));
  put_u16(s, uint16_t(v >> 16));
}
inline void put_u64(std::string& s, uint64_t v) {
  put_u32(s, uint32_t(v & 0xffffffffu));
  put_u32(s, uint32_t(v >> 32));
}

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(const std::string& s);

/// Reads [offset, offset + n) of src into a string, checking the range first.
std::string read_range(const ByteSource& src, uint64_t offset, uint64_t n, const char* what);

/// A sink that counts what it has written (zip offsets need the position).
class CountingSink : public ByteSink {
 public:
  explicit CountingSink(ByteSink& inner) : inner_(inner) {}
  void write(const void* data, size_t n) override {
    inner_.write(data, n);
    pos_ += n;
  }
  void write(const std::string& s) { write(s.data(), s.size()); }
  uint64_t pos() const { return pos_; }

 private:
  ByteSink& inner_;
  uint64_t pos_ = 0;
};

/// Writes a file; `close()` reports a failed flush. Throws file_not_found when the
/// folder is missing.
class FileSink : public ByteSink {
 public:
  FileSink(const std::string& path, const char* op);
  ~FileSink() override;
  void write(const void* data, size_t n) override;
  void close();

 private:
  std::string path_;
  const char* op_;
  void* file_ = nullptr;
};

/// `path` with `ext` (".npy") appended unless it already ends with it.
std::string with_extension(const std::string& path, const std::string& ext);

/// The bytes of an evaluated array in C order (or Fortran order when that is how
/// they lie and `allow_fortran`). `holder` keeps a temporary copy alive.
struct ArrayBytes {
  const char* data;
  uint64_t nbytes;
  bool fortran;
  array holder;
};
ArrayBytes array_bytes(const array& a, bool allow_fortran);

/// Evaluates the arrays for saving (EvalCause::save).
void eval_for_save(const std::vector<array>& arrays);

} // namespace mxg::io
