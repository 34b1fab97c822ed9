// Python bindings for the assorted ops of mxgraph/ops/misc.h, dtype queries, and
// the array methods MLX has that mirror existing ops.
#include "convert.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

// An int or a sequence of ints (shapes, shifts).
Shape int_seq(const py::object& obj, const char* op, const char* what) {
  if (py::isinstance<py::int_>(obj)) return {to_int64(obj, op)};
  if (py::isinstance<py::sequence>(obj) && !py::isinstance<py::str>(obj)) {
    Shape out;
    for (auto x : obj) {
      if (!py::isinstance<py::int_>(x)) throw_type(op, std::string(what) + " must hold integers.");
      out.push_back(to_int64(x, op));
    }
    return out;
  }
  throw_type(op, std::string(what) + " must be an int or a sequence of ints.");
}

// A Dtype, or the dtype of an array.
Dtype dtype_of_arg(const py::handle& obj, const char* op) {
  if (py::isinstance<Dtype>(obj)) return py::cast<Dtype>(obj);
  if (py::isinstance<array>(obj)) return py::cast<const array&>(obj).dtype();
  throw_type(op, "Expected an array or a Dtype.");
}

std::optional<Dtype> opt_dtype(const py::object& obj) {
  if (obj.is_none()) return std::nullopt;
  return py::cast<Dtype>(obj);
}

// The kind of a Python scalar as a weak dtype (bool_/int32/float32/complex64).
Dtype weak_kind(const py::handle& obj) {
  if (py::isinstance<py::bool_>(obj)) return bool_;
  if (py::isinstance<py::int_>(obj)) return int32;
  if (py::isinstance<py::float_>(obj)) return float32;
  return complex64;
}

Dtype result_type_py(const py::args& args) {
  std::vector<Dtype> strong, weak;
  for (auto x : args) {
    bool py_scalar = py::isinstance<py::bool_>(x) || py::isinstance<py::int_>(x) ||
                     py::isinstance<py::float_>(x) || PyComplex_Check(x.ptr());
    if (py_scalar) {
      weak.push_back(weak_kind(x));
    } else if (py::isinstance<Dtype>(x) || py::isinstance<array>(x)) {
      strong.push_back(dtype_of_arg(x, "result_type"));
    } else {
      strong.push_back(to_array(x).dtype());
    }
  }
  return result_type(strong, weak);
}

bool isdtype_py(Dtype t, const py::object& kind) {
  if (py::isinstance<Dtype>(kind)) return t == py::cast<Dtype>(kind);
  if (py::isinstance<py::str>(kind)) return isdtype(t, py::cast<std::string>(kind));
  if (py::isinstance<py::tuple>(kind)) {
    bool any = false;
    for (auto k : kind) any |= isdtype_py(t, py::reinterpret_borrow<py::object>(k));
    return any;
  }
  throw_type("isdtype", "kind must be a Dtype, a string or a tuple of them.");
}

array roll_py(const py::object& a, const py::object& shift, const py::object& axis,
              const py::object& s) {
  Shape sh = int_seq(shift, "roll", "shift");
  auto ax = to_axes(axis, "roll");
  auto st = to_stream_or_device(s);
  return ax ? roll(to_array(a), sh, *ax, st) : roll(to_array(a), sh, st);
}

array flip_py(const py::object& a, const py::object& axis, const py::object& s) {
  auto ax = to_axes(axis, "flip");
  auto st = to_stream_or_device(s);
  return ax ? flip(to_array(a), *ax, st) : flip(to_array(a), st);
}

void def_dtype_queries(py::module_& m) {
  m.def("result_type", &result_type_py,
        "The dtype that promoting the arrays and dtypes gives; Python scalars are weak.");
  m.def("can_cast", [](const py::object& from, Dtype to) {
    return can_cast(dtype_of_arg(from, "can_cast"), to);
  }, py::arg("from_"), py::arg("to"), "True when casting from_ to `to` keeps every value (safe).");
  m.def("isdtype", &isdtype_py, py::arg("dtype"), py::arg("kind"),
        "True when dtype is of the kind (a Dtype, an array-API kind name, or a tuple).");
  m.def("broadcast_shapes", [](const py::args& shapes) {
    if (shapes.size() == 0) throw_value("broadcast_shapes", "At least one shape is required.");
    Shape out = int_seq(py::reinterpret_borrow<py::object>(shapes[0]), "broadcast_shapes", "shape");
    for (size_t i = 1; i < shapes.size(); ++i) {
      out = broadcast_shapes(out, int_seq(shapes[i], "broadcast_shapes", "shape"), "broadcast_shapes");
    }
    return py::tuple(py::cast(out));
  }, "The shape that broadcasting the given shapes together gives.");
}

void def_creation(py::module_& m) {
  m.def("astype", [](const py::object& a, Dtype t, const py::object& s) {
    return astype(to_array(a), t, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("dtype"), py::kw_only(), py::arg("stream") = py::none(),
     "Casts to dtype.");
  m.def("asarray", [](const py::object& a, const py::object& dtype, const py::object& copy) {
    (void)copy;  // arrays are values: sharing the input is never observable as aliasing
    return to_array(a, opt_dtype(dtype));
  }, py::arg("a"), py::arg("dtype") = py::none(), py::kw_only(), py::arg("copy") = py::none(),
     "An array from an array-like (the input itself when it already is one of that dtype).");
  m.attr("concat") = m.attr("concatenate");
  m.def("empty", [](const py::object& shape, const py::object& dtype, const py::object& s) {
    return empty(int_seq(shape, "empty", "shape"), opt_dtype(dtype).value_or(float32),
                 to_stream_or_device(s));
  }, py::arg("shape"), py::arg("dtype") = float32, py::kw_only(), py::arg("stream") = py::none(),
     "An array of the shape whose values are unspecified (zeros here).");
  m.def("empty_like", [](const py::object& a, const py::object& dtype, const py::object& s) {
    return empty_like(to_array(a), opt_dtype(dtype), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("dtype") = py::none(), py::kw_only(),
     py::arg("stream") = py::none(), "An array like a whose values are unspecified (zeros here).");
  m.def("synchronize", [](const py::object& s) { synchronize(to_stream_or_device(s)); },
        py::arg("stream") = py::none(),
        "Waits for the stream's work; evaluation is synchronous here, so it returns at once.");
}

void def_shape_like(py::module_& m, py::class_<array>& cls) {
  m.def("flip", &flip_py, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::kw_only(),
        py::arg("stream") = py::none(), "Reverses the order of elements along the axes (all when None).");
  // Only `a` is positional-only: MLX accepts roll(x, shift=1, axis=0).
  m.def("roll", &roll_py, py::arg("a"), py::pos_only(), py::arg("shift"),
        py::arg("axis") = py::none(), py::kw_only(), py::arg("stream") = py::none(),
        "Rolls elements along the axes (the flattened array when None).");
  auto diagonal_fn = [](const py::object& a, int offset, int axis1, int axis2, const py::object& s) {
    return diagonal(to_array(a), offset, axis1, axis2, to_stream_or_device(s));
  };
  m.def("diagonal", diagonal_fn, py::arg("a"), py::arg("offset") = 0, py::arg("axis1") = 0,
        py::arg("axis2") = 1, py::arg("stream") = py::none(), "The offset diagonal of the (axis1, axis2) planes.");
  cls.def("diagonal", diagonal_fn, py::arg("offset") = 0, py::arg("axis1") = 0, py::arg("axis2") = 1,
          py::arg("stream") = py::none(), "The offset diagonal of the (axis1, axis2) planes.");
  auto diag_fn = [](const py::object& a, int k, const py::object& s) {
    return diag(to_array(a), k, to_stream_or_device(s));
  };
  m.def("diag", diag_fn, py::arg("a"), py::pos_only(), py::arg("k") = 0, py::kw_only(),
        py::arg("stream") = py::none(), "1-d: a matrix with a on diagonal k; 2-d: diagonal k.");
  cls.def("diag", diag_fn, py::arg("k") = 0, py::kw_only(), py::arg("stream") = py::none(),
          "1-d: a matrix with a on diagonal k; 2-d: diagonal k.");
  m.def("trace", [](const py::object& a, int offset, int axis1, int axis2, const py::object& dtype,
                    const py::object& s) {
    return trace(to_array(a), offset, axis1, axis2, opt_dtype(dtype), to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("offset") = 0, py::arg("axis1") = 0, py::arg("axis2") = 1,
     py::arg("dtype") = py::none(), py::kw_only(), py::arg("stream") = py::none(),
     "Sum along the offset diagonal (of the input's dtype unless dtype is given).");
  m.def("diff", [](const py::object& a, int n, int axis, const py::object& s) {
    return diff(to_array(a), n, axis, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("n") = 1, py::arg("axis") = -1, py::kw_only(),
     py::arg("stream") = py::none(), "The n-th discrete difference along axis.");
  m.def("kron", [](const py::object& a, const py::object& b, const py::object& s) {
    return kron(to_array(a), to_array(b), to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(), "Kronecker product.");
}

void def_reductions(py::module_& m) {
  m.def("count_nonzero", [](const py::object& a, const py::object& axis, bool keepdims,
                            const py::object& s) {
    return count_nonzero(to_array(a), to_axes(axis, "count_nonzero"), keepdims, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::kw_only(), py::arg("axis") = py::none(),
     py::arg("keepdims") = false, py::arg("stream") = py::none(), "Number of non-zero elements (int32).");
  m.def("median", [](const py::object& a, const py::object& axis, bool keepdims, const py::object& s) {
    return median(to_array(a), to_axes(axis, "median"), keepdims, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::arg("keepdims") = false,
     py::kw_only(), py::arg("stream") = py::none(), "Median over the axes (all when None).");
  m.def("minmax", [](const py::object& a, const py::object& axis, bool keepdims, const py::object& s) {
    auto r = minmax(to_array(a), to_axes(axis, "minmax"), keepdims, to_stream_or_device(s));
    return py::make_tuple(r.first, r.second);
  }, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::arg("keepdims") = false,
     py::kw_only(), py::arg("stream") = py::none(), "(min, max) over the axes (all when None).");
  m.def("searchsorted", [](const py::object& seq, const py::object& values, const std::string& side,
                           const py::object& s) {
    auto [a, v] = to_arrays(seq, values);
    return searchsorted(a, v, side, to_stream_or_device(s));
  }, py::arg("sorted_sequence"), py::arg("values"), py::pos_only(), py::arg("side") = "left",
     py::kw_only(), py::arg("stream") = py::none(),
     "Indices (uint32) that keep the 1-d sorted_sequence sorted when the values are inserted.");
}

// Pickling: the state is (NumPy copy, dtype name); bfloat16 travels as float32.
void def_pickle(py::class_<array>& cls) {
  cls.def(py::pickle(
      [](const array& a) { return py::make_tuple(to_numpy(a), std::string(dtype_name(a.dtype()))); },
      [](const py::tuple& state) {
        if (state.size() != 2) throw_value("array.__setstate__", "Invalid state.");
        return to_array(state[0], dtype_from_name(py::cast<std::string>(state[1])));
      }));
}

void def_windows(py::module_& m) {
  using WindowFn = array (*)(int, StreamOrDevice);
  struct W { const char* name; WindowFn fn; };
  for (W w : {W{"bartlett", &bartlett}, W{"blackman", &blackman}, W{"hamming", &hamming},
              W{"hanning", &hanning}}) {
    WindowFn fn = w.fn;
    m.def(w.name, [fn](int M, const py::object& s) { return fn(M, to_stream_or_device(s)); },
          py::arg("M"), py::kw_only(), py::arg("stream") = py::none(),
          "Window of length M (float32), as NumPy's function of the same name.");
  }
  m.def("vecdot", [](const py::object& a, const py::object& b, int axis, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return vecdot(x, y, axis, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::pos_only(), py::kw_only(), py::arg("axis") = -1,
     py::arg("stream") = py::none(), "sum(conj(a) * b) over axis, with broadcasting.");
}

} // namespace

void init_ops_misc(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  def_dtype_queries(m);
  def_creation(m);
  def_shape_like(m, cls);
  def_reductions(m);
  def_windows(m);
  def_pickle(cls);
}

} // namespace mxg::python
