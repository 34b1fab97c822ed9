// Rules of the Custom primitive: they call the callbacks the node was built with.
#include "primitives/custom.h"
#include "primitives/grad_rules.h"

namespace mxg {

std::vector<array> vjp_Custom(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& cotangents,
                              const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& c = static_cast<const Custom&>(p);
  // An output nobody holds reaches here as zeros; the value it aliases is an input.
  std::vector<array> outs = outputs;
  size_t first = primals.size() - outputs.size();
  for (size_t j = 0; j < outs.size(); ++j) {
    if (!outs[j].has_primitive() || &outs[j].primitive() != &p) outs[j] = primals[first + j];
  }
  std::vector<int> args;
  for (int a : argnums) {
    if (a < c.num_args()) args.push_back(a);
  }
  std::vector<array> got = c.vjp()(primals, cotangents, args, outs);
  // Inputs past the arguments are values, not arguments: they get zeros.
  std::vector<array> res;
  size_t k = 0;
  for (int a : argnums) {
    res.push_back(a < c.num_args() ? got.at(k++)
                                   : zeros_of(primals[a].shape(), primals[a].dtype()));
  }
  return res;
}

std::vector<array> jvp_Custom(const Primitive& p, const std::vector<array>& primals,
                              const std::vector<array>& tangents,
                              const std::vector<int>& argnums,
                              const std::vector<array>& outputs) {
  const auto& c = static_cast<const Custom&>(p);
  std::vector<int> args;
  std::vector<array> ts;
  for (size_t i = 0; i < argnums.size(); ++i) {
    if (argnums[i] < c.num_args()) {
      args.push_back(argnums[i]);
      ts.push_back(tangents[i]);
    }
  }
  if (args.empty()) return zero_jvp(outputs);
  return c.jvp()(primals, ts, args);
}

} // namespace mxg
