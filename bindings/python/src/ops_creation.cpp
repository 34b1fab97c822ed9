// Python bindings for the creation ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_creation(py::module_& m) {}

} // namespace mxg::python
