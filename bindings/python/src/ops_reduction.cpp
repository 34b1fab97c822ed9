// Python bindings for the reduction ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_reduction(py::module_& m) {}

} // namespace mxg::python
