// The shared graph walk: one explicit-stack post-order over arrays; a pending
// array's node is listed right after its inputs, with its sibling outputs.
#include <algorithm>

#include "graph_walk.h"
#include "mxgraph/primitive.h"

namespace mxg::detail {
namespace {

void walk(const std::vector<array>& roots, GraphView& w) {
  std::unordered_set<const void*> seen_arrays;
  std::unordered_set<const Node*> seen_nodes;
  std::vector<std::pair<array, size_t>> stack;
  for (const auto& out : roots) {
    if (!seen_arrays.insert(out.id()).second) continue;
    stack.emplace_back(out, 0);
    while (!stack.empty()) {
      auto& [a, next] = stack.back();
      const auto& node = a.is_evaluated() && !a.is_tracer() ? nullptr : a.node();
      if (node && next < node->inputs.size()) {
        const array& in = node->inputs[next++];
        if (seen_arrays.insert(in.id()).second) stack.emplace_back(in, 0);
        continue;
      }
      if (node && seen_nodes.insert(node.get()).second) {
        // All live outputs of the node are listed with it, in output order.
        w.nodes.push_back(node);
        for (auto& sib : node->outputs) {
          auto d = sib.lock();
          if (d && d.get() == a.id()) w.arrays.push_back(a);
          else if (d && seen_arrays.insert(d.get()).second) w.arrays.emplace_back(d);
        }
      } else {
        w.arrays.push_back(a);
      }
      stack.pop_back();
    }
  }
}

} // namespace

GraphView view_graph(const std::vector<array>& outputs,
                     const std::vector<std::pair<std::string, array>>& names, size_t max_nodes) {
  GraphView w;
  w.outputs = outputs;
  std::vector<array> roots = outputs;
  for (const auto& [n, a] : names) roots.push_back(a); // named arrays are shown even if unused
  walk(roots, w);
  for (size_t i = 0; i < w.arrays.size(); ++i) w.array_id.emplace(w.arrays[i].id(), i);
  for (size_t i = 0; i < w.nodes.size(); ++i) w.node_id.emplace(w.nodes[i].get(), i);
  for (const auto& [n, a] : names) w.label[a.id()] += (w.label[a.id()].empty() ? "" : ", ") + n;
  for (const auto& o : outputs) w.is_output.insert(o.id());

  size_t total = w.arrays.size() + w.nodes.size();
  size_t keep_arrays = w.arrays.size(), keep_nodes = w.nodes.size();
  if (total > max_nodes) {
    double frac = static_cast<double>(max_nodes) / static_cast<double>(total);
    keep_arrays = std::max<size_t>(outputs.size(), static_cast<size_t>(w.arrays.size() * frac));
    keep_nodes = static_cast<size_t>(w.nodes.size() * frac);
  }
  w.first_array = w.arrays.size() - std::min(keep_arrays, w.arrays.size());
  w.first_node = w.nodes.size() - keep_nodes;
  return w;
}

} // namespace mxg::detail
