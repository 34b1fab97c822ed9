// Python bindings: the array class (attributes, operators, conversions).
#include <pybind11/operators.h>

#include "convert.h"
#include "init.h"
#include "mxgraph/printing.h"

namespace mxg::python {
namespace {

py::buffer_info buffer_of(array& a) {
  eval_nogil({a}, EvalCause::buffer);
  std::string fmt;
  switch (a.dtype()) {
    case bool_: fmt = "?"; break;
    case uint8: fmt = "B"; break;
    case uint16: fmt = "H"; break;
    case uint32: fmt = "I"; break;
    case uint64: fmt = "Q"; break;
    case int8: fmt = "b"; break;
    case int16: fmt = "h"; break;
    case int32: fmt = "i"; break;
    case int64: fmt = "q"; break;
    case float16: fmt = "e"; break;
    case float32: fmt = "f"; break;
    case float64: fmt = "d"; break;
    case complex64: fmt = "Zf"; break;
    case bfloat16: fmt = "bfloat16"; break; // MLX's: raw 2-byte patterns, which NumPy refuses
  }
  std::vector<ssize_t> shape(a.shape().begin(), a.shape().end());
  std::vector<ssize_t> strides;
  for (auto s : a.strides()) strides.push_back(s * a.itemsize());
  return py::buffer_info(a.raw_data(), a.itemsize(), fmt, a.ndim(), shape, strides);
}

// `self op= other`: the Python object `self` now holds the result (same id).
py::object inplace(const py::object& self, const py::object& result) {
  if (!is_array(result)) return result; // NotImplemented
  py::cast<array&>(self) = py::cast<array>(result);
  return self;
}

bool truth(array& a) {
  if (a.size() != 1) {
    throw std::invalid_argument("[bool] The truth value of an array with more than one element is ambiguous; use .any() or .all().");
  }
  eval_nogil({a}, EvalCause::bool_);
  return a.item<bool>();
}

// As MLX: arithmetic with a list or tuple is an error, not an elementwise operation.
void refuse_sequence(const py::object& other, const std::string& fname, const std::string& words) {
  if (py::isinstance<py::list>(other) || py::isinstance<py::tuple>(other)) {
    throw std::invalid_argument("[" + fname + "] Cannot perform " + words + " on an array and " +
                                std::string(py::str(py::type::handle_of(other).attr("__name__"))) +
                                ". Convert it with mx.array first.");
  }
}

array matmul_op(const array& a, const array& b, StreamOrDevice s) { return matmul(a, b, s); }

// Binary operators with weak Python scalars; NotImplemented for foreign types.
template <typename F>
py::object binop(const py::object& a, const py::object& b, F f) {
  if (!is_array(b) && !is_python_scalar(b) && !py::isinstance<py::array>(b) &&
      !py::isinstance<py::list>(b) && !py::isinstance<py::tuple>(b)) {
    return py::reinterpret_borrow<py::object>(Py_NotImplemented);
  }
  auto [x, y] = to_arrays(a, b);
  return py::cast(f(x, y));
}

struct PrintOptions {
  int precision = -1;
};

// mx.printoptions(...): sets the options on entry, restores the old ones on exit.
struct PrintOptionsContext {
  int precision;
  int saved = -1;
};

void init_print_options(py::module_& m) {
  py::class_<PrintOptions>(m, "PrintOptions", "The options array printing uses.")
      .def_readonly("precision", &PrintOptions::precision);
  py::class_<PrintOptionsContext>(m, "_PrintOptionsContext")
      .def("__enter__", [](PrintOptionsContext& c) {
        c.saved = print_precision();
        set_print_precision(c.precision);
        return &c;
      }, py::return_value_policy::reference)
      .def("__exit__", [](PrintOptionsContext& c, py::args) {
        set_print_precision(c.saved);
        return false;
      });
  m.def("set_printoptions", &set_print_precision, py::arg("precision") = -1,
        "Digits after the point when printing arrays; -1 restores the default.");
  m.def("get_printoptions", [] { return PrintOptions{print_precision()}; });
  m.def("printoptions", [](int precision) { return PrintOptionsContext{precision}; },
        py::arg("precision") = -1, "Print options for a `with` block.");
}

} // namespace

void init_array(py::module_& m) {
  init_print_options(m);
  py::class_<array> cls(m, "array", py::buffer_protocol(), py::dynamic_attr(),
                        "A lazy N-dimensional array.");
  cls.def(py::init([](const py::object& val, const py::object& dtype) {
        std::optional<Dtype> dt;
        if (!dtype.is_none()) dt = py::cast<Dtype>(dtype);
        return to_array(val, dt);
      }),
      py::arg("val"), py::arg("dtype") = py::none())
      .def_buffer(&buffer_of)
      .def_property_readonly("shape", [](const array& a) {
        py::tuple t(a.ndim());
        for (int i = 0; i < a.ndim(); ++i) t[i] = a.shape()[i];
        return t;
      })
      .def_property_readonly("ndim", &array::ndim)
      .def_property_readonly("size", &array::size)
      .def_property_readonly("dtype", &array::dtype)
      .def_property_readonly("itemsize", &array::itemsize)
      .def_property_readonly("nbytes", &array::nbytes)
      .def_property_readonly("T", [](const array& a) { return transpose(a); })
      .def("item", [](array& a) { return item(a); })
      .def("tolist", [](array& a) { return to_list(a); })
      .def("numpy", [](array& a) { return to_numpy(a); })
      .def("__array__", [](array& a, const py::object& dtype, const py::object& copy) {
        py::array out = to_numpy(a);
        if (!dtype.is_none()) return py::array::ensure(out.attr("astype")(dtype));
        return out;
      }, py::arg("dtype") = py::none(), py::arg("copy") = py::none())
      .def("__array_namespace__", [](const array&, const py::object& api_version) {
        if (!api_version.is_none()) {
          throw std::invalid_argument("[__array_namespace__] Explicitly specifying api_version is not yet implemented.");
        }
        return py::module_::import("mxgraph.core");
      }, py::kw_only(), py::arg("api_version") = py::none())
      .def("__format__", [](const py::object& self, const std::string& spec) -> py::object {
        // A 0-d array formats as its element (f"{x:.3f}"), as in MLX.
        array& a = py::cast<array&>(self);
        if (a.ndim() == 0) return py::module_::import("builtins").attr("format")(item(a), spec);
        if (spec.empty()) return py::str(self);
        throw type_error("[format] unsupported format string passed to array.__format__; format a 0-d array or .item().");
      })
      .def("__bool__", &truth)
      .def("__int__", [](array& a) {
        if (a.size() != 1) throw std::invalid_argument("[int] Only one-element arrays can be converted to int.");
        return py::int_(item(a, EvalCause::bool_));
      })
      .def("__float__", [](array& a) {
        if (a.size() != 1) throw std::invalid_argument("[float] Only one-element arrays can be converted to float.");
        return py::float_(item(a, EvalCause::bool_));
      })
      .def("__complex__", [](array& a) {
        if (a.size() != 1) {
          throw std::invalid_argument("[complex] Only one-element arrays can be converted to complex.");
        }
        auto builtin_complex = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyComplex_Type));
        return builtin_complex(item(a, EvalCause::bool_));
      })
      .def("__index__", [](array& a) {
        if (a.size() != 1 || !(is_integral(a.dtype()) || a.dtype() == bool_)) {
          throw type_error("[index] Only integer arrays with one element can be used as an index.");
        }
        return py::int_(item(a, EvalCause::bool_));
      })
      .def("__len__", [](const array& a) {
        if (a.ndim() == 0) throw type_error("[len] len() of a 0-d array.");
        return a.shape()[0];
      })
      .def("__repr__", [](array& a) {
        py::gil_scoped_release r;
        return array_repr(a);
      })
      .def("__str__", [](array& a) { // MLX prints arrays as their repr
        py::gil_scoped_release r;
        return array_repr(a);
      })
      .def("__hash__", [](const array& a) { return reinterpret_cast<intptr_t>(a.id()); })
      .def("__copy__", [](const array& a) { return a; })
      .def("__deepcopy__", [](const array& a, py::handle) { return a; }, py::arg("memo"))
      .def("astype", [](const array& a, Dtype t, const py::object& s) {
        return astype(a, t, to_stream_or_device(s));
      }, py::arg("dtype"), py::arg("stream") = py::none())
      .def("__neg__", [](const array& a) { return negative(a); })
      .def("__pos__", [](const array& a) { return a; })
      .def("__abs__", [](const array& a) { return abs(a); })
      .def("__invert__", [](const array& a) {
        return a.dtype() == bool_ ? logical_not(a) : bitwise_invert(a);
      });

  // Arithmetic and comparison operators, with reflected and in-place forms.
  struct Op {
    const char* name;
    const char* rname;
    const char* fname;
    const char* words; // MLX's, for the error with a list or tuple
    array (*f)(const array&, const array&, StreamOrDevice);
  };
  static const Op ops[] = {
      {"__add__", "__radd__", "add", "addition", &add},
      {"__sub__", "__rsub__", "subtract", "subtraction", &subtract},
      {"__mul__", "__rmul__", "multiply", "multiplication", &multiply},
      {"__truediv__", "__rtruediv__", "divide", "division", &divide},
      {"__floordiv__", "__rfloordiv__", "floor_divide", "floor division", &floor_divide},
      {"__mod__", "__rmod__", "remainder", "modulus", &remainder},
      {"__pow__", "__rpow__", "power", "power", &power},
      {"__and__", "__rand__", "bitwise_and", "bitwise and", &bitwise_and},
      {"__or__", "__ror__", "bitwise_or", "bitwise or", &bitwise_or},
      {"__xor__", "__rxor__", "bitwise_xor", "bitwise xor", &bitwise_xor},
      {"__lshift__", "__rlshift__", "left_shift", "left shift", &left_shift},
      {"__rshift__", "__rrshift__", "right_shift", "right shift", &right_shift},
      {"__matmul__", "__rmatmul__", "matmul", "matrix multiplication", &matmul_op},
  };
  for (const Op& op : ops) {
    auto f = op.f;
    std::string words = op.words, fname = op.fname;
    cls.def(op.name, [f, fname, words](const py::object& a, const py::object& b) {
      refuse_sequence(b, fname, words);
      return binop(a, b, [f](const array& x, const array& y) { return f(x, y, {}); });
    });
    cls.def(op.rname, [f, fname, words](const py::object& a, const py::object& b) {
      refuse_sequence(b, fname, words);
      return binop(b, a, [f](const array& x, const array& y) { return f(x, y, {}); });
    });
    // In-place forms make the same Python object hold the new lazy array, as MLX does.
    std::string iname = std::string("__i") + (op.name + 2);
    cls.def(iname.c_str(), [f, fname, words](const py::object& a, const py::object& b) {
      refuse_sequence(b, fname, "inplace " + words);
      return inplace(a, binop(a, b, [f](const array& x, const array& y) { return f(x, y, {}); }));
    });
  }
  struct Cmp {
    const char* name;
    const char* fname;
    const char* words; // for MLX's error text
    array (*f)(const array&, const array&, StreamOrDevice);
  };
  static const Cmp cmps[] = {
      {"__eq__", "equal", "equal", &equal},
      {"__ne__", "not_equal", "not equal", &not_equal},
      {"__lt__", "less", "less than", &less},
      {"__le__", "less_equal", "less than or equal", &less_equal},
      {"__gt__", "greater", "greater than", &greater},
      {"__ge__", "greater_equal", "greater than or equal", &greater_equal}};
  for (const Cmp& c : cmps) {
    auto f = c.f;
    bool eq = c.f == &equal, ne = c.f == &not_equal;
    std::string words = c.words, fname = c.fname;
    cls.def(c.name, [f, eq, ne, words, fname](const py::object& a, const py::object& b) -> py::object {
      // As in MLX: == and != with anything but an array, a scalar or a NumPy array
      // compare identity (a list is never equal); ordering with a list or str is an error.
      bool elementwise = is_array(b) || is_python_scalar(b) || py::isinstance<py::array>(b);
      if ((eq || ne) && !elementwise) return py::bool_(a.is(b) == eq);
      if (py::isinstance<py::list>(b) || py::isinstance<py::tuple>(b) || py::isinstance<py::str>(b)) {
        throw std::invalid_argument("[" + fname + "] Cannot perform " + words + " on an array and " +
                                    std::string(py::str(py::type::handle_of(b).attr("__name__"))) + ".");
      }
      return binop(a, b, [f](const array& x, const array& y) { return f(x, y, {}); });
    });
  }
  cls.def("__iter__", [](const array& a) {
    if (a.ndim() == 0) throw type_error("[iter] Iteration over a 0-d array.");
    py::list items;
    for (int64_t i = 0; i < a.shape()[0]; ++i) {
      items.append(py::cast(a).attr("__getitem__")(i));
    }
    return py::iter(items);
  });
  // After the class, so that its signature names `array` (the stubs need a Python type).
  m.def("_array_str", [](array& a) {
    py::gil_scoped_release r;
    return array_str(a);
  }, py::arg("a"), "NumPy's array_str layout (no array(...) wrapper, no dtype).");
}

} // namespace mxg::python
