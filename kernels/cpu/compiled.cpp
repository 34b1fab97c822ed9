// CPU kernel of the Compiled primitive: the fused program runs over tiles of
// kTile elements. Each step is one span call (elementwise_span.h) into a small
// tile buffer, so intermediates stay in cache and no C++ compiler is needed at run
// time. Tiles are independent and shared out with parallel_for.
#include <algorithm>
#include <cstring>

#include "cpu/elementwise_common.h"
#include "cpu/elementwise_span.h"
#include "primitives/compiled.h"

namespace mxg {
namespace {

constexpr int64_t kTile = 4096;
constexpr int kMaxItem = 8;

using Op = FusedProgram::Op;

/// How the kernel reads one input inside a tile.
struct InputPlan {
  enum Kind { Dense, Scalar, Gather } kind;
  const char* base;
  int itemsize;
  Shape shape;   // collapsed, for Gather
  Strides strides;
};

/// Where each register lives during a tile.
struct Plan {
  std::vector<InputPlan> inputs;
  std::vector<bool> scalar;      // per register: one value for the whole array
  std::vector<int> slot;         // per register: tile buffer index, -1 if none
  std::vector<int> direct;       // per register: output written in place, -1 if none
  int num_slots = 0;
};

void copy_elems(const char* src, int64_t stride, int isz, int64_t n, char* dst) {
  switch (isz) {
    case 1: for (int64_t i = 0; i < n; ++i) dst[i] = src[i * stride]; break;
    case 2: {
      auto s = reinterpret_cast<const uint16_t*>(src);
      auto d = reinterpret_cast<uint16_t*>(dst);
      for (int64_t i = 0; i < n; ++i) d[i] = s[i * stride];
      break;
    }
    case 4: {
      auto s = reinterpret_cast<const uint32_t*>(src);
      auto d = reinterpret_cast<uint32_t*>(dst);
      for (int64_t i = 0; i < n; ++i) d[i] = s[i * stride];
      break;
    }
    default: {
      auto s = reinterpret_cast<const uint64_t*>(src);
      auto d = reinterpret_cast<uint64_t*>(dst);
      for (int64_t i = 0; i < n; ++i) d[i] = s[i * stride];
    }
  }
}

/// Copies elements [start, start + m) (row-major over the output) of a strided input.
void gather(const InputPlan& in, int64_t start, int64_t m, char* dst) {
  const Shape& sh = in.shape;
  int nd = static_cast<int>(sh.size());
  Shape idx(nd, 0);
  int64_t off = 0, rest = start;
  for (int d = nd - 1; d >= 0; --d) {
    idx[d] = rest % sh[d];
    rest /= sh[d];
    off += idx[d] * in.strides[d];
  }
  int64_t done = 0;
  while (done < m) {
    int64_t run = std::min(sh[nd - 1] - idx[nd - 1], m - done);
    copy_elems(in.base + off * in.itemsize, in.strides[nd - 1], in.itemsize, run, dst + done * in.itemsize);
    done += run;
    idx[nd - 1] += run;
    off += run * in.strides[nd - 1];
    for (int d = nd - 1; d > 0 && idx[d] == sh[d]; --d) {
      off -= idx[d] * in.strides[d];
      idx[d] = 0;
      ++idx[d - 1];
      off += in.strides[d - 1];
    }
  }
}

void select_span(const bool* c, bool sc, const char* x, bool sx, const char* y, bool sy, char* o,
                 int isz, int64_t n) {
  int64_t mc = sc ? 0 : 1, mx = sx ? 0 : 1, my = sy ? 0 : 1;
  auto run = [&](auto tag) {
    using T = decltype(tag);
    auto px = reinterpret_cast<const T*>(x);
    auto py = reinterpret_cast<const T*>(y);
    auto po = reinterpret_cast<T*>(o);
    for (int64_t i = 0; i < n; ++i) po[i] = c[i * mc] ? px[i * mx] : py[i * my];
  };
  switch (isz) {
    case 1: run(uint8_t{}); break;
    case 2: run(uint16_t{}); break;
    case 4: run(uint32_t{}); break;
    default: run(uint64_t{}); break;
  }
}

InputPlan plan_input(const array& in, const Shape& shape) {
  InputPlan p{InputPlan::Dense, static_cast<const char*>(in.raw_data()), in.itemsize(), {}, {}};
  if (in.data_size() == 1) {
    p.kind = InputPlan::Scalar;
  } else if (!(in.shape() == shape && in.flags().row_contiguous)) {
    p.kind = InputPlan::Gather;
    array v = broadcast_view(in, shape);
    auto [s, st] = collapse_dims(shape, {v.strides()});
    if (s.empty()) s = {1}, st[0] = {0};
    p.shape = s;
    p.strides = st[0];
  }
  return p;
}

/// Static layout: scalar registers, tile-buffer slots (reused after a register's
/// last use) and outputs written straight into the output arrays.
Plan make_plan(const FusedProgram& p, const std::vector<array>& inputs, const std::vector<bool>& aliased,
               const Shape& shape) {
  Plan plan;
  int nregs = p.num_inputs + static_cast<int>(p.steps.size());
  plan.scalar.assign(nregs, false);
  plan.slot.assign(nregs, -1);
  plan.direct.assign(nregs, -1);
  std::vector<int> last(nregs, -1);
  for (size_t k = 0; k < p.steps.size(); ++k) {
    for (int a = 0; a < p.num_args(p.steps[k]); ++a) last[p.steps[k].args[a]] = static_cast<int>(k);
  }
  for (int r : p.outputs) last[r] = INT32_MAX;
  for (size_t o = 0; o < p.outputs.size(); ++o) {
    int r = p.outputs[o];
    if (r >= p.num_inputs && plan.direct[r] < 0 && !aliased[o]) plan.direct[r] = static_cast<int>(o);
  }
  std::vector<int> free_slots;
  auto take = [&]() {
    if (free_slots.empty()) return plan.num_slots++;
    int s = free_slots.back();
    free_slots.pop_back();
    return s;
  };
  for (int i = 0; i < p.num_inputs; ++i) {
    plan.inputs.push_back(plan_input(inputs[i], shape));
    plan.scalar[i] = plan.inputs[i].kind == InputPlan::Scalar;
    if (plan.inputs[i].kind == InputPlan::Gather) plan.slot[i] = take();
  }
  for (size_t k = 0; k < p.steps.size(); ++k) {
    const auto& st = p.steps[k];
    int r = p.num_inputs + static_cast<int>(k);
    bool sc = true;
    for (int a = 0; a < p.num_args(st); ++a) sc = sc && plan.scalar[st.args[a]];
    plan.scalar[r] = sc;
    // Slots of arguments dying here are freed first, so a chain works in place in
    // one or two buffers, but only those whose items are at least as wide as the
    // result's: a span writing element i at i * out_size must not overrun input
    // elements it has not read yet (a where's bool condition under a float result).
    // A scalar argument's slot is never the result's: the span rereads element 0.
    const int out_size = size_of(st.dtype);
    auto release = [&](bool before_take) {
      for (int a = 0; a < p.num_args(st); ++a) {
        int x = st.args[a];
        if (last[x] != static_cast<int>(k) || plan.slot[x] < 0) continue;
        bool in_place = !plan.scalar[x] && size_of(p.reg_dtype(x)) >= out_size;
        if (in_place != before_take) continue;
        free_slots.push_back(plan.slot[x]);
        last[x] = -2; // freed once even if used twice by this step
      }
    };
    release(true);
    if (sc || plan.direct[r] < 0) plan.slot[r] = take();
    release(false);
  }
  return plan;
}

void run_step(const FusedProgram& p, const FusedProgram::Step& st, const std::vector<const char*>& rp,
              const Plan& plan, char* out, int64_t n) {
  auto arg = [&](int a) { return rp[st.args[a]]; };
  auto sc = [&](int a) { return static_cast<bool>(plan.scalar[st.args[a]]); };
  switch (st.op) {
    case Op::Unary:
      unary_span(static_cast<UnaryOp>(st.code), p.reg_dtype(st.args[0]), arg(0), out, n);
      break;
    case Op::Binary:
      binary_span(static_cast<BinaryOp>(st.code), p.reg_dtype(st.args[0]), arg(0), sc(0), arg(1), sc(1),
                  out, n);
      break;
    case Op::Select:
      select_span(reinterpret_cast<const bool*>(arg(0)), sc(0), arg(1), sc(1), arg(2), sc(2), out,
                  size_of(st.dtype), n);
      break;
    case Op::Cast: convert_elements(arg(0), p.reg_dtype(st.args[0]), out, st.dtype, n); break;
  }
}

void fill(char* dst, const char* v, int isz, int64_t n) {
  for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * isz, v, isz);
}

} // namespace

void Compiled::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const auto& p = program_;
  const Shape shape = outputs[0].shape();
  int64_t total = outputs[0].size();
  // An output may take a dense input's buffer when nothing else holds it; it is
  // then written after the tile's last read (see `direct`).
  std::vector<bool> aliased(outputs.size(), false), used(inputs.size(), false);
  for (size_t o = 0; o < outputs.size(); ++o) {
    array& out = outputs[o];
    for (size_t i = 0; i < inputs.size() && total > 0; ++i) {
      const array& in = inputs[i];
      if (!used[i] && in.is_donatable() && in.itemsize() == out.itemsize() && in.shape() == shape &&
          in.flags().row_contiguous) {
        out.set_data(in.buffer(), static_cast<char*>(in.raw_data()), in.data_size(), in.strides(), in.flags());
        used[i] = aliased[o] = true;
        break;
      }
    }
    if (!aliased[o]) alloc_rows(out);
  }
  if (total == 0) return;
  Plan plan = make_plan(p, inputs, aliased, shape);
  int64_t tiles = (total + kTile - 1) / kTile;
  parallel_for(tiles, std::max<int64_t>(1, kElementwiseGrain / kTile), [&](int64_t tb, int64_t te) {
    std::vector<char> slots(static_cast<size_t>(std::max(plan.num_slots, 1)) * kTile * kMaxItem);
    auto slot_ptr = [&](int s) { return slots.data() + static_cast<size_t>(s) * kTile * kMaxItem; };
    std::vector<const char*> rp(p.num_inputs + p.steps.size());
    for (int64_t t = tb; t < te; ++t) {
      int64_t start = t * kTile, m = std::min(kTile, total - start);
      for (int i = 0; i < p.num_inputs; ++i) {
        const auto& in = plan.inputs[i];
        if (in.kind == InputPlan::Scalar) {
          rp[i] = in.base;
        } else if (in.kind == InputPlan::Dense) {
          rp[i] = in.base + start * in.itemsize;
        } else {
          gather(in, start, m, slot_ptr(plan.slot[i]));
          rp[i] = slot_ptr(plan.slot[i]);
        }
      }
      for (size_t k = 0; k < p.steps.size(); ++k) {
        int r = p.num_inputs + static_cast<int>(k);
        char* dst = plan.slot[r] >= 0
                        ? slot_ptr(plan.slot[r])
                        : static_cast<char*>(outputs[plan.direct[r]].raw_data()) + start * size_of(p.steps[k].dtype);
        run_step(p, p.steps[k], rp, plan, dst, plan.scalar[r] ? 1 : m);
        rp[r] = dst;
      }
      for (size_t o = 0; o < p.outputs.size(); ++o) {
        int r = p.outputs[o];
        if (plan.direct[r] == static_cast<int>(o) && !plan.scalar[r]) continue;
        int isz = outputs[o].itemsize();
        char* dst = static_cast<char*>(outputs[o].raw_data()) + start * isz;
        if (plan.scalar[r]) {
          fill(dst, rp[r], isz, m);
        } else {
          std::memcpy(dst, rp[r], static_cast<size_t>(m) * isz);
        }
      }
    }
  });
}

} // namespace mxg
