// DOT export: one explicit-stack walk gives a topological order; ids are positions
// in it, so the text does not depend on addresses.
#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "mxgraph/graph.h"
#include "mxgraph/primitive.h"
#include "ops/utils.h"

namespace mxg {
namespace {

struct Walk {
  std::vector<array> arrays;                 // topological order (inputs first)
  std::vector<std::shared_ptr<Node>> nodes;  // pending nodes, topological order
};

// Post-order over arrays; a pending array's node is emitted right after its inputs.
Walk walk(const std::vector<array>& outputs) {
  Walk w;
  std::unordered_set<const void*> seen_arrays;
  std::unordered_set<const Node*> seen_nodes;
  std::vector<std::pair<array, size_t>> stack;
  for (const auto& out : outputs) {
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
        // Siblings (other outputs of the node) are listed with it.
        w.nodes.push_back(node);
        for (auto& sib : node->outputs) {
          auto d = sib.lock();
          if (d && d.get() != a.id() && seen_arrays.insert(d.get()).second) w.arrays.emplace_back(d);
        }
      }
      w.arrays.push_back(a);
      stack.pop_back();
    }
  }
  return w;
}

std::string escape(const std::string& s) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    r += c;
  }
  return r;
}

} // namespace

void export_to_dot(std::ostream& os, const std::vector<array>& outputs,
                   const std::vector<std::pair<std::string, array>>& names,
                   const DotOptions& options) {
  std::vector<array> roots = outputs;
  for (const auto& [n, a] : names) roots.push_back(a); // named arrays are drawn even if unused
  Walk w = walk(roots);
  std::unordered_map<const void*, size_t> array_id;
  for (size_t i = 0; i < w.arrays.size(); ++i) array_id.emplace(w.arrays[i].id(), i);
  std::unordered_map<const Node*, size_t> node_id;
  for (size_t i = 0; i < w.nodes.size(); ++i) node_id.emplace(w.nodes[i].get(), i);
  std::unordered_map<const void*, std::string> label;
  for (const auto& [n, a] : names) label[a.id()] += (label[a.id()].empty() ? "" : ", ") + n;
  std::unordered_set<const void*> is_output;
  for (const auto& o : outputs) is_output.insert(o.id());

  // The cap keeps the nodes closest to the outputs (the end of the order).
  size_t total = w.arrays.size() + w.nodes.size();
  size_t keep_arrays = w.arrays.size(), keep_nodes = w.nodes.size();
  if (total > options.max_nodes) {
    double frac = static_cast<double>(options.max_nodes) / static_cast<double>(total);
    keep_arrays = std::max<size_t>(outputs.size(), static_cast<size_t>(w.arrays.size() * frac));
    keep_nodes = static_cast<size_t>(w.nodes.size() * frac);
  }
  size_t first_array = w.arrays.size() - std::min(keep_arrays, w.arrays.size());
  size_t first_node = w.nodes.size() - keep_nodes;
  auto shown_array = [&](const array& a) {
    auto it = array_id.find(a.id());
    return it != array_id.end() && it->second >= first_array;
  };

  os << "digraph mxgraph {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  bool elided = first_array > 0 || first_node > 0;
  if (elided) {
    os << "  elided [shape=note, style=dashed, label=\"" << first_array << " arrays and "
       << first_node << " operations not shown\"];\n";
  }
  for (size_t i = first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    std::string text = label.count(a.id()) ? label[a.id()] + "\\n" : "";
    text += escape(shape_str(a.shape())) + " " + dtype_name(a.dtype());
    bool input = a.is_evaluated() && !(a.is_tracer() && a.has_primitive());
    os << "  a" << i << " [label=\"" << text << "\", ";
    if (input) os << "shape=box, style=filled, fillcolor=\"#e0e0e0\"";
    else os << "shape=ellipse";
    if (is_output.count(a.id())) os << (input ? ", penwidth=2" : ", style=bold, penwidth=2");
    os << "];\n";
  }
  for (size_t i = first_node; i < w.nodes.size(); ++i) {
    const Node& n = *w.nodes[i];
    os << "  p" << i << " [shape=box, style=rounded, label=\"" << escape(describe(*n.primitive))
       << "\"];\n";
    bool several = n.inputs.size() > 1;
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      const array& in = n.inputs[k];
      if (shown_array(in)) os << "  a" << array_id[in.id()];
      else os << "  elided";
      os << " -> p" << i;
      if (several) os << " [label=\"" << k << "\"]";
      os << ";\n";
    }
    for (auto& o : n.outputs) {
      auto d = o.lock();
      if (d && array_id.count(d.get()) && array_id[d.get()] >= first_array) {
        os << "  p" << i << " -> a" << array_id[d.get()] << ";\n";
      }
    }
  }
  // Shown arrays made by an elided operation hang off the summary node.
  for (size_t i = first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    if (a.is_evaluated() && !(a.is_tracer() && a.has_primitive())) continue;
    auto it = node_id.find(a.node().get());
    if (it != node_id.end() && it->second < first_node) os << "  elided -> a" << i << ";\n";
  }
  os << "}\n";
}

} // namespace mxg
