// CPU kernel for RandomBits.
#include "cpu/elementwise_common.h"
#include "mxgraph/random.h"
#include "primitives/random.h"

namespace mxg {

void RandomBits::print(std::ostream& os) const {
  os << "RandomBits(shape=(";
  for (size_t i = 0; i < shape_.size(); ++i) os << (i ? ", " : "") << shape_[i];
  os << (shape_.size() == 1 ? ",)" : ")") << ", width=" << width_ << ")";
}

void RandomBits::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& k = inputs[0];
  const uint32_t* kp = k.data<uint32_t>();
  std::pair<uint32_t, uint32_t> key{kp[0], kp[k.strides(0)]};
  array& out = outputs[0];
  alloc_rows(out);
  uint32_t* w = out.data<uint32_t>();
  int64_t n = out.size() * (width_ / 4);
  int64_t half = n / 2, odd = n % 2;
  parallel_for(half, 1 << 12, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      auto j = static_cast<uint32_t>(half + odd + i);
      std::tie(w[i], w[j]) = random::threefry2x32(key, {static_cast<uint32_t>(i), j});
    }
  });
  if (odd) w[half] = random::threefry2x32(key, {static_cast<uint32_t>(half), 0}).first;
}

} // namespace mxg
