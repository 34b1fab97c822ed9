// The libFuzzer entry point of one fuzz target (linked with -fsanitize=fuzzer).
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return mxg_fuzz_one(data, size);
}
