// Python bindings for the sort ops.
#include "convert.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

std::optional<int> sort_axis(const py::object& axis, const char* op) {
  if (axis.is_none()) return std::nullopt;
  if (!py::isinstance<py::int_>(axis)) throw_type(op, "axis must be an int or None.");
  return py::cast<int>(axis);
}

} // namespace

void init_ops_sort(py::module_& m) {
  m.def("sort", [](const py::object& a, const py::object& axis, const py::object& s) {
    return sort(to_array(a), sort_axis(axis, "sort"), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "Sorted copy along an axis (flattened when None); NaN last.");
  m.def("argsort", [](const py::object& a, const py::object& axis, const py::object& s) {
    return argsort(to_array(a), sort_axis(axis, "argsort"), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "Indices (uint32) that sort along an axis; stable.");
  m.def("partition", [](const py::object& a, int kth, const py::object& axis, const py::object& s) {
    return partition(to_array(a), kth, sort_axis(axis, "partition"), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("kth"), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "Partitioned copy: the kth element in its sorted place.");
  m.def("argpartition", [](const py::object& a, int kth, const py::object& axis, const py::object& s) {
    return argpartition(to_array(a), kth, sort_axis(axis, "argpartition"), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("kth"), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "Indices (uint32) that partition along an axis.");
  m.def("topk", [](const py::object& a, int k, const py::object& axis, const py::object& s) {
    return topk(to_array(a), k, sort_axis(axis, "topk"), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("k"), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "The k largest elements along an axis, in no given order.");
}

} // namespace mxg::python
