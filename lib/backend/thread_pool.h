// A process-wide pool of worker threads for data-parallel kernels.
#pragma once

#include <cstdint>
#include <functional>

namespace mxg {

/// Number of threads kernels may use (the pool's workers plus the caller).
int num_threads();
/// Sets the thread count (>= 1); MXGRAPH_NUM_THREADS sets it at start-up.
void set_num_threads(int n);

/// Runs fn(begin, end) over [0, n) split into chunks of at least `grain` items,
/// on the pool and the calling thread. Exceptions from any chunk are rethrown here.
void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

} // namespace mxg
