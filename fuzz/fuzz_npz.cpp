// Fuzz target: .npz (zip directory, local headers, zip64, deflate, member .npy headers).
#include "harness.h"

int mxg_fuzz_one(const uint8_t* data, size_t size) {
  try {
    mxg::NamedArrays named = mxg::load_npz(mxg::fuzz::bytes_source(data, size));
    std::vector<mxg::array> arrays;
    for (auto& [name, a] : named) arrays.push_back(a);
    mxg::fuzz::eval_bounded(arrays);
  } catch (const std::exception&) {
    // Rejected as bad input.
  }
  return 0;
}
