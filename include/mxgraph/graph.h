// Looking at the graph: DOT export (deterministic: stable ids from a topological
// order, never pointers).
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

struct DotOptions {
  /// Past this many nodes (arrays and primitives), the ones farthest from the
  /// outputs are elided into one summary node.
  size_t max_nodes = 2000;
};

/// Writes the graph that computes `outputs` as Graphviz DOT. `names` label arrays
/// (inputs or intermediates) in the drawing. Evaluated arrays are inputs (grey
/// boxes), pending arrays are ellipses, outputs are bold; primitives are rounded
/// boxes with their key parameters; edges into a primitive carry the argument
/// position when it has more than one input. The same graph gives the same text.
void export_to_dot(std::ostream& os, const std::vector<array>& outputs,
                   const std::vector<std::pair<std::string, array>>& names = {},
                   const DotOptions& options = {});

} // namespace mxg
