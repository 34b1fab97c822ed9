// The Load primitive: a tensor's bytes in a file (or memory), read at evaluation.
#pragma once

#include <memory>

#include "mxgraph/io.h"
#include "mxgraph/primitive.h"

namespace mxg {

/// Where a tensor's bytes are and how to turn them into the array's data.
struct LoadSpec {
  std::shared_ptr<ByteSource> source;
  uint64_t offset = 0;  // first byte of the data (stored) or of the deflate stream
  uint64_t nbytes = 0;  // bytes of the array
  int swap_unit = 0;    // >1: file data is big-endian, swap groups of this many bytes
  bool is_bool = false; // normalise bytes to 0/1 (a bool must hold nothing else)
  // Deflate-compressed npz members: the stream inflates to `skip` header bytes,
  // then the array's nbytes.
  bool deflate = false;
  uint64_t compressed_size = 0;
  uint64_t skip = 0;
  // Zip CRC-32 of the whole member, when checked: `crc_prefix` covers the bytes
  // before the data (the .npy header), and the data must complete it to `crc`.
  bool check_crc = false;
  uint32_t crc_prefix = 0;
  uint32_t crc = 0;
};

class Load : public Primitive {
 public:
  Load(Stream s, LoadSpec spec) : Primitive(s), spec_(std::move(spec)) {}
  PrimitiveKind kind() const override { return PrimitiveKind::Load; }
  void eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) override;
  void print(std::ostream& os) const override;
  bool is_equivalent(const Primitive& o) const override;
  const LoadSpec& spec() const { return spec_; }

 private:
  LoadSpec spec_;
};

} // namespace mxg
