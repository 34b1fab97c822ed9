// Files of several traces (mx.exporter): a version-2 header, a TRCS section (the
// trace table), then each trace as a version-1 file of its own.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "mxgraph/io.h"

namespace mxg::mxfn {

/// Where each trace lies (offset, length) in a version-2 file; empty for any other
/// file (parse_function judges those). Throws "[import_function] ..." when corrupt.
std::vector<std::pair<uint64_t, uint64_t>> trace_table(const ByteSource& src);

/// Bytes [offset, offset + size) of `src` as a source of their own.
std::shared_ptr<ByteSource> window(std::shared_ptr<ByteSource> src, uint64_t offset, uint64_t size);

} // namespace mxg::mxfn
