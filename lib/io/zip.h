// A small zip reader (central directory, local headers, zip64) and writer.
#pragma once

#include <string>
#include <vector>

#include "io/io_common.h"

namespace mxg::io {

struct ZipEntry {
  std::string name;
  int method = 0;            // 0 stored, 8 deflate
  uint32_t crc = 0;
  uint64_t csize = 0;        // bytes in the archive
  uint64_t usize = 0;        // bytes once inflated
  uint64_t data_offset = 0;  // first byte of the member's data
};

/// Lists the members of a zip archive, checking every size and offset against the
/// source. Throws "[load] ..." on anything malformed or unsupported.
std::vector<ZipEntry> read_zip_directory(const ByteSource& src);

/// Writes a zip archive member by member, then the central directory.
class ZipWriter {
 public:
  explicit ZipWriter(ByteSink& sink) : out_(sink) {}
  /// Writes one member whose bytes are `pieces` (already deflated when method 8).
  void add(const std::string& name, int method, uint32_t crc, uint64_t usize,
           const std::vector<std::pair<const char*, uint64_t>>& pieces);
  void finish();

 private:
  CountingSink out_;
  std::vector<ZipEntry> entries_; // data_offset holds the local header offset here
};

} // namespace mxg::io
