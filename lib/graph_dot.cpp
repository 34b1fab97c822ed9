// DOT export over the shared numbered walk (graph_walk.h), so ids match the text dump.
#include <sstream>

#include "graph_walk.h"
#include "mxgraph/graph.h"
#include "mxgraph/primitive.h"
#include "ops/utils.h"

namespace mxg {
namespace {

std::string escape(const std::string& s) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    r += c;
  }
  return r;
}

void write_arrays(std::ostream& os, const detail::GraphView& w) {
  for (size_t i = w.first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    auto lit = w.label.find(a.id());
    std::string text = lit != w.label.end() ? escape(lit->second) + "\\n" : "";
    text += escape(shape_str(a.shape())) + " " + dtype_name(a.dtype());
    bool input = detail::is_input(a);
    os << "  a" << i << " [label=\"" << text << "\", ";
    if (input) os << "shape=box, style=filled, fillcolor=\"#e0e0e0\"";
    else os << "shape=ellipse";
    if (w.is_output.count(a.id())) os << (input ? ", penwidth=2" : ", style=bold, penwidth=2");
    os << "];\n";
  }
}

void write_nodes(std::ostream& os, const detail::GraphView& w) {
  for (size_t i = w.first_node; i < w.nodes.size(); ++i) {
    const Node& n = *w.nodes[i];
    os << "  p" << i << " [shape=box, style=rounded, label=\"" << escape(describe(*n.primitive))
       << "\"];\n";
    bool several = n.inputs.size() > 1;
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      const array& in = n.inputs[k];
      if (w.shown(in)) os << "  a" << w.id(in);
      else os << "  elided";
      os << " -> p" << i;
      if (several) os << " [label=\"" << k << "\"]";
      os << ";\n";
    }
    for (auto& o : n.outputs) {
      auto d = o.lock();
      if (d && w.shown(array(d))) os << "  p" << i << " -> a" << w.id(array(d)) << ";\n";
    }
  }
}

} // namespace

void export_to_dot(std::ostream& os, const std::vector<array>& outputs,
                   const std::vector<std::pair<std::string, array>>& names,
                   const DotOptions& options) {
  auto w = detail::view_graph(outputs, names, options.max_nodes);
  os << "digraph mxgraph {\n  rankdir=" << options.rankdir
     << ";\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  if (w.elided()) {
    os << "  elided [shape=note, style=dashed, label=\"" << w.first_array << " arrays and "
       << w.first_node << " operations not shown\"];\n";
  }
  write_arrays(os, w);
  write_nodes(os, w);
  // Shown arrays made by an elided operation hang off the summary node.
  for (size_t i = w.first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    if (detail::is_input(a)) continue;
    auto it = w.node_id.find(a.node().get());
    if (it != w.node_id.end() && it->second < w.first_node) os << "  elided -> a" << i << ";\n";
  }
  os << "}\n";
}

} // namespace mxg
