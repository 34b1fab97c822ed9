// Looking at the graph: statistics, a text dump, JSON and DOT export. All of them
// walk without recursion and number arrays by a topological order (never pointers),
// so the same graph gives the same text, and a 1,000,000-node graph works.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// What evaluating some arrays would involve.
struct GraphStats {
  int64_t pending_nodes = 0;     // primitive applications still to run
  int64_t pending_arrays = 0;    // live pending arrays (outputs of those nodes)
  int64_t depth = 0;             // longest chain of pending nodes
  int64_t bytes_to_allocate = 0; // output bytes of pending nodes; views count 0
  int64_t inputs_held = 0;       // evaluated arrays the pending graph keeps alive
  int64_t input_bytes_held = 0;  // bytes of their (distinct) buffers
  std::vector<std::pair<std::string, int64_t>> per_primitive; // kind -> nodes, sorted by name
};

/// Statistics of the pending graph behind `outputs`. Evaluates nothing.
/// bytes_to_allocate counts every output of every pending node (dead outputs of a
/// multi-output node too, since the kernel writes them), except the view
/// primitives (Reshape, Transpose, Broadcast, Slice, AsStrided, View) which share
/// their input's buffer; it ignores buffer donation, so it is an upper bound.
GraphStats graph_stats(const std::vector<array>& outputs);

/// The statistics as the few lines of text the CLI prints.
std::string to_string(const GraphStats& stats);

struct DotOptions {
  /// Past this many nodes (arrays and primitives), the ones farthest from the
  /// outputs are elided into one summary node.
  size_t max_nodes = 2000;
  /// Graphviz layout direction: "TB" (top to bottom) or "LR", "BT", "RL".
  std::string rankdir = "TB";
};

/// Writes the graph that computes `outputs` as Graphviz DOT. `names` label arrays
/// (inputs or intermediates) in the drawing. Evaluated arrays are inputs (grey
/// boxes), pending arrays are ellipses, outputs are bold; primitives are rounded
/// boxes with their key parameters; edges into a primitive carry the argument
/// position when it has more than one input. The same graph gives the same text.
void export_to_dot(std::ostream& os, const std::vector<array>& outputs,
                   const std::vector<std::pair<std::string, array>>& names = {},
                   const DotOptions& options = {});

struct PrintGraphOptions {
  /// Past this many nodes (arrays and primitives) the earliest are elided (as DOT).
  size_t max_nodes = 2000;
};

/// Writes the graph as text: the inputs (id, name, dtype[shape]), one line per
/// primitive in topological order (`%5 = Binary(add)(%3, %4) : float32[2,3]`;
/// several outputs are `%5, %6 = ...`, a dead one `_`), then the outputs. Ids are
/// the DOT export's (`%5` is `a5` there).
void print_graph(std::ostream& os, const std::vector<array>& outputs,
                 const std::vector<std::pair<std::string, array>>& names = {},
                 const PrintGraphOptions& options = {});

/// The same graph as JSON: {"nodes": [...], "edges": [...], "outputs": [...],
/// "elided": {...}}; array nodes carry id "a<i>", shape, dtype, state
/// ("input" | "pending"), name; operation nodes id "p<i>", "op" (the printed
/// primitive with its parameters) and "params" (its declared parameters by name,
/// `{}` for a kind without them); edges go from->to with "arg" on inputs.
std::string graph_to_json(const std::vector<array>& outputs,
                          const std::vector<std::pair<std::string, array>>& names = {},
                          const PrintGraphOptions& options = {});

} // namespace mxg
