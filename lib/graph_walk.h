// Internal: the one walk behind every graph dump (DOT, text, JSON), so they share
// their ids. Ids are positions in a topological order, never addresses.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "mxgraph/array.h"

namespace mxg::detail {

/// The graph behind some outputs, numbered: array i is `a<i>` / `%i`, node i `p<i>`.
struct GraphView {
  std::vector<array> arrays;                 // topological order (inputs first)
  std::vector<std::shared_ptr<Node>> nodes;  // pending nodes, topological order
  std::unordered_map<const void*, size_t> array_id;
  std::unordered_map<const Node*, size_t> node_id;
  std::unordered_map<const void*, std::string> label; // from the names given
  std::unordered_set<const void*> is_output;
  std::vector<array> outputs;
  // The node cap keeps the end of both orders (closest to the outputs).
  size_t first_array = 0, first_node = 0;

  bool elided() const { return first_array > 0 || first_node > 0; }
  bool shown(const array& a) const {
    auto it = array_id.find(a.id());
    return it != array_id.end() && it->second >= first_array;
  }
  /// Id of an array in the view (it must be in it).
  size_t id(const array& a) const { return array_id.at(a.id()); }
};

/// True for an array drawn as an input (data present, not a transform's pending tracer).
inline bool is_input(const array& a) { return a.is_evaluated() && !(a.is_tracer() && a.has_primitive()); }

/// Walks and numbers the graph of `outputs` (and of the named arrays) without
/// recursion; past `max_nodes` arrays + primitives, the earliest ones are elided.
GraphView view_graph(const std::vector<array>& outputs,
                     const std::vector<std::pair<std::string, array>>& names, size_t max_nodes);

} // namespace mxg::detail
