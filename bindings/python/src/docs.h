// Docstrings of the extension's public names, kept in tables (docs_<area>.cpp) apart
// from the binding code, and applied once every name is defined (apply_docs).
#pragma once

#include <pybind11/pybind11.h>

#include <vector>

namespace py = pybind11;

namespace mxg::python {

/// One docstring: `name` is "exp", "array.sum" or "random.normal"; `text` is the body
/// after pybind11's signature line (summary, Args:, Returns:, Example:). Parameters an
/// entry's Args: leaves out are described from a shared vocabulary (a, axis, stream...).
struct Doc {
  const char* name;
  const char* text;
};

/// The tables, one per area.
const std::vector<Doc>& docs_elementwise();
const std::vector<Doc>& docs_reductions();
const std::vector<Doc>& docs_shapes();
const std::vector<Doc>& docs_indexing();
const std::vector<Doc>& docs_linalg();
const std::vector<Doc>& docs_fft();
const std::vector<Doc>& docs_creation();
const std::vector<Doc>& docs_random();
const std::vector<Doc>& docs_transforms();
const std::vector<Doc>& docs_io();
const std::vector<Doc>& docs_graph_tools();
const std::vector<Doc>& docs_array();
const std::vector<Doc>& docs_types();
const std::vector<Doc>& docs_distributed();

/// Replaces the docstrings of the names in every table, keeping pybind11's signature
/// lines first (Sphinx and the stubs read them). A name that does not exist is skipped:
/// tests/python/test_docstrings.py reports what is left undocumented.
void apply_docs(py::module_& m);

} // namespace mxg::python
