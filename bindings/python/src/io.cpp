// Python bindings: io.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_io(py::module_& m) {}

} // namespace mxg::python
