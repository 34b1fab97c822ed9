// vjp / jvp over the recorded graph, without recursion: the graph between the
// transform's inputs and outputs is found with an explicit stack, then walked in
// (reverse) topological order applying each primitive's rule.
#include <unordered_map>
#include <unordered_set>

#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"
#include "primitives/grad_rules.h"
#include "transform_utils.h"
#include "primitives/elementwise.h"
#include "primitives/shape.h"

namespace mxg {
namespace {

const VjpRule kVjpRules[] = {
#define MXG_VJP_ENTRY(name, family) &vjp_##name,
    MXG_PRIMITIVES(MXG_VJP_ENTRY)
#undef MXG_VJP_ENTRY
};
const JvpRule kJvpRules[] = {
#define MXG_JVP_ENTRY(name, family) &jvp_##name,
    MXG_PRIMITIVES(MXG_JVP_ENTRY)
#undef MXG_JVP_ENTRY
};
static_assert(sizeof(kVjpRules) / sizeof(kVjpRules[0]) == kNumPrimitiveKinds);

// Fresh handles for the primals, marked as tracers so evaluation inside `fun`
// keeps the graph the transform walks.
std::vector<array> trace_inputs(const std::vector<array>& primals) {
  std::vector<array> out;
  for (const auto& p : primals) {
    array t(p.shape(), p.dtype(), std::make_shared<Copy>(to_stream({}, "vjp")), {p});
    t.set_tracer(true);
    out.push_back(t);
  }
  return out;
}

bool is_stop_gradient(const Node& n) {
  return n.primitive->kind() == PrimitiveKind::Unary &&
         static_cast<const Unary&>(*n.primitive).op() == UnaryOp::StopGradient;
}

void check_like(const array& want, const array& got, const char* op, const char* what) {
  if (want.shape() != got.shape()) {
    throw_value(op, std::string("The ") + what + " shape " + shape_str(got.shape()) +
                        " does not match the primal shape " + shape_str(want.shape()) + ".");
  }
}

} // namespace

namespace detail {

// Transforms running on this thread. The results leave the outermost transform as
// plain arrays (else evaluating them would keep every traced graph alive); an inner
// transform's results may depend on an outer one's tracers, so they stay tracers.
thread_local int transform_depth = 0;

std::vector<array> call_traced(const ArrayFn& fun, const std::vector<array>& inputs) {
  struct Depth {
    Depth() { ++transform_depth; }
    ~Depth() { --transform_depth; }
  } depth;
  return fun(inputs);
}

void untrace(std::vector<array>& outputs) {
  if (transform_depth > 0) return;
  for (auto& o : outputs) o.set_tracer(false);
}

// The nodes that depend on `inputs` and lead to `outputs`, in topological order.
std::vector<std::shared_ptr<Node>> active_tape(const std::vector<array>& inputs,
                                               const std::vector<array>& outputs,
                                               bool stop_at_stop_gradient) {
  std::unordered_set<const void*> input_ids;
  for (const auto& in : inputs) input_ids.insert(in.node().get());
  std::vector<std::shared_ptr<Node>> order;
  std::unordered_set<const Node*> seen;
  std::vector<std::pair<std::shared_ptr<Node>, size_t>> stack;
  for (const auto& out : outputs) {
    if (!out.node() || !out.is_tracer() || !seen.insert(out.node().get()).second) continue;
    stack.emplace_back(out.node(), 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (input_ids.count(node.get())) { // a transform input: a leaf here
        stack.pop_back();
        continue;
      }
      if (next < node->inputs.size()) {
        const array& in = node->inputs[next++];
        if (in.node() && in.is_tracer() && seen.insert(in.node().get()).second) {
          stack.emplace_back(in.node(), 0);
        }
      } else {
        order.push_back(std::move(node));
        stack.pop_back();
      }
    }
  }
  // Keep only nodes that depend on an input.
  std::unordered_set<const Node*> depends(input_ids.size());
  for (const auto& in : inputs) depends.insert(in.node().get());
  std::vector<std::shared_ptr<Node>> active;
  for (auto& n : order) {
    // For derivatives, nothing past a stop_gradient depends on the inputs (as in MLX,
    // so indices behind one are not differentiated); vmap still batches through it.
    if (stop_at_stop_gradient && is_stop_gradient(*n)) continue;
    for (const auto& in : n->inputs) {
      if (in.node() && depends.count(in.node().get())) {
        depends.insert(n.get());
        active.push_back(n);
        break;
      }
    }
  }
  return active;
}

std::vector<array> node_outputs(const Node& n) {
  std::vector<array> outs;
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    auto d = n.outputs[i].lock();
    outs.push_back(d ? array(d)
                     : zeros_of(n.output_shapes.at(i), n.output_dtypes.at(i)));
  }
  return outs;
}

} // namespace detail

using detail::active_tape;
using detail::call_traced;
using detail::node_outputs;
using detail::untrace;

array zeros_of(const Shape& shape, Dtype dtype, StreamOrDevice s) {
  return broadcast_to(array(0, dtype), shape, s);
}

array unbroadcast(const array& x, const Shape& shape, StreamOrDevice s) {
  if (x.shape() == shape) return x;
  int diff = x.ndim() - static_cast<int>(shape.size());
  std::vector<int> axes;
  for (int i = 0; i < x.ndim(); ++i) {
    if (i < diff || (shape[i - diff] == 1 && x.shape()[i] != 1)) axes.push_back(i);
  }
  array r = sum(x, axes, true, s);
  return reshape(r, shape, s);
}

std::vector<array> zero_vjp(const std::vector<array>& primals, const std::vector<int>& argnums) {
  std::vector<array> out;
  for (int i : argnums) out.push_back(zeros_of(primals[i].shape(), primals[i].dtype()));
  return out;
}

std::vector<array> zero_jvp(const std::vector<array>& outputs) {
  std::vector<array> out;
  for (const auto& o : outputs) out.push_back(zeros_of(o.shape(), o.dtype()));
  return out;
}

std::vector<array> zero_jvp(const std::vector<array>& outputs, const array& tangent) {
  std::vector<array> out;
  for (const auto& o : outputs) {
    out.push_back(zeros_of(o.shape(), o.dtype() == bool_ ? tangent.dtype() : o.dtype()));
  }
  return out;
}

namespace {

// Output cotangents, chosen once the outputs are known: (output index, cotangent).
using SeedFn = std::function<std::vector<std::pair<size_t, array>>(const std::vector<array>&)>;

std::pair<std::vector<array>, std::vector<array>> vjp_seeded(const ArrayFn& fun,
                                                             const std::vector<array>& primals,
                                                             const SeedFn& seed) {
  auto inputs = trace_inputs(primals);
  std::vector<array> outputs = call_traced(fun, inputs);
  std::unordered_map<const void*, array> cot;
  auto accumulate = [&](const array& a, array g) {
    auto it = cot.find(a.id());
    if (it == cot.end()) {
      cot.emplace(a.id(), std::move(g));
    } else {
      it->second = add(it->second, g);
    }
  };
  for (auto& [i, c] : seed(outputs)) accumulate(outputs[i], astype(c, outputs[i].dtype()));
  auto tape = active_tape(inputs, outputs, true);
  std::unordered_set<const Node*> active_nodes;
  for (auto& n : tape) active_nodes.insert(n.get());
  for (const auto& in : inputs) active_nodes.insert(in.node().get());
  for (auto it = tape.rbegin(); it != tape.rend(); ++it) {
    Node& n = **it;
    std::vector<array> outs = node_outputs(n);
    std::vector<array> cots;
    bool any = false;
    for (const auto& o : outs) {
      auto c = cot.find(o.id());
      any |= c != cot.end();
      cots.push_back(c != cot.end() ? c->second : zeros_of(o.shape(), o.dtype()));
    }
    if (!any) continue;
    std::vector<int> argnums;
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      const array& in = n.inputs[k];
      if (in.node() && active_nodes.count(in.node().get())) argnums.push_back(static_cast<int>(k));
    }
    auto grads = kVjpRules[static_cast<int>(n.primitive->kind())](*n.primitive, n.inputs, cots,
                                                                   argnums, outs);
    for (size_t k = 0; k < argnums.size(); ++k) accumulate(n.inputs[argnums[k]], grads[k]);
    for (const auto& o : outs) cot.erase(o.id()); // free what is no longer needed
  }
  std::vector<array> grads;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto c = cot.find(inputs[i].id());
    grads.push_back(c != cot.end() ? c->second : zeros_of(primals[i].shape(), primals[i].dtype()));
  }
  untrace(outputs);
  untrace(grads);
  untrace(inputs); // a model may still hold them (nn.value_and_grad updates it)
  return {outputs, grads};
}

} // namespace

std::pair<std::vector<array>, std::vector<array>> vjp(const ArrayFn& fun,
                                                      const std::vector<array>& primals,
                                                      const std::vector<array>& cotangents) {
  return vjp_seeded(fun, primals, [&](const std::vector<array>& outputs) {
    if (cotangents.size() != outputs.size()) {
      throw_value("vjp", "Got " + std::to_string(cotangents.size()) + " cotangents for " +
                             std::to_string(outputs.size()) + " outputs.");
    }
    std::vector<std::pair<size_t, array>> seeds;
    for (size_t i = 0; i < outputs.size(); ++i) {
      check_like(outputs[i], cotangents[i], "vjp", "cotangent");
      seeds.emplace_back(i, cotangents[i]);
    }
    return seeds;
  });
}

std::pair<std::vector<array>, std::vector<array>> jvp(const ArrayFn& fun,
                                                      const std::vector<array>& primals,
                                                      const std::vector<array>& tangents) {
  if (tangents.size() != primals.size()) {
    throw_value("jvp", "Got " + std::to_string(tangents.size()) + " tangents for " +
                           std::to_string(primals.size()) + " primals.");
  }
  auto inputs = trace_inputs(primals);
  std::vector<array> outputs = call_traced(fun, inputs);
  std::unordered_map<const void*, array> tan;
  for (size_t i = 0; i < inputs.size(); ++i) {
    check_like(primals[i], tangents[i], "jvp", "tangent");
    tan.emplace(inputs[i].id(), astype(tangents[i], primals[i].dtype()));
  }
  for (auto& np : active_tape(inputs, outputs, true)) {
    Node& n = *np;
    std::vector<int> argnums;
    std::vector<array> ts;
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      auto t = tan.find(n.inputs[k].id());
      if (t != tan.end()) {
        argnums.push_back(static_cast<int>(k));
        ts.push_back(t->second);
      }
    }
    if (argnums.empty()) continue;
    std::vector<array> outs = node_outputs(n);
    auto out_t = kJvpRules[static_cast<int>(n.primitive->kind())](*n.primitive, n.inputs, ts,
                                                                   argnums, outs);
    for (size_t k = 0; k < outs.size(); ++k) tan.insert_or_assign(outs[k].id(), out_t[k]);
  }
  std::vector<array> out_tangents;
  for (const auto& o : outputs) {
    auto t = tan.find(o.id());
    out_tangents.push_back(t != tan.end() ? t->second : zeros_of(o.shape(), o.dtype()));
  }
  untrace(outputs);
  untrace(out_tangents);
  untrace(inputs);
  return {outputs, out_tangents};
}

ValueAndGradFn value_and_grad(const ArrayFn& fun, const std::vector<int>& argnums) {
  return [fun, argnums](const std::vector<array>& args) {
    if (argnums.empty()) throw_value("value_and_grad", "argnums must not be empty.");
    std::vector<array> diff;
    for (int a : argnums) {
      if (a < 0 || a >= static_cast<int>(args.size())) {
        throw_value("value_and_grad", "argnums " + std::to_string(a) +
                                          " is out of range for a function of " +
                                          std::to_string(args.size()) + " arguments.");
      }
      diff.push_back(args[a]);
    }
    auto wrapped = [&](const std::vector<array>& xs) {
      std::vector<array> full = args;
      for (size_t i = 0; i < argnums.size(); ++i) full[argnums[i]] = xs[i];
      return fun(full);
    };
    return vjp_seeded(wrapped, diff, [](const std::vector<array>& outs) {
      if (outs.empty() || outs[0].size() != 1) {
        throw_value("value_and_grad",
                    "The function must return a scalar (one element) as its first output, got shape " +
                        (outs.empty() ? std::string("nothing") : shape_str(outs[0].shape())) + ".");
      }
      return std::vector<std::pair<size_t, array>>{{0, array(1.0f, outs[0].dtype())}};
    });
  };
}

namespace detail {
bool in_transform() { return transform_depth > 0; }
} // namespace detail

std::function<std::vector<array>(const std::vector<array>&)> grad(const ArrayFn& fun,
                                                                  const std::vector<int>& argnums) {
  auto vg = value_and_grad(fun, argnums);
  return [vg](const std::vector<array>& args) { return vg(args).second; };
}

} // namespace mxg
