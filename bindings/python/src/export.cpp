// Python bindings: exported functions (.mxfn). mxgraph/core/_export.py flattens the
// argument trees; these take and return flat lists of arrays.
#include "convert.h"
#include "init.h"
#include "mxgraph/export.h"

namespace mxg::python {

void init_export(py::module_& m) {
  py::class_<ArraySpec>(m, "_ArraySpec")
      .def_property_readonly("shape", [](const ArraySpec& s) { return py::tuple(py::cast(s.shape)); })
      .def_readonly("dtype", &ArraySpec::dtype)
      .def_readonly("name", &ArraySpec::name);

  py::class_<ImportedFunction>(m, "_ImportedFunction")
      .def("__call__", &ImportedFunction::operator())
      .def_property_readonly("inputs", &ImportedFunction::inputs)
      .def_property_readonly("outputs", &ImportedFunction::outputs)
      .def_property_readonly("shapeless", &ImportedFunction::shapeless)
      .def_property_readonly("metadata", &ImportedFunction::metadata)
      .def_property_readonly("structure", &ImportedFunction::structure)
      .def_property_readonly("_node_kinds", [](const ImportedFunction& f) {
        std::vector<std::string> kinds;
        for (const auto& n : f.desc().nodes) kinds.push_back(primitive_kind_name(n.kind));
        return kinds;
      })
      .def_property_readonly("_num_constants", [](const ImportedFunction& f) { return f.desc().constants.size(); })
      .def_property_readonly("num_traces", &ImportedFunction::num_traces)
      .def("trace", &ImportedFunction::trace, py::arg("i"), "Trace i of a file of several traces.")
      .def("accepts", &ImportedFunction::accepts, py::arg("inputs"));

  m.def("_combine_traces", [](const std::vector<py::bytes>& traces) {
    std::vector<std::string> t(traces.begin(), traces.end());
    return py::bytes(combine_traces(t));
  }, "Several traces' bytes as one file's (a version-2 container; one trace as it is).");

  // Traces `fun` (a function of a list of arrays returning a list of arrays) and
  // returns the file's bytes; writes them to `path` when given.
  m.def("_export_function", [](const std::optional<std::string>& path, const py::function& fun,
                               const std::vector<array>& inputs, bool shapeless,
                               const std::vector<std::string>& names, const std::string& metadata,
                               const std::string& structure) -> py::object {
    ExportOptions opt{shapeless, names, metadata, structure};
    ArrayFn f = [&fun](const std::vector<array>& xs) {
      return py::cast<std::vector<array>>(fun(py::cast(xs)));
    };
    if (path) {
      export_function(*path, f, inputs, opt);
      return py::none();
    }
    return py::bytes(export_function_bytes(f, inputs, opt));
  });
  m.def("_import_function", [](const std::string& path) { return import_function(path); });
  m.def("_import_function_bytes", [](const py::bytes& b) {
    std::string_view v = b;
    return import_function_from_buffer(v.data(), v.size());
  });
}

} // namespace mxg::python
