// Python bindings: graph inspection (DOT export).
#include <sstream>

#include "convert.h"
#include "init.h"
#include "mxgraph/graph.h"

namespace mxg::python {

void init_graph(py::module_& m) {
  m.def("export_to_dot", [](const py::object& file, const py::args& args, const py::kwargs& kwargs) {
    std::vector<array> outputs;
    for (auto a : args) collect_arrays(a, outputs, "export_to_dot", true);
    std::vector<std::pair<std::string, array>> names;
    for (auto kv : kwargs) {
      std::vector<array> named;
      collect_arrays(kv.second, named, "export_to_dot", true);
      for (auto& a : named) names.emplace_back(py::cast<std::string>(kv.first), a);
    }
    std::ostringstream os;
    {
      py::gil_scoped_release r;
      export_to_dot(os, outputs, names);
    }
    if (py::hasattr(file, "write")) {
      file.attr("write")(os.str());
    } else {
      py::object f = py::module_::import("builtins").attr("open")(file, "w");
      f.attr("write")(os.str());
      f.attr("close")();
    }
  }, py::arg("file"),
  "Writes the graph computing the given arrays as Graphviz DOT to a path or a file-like "
  "object; keyword arguments name arrays in the drawing. Deterministic; evaluates nothing.");
}

} // namespace mxg::python
