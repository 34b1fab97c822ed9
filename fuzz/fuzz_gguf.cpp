// Fuzz target: .gguf (header counts, metadata key/values and arrays, alignment, tensor
// infos, offsets, dtypes). Tensors and numeric metadata are both evaluated.
#include <variant>

#include "harness.h"

int mxg_fuzz_one(const uint8_t* data, size_t size) {
  try {
    auto [named, metadata] = mxg::load_gguf(mxg::fuzz::bytes_source(data, size));
    std::vector<mxg::array> arrays;
    for (auto& [name, a] : named) arrays.push_back(a);
    for (auto& [key, v] : metadata) {
      if (auto* a = std::get_if<mxg::array>(&v)) arrays.push_back(*a);
    }
    mxg::fuzz::eval_bounded(arrays);
  } catch (const std::exception&) {
    // Rejected as bad input.
  }
  return 0;
}
