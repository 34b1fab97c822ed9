// Python bindings for the elementwise ops and the array methods that mirror them.
#include "convert.h"
#include "init.h"

namespace mxg::python {
namespace {

/// An optional bound of clip: None, an array, or a scalar weak against `a`.
std::optional<array> to_bound(const py::object& v, const py::object& a) {
  if (v.is_none()) return std::nullopt;
  return to_array_weak(v, a);
}

void init_composed(py::module_& m) {
  m.def("isfinite", [](const py::object& a, const py::object& s) {
    return isfinite(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(),
  "Elementwise: neither infinite nor NaN.");
  m.def("degrees", [](const py::object& a, const py::object& s) {
    return degrees(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Radians to degrees.");
  m.def("radians", [](const py::object& a, const py::object& s) {
    return radians(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Degrees to radians.");
  m.def("round", [](const py::object& a, int decimals, const py::object& s) {
    return round(to_array(a), decimals, to_stream_or_device(s));
  }, py::arg("a"), py::arg("decimals") = 0, py::kw_only(), py::arg("stream") = py::none(),
  "Rounds to the given number of decimals (half to even).");
  m.def("trunc", [](const py::object& a, const py::object& s) {
    return trunc(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Rounds toward zero.");
  m.def("positive", [](const py::object& a, const py::object& s) {
    return positive(to_array(a), to_stream_or_device(s));
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "+a.");
  m.def("logical_xor", [](const py::object& a, const py::object& b, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return logical_xor(x, y, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(),
  "Elementwise logical exclusive or.");
  m.def("divmod", [](const py::object& a, const py::object& b, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    auto [q, r] = divmod(x, y, to_stream_or_device(s));
    return py::make_tuple(q, r);
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(),
  "(floor_divide(a, b), remainder(a, b)) from one pass.");
  m.def("where", [](const py::object& c, const py::object& x, const py::object& y,
                    const py::object& s) {
    auto [vx, vy] = to_arrays(x, y);
    return where(to_array(c), vx, vy, to_stream_or_device(s));
  }, py::arg("condition"), py::arg("x"), py::arg("y"), py::kw_only(),
  py::arg("stream") = py::none(), "x where condition is true, else y.");
  m.def("clip", [](const py::object& a, const py::object& lo, const py::object& hi,
                   const py::object& s) {
    return clip(to_array(a), to_bound(lo, a), to_bound(hi, a), to_stream_or_device(s));
  }, py::arg("a"), py::arg("a_min"), py::arg("a_max"), py::kw_only(),
  py::arg("stream") = py::none(), "Clips to [a_min, a_max]; either bound may be None.");
  m.def("nan_to_num", [](const py::object& a, double nan, std::optional<double> posinf,
                         std::optional<double> neginf, const py::object& s) {
    return nan_to_num(to_array(a), nan, posinf, neginf, to_stream_or_device(s));
  }, py::arg("a"), py::arg("nan") = 0.0, py::arg("posinf") = py::none(),
  py::arg("neginf") = py::none(), py::kw_only(), py::arg("stream") = py::none(),
  "Replaces NaN and infinities with finite numbers.");
  m.def("isclose", [](const py::object& a, const py::object& b, double rtol, double atol,
                      bool equal_nan, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return isclose(x, y, rtol, atol, equal_nan, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::arg("rtol") = 1e-5, py::arg("atol") = 1e-8, py::kw_only(),
  py::arg("equal_nan") = false, py::arg("stream") = py::none(),
  "Elementwise |a - b| <= atol + rtol * |b|.");
  m.def("allclose", [](const py::object& a, const py::object& b, double rtol, double atol,
                       bool equal_nan, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return allclose(x, y, rtol, atol, equal_nan, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::arg("rtol") = 1e-5, py::arg("atol") = 1e-8, py::kw_only(),
  py::arg("equal_nan") = false, py::arg("stream") = py::none(),
  "A bool array: every element of a is close to b.");
  m.def("array_equal", [](const py::object& a, const py::object& b, bool equal_nan,
                          const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return array_equal(x, y, equal_nan, to_stream_or_device(s));
  }, py::arg("a"), py::arg("b"), py::arg("equal_nan") = false, py::arg("stream") = py::none(),
  "A bool array: same shape and equal values.");
  m.def("view", [](const py::object& a, Dtype dtype, const py::object& s) {
    return view(to_array(a), dtype, to_stream_or_device(s));
  }, py::arg("a"), py::arg("dtype"), py::arg("stream") = py::none(),
  "The same bytes seen as another dtype.");
}

/// MLX's alternative names for the same functions.
void init_aliases(py::module_& m) {
  const char* pairs[][2] = {{"acos", "arccos"}, {"acosh", "arccosh"}, {"asin", "arcsin"},
                            {"asinh", "arcsinh"}, {"atan", "arctan"}, {"atan2", "arctan2"},
                            {"atanh", "arctanh"}, {"conj", "conjugate"}, {"pow", "power"},
                            {"bitwise_left_shift", "left_shift"},
                            {"bitwise_right_shift", "right_shift"}};
  for (auto& p : pairs) m.attr(p[0]) = m.attr(p[1]);
}

void init_methods(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
#define MXG_METHOD(name, fn)                                                      \
  cls.def(name, [](const array& a, const py::object& s) {                         \
    return fn(a, to_stream_or_device(s));                                          \
  }, py::kw_only(), py::arg("stream") = py::none());
  MXG_METHOD("abs", abs)
  MXG_METHOD("conj", conjugate)
  MXG_METHOD("cos", cos)
  MXG_METHOD("exp", exp)
  MXG_METHOD("log", log)
  MXG_METHOD("log10", log10)
  MXG_METHOD("log1p", log1p)
  MXG_METHOD("log2", log2)
  MXG_METHOD("reciprocal", reciprocal)
  MXG_METHOD("rsqrt", rsqrt)
  MXG_METHOD("sin", sin)
  MXG_METHOD("sqrt", sqrt)
  MXG_METHOD("square", square)
#undef MXG_METHOD
  cls.def("round", [](const array& a, int decimals, const py::object& s) {
    return round(a, decimals, to_stream_or_device(s));
  }, py::arg("decimals") = 0, py::kw_only(), py::arg("stream") = py::none());
  cls.def("view", [](const array& a, Dtype dtype, const py::object& s) {
    return view(a, dtype, to_stream_or_device(s));
  }, py::arg("dtype"), py::kw_only(), py::arg("stream") = py::none());
  cls.def_property_readonly("real", [](const array& a) { return real(a); });
  cls.def_property_readonly("imag", [](const array& a) { return imag(a); });
}

} // namespace

void init_ops_elementwise(py::module_& m) {
  // round is bound with its decimals argument in init_composed.
#define MXG_BIND_UNARY(e, n, ...)                                                    \
  if (UnaryOp::e != UnaryOp::Round)                                             \
    m.def(#n, [](const py::object& a, const py::object& s) {                    \
      return unary(UnaryOp::e, to_array(a), to_stream_or_device(s));            \
    }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(),             \
    "Elementwise " #n ".");
  MXG_UNARY_OPS(MXG_BIND_UNARY)
#undef MXG_BIND_UNARY
#define MXG_BIND_BINARY(e, n, ...)                                                   \
  m.def(#n, [](const py::object& a, const py::object& b, const py::object& s) { \
    auto [x, y] = to_arrays(a, b);                                              \
    return binary(BinaryOp::e, x, y, to_stream_or_device(s));                   \
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(), \
  "Elementwise " #n " with broadcasting.");
  MXG_BINARY_OPS(MXG_BIND_BINARY)
#undef MXG_BIND_BINARY
  init_composed(m);
  init_aliases(m);
  init_methods(m);
}

} // namespace mxg::python
