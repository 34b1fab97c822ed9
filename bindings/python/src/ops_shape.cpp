// Python bindings for the shape ops.
#include "convert.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

std::vector<int> int_list(const py::object& obj, const char* op) {
  auto axes = to_axes(obj, op);
  return axes ? *axes : std::vector<int>{};
}

std::vector<array> arrays_of(const py::object& seq) {
  std::vector<array> xs;
  for (auto a : seq) xs.push_back(to_array(a));
  return xs;
}

// An int or a sequence of ints.
Shape shape_arg(const py::object& obj, const char* op) {
  auto is_int = [](const py::handle& x) { return !PyFloat_Check(x.ptr()) && PyIndex_Check(x.ptr()); };
  if (is_int(obj)) return {to_int64(obj, op)};
  if (py::isinstance<py::sequence>(obj) && !py::isinstance<py::str>(obj)) {
    Shape out;
    for (auto x : obj) {
      if (!is_int(x)) throw_type(op, "Expected integers.");
      out.push_back(to_int64(x, op));
    }
    return out;
  }
  throw_type(op, "Expected an int or a sequence of ints.");
}

// pad_width: int, (w,), (before, after) or one (before, after) per axis.
std::vector<std::pair<int64_t, int64_t>> pad_widths(const py::object& obj) {
  auto pair_of = [](const py::handle& h) -> std::pair<int64_t, int64_t> {
    if (py::isinstance<py::int_>(h)) return {py::cast<int64_t>(h), py::cast<int64_t>(h)};
    auto v = py::cast<std::vector<int64_t>>(h);
    if (v.size() == 1) return {v[0], v[0]};
    if (v.size() == 2) return {v[0], v[1]};
    throw_value("pad", "Each pad width must be an int or a (before, after) pair.");
  };
  if (py::isinstance<py::int_>(obj)) return {pair_of(obj)};
  auto seq = py::cast<py::sequence>(obj);
  bool flat = py::len(seq) > 0;
  for (auto x : seq) flat &= py::isinstance<py::int_>(x);
  if (flat) return {pair_of(obj)};
  std::vector<std::pair<int64_t, int64_t>> out;
  for (auto x : seq) out.push_back(pair_of(x));
  return out;
}

py::object one_or_list(const std::vector<array>& xs) {
  if (xs.size() == 1) return py::cast(xs[0]);
  return py::cast(xs);
}

template <array (*F)(const array&, StreamOrDevice)>
py::object atleast(py::args arys, const py::object& s) {
  std::vector<array> out;
  for (auto a : arys) out.push_back(F(to_array(a), to_stream_or_device(s)));
  return one_or_list(out);
}

} // namespace

void init_ops_shape(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  m.def("reshape", [](const py::object& a, const py::object& shape, const py::object& s) {
    return reshape(to_array(a), shape_arg(shape, "reshape"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("shape"), py::kw_only(), py::arg("stream") = py::none());
  cls.def("reshape", [](const array& a, py::args shape, const py::object& s) {
    bool one = shape.size() == 1 && !py::isinstance<py::int_>(shape[0]);
    Shape sh = shape_arg(one ? py::object(shape[0]) : py::object(shape), "reshape");
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
  m.def("concatenate", [](const py::object& arrays, const py::object& axis, const py::object& s) {
    std::optional<int> ax;
    if (!axis.is_none()) ax = py::cast<int>(axis);
    return concatenate(arrays_of(arrays), ax, to_stream_or_device(s));
  }, py::arg("arrays"), py::arg("axis") = 0, py::kw_only(), py::arg("stream") = py::none());
  m.def("stack", [](const py::object& arrays, const py::object& axis, const py::object& s) {
    return stack(arrays_of(arrays), axis.is_none() ? 0 : py::cast<int>(axis), to_stream_or_device(s));
  }, py::arg("arrays"), py::arg("axis") = 0, py::kw_only(), py::arg("stream") = py::none());
  auto split_fn = [](const py::object& a, const py::object& ios, int axis, const py::object& s) {
    if (py::isinstance<py::int_>(ios)) {
      return split(to_array(a), py::cast<int>(ios), axis, to_stream_or_device(s));
    }
    return split(to_array(a), shape_arg(ios, "split"), axis, to_stream_or_device(s));
  };
  m.def("split", split_fn, py::arg("a"), py::arg("indices_or_sections"), py::arg("axis") = 0,
        py::kw_only(), py::arg("stream") = py::none());
  cls.def("split", split_fn, py::arg("indices_or_sections"), py::arg("axis") = 0, py::kw_only(),
          py::arg("stream") = py::none());
  m.def("unstack", [](const py::object& a, int axis, const py::object& s) {
    return py::tuple(py::cast(unstack(to_array(a), axis, to_stream_or_device(s))));
  }, py::arg("x"), py::kw_only(), py::arg("axis") = 0, py::arg("stream") = py::none());
  m.def("tile", [](const py::object& a, const py::object& reps, const py::object& s) {
    return tile(to_array(a), shape_arg(reps, "tile"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("reps"), py::kw_only(), py::arg("stream") = py::none());
  m.def("repeat", [](const py::object& a, int64_t repeats, const py::object& axis, const py::object& s) {
    if (axis.is_none()) return repeat(to_array(a), repeats, to_stream_or_device(s));
    return repeat(to_array(a), repeats, py::cast<int>(axis), to_stream_or_device(s));
  }, py::arg("array"), py::arg("repeats"), py::arg("axis") = py::none(), py::kw_only(),
     py::arg("stream") = py::none());
  m.def("pad", [](const py::object& a, const py::object& width, const std::string& mode,
                  const py::object& value, const py::object& s) {
    return pad(to_array(a), pad_widths(width), to_array(value), mode, to_stream_or_device(s));
  }, py::arg("a"), py::arg("pad_width"), py::arg("mode") = "constant",
     py::arg("constant_values") = 0, py::kw_only(), py::arg("stream") = py::none());
  m.def("atleast_1d", &atleast<&atleast_1d>, py::kw_only(), py::arg("stream") = py::none());
  m.def("atleast_2d", &atleast<&atleast_2d>, py::kw_only(), py::arg("stream") = py::none());
  m.def("atleast_3d", &atleast<&atleast_3d>, py::kw_only(), py::arg("stream") = py::none());
  m.def("as_strided", [](const py::object& a, const py::object& shape, const py::object& strides,
                         int64_t offset, const py::object& s) {
    array x = to_array(a);
    Shape sh = shape.is_none() ? x.shape() : shape_arg(shape, "as_strided");
    Strides st = strides.is_none() ? row_strides(sh) : shape_arg(strides, "as_strided");
    return as_strided(x, sh, st, offset, to_stream_or_device(s));
  }, py::arg("a"), py::arg("shape") = py::none(), py::arg("strides") = py::none(),
     py::arg("offset") = 0, py::kw_only(), py::arg("stream") = py::none());
  m.def("slice", [](const py::object& a, const py::object& start, const py::object& axes,
                    const py::object& size, const py::object& s) {
    auto ax = shape_arg(axes, "slice");
    return slice(to_array(a), to_array(start), std::vector<int>(ax.begin(), ax.end()),
                 shape_arg(size, "slice"), to_stream_or_device(s));
  }, py::arg("a"), py::arg("start_indices"), py::arg("axes"), py::arg("slice_size"), py::kw_only(),
     py::arg("stream") = py::none());
  m.def("slice_update", [](const py::object& a, const py::object& update, const py::object& start,
                           const py::object& axes, const py::object& s) {
    auto ax = shape_arg(axes, "slice_update");
    return slice_update(to_array(a), to_array(update), to_array(start),
                        std::vector<int>(ax.begin(), ax.end()), to_stream_or_device(s));
  }, py::arg("a"), py::arg("update"), py::arg("start_indices"), py::arg("axes"), py::kw_only(),
     py::arg("stream") = py::none());
  m.def("matrix_transpose", [](const py::object& a, const py::object& s) {
    return matrix_transpose(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none());
  cls.def_property_readonly("mT", [](const array& a) { return matrix_transpose(a); });
}

} // namespace mxg::python
