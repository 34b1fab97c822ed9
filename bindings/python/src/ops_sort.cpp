// Python bindings for the sort ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_sort(py::module_& m) {}

} // namespace mxg::python
