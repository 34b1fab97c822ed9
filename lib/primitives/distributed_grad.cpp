// vjp / jvp rules of the distributed primitives, with MLX's conventions: the loss
// downstream of a collective is the same on every rank, so the vjp of all_sum
// passes the cotangent through (the jvp sums the tangents), all_gather's vjp keeps
// this rank's block, and sum_scatter's vjp gathers the cotangents.
#include "mxgraph/ops.h"
#include "primitives/distributed.h"
#include "primitives/grad_rules.h"

namespace mxg {

namespace {

const distributed::Group& group_of(const Primitive& p) {
  return static_cast<const DistributedPrimitive&>(p).group();
}

[[noreturn]] void no_derivative(const char* op) {
  throw std::invalid_argument(std::string("[") + op +
                              "] send and recv have no derivative. Wrap them in stop_gradient or "
                              "move them out of the differentiated function.");
}

} // namespace

std::vector<array> vjp_AllReduce(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& cotangents, const std::vector<int>&,
                                 const std::vector<array>& outputs) {
  const auto& r = static_cast<const AllReduce&>(p);
  if (r.op() == AllReduce::Op::Sum) return {cotangents[0]};
  // max / min: the cotangent flows to the ranks that hold the extreme value.
  const array& x = primals[0];
  return {where(equal(x, outputs[0]), cotangents[0], zeros_of({}, cotangents[0].dtype()))};
}

std::vector<array> jvp_AllReduce(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>& outputs) {
  const auto& r = static_cast<const AllReduce&>(p);
  const auto& g = group_of(p);
  if (r.op() == AllReduce::Op::Sum) return {distributed::all_sum(tangents[0], g, p.stream())};
  // The tangent of the winning rank (averaged over ties).
  array mask = equal(primals[0], outputs[0]);
  Dtype t = tangents[0].dtype();
  array num = distributed::all_sum(where(mask, tangents[0], zeros_of({}, t)), g, p.stream());
  return {divide(num, distributed::all_sum(astype(mask, t), g, p.stream()))};
}

std::vector<array> vjp_AllGather(const Primitive& p, const std::vector<array>& primals,
                                 const std::vector<array>& cotangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  const array& x = primals[0];
  const array& c = cotangents[0];
  int64_t n = x.ndim() == 0 ? 1 : x.shape()[0];
  Shape start(c.ndim(), 0), stop = c.shape();
  start[0] = group_of(p).rank() * n;
  stop[0] = start[0] + n;
  return {reshape(slice(c, start, stop), x.shape())};
}

std::vector<array> jvp_AllGather(const Primitive& p, const std::vector<array>&,
                                 const std::vector<array>& tangents, const std::vector<int>&,
                                 const std::vector<array>&) {
  return {distributed::all_gather(tangents[0], group_of(p), p.stream())};
}

std::vector<array> vjp_ReduceScatter(const Primitive& p, const std::vector<array>&,
                                     const std::vector<array>& cotangents, const std::vector<int>&,
                                     const std::vector<array>&) {
  return {distributed::all_gather(cotangents[0], group_of(p), p.stream())};
}

std::vector<array> jvp_ReduceScatter(const Primitive& p, const std::vector<array>&,
                                     const std::vector<array>& tangents, const std::vector<int>&,
                                     const std::vector<array>&) {
  return {distributed::sum_scatter(tangents[0], group_of(p), p.stream())};
}

std::vector<array> vjp_Send(const Primitive&, const std::vector<array>&, const std::vector<array>&,
                            const std::vector<int>&, const std::vector<array>&) {
  no_derivative("send");
}

std::vector<array> jvp_Send(const Primitive&, const std::vector<array>&, const std::vector<array>&,
                            const std::vector<int>&, const std::vector<array>&) {
  no_derivative("send");
}

// Recv has no inputs: its output is a constant of the traced function.
std::vector<array> vjp_Recv(const Primitive&, const std::vector<array>& primals,
                            const std::vector<array>&, const std::vector<int>& argnums,
                            const std::vector<array>&) {
  return zero_vjp(primals, argnums);
}

std::vector<array> jvp_Recv(const Primitive&, const std::vector<array>&, const std::vector<array>&,
                            const std::vector<int>&, const std::vector<array>& outputs) {
  return zero_jvp(outputs);
}

} // namespace mxg
