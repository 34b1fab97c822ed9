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
/// The outputs of a node (zeros for outputs nobody holds any more).
std::vector<array> node_outputs(const Node& n);

} // namespace mxg::detail
