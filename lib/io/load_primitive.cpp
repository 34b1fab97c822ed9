// The Load primitive's kernel: read (or inflate) exactly one tensor's bytes.
#include <algorithm>
#include <ostream>

#include "io/deflate.h"
#include "io/io_common.h"
#include "primitives/io.h"

namespace mxg {
namespace {

void swap_bytes(char* p, uint64_t nbytes, int unit) {
  for (uint64_t i = 0; i + unit <= nbytes; i += unit) std::reverse(p + i, p + i + unit);
}

} // namespace

void Load::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  auto buf = allocate(static_cast<size_t>(std::max<uint64_t>(spec_.nbytes, 1)));
  char* p = static_cast<char*>(buf->ptr());
  uint32_t crc = 0;
  if (spec_.deflate) {
    crc = io::inflate_into(*spec_.source, spec_.offset, spec_.compressed_size, spec_.skip, p, spec_.nbytes);
  } else {
    if (spec_.nbytes) spec_.source->read(spec_.offset, p, static_cast<size_t>(spec_.nbytes));
    if (spec_.check_crc) crc = io::crc32_update(spec_.crc_prefix, p, spec_.nbytes);
  }
  if (spec_.check_crc && crc != spec_.crc) {
    io::fail("CRC-32 mismatch in an npz member of " + spec_.source->label() + " (the file is corrupt).");
  }
  if (spec_.swap_unit > 1) swap_bytes(p, spec_.nbytes, spec_.swap_unit);
  if (spec_.is_bool) {
    for (uint64_t i = 0; i < spec_.nbytes; ++i) p[i] = p[i] != 0;
  }
  out.set_data(std::move(buf));
}

void Load::print(std::ostream& os) const {
  os << "Load(" << spec_.source->label() << ", offset=" << spec_.offset << ", nbytes=" << spec_.nbytes;
  if (spec_.deflate) os << ", deflate";
  os << ")";
}

bool Load::is_equivalent(const Primitive& o) const {
  if (o.kind() != kind()) return false;
  const LoadSpec& b = static_cast<const Load&>(o).spec_;
  return spec_.source == b.source && spec_.offset == b.offset && spec_.nbytes == b.nbytes &&
         spec_.deflate == b.deflate && spec_.swap_unit == b.swap_unit;
}

} // namespace mxg
