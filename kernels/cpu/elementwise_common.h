// Output allocation and loops shared by the elementwise kernels.
#pragma once

#include <algorithm>

#include "backend/thread_pool.h"
#include "cpu/strided.h"

namespace mxg {

/// Items per task for cheap elementwise work.
inline constexpr int64_t kElementwiseGrain = 1 << 15;

/// Gives `out` a buffer laid out like `like` (dense, same strides), reusing the
/// buffer of a donatable input of the same item size when there is one.
inline void alloc_like(array& out, const array& like, const std::vector<const array*>& donors) {
  for (const array* d : donors) {
    if (d->is_donatable() && d->itemsize() == out.itemsize() && d->strides() == like.strides() &&
        d->data_size() == like.data_size() && d->flags().contiguous) {
      out.set_data(d->buffer(), static_cast<char*>(d->raw_data()), d->data_size(), d->strides(),
                   d->flags());
      return;
    }
  }
  auto buf = allocate(static_cast<size_t>(std::max<int64_t>(like.data_size(), 1)) * out.itemsize());
  char* p = static_cast<char*>(buf->ptr());
  out.set_data(std::move(buf), p, like.data_size(), like.strides(), like.flags());
}

/// Gives `out` a fresh row-major buffer.
inline void alloc_rows(array& out) {
  out.set_data(allocate(static_cast<size_t>(std::max<int64_t>(out.size(), 1)) * out.itemsize()));
}

} // namespace mxg
