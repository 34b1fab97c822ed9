// Python bindings: graph inspection (statistics, text dump, JSON, DOT export).
#include <sstream>

#include "convert.h"
#include "init.h"
#include "mxgraph/graph.h"
#include "mxgraph/primitive.h"

namespace mxg::python {
namespace {

std::vector<array> arrays_of(const py::args& args, const char* op) {
  std::vector<array> out;
  for (auto a : args) collect_arrays(a, out, op, true);
  return out;
}

std::vector<std::pair<std::string, array>> names_of(const py::kwargs& kwargs, const char* op) {
  std::vector<std::pair<std::string, array>> names;
  for (auto kv : kwargs) {
    std::vector<array> named;
    collect_arrays(kv.second, named, op, true);
    for (auto& a : named) names.emplace_back(py::cast<std::string>(kv.first), a);
  }
  return names;
}

// Writes text to a path or a file-like object (None: sys.stdout).
void write_text(const py::object& file, const std::string& text) {
  py::object f = file.is_none() ? py::module_::import("sys").attr("stdout") : file;
  if (py::hasattr(f, "write")) {
    f.attr("write")(text);
    return;
  }
  py::object g = py::module_::import("builtins").attr("open")(f, "w");
  g.attr("write")(text);
  g.attr("close")();
}

} // namespace

void init_graph(py::module_& m) {
  py::class_<GraphStats>(m, "GraphStats", "What evaluating some arrays would involve.")
      .def_readonly("pending_nodes", &GraphStats::pending_nodes)
      .def_readonly("pending_arrays", &GraphStats::pending_arrays)
      .def_readonly("depth", &GraphStats::depth)
      .def_readonly("bytes_to_allocate", &GraphStats::bytes_to_allocate)
      .def_readonly("inputs_held", &GraphStats::inputs_held)
      .def_readonly("input_bytes_held", &GraphStats::input_bytes_held)
      .def_property_readonly("per_primitive", [](const GraphStats& s) {
        py::dict d;
        for (const auto& [k, v] : s.per_primitive) d[py::str(k)] = v;
        return d;
      })
      .def("__str__", [](const GraphStats& s) { return to_string(s); })
      .def("__repr__", [](const GraphStats& s) {
        std::ostringstream os;
        os << "GraphStats(pending_nodes=" << s.pending_nodes << ", pending_arrays="
           << s.pending_arrays << ", depth=" << s.depth << ", bytes_to_allocate="
           << s.bytes_to_allocate << ", inputs_held=" << s.inputs_held
           << ", input_bytes_held=" << s.input_bytes_held << ", per_primitive={";
        for (size_t i = 0; i < s.per_primitive.size(); ++i) {
          os << (i ? ", " : "") << "'" << s.per_primitive[i].first << "': " << s.per_primitive[i].second;
        }
        os << "})";
        return os.str();
      });

  // The registry, for tests that must cover every primitive and op.
  m.def("_registry", [] {
    py::list prims, unary, binary;
    for (int k = 0; k < kNumPrimitiveKinds; ++k) {
      auto kind = static_cast<PrimitiveKind>(k);
      prims.append(py::make_tuple(primitive_kind_name(kind), primitive_family(kind)));
    }
#define MXG_NAME_OF(e, n, ...) unary.append(#n);
    MXG_UNARY_OPS(MXG_NAME_OF)
#undef MXG_NAME_OF
#define MXG_NAME_OF(e, n, ...) binary.append(#n);
    MXG_BINARY_OPS(MXG_NAME_OF)
#undef MXG_NAME_OF
    py::dict d;
    d["primitives"] = prims;
    d["unary"] = unary;
    d["binary"] = binary;
    return d;
  });
  m.def("graph_stats", [](const py::args& args) {
    auto outputs = arrays_of(args, "graph_stats");
    py::gil_scoped_release r;
    return graph_stats(outputs);
  }, "Statistics of the pending graph behind the given arrays (nodes, depth, bytes an "
     "eval would allocate, inputs held alive, nodes per primitive). Evaluates nothing.");

  m.def("print_graph", [](const py::args& args, const py::object& file, size_t max_nodes,
                          const py::kwargs& kwargs) {
    auto outputs = arrays_of(args, "print_graph");
    auto names = names_of(kwargs, "print_graph");
    std::ostringstream os;
    {
      py::gil_scoped_release r;
      PrintGraphOptions opt;
      opt.max_nodes = max_nodes;
      print_graph(os, outputs, names, opt);
    }
    write_text(file, os.str());
  }, py::arg("file") = py::none(), py::arg("max_nodes") = 2000,
  "Prints the graph computing the given arrays as text (inputs, one line per primitive, "
  "outputs) to stdout, a path or a file-like object; keyword arguments name arrays. "
  "Ids match export_to_dot. Evaluates nothing.");

  m.def("_graph_to_json", [](const py::args& args, size_t max_nodes, const py::kwargs& kwargs) {
    auto outputs = arrays_of(args, "graph_to_json");
    auto names = names_of(kwargs, "graph_to_json");
    py::gil_scoped_release r;
    PrintGraphOptions opt;
    opt.max_nodes = max_nodes;
    return graph_to_json(outputs, names, opt);
  }, py::arg("max_nodes") = 2000, "The graph as JSON text (as `mxgraph dump --format json`).");

  m.def("export_to_dot", [](const py::object& file, const py::args& args, const py::kwargs& kwargs) {
    auto outputs = arrays_of(args, "export_to_dot");
    auto names = names_of(kwargs, "export_to_dot");
    std::ostringstream os;
    {
      py::gil_scoped_release r;
      export_to_dot(os, outputs, names);
    }
    write_text(file, os.str());
  }, py::arg("file"),
  "Writes the graph computing the given arrays as Graphviz DOT to a path or a file-like "
  "object; keyword arguments name arrays in the drawing. Deterministic; evaluates nothing.");
}

} // namespace mxg::python
