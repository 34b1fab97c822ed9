// Python bindings: graph inspection (DOT export).
#include <sstream>

#include "convert.h"
#include "init.h"
#include "mxgraph/graph.h"

namespace mxg::python {
namespace {

// The arrays in positional arguments (arrays or nested lists/tuples/dicts), in order.
void collect(const py::handle& obj, std::vector<array>& out) {
  std::vector<py::handle> stack{obj};
  while (!stack.empty()) {
    py::handle h = stack.back();
    stack.pop_back();
    if (py::isinstance<array>(h)) {
      out.push_back(py::cast<array>(h));
    } else if (py::isinstance<py::list>(h) || py::isinstance<py::tuple>(h)) {
      auto seq = py::reinterpret_borrow<py::sequence>(h);
      for (ssize_t i = static_cast<ssize_t>(py::len(seq)) - 1; i >= 0; --i) stack.push_back(seq[i]);
    } else if (py::isinstance<py::dict>(h)) {
      std::vector<py::handle> vals;
      for (auto kv : py::reinterpret_borrow<py::dict>(h)) vals.push_back(kv.second);
      for (auto it = vals.rbegin(); it != vals.rend(); ++it) stack.push_back(*it);
    } else {
      throw type_error("[export_to_dot] Expected arrays (or lists, tuples, dicts of arrays), got " +
                       std::string(py::str(py::type::handle_of(h).attr("__name__"))) + ".");
    }
  }
}

} // namespace

void init_graph(py::module_& m) {
  m.def("export_to_dot", [](const py::object& file, const py::args& args, const py::kwargs& kwargs) {
    std::vector<array> outputs;
    for (auto a : args) collect(a, outputs);
    std::vector<std::pair<std::string, array>> names;
    for (auto kv : kwargs) {
      std::vector<array> named;
      collect(kv.second, named);
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
