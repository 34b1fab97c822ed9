// Python bindings for the indexing ops, a[idx], a[idx] = v and a.at[idx].
#include "convert.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

std::optional<int64_t> slice_part(const py::object& v) {
  if (v.is_none()) return std::nullopt;
  if (!PyIndex_Check(v.ptr())) {
    throw type_error("[getitem] Slice indices must be integers or None.");
  }
  // Like Python, out-of-range slice bounds clip instead of failing.
  Py_ssize_t x = PyNumber_AsSsize_t(v.ptr(), nullptr);
  if (x == -1 && PyErr_Occurred()) throw py::error_already_set();
  return static_cast<int64_t>(x);
}

IndexItem to_index_item(const py::handle& obj) {
  if (obj.is_none()) return NewAxis{};
  if (obj.ptr() == Py_Ellipsis) return Ellipsis{};
  if (py::isinstance<array>(obj)) return py::cast<array>(obj);
  if (py::isinstance<py::bool_>(obj)) return array(py::cast<bool>(obj));
  if (py::isinstance<py::int_>(obj)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
    if (overflow) throw std::out_of_range("[getitem] Index " + std::string(py::str(obj)) + " is out of bounds.");
    return static_cast<int64_t>(v);
  }
  if (PySlice_Check(obj.ptr())) {
    return IndexSlice{slice_part(obj.attr("start")), slice_part(obj.attr("stop")),
                      slice_part(obj.attr("step"))};
  }
  // An empty list selects nothing (NumPy reads it as integers, not booleans).
  if ((py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj)) && py::len(obj) == 0) {
    return to_array(obj, int32);
  }
  // Lists, nested tuples and NumPy arrays are integer-array indices.
  if (py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj) ||
      py::isinstance<py::array>(obj)) {
    return to_array(obj);
  }
  if (PyIndex_Check(obj.ptr())) { // NumPy integer scalars
    return py::cast<int64_t>(py::reinterpret_steal<py::object>(PyNumber_Index(obj.ptr())));
  }
  throw type_error("[getitem] Cannot index an array with an object of type " +
                   std::string(py::str(py::type::handle_of(obj).attr("__name__"))) +
                   "; use integers, slices, None, Ellipsis or integer arrays.");
}

Index to_index(const py::object& obj) {
  Index out;
  if (py::isinstance<py::tuple>(obj)) {
    for (auto x : obj) out.push_back(to_index_item(x));
  } else {
    out.push_back(to_index_item(obj));
  }
  return out;
}

/// a.at[idx]: remembers the array and the index until an update method is called.
struct ArrayAt {
  array a;
  std::optional<Index> index;
  array update(const py::object& values, IndexUpdate op) const {
    if (!index) throw std::invalid_argument("[at] Index the property first: a.at[idx].add(v).");
    return index_update(a, *index, to_array(values, a.dtype()), op);
  }
};

} // namespace

void init_ops_indexing(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  m.def("take", [](const py::object& a, const py::object& indices, const py::object& axis,
                   const py::object& s) {
    array x = to_array(a);
    auto sd = to_stream_or_device(s);
    if (py::isinstance<py::int_>(indices) && !py::isinstance<py::bool_>(indices)) {
      int64_t i = py::cast<int64_t>(indices);
      return axis.is_none() ? take(x, i, sd) : take(x, i, py::cast<int>(axis), sd);
    }
    array idx = to_array(indices);
    return axis.is_none() ? take(x, idx, sd) : take(x, idx, py::cast<int>(axis), sd);
  }, py::arg("a"), py::arg("indices"), py::arg("axis") = py::none(), py::kw_only(),
     py::arg("stream") = py::none());
  m.def("take_along_axis", [](const py::object& a, const py::object& indices,
                              const py::object& axis, const py::object& s) {
    auto sd = to_stream_or_device(s);
    if (axis.is_none()) return take_along_axis(to_array(a), to_array(indices), sd);
    return take_along_axis(to_array(a), to_array(indices), py::cast<int>(axis), sd);
  }, py::arg("a"), py::arg("indices"), py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none());
  m.def("put_along_axis", [](const py::object& a, const py::object& indices,
                             const py::object& values, const py::object& axis, const py::object& s) {
    array x = to_array(a);
    array v = to_array(values, x.dtype());
    auto sd = to_stream_or_device(s);
    if (axis.is_none()) return put_along_axis(x, to_array(indices), v, sd);
    return put_along_axis(x, to_array(indices), v, py::cast<int>(axis), sd);
  }, py::arg("a"), py::arg("indices"), py::arg("values"), py::arg("axis") = py::none(),
     py::kw_only(), py::arg("stream") = py::none());

  cls.def("__getitem__", [](const array& a, const py::object& idx) {
    return get_item(a, to_index(idx));
  });
  // MLX semantics: the Python object now holds a new lazy array.
  cls.def("__setitem__", [](array& a, const py::object& idx, const py::object& value) {
    a = set_item(a, to_index(idx), to_array(value, a.dtype()));
  });

  py::class_<ArrayAt>(m, "ArrayAt", "The helper behind a.at[idx].add(v) and friends.")
      .def("__getitem__", [](const ArrayAt& at, const py::object& idx) {
        return ArrayAt{at.a, to_index(idx)};
      })
      .def("add", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Add); }, py::arg("value"))
      .def("subtract", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Subtract); }, py::arg("value"))
      .def("multiply", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Multiply); }, py::arg("value"))
      .def("divide", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Divide); }, py::arg("value"))
      .def("maximum", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Maximum); }, py::arg("value"))
      .def("minimum", [](const ArrayAt& at, const py::object& v) { return at.update(v, IndexUpdate::Minimum); }, py::arg("value"));
  cls.def_property_readonly("at", [](const array& a) { return ArrayAt{a, std::nullopt}; });
}

} // namespace mxg::python
