// Distributed communication over MPI (mx.distributed): process groups and the
// collectives, which are lazy primitives like any other op. MPI is loaded at run
// time, so the library builds and runs on machines without it; a group of one
// process needs no MPI and makes every collective an identity.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "mxgraph/array.h"
#include "mxgraph/device.h"

namespace mxg::distributed {

struct GroupImpl;

/// A set of communicating processes; this process is rank() of size().
class Group {
 public:
  explicit Group(std::shared_ptr<GroupImpl> impl);
  int rank() const;
  int size() const;
  /// The subgroup of the ranks that pass the same `color`, ordered by `key`
  /// (-1: by current rank). Every rank of this group must call it.
  Group split(int color, int key = -1) const;
  const std::shared_ptr<GroupImpl>& impl() const { return impl_; }

 private:
  std::shared_ptr<GroupImpl> impl_;
};

/// True when a communication backend ("any" or "mpi") can be loaded.
bool is_available(const std::string& backend = "any");

/// Starts the backend (once) and returns the group of all processes. Without a
/// launcher (mpirun) or without MPI the group has size 1, unless `strict`, which
/// raises when no backend can be loaded.
Group init(bool strict = false, const std::string& backend = "any");

/// Sum, max and min of `x` over the group; every rank gets the result.
array all_sum(const array& x, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
array all_max(const array& x, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
array all_min(const array& x, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
/// The ranks' arrays concatenated along axis 0 (a 0-d x gives shape (size,)).
array all_gather(const array& x, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
/// The sum over the group, split along axis 0; rank r keeps part r.
array sum_scatter(const array& x, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
/// Sends `x` to rank `dst` when the returned array (equal to x) is evaluated.
array send(const array& x, int dst, std::optional<Group> group = std::nullopt, StreamOrDevice s = {});
/// Receives an array of the given shape and dtype from rank `src`.
array recv(const Shape& shape, Dtype dtype, int src, std::optional<Group> group = std::nullopt,
           StreamOrDevice s = {});
array recv_like(const array& x, int src, std::optional<Group> group = std::nullopt,
                StreamOrDevice s = {});

} // namespace mxg::distributed
