// custom_function and checkpoint: the forward pass runs `fun` as usual; its outputs
// enter a Custom node, whose rules call the user's vjp / jvp or, without one,
// differentiate `fun` again on the primals (recomputation).
#include "mxgraph/ops.h"
#include "mxgraph/transforms.h"
#include "ops/utils.h"
#include "primitives/custom.h"
#include "primitives/grad_rules.h"

namespace mxg {
namespace {

// `got` checked against the array it belongs to, cast to its dtype.
array conform(const array& got, const array& like, const std::string& op, const char* what) {
  if (got.shape() != like.shape()) {
    throw_value(op.c_str(), std::string("The custom ") + what + " has shape " + shape_str(got.shape()) +
                        " where " + shape_str(like.shape()) + " was expected.");
  }
  return got.dtype() == like.dtype() ? got : astype(got, like.dtype());
}

void check_count(size_t got, size_t want, const std::string& op, const char* what) {
  if (got != want) {
    throw_value(op.c_str(), "The custom " + std::string(what) + " returned " + std::to_string(got) +
                        " arrays for " + std::to_string(want) + " expected.");
  }
}

Custom::VjpFn vjp_rule(ArrayFn fun, CustomVjpFn vjp_fn, size_t k, std::string op) {
  return [fun, vjp_fn, k, op](const std::vector<array>& inputs,
                              const std::vector<array>& cotangents,
                              const std::vector<int>& argnums, const std::vector<array>& outputs) {
    std::vector<array> primals(inputs.begin(), inputs.begin() + k);
    std::vector<array> all;
    if (vjp_fn) {
      all = vjp_fn(primals, cotangents, outputs);
    } else {
      // Recompute only once the cotangents exist, so the recomputed intermediates
      // are not live while the rest of the backward pass runs.
      all = vjp(fun, depends(primals, cotangents), cotangents).second;
    }
    check_count(all.size(), k, op, "vjp");
    std::vector<array> res;
    for (int a : argnums) res.push_back(conform(all[a], primals[a], op, "vjp's cotangent"));
    return res;
  };
}

Custom::JvpFn jvp_rule(ArrayFn fun, CustomJvpFn jvp_fn, size_t k, std::string op) {
  return [fun, jvp_fn, k, op](const std::vector<array>& inputs, const std::vector<array>& tangents,
                              const std::vector<int>& argnums) {
    std::vector<array> primals(inputs.begin(), inputs.begin() + k);
    std::vector<array> out;
    if (jvp_fn) {
      out = jvp_fn(primals, tangents, argnums);
    } else {
      std::vector<array> full;
      for (const auto& p : primals) full.push_back(zeros_of(p.shape(), p.dtype()));
      for (size_t i = 0; i < argnums.size(); ++i) full[argnums[i]] = tangents[i];
      out = jvp(fun, primals, full).second;
    }
    size_t n = inputs.size() - k;
    check_count(out.size(), n, op, "jvp");
    for (size_t j = 0; j < n; ++j) out[j] = conform(out[j], inputs[k + j], op, "jvp's tangent");
    return out;
  };
}

ArrayFn make_custom(ArrayFn fun, CustomVjpFn vjp_fn, CustomJvpFn jvp_fn, std::string op) {
  if (!fun) throw_value(op.c_str(), "The function must not be empty.");
  return [fun, vjp_fn, jvp_fn, op](const std::vector<array>& args) {
    std::vector<array> outs = fun(args);
    if (outs.empty()) return outs;
    std::vector<array> inputs = args;
    std::vector<Shape> shapes;
    std::vector<Dtype> dtypes;
    for (const auto& o : outs) {
      // Not a tracer: transforms do not walk (or keep alive) the forward graph
      // behind it, and evaluation frees that graph as it goes.
      array v = stop_gradient(o);
      v.set_tracer(false);
      inputs.push_back(v);
      shapes.push_back(o.shape());
      dtypes.push_back(o.dtype());
    }
    size_t k = args.size();
    auto prim = std::make_shared<Custom>(to_stream({}, op.c_str()), op, static_cast<int>(k),
                                         vjp_rule(fun, vjp_fn, k, op),
                                         jvp_rule(fun, jvp_fn, k, op), fun);
    return array::make_arrays(std::move(shapes), std::move(dtypes), std::move(prim),
                              std::move(inputs));
  };
}

} // namespace

ArrayFn custom_function(ArrayFn fun, CustomVjpFn vjp_fn, CustomJvpFn jvp_fn) {
  return make_custom(std::move(fun), std::move(vjp_fn), std::move(jvp_fn), "custom_function");
}

ArrayFn checkpoint(ArrayFn fun) {
  return make_custom(std::move(fun), nullptr, nullptr, "checkpoint");
}

} // namespace mxg
