// Raw deflate (zip method 8) through zlib, streamed in bounded chunks.
#pragma once

#include <cstdint>
#include <string>

#include "mxgraph/io.h"

namespace mxg::io {

/// CRC-32 (zip's) of n bytes, continuing from `crc`.
uint32_t crc32_update(uint32_t crc, const void* data, uint64_t n);

/// Inflates the stream at [offset, offset + csize) until `want` bytes come out or
/// the stream ends; returns what came out (never more than `want`).
std::string inflate_prefix(const ByteSource& src, uint64_t offset, uint64_t csize, uint64_t want);

/// Inflates the whole stream: the first `skip` bytes are dropped, the next `n` go to
/// `dst`. The stream must produce exactly skip + n bytes. Returns the CRC-32 of all.
uint32_t inflate_into(const ByteSource& src, uint64_t offset, uint64_t csize, uint64_t skip,
                      char* dst, uint64_t n);

/// Compresses pieces of one member into memory.
class Deflater {
 public:
  Deflater();
  ~Deflater();
  void add(const void* data, uint64_t n);
  /// Finishes the stream and returns the compressed bytes.
  std::string finish();

 private:
  void run(const void* data, uint64_t n, int flush);
  void* z_;
  std::string out_;
};

} // namespace mxg::io
