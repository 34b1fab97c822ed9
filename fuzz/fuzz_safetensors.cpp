// Fuzz target: .safetensors (header length, JSON header, offsets, dtypes).
#include "harness.h"

int mxg_fuzz_one(const uint8_t* data, size_t size) {
  try {
    auto [named, metadata] = mxg::load_safetensors(mxg::fuzz::bytes_source(data, size));
    std::vector<mxg::array> arrays;
    for (auto& [name, a] : named) arrays.push_back(a);
    mxg::fuzz::eval_bounded(arrays);
  } catch (const std::exception&) {
    // Rejected as bad input.
  }
  return 0;
}
