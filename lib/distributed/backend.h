// The communication layer under the distributed primitives: process groups and
// blocking collectives on contiguous buffers, with a deadline (MXGRAPH_DIST_TIMEOUT
// seconds) that turns a hang into an error naming the rank and the operation.
#pragma once

#include <string>

#include "mxgraph/array.h"
#include "mxgraph/distributed.h"

namespace mxg::distributed {

/// A group: an MPI communicator, or none for a single process.
struct GroupImpl {
  void* comm = nullptr; // MPI_Comm (Open MPI: a pointer)
  int rank = 0;
  int size = 1;
  // Set after a timeout or a transport error: the ranks may be out of step, so
  // later collectives on this group fail at once instead of matching stale ones.
  std::string broken;
};

namespace detail {

enum class Reduce { Sum, Max, Min };

/// Seconds a collective may wait for the other ranks (<= 0: no limit, blocking MPI).
double timeout_seconds();

// Each call checks first that every rank passes the same operation, shape and
// dtype (raising ValueError otherwise), then moves the data. `in` is row-contiguous
// and `out` has its buffer.
void all_reduce(GroupImpl& g, const array& in, array& out, Reduce r, const char* op);
void all_gather(GroupImpl& g, const array& in, array& out, const char* op);
void reduce_scatter(GroupImpl& g, const array& in, array& out, const char* op);
void send(GroupImpl& g, const array& in, int dst, const char* op);
void recv(GroupImpl& g, array& out, int src, const char* op);

} // namespace detail
} // namespace mxg::distributed
