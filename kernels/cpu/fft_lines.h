// transform_lines (declared in fft_plan.h): many lines of one length, gathered in
// blocks of kBlock so that strided lines read and write whole cache lines.
#pragma once

#include <algorithm>
#include <type_traits>
#include <vector>

#include "backend/thread_pool.h"

namespace mxg::fft_cpu {

inline constexpr int64_t kBlock = 8;

template <typename T, typename InOff, typename OutOff, typename Post>
void transform_lines(const Plan<T>& plan, const cpx<T>* in, int64_t istride, InOff in_off, cpx<T>* out,
                     int64_t ostride, OutOff out_off, int64_t count, bool inverse, Post post) {
  const int64_t n = plan.size();
  if (count <= 0) return;
  constexpr bool plain = std::is_same_v<Post, NoPost>;
  bool dense = plain && istride == 1 && ostride == 1;
  // Contiguous lines need no gather; long ones gather one at a time (bounded scratch).
  int64_t bk = dense ? 1 : std::clamp<int64_t>((int64_t(1) << 18) / std::max<int64_t>(n, 1), 1, kBlock);
  int64_t grain = std::max<int64_t>(1, (int64_t(1) << 14) / std::max<int64_t>(n, 1));
  int64_t blocks = (count + bk - 1) / bk;
  parallel_for(blocks, std::max<int64_t>(1, grain / bk), [&](int64_t b0, int64_t b1) {
    std::vector<cpx<T>> buf(2 * bk * n + plan.work_size());
    cpx<T>* src = buf.data();
    cpx<T>* dst = src + bk * n;
    cpx<T>* work = dst + bk * n;
    for (int64_t blk = b0; blk < b1; ++blk) {
      int64_t first = blk * bk, nb = std::min(bk, count - first);
      if (dense) {
        const cpx<T>* line = in + in_off(first);
        cpx<T>* target = out + out_off(first);
        if (line == target) line = std::copy(line, line + n, src) - n; // in place: read a copy
        plan.execute(line, target, work, inverse);
        continue;
      }
      // Gather: element-major so that adjacent lines read adjacent memory.
      for (int64_t j = 0; j < n; ++j) {
        for (int64_t b = 0; b < nb; ++b) src[b * n + j] = in[in_off(first + b) + j * istride];
      }
      for (int64_t b = 0; b < nb; ++b) plan.execute(src + b * n, dst + b * n, work, inverse);
      for (int64_t j = 0; j < n; ++j) {
        for (int64_t b = 0; b < nb; ++b) out[out_off(first + b) + j * ostride] = post(first + b, j, dst[b * n + j]);
      }
    }
  });
}

} // namespace mxg::fft_cpu
