// Python bindings for the creation ops.
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

bool is_integer(const py::handle& o) {
  return !PyFloat_Check(o.ptr()) && PyIndex_Check(o.ptr());
}

// `shape=`: an int or a sequence of ints.
Shape to_shape(const py::handle& obj, const char* op) {
  if (is_integer(obj)) return {to_int64(obj, op)};
  if (py::isinstance<py::sequence>(obj) && !py::isinstance<py::str>(obj)) {
    Shape shape;
    for (auto item : py::reinterpret_borrow<py::sequence>(obj)) {
      if (!is_integer(item)) {
        throw type_error(std::string("[") + op + "] Shape entries must be integers.");
      }
      shape.push_back(to_int64(item, op));
    }
    return shape;
  }
  throw type_error(std::string("[") + op + "] The shape must be an int or a sequence of ints.");
}

// An arange bound: its value, and whether it was given as an integer.
std::pair<double, bool> to_bound(const py::handle& obj) {
  if (PyBool_Check(obj.ptr())) {
    throw std::invalid_argument("[arange] bool is not supported for arange.");
  }
  if (is_integer(obj)) {
    int overflow = 0;
    py::int_ i(py::reinterpret_borrow<py::object>(obj));
    long long v = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
    if (overflow) {
      throw type_error("[arange] Integer " + std::string(py::str(obj)) + " does not fit in 64 bits.");
    }
    return {static_cast<double>(v), true};
  }
  if (PyFloat_Check(obj.ptr()) || py::hasattr(obj, "__float__")) {
    return {py::cast<double>(py::float_(py::reinterpret_borrow<py::object>(obj))), false};
  }
  throw type_error("[arange] Expected an int or a float, got " +
                   std::string(py::str(py::type::handle_of(obj).attr("__name__"))) + ".");
}

array arange_py(const py::object& start, const py::object& stop, const py::object& step,
                std::optional<Dtype> dtype, const py::object& s) {
  if (stop.is_none()) return arange_py(py::int_(0), start, step, dtype, s); // arange(stop, None)
  auto [b, bi] = to_bound(start);
  auto [e, ei] = to_bound(stop);
  auto [d, di] = step.is_none() ? std::pair<double, bool>{1.0, true} : to_bound(step);
  // Integer bounds past int32 give int64, as in MLX.
  auto wide = [](double x) { return x > INT32_MAX || x < INT32_MIN; };
  Dtype whole = wide(b) || wide(e) || wide(d) ? int64 : int32;
  Dtype t = dtype.value_or(bi && ei && di ? whole : float32);
  return arange(b, e, d, t, to_stream_or_device(s));
}

void init_fills(py::module_& m) {
  m.def("zeros", [](const py::object& shape, std::optional<Dtype> dtype, const py::object& s) {
    return zeros(to_shape(shape, "zeros"), dtype.value_or(float32), to_stream_or_device(s));
  }, py::arg("shape"), py::arg("dtype") = float32, py::kw_only(), py::arg("stream") = py::none(),
  "An array of zeros.");
  m.def("ones", [](const py::object& shape, std::optional<Dtype> dtype, const py::object& s) {
    return ones(to_shape(shape, "ones"), dtype.value_or(float32), to_stream_or_device(s));
  }, py::arg("shape"), py::arg("dtype") = float32, py::kw_only(), py::arg("stream") = py::none(),
  "An array of ones.");
  m.def("full", [](const py::object& shape, const py::object& vals, std::optional<Dtype> dtype,
                   const py::object& s) {
    return full(to_shape(shape, "full"), to_array(vals, dtype), dtype, to_stream_or_device(s));
  }, py::arg("shape"), py::arg("vals"), py::arg("dtype") = py::none(), py::kw_only(),
  py::arg("stream") = py::none(), "An array of the given shape filled with vals (broadcast).");
  m.def("zeros_like", [](const array& a, std::optional<Dtype> dtype, const py::object& s) {
    return zeros_like(a, dtype, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("dtype") = py::none(), py::kw_only(),
  py::arg("stream") = py::none(), "Zeros with a's shape (and dtype unless given).");
  m.def("ones_like", [](const array& a, std::optional<Dtype> dtype, const py::object& s) {
    return ones_like(a, dtype, to_stream_or_device(s));
  }, py::arg("a"), py::pos_only(), py::arg("dtype") = py::none(), py::kw_only(),
  py::arg("stream") = py::none(), "Ones with a's shape (and dtype unless given).");
  m.def("full_like", [](const array& a, const py::object& vals, std::optional<Dtype> dtype,
                        const py::object& s) {
    return full_like(a, to_array(vals), dtype, to_stream_or_device(s));
  }, py::arg("a"), py::arg("vals"), py::arg("dtype") = py::none(), py::kw_only(),
  py::arg("stream") = py::none(), "vals broadcast to a's shape (and dtype unless given).");
}

void init_ranges(py::module_& m) {
  m.def("arange", &arange_py, py::arg("start"), py::arg("stop"), py::arg("step") = py::none(),
        py::arg("dtype") = py::none(), py::kw_only(), py::arg("stream") = py::none(),
        "Values from start to stop (exclusive) spaced by step. Integer arguments give int32, "
        "any float gives float32.");
  m.def("arange", [](const py::object& stop, const py::object& step, std::optional<Dtype> dtype,
                     const py::object& s) {
    return arange_py(py::int_(0), stop, step, dtype, s);
  }, py::arg("stop"), py::arg("step") = py::none(), py::arg("dtype") = py::none(), py::kw_only(),
  py::arg("stream") = py::none());
  m.def("linspace", [](double start, double stop, std::optional<int> num, bool endpoint,
                       std::optional<Dtype> dtype, const py::object& s) {
    return linspace(start, stop, num.value_or(50), endpoint, dtype.value_or(float32),
                    to_stream_or_device(s));
  }, py::arg("start"), py::arg("stop"), py::arg("num") = 50, py::arg("endpoint") = true,
  py::arg("dtype") = float32, py::arg("stream") = py::none(), "num evenly spaced values.");
}

void init_matrices(py::module_& m) {
  m.def("eye", [](int n, std::optional<int> mm, int k, std::optional<Dtype> dtype,
                  const py::object& s) {
    return eye(n, mm, k, dtype.value_or(float32), to_stream_or_device(s));
  }, py::arg("n"), py::arg("m") = py::none(), py::arg("k") = 0, py::arg("dtype") = float32,
  py::kw_only(), py::arg("stream") = py::none(), "Ones on diagonal k, zeros elsewhere.");
  m.def("identity", [](int n, std::optional<Dtype> dtype, const py::object& s) {
    return identity(n, dtype.value_or(float32), to_stream_or_device(s));
  }, py::arg("n"), py::arg("dtype") = float32, py::kw_only(), py::arg("stream") = py::none(),
  "The n x n identity matrix.");
  m.def("tri", [](int n, std::optional<int> mm, int k, std::optional<Dtype> dtype,
                  const py::object& s) {
    return tri(n, mm, k, dtype.value_or(float32), to_stream_or_device(s));
  }, py::arg("n"), py::arg("m") = py::none(), py::arg("k") = 0, py::arg("dtype") = py::none(),
  py::kw_only(), py::arg("stream") = py::none(), "Ones at and below diagonal k.");
  m.def("tril", [](const array& x, int k, const py::object& s) {
    return tril(x, k, to_stream_or_device(s));
  }, py::arg("x"), py::arg("k") = 0, py::kw_only(), py::arg("stream") = py::none(),
  "Zeroes the elements above diagonal k.");
  m.def("triu", [](const array& x, int k, const py::object& s) {
    return triu(x, k, to_stream_or_device(s));
  }, py::arg("x"), py::arg("k") = 0, py::kw_only(), py::arg("stream") = py::none(),
  "Zeroes the elements below diagonal k.");
  m.def("meshgrid", [](const py::args& arrays, bool sparse, const std::string& indexing,
                       const py::object& s) {
    std::vector<array> xs;
    for (auto a : arrays) xs.push_back(to_array(a));
    auto out = meshgrid(xs, sparse, indexing, to_stream_or_device(s));
    py::tuple t(out.size());
    for (size_t i = 0; i < out.size(); ++i) t[i] = py::cast(out[i]);
    return t;
  }, py::arg("sparse") = false, py::arg("indexing") = "xy", py::arg("stream") = py::none(),
  "Coordinate grids from 1-d coordinate arrays.");
}

} // namespace

void init_ops_creation(py::module_& m) {
  init_fills(m);
  init_ranges(m);
  init_matrices(m);
}

} // namespace mxg::python
