// Python bindings for the linalg ops (matmul family; mx.linalg comes later).
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

std::vector<int> to_int_list(const py::handle& obj) {
  if (PyIndex_Check(obj.ptr())) return {py::cast<int>(obj)};
  return py::cast<std::vector<int>>(obj);
}

array tensordot_py(const array& a, const array& b, const py::object& axes, StreamOrDevice s) {
  if (PyIndex_Check(axes.ptr())) return tensordot(a, b, py::cast<int>(axes), s);
  if (!py::isinstance<py::sequence>(axes) || py::len(axes) != 2) {
    throw std::invalid_argument(
        "[tensordot] axes must be an int or a pair of axis lists, e.g. [[1], [0]].");
  }
  auto seq = py::reinterpret_borrow<py::sequence>(axes);
  return tensordot(a, b, to_int_list(seq[0]), to_int_list(seq[1]), s);
}

} // namespace

void init_ops_linalg(py::module_& m) {
  m.def("matmul", [](const py::object& a, const py::object& b, const py::object& s) {
    return matmul(to_array(a), to_array(b), to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::pos_only(), py::kw_only(), py::arg("stream") = py::none(),
  "Matrix product with NumPy semantics (1-d operands, broadcast batch dimensions).");
  m.def("addmm", [](const py::object& c, const py::object& a, const py::object& b, float alpha,
                    float beta, const py::object& s) {
    return addmm(to_array(c), to_array(a), to_array(b), alpha, beta, to_stream_or_device(s));
  }, py::arg("c"), py::arg("a"), py::arg("b"), py::pos_only(), py::arg("alpha") = 1.0f,
  py::arg("beta") = 1.0f, py::kw_only(), py::arg("stream") = py::none(),
  "alpha * (a @ b) + beta * c.");
  m.def("inner", [](const py::object& a, const py::object& b, const py::object& s) {
    return inner(to_array(a), to_array(b), to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::pos_only(), py::kw_only(), py::arg("stream") = py::none(),
  "Inner product over the last axes.");
  m.def("outer", [](const py::object& a, const py::object& b, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return outer(x, y, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::pos_only(), py::kw_only(), py::arg("stream") = py::none(),
  "Outer product of the flattened inputs.");
  m.def("tensordot", [](const py::object& a, const py::object& b, const py::object& axes,
                        const py::object& s) {
    return tensordot_py(to_array(a), to_array(b), axes, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::pos_only(), py::arg("axes") = 2, py::kw_only(),
  py::arg("stream") = py::none(), "Contraction over the given axes.");
}

} // namespace mxg::python
