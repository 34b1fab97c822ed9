// Text and JSON dumps over the shared numbered walk (graph_walk.h).
#include <sstream>

#include "graph_walk.h"
#include "mxgraph/graph.h"
#include "mxgraph/primitive.h"
#include "primitives/params.h"

namespace mxg {
namespace {

// dtype[d0,d1] (float32[] for 0-d).
std::string type_str(const array& a) {
  std::string s = std::string(dtype_name(a.dtype())) + "[";
  for (int i = 0; i < a.ndim(); ++i) s += (i ? "," : "") + std::to_string(a.shape()[i]);
  return s + "]";
}

std::string ref(const detail::GraphView& w, const array& a) {
  return w.shown(a) ? "%" + std::to_string(w.id(a)) : "%" + std::to_string(w.id(a)) + "?";
}

std::string named(const detail::GraphView& w, const array& a) {
  auto it = w.label.find(a.id());
  return it == w.label.end() ? "" : " " + it->second;
}

std::string json_str(const std::string& s) {
  std::string r = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    if (c == '\n') { r += "\\n"; continue; }
    r += c;
  }
  return r + "\"";
}

void write_node_line(std::ostream& os, const detail::GraphView& w, const Node& n) {
  for (size_t k = 0; k < n.outputs.size(); ++k) {
    auto d = n.outputs[k].lock();
    os << (k ? ", " : "") << (d && w.shown(array(d)) ? "%" + std::to_string(w.id(array(d))) : "_");
  }
  os << " = " << describe(*n.primitive) << "(";
  for (size_t k = 0; k < n.inputs.size(); ++k) os << (k ? ", " : "") << ref(w, n.inputs[k]);
  os << ") : ";
  for (size_t k = 0; k < n.outputs.size(); ++k) {
    auto d = n.outputs[k].lock();
    if (k) os << ", ";
    if (d) os << type_str(array(d));
    else os << dtype_name(n.output_dtypes.at(k)) << "[...]";
  }
  std::string names;
  for (auto& o : n.outputs) {
    auto d = o.lock();
    if (d) names += named(w, array(d));
  }
  if (!names.empty()) os << "  #" << names;
  os << "\n";
}

} // namespace

void print_graph(std::ostream& os, const std::vector<array>& outputs,
                 const std::vector<std::pair<std::string, array>>& names,
                 const PrintGraphOptions& options) {
  auto w = detail::view_graph(outputs, names, options.max_nodes);
  os << "inputs:\n";
  for (size_t i = w.first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    if (detail::is_input(a)) os << "  %" << i << named(w, a) << " : " << type_str(a) << "\n";
  }
  if (w.elided()) {
    os << "... " << w.first_array << " arrays and " << w.first_node
       << " operations not shown (%i? marks their arrays)\n";
  }
  for (size_t i = w.first_node; i < w.nodes.size(); ++i) write_node_line(os, w, *w.nodes[i]);
  os << "outputs:";
  for (const auto& o : outputs) os << " %" << w.id(o) << named(w, o);
  os << "\n";
}

std::string graph_to_json(const std::vector<array>& outputs,
                          const std::vector<std::pair<std::string, array>>& names,
                          const PrintGraphOptions& options) {
  auto w = detail::view_graph(outputs, names, options.max_nodes);
  std::ostringstream os;
  os << "{\"nodes\": [";
  bool first = true;
  auto sep = [&] { os << (first ? "\n  " : ",\n  "); first = false; };
  for (size_t i = w.first_array; i < w.arrays.size(); ++i) {
    const array& a = w.arrays[i];
    sep();
    os << "{\"id\": \"a" << i << "\", \"kind\": \"array\", \"shape\": [";
    for (int d = 0; d < a.ndim(); ++d) os << (d ? ", " : "") << a.shape()[d];
    os << "], \"dtype\": \"" << dtype_name(a.dtype()) << "\", \"state\": \""
       << (detail::is_input(a) ? "input" : "pending") << "\"";
    auto it = w.label.find(a.id());
    if (it != w.label.end()) os << ", \"name\": " << json_str(it->second);
    os << ", \"output\": " << (w.is_output.count(a.id()) ? "true" : "false") << "}";
  }
  for (size_t i = w.first_node; i < w.nodes.size(); ++i) {
    sep();
    os << "{\"id\": \"p" << i << "\", \"kind\": \"op\", \"op\": "
       << json_str(describe(*w.nodes[i]->primitive)) << ", \"params\": ";
    params_json(os, *w.nodes[i]->primitive);
    os << "}";
  }
  os << "\n], \"edges\": [";
  first = true;
  for (size_t i = w.first_node; i < w.nodes.size(); ++i) {
    const Node& n = *w.nodes[i];
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      sep();
      std::string from = w.shown(n.inputs[k]) ? "a" + std::to_string(w.id(n.inputs[k])) : "elided";
      os << "{\"from\": \"" << from << "\", \"to\": \"p" << i << "\", \"arg\": " << k << "}";
    }
    for (auto& o : n.outputs) {
      auto d = o.lock();
      if (!d || !w.shown(array(d))) continue;
      sep();
      os << "{\"from\": \"p" << i << "\", \"to\": \"a" << w.id(array(d)) << "\"}";
    }
  }
  os << "\n], \"outputs\": [";
  for (size_t k = 0; k < outputs.size(); ++k) os << (k ? ", " : "") << "\"a" << w.id(outputs[k]) << "\"";
  os << "], \"elided\": {\"arrays\": " << w.first_array << ", \"ops\": " << w.first_node << "}}\n";
  return os.str();
}

} // namespace mxg
