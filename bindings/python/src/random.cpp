// Python bindings: random.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_random(py::module_& m) {}

} // namespace mxg::python
