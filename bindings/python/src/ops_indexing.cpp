// Python bindings for the indexing ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_indexing(py::module_& m) {}

} // namespace mxg::python
