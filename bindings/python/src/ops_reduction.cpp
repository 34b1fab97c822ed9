// Python bindings for the reduction and scan ops, and the array methods that mirror them.
#include "convert.h"
#include "init.h"
#include "ops/utils.h"

namespace mxg::python {
namespace {

using ReduceAxes = array (*)(const array&, const std::vector<int>&, bool, StreamOrDevice);
using ReduceAll = array (*)(const array&, bool, StreamOrDevice);

// `axis=None | int | Sequence[int]`, `keepdims`: one binding body for every reduction.
template <ReduceAxes FA, ReduceAll FN>
array call_reduce(const py::object& a, const py::object& axis, bool keepdims,
                  const py::object& s, const char* name) {
  auto ax = to_axes(axis, name);
  array x = to_array(a);
  return ax ? FA(x, *ax, keepdims, to_stream_or_device(s)) : FN(x, keepdims, to_stream_or_device(s));
}

std::optional<int> to_opt_axis(const py::object& axis, const char* op) {
  if (axis.is_none()) return std::nullopt;
  if (!py::isinstance<py::int_>(axis)) throw_type(op, "axis must be an int or None.");
  return py::cast<int>(axis);
}

std::optional<Dtype> to_opt_dtype(const py::object& dtype) {
  if (dtype.is_none()) return std::nullopt;
  return py::cast<Dtype>(dtype);
}

using ScanFn = array (*)(const array&, std::optional<int>, bool, bool, StreamOrDevice);

array sum_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return sum(a, ax, k, s); }
array sum_all(const array& a, bool k, StreamOrDevice s) { return sum(a, k, s); }
array prod_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return prod(a, ax, k, s); }
array prod_all(const array& a, bool k, StreamOrDevice s) { return prod(a, k, s); }
array max_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return max(a, ax, k, s); }
array max_all(const array& a, bool k, StreamOrDevice s) { return max(a, k, s); }
array min_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return min(a, ax, k, s); }
array min_all(const array& a, bool k, StreamOrDevice s) { return min(a, k, s); }
array all_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return all(a, ax, k, s); }
array all_all(const array& a, bool k, StreamOrDevice s) { return all(a, k, s); }
array any_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return any(a, ax, k, s); }
array any_all(const array& a, bool k, StreamOrDevice s) { return any(a, k, s); }
array mean_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return mean(a, ax, k, s); }
array mean_all(const array& a, bool k, StreamOrDevice s) { return mean(a, k, s); }
array lse_ax(const array& a, const std::vector<int>& ax, bool k, StreamOrDevice s) { return logsumexp(a, ax, k, s); }
array lse_all(const array& a, bool k, StreamOrDevice s) { return logsumexp(a, k, s); }

array cummax_fn(const array& a, std::optional<int> ax, bool r, bool i, StreamOrDevice s) { return cummax(a, ax, r, i, s); }
array cummin_fn(const array& a, std::optional<int> ax, bool r, bool i, StreamOrDevice s) { return cummin(a, ax, r, i, s); }
array lcse_fn(const array& a, std::optional<int> ax, bool r, bool i, StreamOrDevice s) { return logcumsumexp(a, ax, r, i, s); }

// Binds `name` both as mx.name(a, axis, keepdims) and as array.name(axis, keepdims).
template <ReduceAxes FA, ReduceAll FN>
void def_reduce(py::module_& m, py::class_<array>& cls, const char* name, const char* doc) {
  auto f = [name](const py::object& a, const py::object& axis, bool keepdims, const py::object& s) {
    return call_reduce<FA, FN>(a, axis, keepdims, s, name);
  };
  m.def(name, f, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(),
        py::arg("keepdims") = false, py::kw_only(), py::arg("stream") = py::none(), doc);
  cls.def(name, f, py::arg("axis") = py::none(), py::arg("keepdims") = false, py::kw_only(),
          py::arg("stream") = py::none(), doc);
}

array call_var(bool is_std, const py::object& a, const py::object& axis, bool keepdims, int ddof,
               std::optional<int> correction, const py::object& s) {
  if (correction) ddof = *correction;  // the array-API spelling wins over ddof, as in MLX
  auto ax = to_axes(axis, is_std ? "std" : "var");
  array x = to_array(a);
  auto st = to_stream_or_device(s);
  if (is_std) return ax ? mxg::std(x, *ax, keepdims, ddof, st) : mxg::std(x, keepdims, ddof, st);
  return ax ? var(x, *ax, keepdims, ddof, st) : var(x, keepdims, ddof, st);
}

} // namespace

void init_ops_reduction(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<array>>(m.attr("array"));
  def_reduce<sum_ax, sum_all>(m, cls, "sum", "Sum over the given axes.");
  def_reduce<prod_ax, prod_all>(m, cls, "prod", "Product over the given axes.");
  def_reduce<max_ax, max_all>(m, cls, "max", "Maximum over the given axes.");
  def_reduce<min_ax, min_all>(m, cls, "min", "Minimum over the given axes.");
  def_reduce<all_ax, all_all>(m, cls, "all", "True where every element is true.");
  def_reduce<any_ax, any_all>(m, cls, "any", "True where any element is true.");
  def_reduce<mean_ax, mean_all>(m, cls, "mean", "Mean over the given axes.");
  def_reduce<lse_ax, lse_all>(m, cls, "logsumexp", "log(sum(exp(a))) over the given axes, stably.");

  for (bool is_std : {false, true}) {
    const char* name = is_std ? "std" : "var";
    auto f = [is_std](const py::object& a, const py::object& axis, bool keepdims, int ddof,
                      std::optional<int> correction, const py::object& s) {
      return call_var(is_std, a, axis, keepdims, ddof, correction, s);
    };
    const char* doc = is_std ? "Standard deviation with ddof delta degrees of freedom."
                             : "Variance with ddof delta degrees of freedom.";
    m.def(name, f, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(),
          py::arg("keepdims") = false, py::arg("ddof") = 0, py::kw_only(),
          py::arg("correction") = py::none(), py::arg("stream") = py::none(), doc);
    cls.def(name, f, py::arg("axis") = py::none(), py::arg("keepdims") = false,
            py::arg("ddof") = 0, py::kw_only(), py::arg("correction") = py::none(),
            py::arg("stream") = py::none(), doc);
  }

  for (bool is_max : {true, false}) {
    const char* name = is_max ? "argmax" : "argmin";
    auto f = [is_max](const py::object& a, const py::object& axis, bool keepdims,
                      const py::object& s) {
      array x = to_array(a);
      auto st = to_stream_or_device(s);
      auto ax = to_opt_axis(axis, is_max ? "argmax" : "argmin");
      if (is_max) return ax ? argmax(x, *ax, keepdims, st) : argmax(x, keepdims, st);
      return ax ? argmin(x, *ax, keepdims, st) : argmin(x, keepdims, st);
    };
    const char* doc = is_max ? "Index (uint32) of the first maximum." : "Index (uint32) of the first minimum.";
    m.def(name, f, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(),
          py::arg("keepdims") = false, py::kw_only(), py::arg("stream") = py::none(), doc);
    cls.def(name, f, py::arg("axis") = py::none(), py::arg("keepdims") = false, py::kw_only(),
            py::arg("stream") = py::none(), doc);
  }

  m.def("softmax", [](const py::object& a, const py::object& axis, bool precise, const py::object& s) {
    auto ax = to_axes(axis, "softmax");
    array x = to_array(a);
    auto st = to_stream_or_device(s);
    return ax ? softmax(x, *ax, precise, st) : softmax(x, precise, st);
  }, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::kw_only(),
     py::arg("precise") = false, py::arg("stream") = py::none(),
     "Softmax over the given axes (all when None), computed around the maximum.");

  for (bool is_sum : {true, false}) {
    const char* name = is_sum ? "cumsum" : "cumprod";
    auto f = [is_sum](const py::object& a, const py::object& axis, bool reverse, bool inclusive,
                      const py::object& dtype, const py::object& s) {
      array x = to_array(a);
      auto st = to_stream_or_device(s);
      auto ax = to_opt_axis(axis, is_sum ? "cumsum" : "cumprod");
      auto dt = to_opt_dtype(dtype);
      return is_sum ? cumsum(x, ax, reverse, inclusive, dt, st)
                    : cumprod(x, ax, reverse, inclusive, dt, st);
    };
    const char* doc = is_sum ? "Cumulative sum along an axis (flattened when None)."
                             : "Cumulative product along an axis (flattened when None).";
    m.def(name, f, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::kw_only(),
          py::arg("reverse") = false, py::arg("inclusive") = true, py::arg("dtype") = py::none(),
          py::arg("stream") = py::none(), doc);
    cls.def(name, f, py::arg("axis") = py::none(), py::kw_only(), py::arg("reverse") = false,
            py::arg("inclusive") = true, py::arg("dtype") = py::none(),
            py::arg("stream") = py::none(), doc);
  }

  struct Scan1 { const char* name; ScanFn fn; const char* doc; };
  for (Scan1 sc : {Scan1{"cummax", cummax_fn, "Cumulative maximum along an axis."},
                   Scan1{"cummin", cummin_fn, "Cumulative minimum along an axis."},
                   Scan1{"logcumsumexp", lcse_fn, "Cumulative log-sum-exp along an axis."}}) {
    ScanFn fn = sc.fn;
    const char* name = sc.name;
    auto f = [fn, name](const py::object& a, const py::object& axis, bool reverse, bool inclusive,
                        const py::object& s) {
      return fn(to_array(a), to_opt_axis(axis, name), reverse, inclusive, to_stream_or_device(s));
    };
    m.def(sc.name, f, py::arg("a"), py::pos_only(), py::arg("axis") = py::none(), py::kw_only(),
          py::arg("reverse") = false, py::arg("inclusive") = true, py::arg("stream") = py::none(),
          sc.doc);
    cls.def(sc.name, f, py::arg("axis") = py::none(), py::kw_only(), py::arg("reverse") = false,
            py::arg("inclusive") = true, py::arg("stream") = py::none(), sc.doc);
  }
}

} // namespace mxg::python
