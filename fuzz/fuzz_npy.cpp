// Fuzz target: .npy header and data.
#include "harness.h"

int mxg_fuzz_one(const uint8_t* data, size_t size) {
  try {
    mxg::array a = mxg::load_npy(mxg::fuzz::bytes_source(data, size));
    mxg::fuzz::eval_bounded({a});
  } catch (const std::exception&) {
    // Rejected as bad input: the expected outcome for most inputs.
  }
  return 0;
}
