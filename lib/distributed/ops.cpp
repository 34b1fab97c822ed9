// The distributed ops: argument checks and shapes at the call, then a pending
// primitive. A group of one process needs no communication: collectives return
// their input (all_gather of a 0-d array gives shape (1,)).
#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/distributed.h"

namespace mxg::distributed {
namespace {

using detail::Reduce;

Group resolve(const std::optional<Group>& g) { return g ? *g : init(); }

array reduce(const array& x, const std::optional<Group>& group, Reduce r, const char* op,
             const StreamOrDevice& s) {
  if (r != Reduce::Sum && is_complex(x.dtype())) {
    throw_value(op, "Complex numbers have no order. Reduce the real and imaginary parts apart.");
  }
  Group g = resolve(group);
  if (g.size() == 1) return x;
  return array(x.shape(), x.dtype(), std::make_shared<AllReduce>(to_stream(s, op), g, r), {x});
}

void check_peer(const Group& g, int peer, const char* op, const char* what) {
  if (g.size() == 1) {
    throw_value(op, "The group has a single process, so there is no rank to talk to. "
                    "Launch several processes (mpirun -np 2 ...).");
  }
  if (peer < 0 || peer >= g.size()) {
    throw_value(op, std::string(what) + " " + std::to_string(peer) + " is not a rank of this group of " +
                        std::to_string(g.size()) + ".");
  }
  if (peer == g.rank()) {
    throw_value(op, std::string(what) + " is this process's own rank " + std::to_string(peer) +
                        ". Choose another rank.");
  }
}

} // namespace

array all_sum(const array& x, std::optional<Group> group, StreamOrDevice s) {
  return reduce(x, group, Reduce::Sum, "all_sum", s);
}
array all_max(const array& x, std::optional<Group> group, StreamOrDevice s) {
  return reduce(x, group, Reduce::Max, "all_max", s);
}
array all_min(const array& x, std::optional<Group> group, StreamOrDevice s) {
  return reduce(x, group, Reduce::Min, "all_min", s);
}

array all_gather(const array& x, std::optional<Group> group, StreamOrDevice s) {
  Group g = resolve(group);
  Shape shape = x.shape();
  if (shape.empty()) shape.push_back(g.size());
  else shape[0] *= g.size();
  if (g.size() == 1) return x.ndim() == 0 ? reshape(x, shape, s) : x;
  return array(shape, x.dtype(), std::make_shared<AllGather>(to_stream(s, "all_gather"), g), {x});
}

array sum_scatter(const array& x, std::optional<Group> group, StreamOrDevice s) {
  Group g = resolve(group);
  if (x.ndim() == 0) {
    throw_value("sum_scatter", "The array must have at least one dimension to scatter along.");
  }
  if (x.shape()[0] % g.size() != 0) {
    throw_value("sum_scatter", "The first dimension (" + std::to_string(x.shape()[0]) +
                                   ") must be divisible by the group size (" +
                                   std::to_string(g.size()) + ").");
  }
  if (g.size() == 1) return x;
  Shape shape = x.shape();
  shape[0] /= g.size();
  return array(shape, x.dtype(), std::make_shared<ReduceScatter>(to_stream(s, "sum_scatter"), g), {x});
}

array send(const array& x, int dst, std::optional<Group> group, StreamOrDevice s) {
  Group g = resolve(group);
  check_peer(g, dst, "send", "dst");
  return array(x.shape(), x.dtype(), std::make_shared<Send>(to_stream(s, "send"), g, dst), {x});
}

array recv(const Shape& shape, Dtype dtype, int src, std::optional<Group> group, StreamOrDevice s) {
  Group g = resolve(group);
  check_peer(g, src, "recv", "src");
  for (auto d : shape) {
    if (d < 0) throw_value("recv", "Negative dimension in shape " + shape_str(shape) + ".");
  }
  shape_size(shape, "recv");
  return array(shape, dtype, std::make_shared<Recv>(to_stream(s, "recv"), g, src), {});
}

array recv_like(const array& x, int src, std::optional<Group> group, StreamOrDevice s) {
  return recv(x.shape(), x.dtype(), src, group, s);
}

} // namespace mxg::distributed
