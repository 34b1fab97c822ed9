// The .npy format: header parsing and writing, shared by .npy and .npz.
#pragma once

#include <string>

#include "io/io_common.h"
#include "primitives/io.h"

namespace mxg::io {

/// The largest .npy header accepted (NumPy's own are a few hundred bytes).
inline constexpr uint64_t kMaxNpyHeader = 1 << 20;

struct NpyHeader {
  Dtype dtype = float32;
  int swap_unit = 0; // >1 for big-endian data
  bool fortran = false;
  Shape shape;
  uint64_t header_bytes = 0; // magic + version + length + dict text
  uint64_t nbytes = 0;       // array data bytes
};

/// Bytes of the whole header given its first 12 bytes (fewer if the data is shorter);
/// checks magic and version. `available` is the bytes the member/file holds.
uint64_t npy_header_size(const std::string& first, uint64_t available);
/// Parses a whole header (magic included).
NpyHeader parse_npy_header(const std::string& header);
/// Reads and parses the header of the .npy at [offset, offset + available) of src.
NpyHeader read_npy_header(const ByteSource& src, uint64_t offset, uint64_t available);

/// The pending array for a parsed header and where its bytes are.
array npy_array(const NpyHeader& h, LoadSpec spec, StreamOrDevice s);

/// The header bytes NumPy would write for this dtype/shape/order.
std::string npy_header_bytes(Dtype dtype, const Shape& shape, bool fortran);

/// NumPy's descr for a dtype ("<f4", "|b1"; bfloat16 "<V2").
std::string npy_descr(Dtype dtype);

} // namespace mxg::io
