// Python bindings for the elementwise ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {

void init_ops_elementwise(py::module_& m) {
#define MXG_BIND_UNARY(e, n)                                                    \
  m.def(#n, [](const py::object& a, const py::object& s) {                      \
    return unary(UnaryOp::e, to_array(a), to_stream_or_device(s));              \
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(),               \
  "Elementwise " #n ".");
  MXG_UNARY_OPS(MXG_BIND_UNARY)
#undef MXG_BIND_UNARY
#define MXG_BIND_BINARY(e, n)                                                   \
  m.def(#n, [](const py::object& a, const py::object& b, const py::object& s) { \
    auto [x, y] = to_arrays(a, b);                                              \
    return binary(BinaryOp::e, x, y, to_stream_or_device(s));                   \
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(), \
  "Elementwise " #n " with broadcasting.");
  MXG_BINARY_OPS(MXG_BIND_BINARY)
#undef MXG_BIND_BINARY
}

} // namespace mxg::python
