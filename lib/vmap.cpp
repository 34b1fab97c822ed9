// vmap: runs `fun` on one example's shapes, then rewrites the traced graph node by
// node (in topological order, without recursion) with each primitive's batching rule.
#include <unordered_map>

#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"
#include "primitives/vmap_rules.h"
#include "transform_utils.h"

namespace mxg {
namespace {

const VmapRule kVmapRules[] = {
#define MXG_VMAP_ENTRY(name, family) &vmap_##name,
    MXG_PRIMITIVES(MXG_VMAP_ENTRY)
#undef MXG_VMAP_ENTRY
};
static_assert(sizeof(kVmapRules) / sizeof(kVmapRules[0]) == kNumPrimitiveKinds);

// One example of x along `axis`: the placeholder `fun` is traced on.
array example_of(const array& x, int axis) {
  if (x.shape(axis) == 0) { // no example to slice (an empty batch): zeros of its shape
    Shape s = x.shape();
    s.erase(s.begin() + axis);
    return broadcast_to(array(0, x.dtype()), s);
  }
  Shape start(x.ndim(), 0), stop = x.shape(), step(x.ndim(), 1);
  stop[axis] = 1;
  array t = squeeze(slice(x, start, stop, step), std::vector<int>{axis});
  return t;
}

} // namespace

array batch_to_front(const array& x, int ax) { return ax <= 0 ? x : moveaxis(x, ax, 0); }

bool any_batched(const std::vector<int>& axes) {
  for (int a : axes) {
    if (a >= 0) return true;
  }
  return false;
}

Shape with_batch(int64_t b, const Shape& s) {
  Shape r{b};
  r.insert(r.end(), s.begin(), s.end());
  return r;
}

int64_t batch_size(const std::vector<array>& inputs, const std::vector<int>& axes) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (axes[i] >= 0) return inputs[i].shape()[axes[i]];
  }
  return 1;
}

array front_or_broadcast(const array& x, int ax, int64_t b, const Stream& s) {
  if (ax >= 0) return batch_to_front(x, ax);
  return broadcast_to(expand_dims(x, 0, s), with_batch(b, x.shape()), s);
}

std::vector<array> align_elementwise(const std::vector<array>& inputs, const std::vector<int>& axes) {
  int rank = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    rank = std::max(rank, inputs[i].ndim() - (axes[i] >= 0 ? 1 : 0));
  }
  std::vector<array> out;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (axes[i] < 0) {
      out.push_back(inputs[i]);
      continue;
    }
    array x = batch_to_front(inputs[i], axes[i]);
    int pad = rank - (x.ndim() - 1);
    if (pad > 0) {
      Shape s = x.shape();
      s.insert(s.begin() + 1, pad, 1);
      x = reshape(x, s);
    }
    out.push_back(x);
  }
  return out;
}

namespace detail {

int64_t mapped_size(const std::vector<int>& in_axes, const std::vector<array>& args) {
  for (size_t i = 0; i < args.size() && i < in_axes.size(); ++i) {
    if (in_axes[i] == kUnmapped) continue;
    int ax = in_axes[i] < 0 ? in_axes[i] + args[i].ndim() : in_axes[i];
    return args[i].shape(ax);
  }
  return 1;
}

std::pair<std::vector<array>, std::vector<bool>> vmap_flat(const ArrayFn& fun,
                                                          const std::vector<int>& in_axes,
                                                          const std::vector<array>& args) {
  if (in_axes.size() != args.size()) {
    throw_value("vmap", "in_axes has " + std::to_string(in_axes.size()) + " entries for " +
                            std::to_string(args.size()) + " arguments.");
  }
  int64_t batch = -1;
  std::vector<array> inputs;
  std::vector<int> axes;
  for (size_t i = 0; i < args.size(); ++i) {
    int ax = in_axes[i];
    if (ax == kUnmapped) {
      inputs.push_back(args[i]);
      axes.push_back(-1);
      continue;
    }
    if (args[i].ndim() == 0) {
      throw_value("vmap", "Argument " + std::to_string(i) + " is 0-d and cannot be mapped over; use in_axes=None for it.");
    }
    if (ax < -args[i].ndim() || ax >= args[i].ndim()) {
      throw_value("vmap", "in_axes " + std::to_string(ax) + " is out of range for argument " +
                              std::to_string(i) + " with " + std::to_string(args[i].ndim()) + " dimensions.");
    }
    ax = ax < 0 ? ax + args[i].ndim() : ax;
    int64_t n = args[i].shape()[ax];
    if (batch >= 0 && n != batch) {
      throw_value("vmap", "Mapped axes have different sizes: argument " + std::to_string(i) +
                              " has " + std::to_string(n) + " along axis " + std::to_string(ax) +
                              ", an earlier one has " + std::to_string(batch) + ".");
    }
    batch = n;
    array p = example_of(args[i], ax);
    p.set_tracer(true);
    inputs.push_back(p);
    axes.push_back(ax);
  }
  if (batch < 0) throw_value("vmap", "At least one argument must be mapped (in_axes all None).");
  std::vector<array> traced_inputs;
  std::unordered_map<const void*, std::pair<array, int>> batched;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (axes[i] < 0) continue;
    traced_inputs.push_back(inputs[i]);
    batched.emplace(inputs[i].id(), std::make_pair(args[i], axes[i]));
  }
  std::vector<array> outs;
  {
    NoEvalScope no_eval("vmap");
    outs = call_traced(fun, inputs);
  }
  for (auto& node : active_tape(traced_inputs, outs)) {
    std::vector<array> ins;
    std::vector<int> in_ax;
    for (const auto& in : node->inputs) {
      auto it = batched.find(in.id());
      if (it != batched.end()) {
        ins.push_back(it->second.first);
        in_ax.push_back(it->second.second);
      } else {
        ins.push_back(in);
        in_ax.push_back(-1);
      }
    }
    std::vector<array> node_outs = node_outputs(*node);
    if (!any_batched(in_ax)) continue;
    auto [bouts, bax] = kVmapRules[static_cast<int>(node->primitive->kind())](
        *node->primitive, ins, in_ax, node_outs);
    for (size_t k = 0; k < node_outs.size(); ++k) {
      if (bax[k] >= 0) batched.insert_or_assign(node_outs[k].id(), std::make_pair(bouts[k], bax[k]));
    }
  }
  std::vector<array> results;
  std::vector<bool> is_batched;
  for (const auto& o : outs) {
    auto it = batched.find(o.id());
    is_batched.push_back(it != batched.end());
    results.push_back(it != batched.end() ? moveaxis(it->second.first, it->second.second, 0) : o);
  }
  untrace(results);
  untrace(inputs);
  return {results, is_batched};
}

} // namespace detail

ArrayFn vmap(const ArrayFn& fun, const std::vector<int>& in_axes, const std::vector<int>& out_axes) {
  return [fun, in_axes, out_axes](const std::vector<array>& args) {
    auto [outs, is_batched] = detail::vmap_flat(fun, in_axes, args);
    if (!out_axes.empty() && out_axes.size() != outs.size() && out_axes.size() != 1) {
      throw_value("vmap", "out_axes has " + std::to_string(out_axes.size()) + " entries for " +
                              std::to_string(outs.size()) + " outputs.");
    }
    int64_t batch = detail::mapped_size(in_axes, args);
    std::vector<array> results;
    for (size_t k = 0; k < outs.size(); ++k) {
      int oa = out_axes.empty() ? 0 : out_axes[out_axes.size() == 1 ? 0 : k];
      int nd = outs[k].ndim() + (is_batched[k] ? 0 : 1);
      if (oa == kUnmapped) throw_value("vmap", "out_axes cannot be None for a batched output.");
      if (oa < -nd || oa >= nd) {
        throw_value("vmap", "out_axes " + std::to_string(oa) + " is out of range for output " +
                                std::to_string(k) + " with " + std::to_string(nd) + " dimensions.");
      }
      oa = oa < 0 ? oa + nd : oa;
      if (is_batched[k]) {
        results.push_back(moveaxis(outs[k], 0, oa));
      } else { // does not depend on a mapped input: the same for every example
        Shape s = outs[k].shape();
        s.insert(s.begin() + oa, batch);
        results.push_back(broadcast_to(expand_dims(outs[k], oa), s));
      }
    }
    return results;
  };
}

} // namespace mxg
