// Python bindings for the linalg ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_linalg(py::module_& m) {}

} // namespace mxg::python
