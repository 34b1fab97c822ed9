// Shared by the fuzz harnesses: each one drives a parser from raw bytes and, when the
// bytes parse, evaluates what they describe (within a size bound).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mxgraph/mxgraph.h"

namespace mxg::fuzz {

/// Arrays larger than this together are not evaluated (a zip bomb is not a bug).
inline constexpr uint64_t kMaxEvalBytes = uint64_t(1) << 24;

inline std::shared_ptr<ByteSource> bytes_source(const uint8_t* data, size_t size) {
  return memory_source(std::string(reinterpret_cast<const char*>(data), size), "<fuzz>");
}

/// Evaluates `arrays` when small enough, reading every element so a wrong stride or
/// size shows up as an out-of-bounds access under the sanitizers.
inline void eval_bounded(const std::vector<array>& arrays) {
  uint64_t total = 0;
  for (const auto& a : arrays) total += a.nbytes();
  if (total > kMaxEvalBytes) return;
  eval(arrays);
  for (const auto& a : arrays) {
    if (a.size() == 0) continue;
    array c = contiguous(a);
    eval({c});
    volatile unsigned char sink = 0;
    const unsigned char* p = c.data<unsigned char>();
    for (uint64_t i = 0; i < c.nbytes(); ++i) sink ^= p[i];
    (void)sink;
  }
}

} // namespace mxg::fuzz

/// Defined by each harness file: runs one input. Returns 0 (libFuzzer's convention).
/// Errors a bad file should raise (std::exception) are caught inside.
int mxg_fuzz_one(const uint8_t* data, size_t size);
