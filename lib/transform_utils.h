// Pieces shared by the graph transforms (autodiff, vmap): tracing a function and
// finding the nodes between a transform's inputs and outputs, without recursion.
#pragma once

#include <memory>
#include <vector>

#include "mxgraph/transforms.h"

namespace mxg::detail {

/// Calls `fun` with this thread's transform depth raised.
std::vector<array> call_traced(const ArrayFn& fun, const std::vector<array>& inputs);
/// Clears the tracer mark of results leaving the outermost transform.
void untrace(std::vector<array>& outputs);
/// The nodes that depend on `inputs` (arrays with nodes, taken as leaves) and lead
/// to `outputs`, in topological order.
std::vector<std::shared_ptr<Node>> active_tape(const std::vector<array>& inputs,
                                               const std::vector<array>& outputs,
                                               bool stop_at_stop_gradient = false);
/// vmap's core: the outputs of `fun` batched along axis 0, or as they are where they
/// depend on no mapped argument (flag false); the callers place the batch axis.
std::pair<std::vector<array>, std::vector<bool>> vmap_flat(const ArrayFn& fun,
                                                          const std::vector<int>& in_axes,
                                                          const std::vector<array>& args);
/// The size of the first mapped argument's mapped axis (1 if none).
int64_t mapped_size(const std::vector<int>& in_axes, const std::vector<array>& args);
/// The outputs of a node (zeros for outputs nobody holds any more).
std::vector<array> node_outputs(const Node& n);

} // namespace mxg::detail
