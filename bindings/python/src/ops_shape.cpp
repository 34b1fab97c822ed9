// Python bindings for the shape ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

std::vector<int> int_list(const py::object& obj, const char* op) {
  auto axes = to_axes(obj, op);
  return axes ? *axes : std::vector<int>{};
}

} // namespace

void init_ops_shape(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  m.def("reshape", [](const py::object& a, const std::vector<int64_t>& shape, const py::object& s) {
    return reshape(to_array(a), shape, to_stream_or_device(s));
  }, py::arg("a"), py::arg("shape"), py::kw_only(), py::arg("stream") = py::none());
  cls.def("reshape", [](const array& a, py::args shape, const py::object& s) {
    std::vector<int64_t> sh;
    if (shape.size() == 1 && !py::isinstance<py::int_>(shape[0])) {
      sh = py::cast<std::vector<int64_t>>(shape[0]);
    } else {
      sh = py::cast<std::vector<int64_t>>(shape);
    }
    return reshape(a, sh, to_stream_or_device(s));
  }, py::kw_only(), py::arg("stream") = py::none());

  m.def("transpose", [](const py::object& a, const py::object& axes, const py::object& s) {
    array x = to_array(a);
    if (axes.is_none()) return transpose(x, to_stream_or_device(s));
    return transpose(x, int_list(axes, "transpose"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axes") = py::none(), py::kw_only(), py::arg("stream") = py::none());
  m.def("permute_dims", [](const py::object& a, const py::object& axes, const py::object& s) {
    array x = to_array(a);
    if (axes.is_none()) return transpose(x, to_stream_or_device(s));
    return transpose(x, int_list(axes, "permute_dims"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axes") = py::none(), py::kw_only(), py::arg("stream") = py::none());
  cls.def("transpose", [](const array& a, py::args axes, const py::object& s) {
    if (axes.size() == 0) return transpose(a, to_stream_or_device(s));
    if (axes.size() == 1 && !py::isinstance<py::int_>(axes[0])) {
      return transpose(a, int_list(axes[0], "transpose"), to_stream_or_device(s));
    }
    return transpose(a, py::cast<std::vector<int>>(axes), to_stream_or_device(s));
  }, py::kw_only(), py::arg("stream") = py::none());

  m.def("swapaxes", [](const py::object& a, int x, int y, const py::object& s) {
    return swapaxes(to_array(a), x, y, to_stream_or_device(s));
  }, py::arg("a"), py::arg("axis1"), py::arg("axis2"), py::kw_only(), py::arg("stream") = py::none());
  cls.def("swapaxes", [](const array& a, int x, int y, const py::object& s) {
    return swapaxes(a, x, y, to_stream_or_device(s));
  }, py::arg("axis1"), py::arg("axis2"), py::kw_only(), py::arg("stream") = py::none());
  m.def("moveaxis", [](const py::object& a, int src, int dst, const py::object& s) {
    return moveaxis(to_array(a), src, dst, to_stream_or_device(s));
  }, py::arg("a"), py::arg("source"), py::arg("destination"), py::kw_only(), py::arg("stream") = py::none());
  cls.def("moveaxis", [](const array& a, int src, int dst, const py::object& s) {
    return moveaxis(a, src, dst, to_stream_or_device(s));
  }, py::arg("source"), py::arg("destination"), py::kw_only(), py::arg("stream") = py::none());

  m.def("broadcast_to", [](const py::object& a, const std::vector<int64_t>& shape, const py::object& s) {
    return broadcast_to(to_array(a), shape, to_stream_or_device(s));
  }, py::arg("a"), py::arg("shape"), py::kw_only(), py::arg("stream") = py::none());
  m.def("broadcast_arrays", [](py::args arrays, const py::object& s) {
    std::vector<array> xs;
    for (auto a : arrays) xs.push_back(to_array(a));
    auto out = broadcast_arrays(xs, to_stream_or_device(s));
    return py::tuple(py::cast(out));
  }, py::kw_only(), py::arg("stream") = py::none());

  m.def("expand_dims", [](const py::object& a, const py::object& axis, const py::object& s) {
    return expand_dims(to_array(a), int_list(axis, "expand_dims"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axis"), py::kw_only(), py::arg("stream") = py::none());
  m.def("squeeze", [](const py::object& a, const py::object& axis, const py::object& s) {
    array x = to_array(a);
    if (axis.is_none()) return squeeze(x, to_stream_or_device(s));
    return squeeze(x, int_list(axis, "squeeze"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axis") = py::none(), py::kw_only(), py::arg("stream") = py::none());
  cls.def("squeeze", [](const array& a, const py::object& axis, const py::object& s) {
    if (axis.is_none()) return squeeze(a, to_stream_or_device(s));
    return squeeze(a, int_list(axis, "squeeze"), to_stream_or_device(s));
  }, py::arg("axis") = py::none(), py::kw_only(), py::arg("stream") = py::none());
  m.def("flatten", [](const py::object& a, int start, int end, const py::object& s) {
    return flatten(to_array(a), start, end, to_stream_or_device(s));
  }, py::arg("a"), py::arg("start_axis") = 0, py::arg("end_axis") = -1, py::kw_only(),
     py::arg("stream") = py::none());
  cls.def("flatten", [](const array& a, int start, int end, const py::object& s) {
    return flatten(a, start, end, to_stream_or_device(s));
  }, py::arg("start_axis") = 0, py::arg("end_axis") = -1, py::kw_only(), py::arg("stream") = py::none());
  m.def("unflatten", [](const py::object& a, int axis, const std::vector<int64_t>& shape, const py::object& s) {
    return unflatten(to_array(a), axis, shape, to_stream_or_device(s));
  }, py::arg("a"), py::arg("axis"), py::arg("shape"), py::kw_only(), py::arg("stream") = py::none());
  m.def("contiguous", [](const py::object& a, bool allow_col, const py::object& s) {
    return contiguous(to_array(a), allow_col, to_stream_or_device(s));
  }, py::arg("a"), py::arg("allow_col_major") = false, py::kw_only(), py::arg("stream") = py::none());
}

} // namespace mxg::python
