// CPU kernel for RandomBits.
#include "cpu/elementwise_common.h"
#include "mxgraph/random.h"
#include "primitives/random.h"

namespace mxg {

namespace {

// The key of shape (..., 2) numbered `i` (row-major over the leading dims).
std::pair<uint32_t, uint32_t> key_at(const array& k, int64_t i) {
  const uint32_t* kp = k.data<uint32_t>();
  int64_t off = 0;
  for (int d = k.ndim() - 2; d >= 0; --d) {
    off += (i % k.shape(d)) * k.strides(d);
    i /= k.shape(d);
  }
  return {kp[off], kp[off + k.strides(k.ndim() - 1)]};
}

} // namespace

// Each key fills its own block of the output (vmap over a batch of keys gives a
// key of shape (B, 2) and B blocks), exactly as that key alone would.
void RandomBits::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& k = inputs[0];
  array& out = outputs[0];
  alloc_rows(out);
  int64_t num_keys = k.size() / 2;
  if (num_keys == 0) return;
  int64_t n = out.size() * (width() / 4) / num_keys;
  int64_t half = n / 2, odd = n % 2;
  for (int64_t b = 0; b < num_keys; ++b) {
    auto key = key_at(k, b);
    uint32_t* w = out.data<uint32_t>() + b * n;
    parallel_for(half, 1 << 12, [&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) {
        auto j = static_cast<uint32_t>(half + odd + i);
        std::tie(w[i], w[j]) = random::threefry2x32(key, {static_cast<uint32_t>(i), j});
      }
    });
    if (odd) w[half] = random::threefry2x32(key, {static_cast<uint32_t>(half), 0}).first;
  }
}

} // namespace mxg
