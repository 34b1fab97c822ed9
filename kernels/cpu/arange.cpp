// CPU kernel for Arange.
#include "cpu/cast.h"
#include "cpu/elementwise_common.h"
#include "primitives/creation.h"

namespace mxg {

void Arange::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array& out = outputs[0];
  alloc_rows(out);
  int64_t n = out.size();
  dispatch_dtype(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* dst = out.data<T>();
    parallel_for(n, kElementwiseGrain, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        dst[i] = cast_value<T>(start() + static_cast<double>(i) * step());
      }
    });
    if (last() && n > 0) dst[n - 1] = cast_value<T>(*last());
  });
}

} // namespace mxg
