// Batching rule of the Custom primitive (custom_function, checkpoint, depends): the
// forward function is batched with vmap, and the result is a new Custom node whose
// derivative rules are the old ones batched, so custom derivatives survive vmap.
#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "primitives/custom.h"
#include "primitives/vmap_rules.h"

namespace mxg {
namespace {

std::vector<array> concat(std::vector<array> a, const std::vector<array>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<array> part(const std::vector<array>& xs, size_t begin, size_t end) {
  return std::vector<array>(xs.begin() + begin, xs.begin() + end);
}

// The node's vjp, applied example by example (every array batched along axis 0).
Custom::VjpFn batched_vjp(Custom::VjpFn rule) {
  return [rule](const std::vector<array>& ins, const std::vector<array>& cots,
                const std::vector<int>& argnums, const std::vector<array>& outs) {
    size_t ni = ins.size(), nc = cots.size();
    ArrayFn one = [&](const std::vector<array>& xs) {
      return rule(part(xs, 0, ni), part(xs, ni, ni + nc), argnums, part(xs, ni + nc, xs.size()));
    };
    std::vector<array> all = concat(concat(ins, cots), outs);
    return vmap(one, std::vector<int>(all.size(), 0))(all);
  };
}

Custom::JvpFn batched_jvp(Custom::JvpFn rule) {
  return [rule](const std::vector<array>& ins, const std::vector<array>& tangents,
                const std::vector<int>& argnums) {
    size_t ni = ins.size();
    ArrayFn one = [&](const std::vector<array>& xs) {
      return rule(part(xs, 0, ni), part(xs, ni, xs.size()), argnums);
    };
    std::vector<array> all = concat(ins, tangents);
    return vmap(one, std::vector<int>(all.size(), 0))(all);
  };
}

} // namespace

VmapResult vmap_Custom(const Primitive& p, const std::vector<array>& inputs,
                       const std::vector<int>& axes, const std::vector<array>& outputs) {
  const auto& c = static_cast<const Custom&>(p);
  size_t first = inputs.size() - outputs.size();
  if (!c.fun()) { // depends: its outputs are its last inputs
    return {part(inputs, first, inputs.size()), std::vector<int>(axes.begin() + first, axes.end())};
  }
  size_t k = static_cast<size_t>(c.num_args());
  int64_t b = batch_size(inputs, axes);
  std::vector<array> args;
  std::vector<int> fun_axes;
  for (size_t i = 0; i < k; ++i) {
    args.push_back(front_or_broadcast(inputs[i], axes[i], b, p.stream()));
    fun_axes.push_back(axes[i] >= 0 ? axes[i] : kUnmapped); // unbatched arguments stay so
  }
  std::vector<array> outs = vmap(c.fun(), fun_axes)(part(inputs, 0, k));
  std::vector<array> node_inputs = args;
  std::vector<Shape> shapes;
  std::vector<Dtype> dtypes;
  for (const auto& o : outs) {
    array v = stop_gradient(o); // as in custom_function: transforms do not walk the forward
    v.set_tracer(false);
    node_inputs.push_back(v);
    shapes.push_back(o.shape());
    dtypes.push_back(o.dtype());
  }
  ArrayFn fun = vmap(c.fun(), std::vector<int>(k, 0));
  auto prim = std::make_shared<Custom>(p.stream(), c.name(), static_cast<int>(k),
                                       batched_vjp(c.vjp()), batched_jvp(c.jvp()), fun);
  auto res = array::make_arrays(std::move(shapes), std::move(dtypes), std::move(prim),
                                std::move(node_inputs));
  return {res, std::vector<int>(res.size(), 0)};
}

} // namespace mxg
