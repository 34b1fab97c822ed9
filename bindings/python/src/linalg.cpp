// Python bindings: mx.linalg (MLX 0.32's 19 names and signatures).
#include "convert.h"
#include "init.h"
#include "mxgraph/linalg.h"

namespace mxg::python {
namespace {

std::optional<std::vector<int>> axes_arg(const py::object& axis) {
  if (axis.is_none()) return std::nullopt;
  if (PyIndex_Check(axis.ptr())) return std::vector<int>{py::cast<int>(axis)};
  return py::cast<std::vector<int>>(axis);
}

array norm_py(const array& a, const py::object& ord, const py::object& axis, bool keepdims, StreamOrDevice s) {
  auto axes = axes_arg(axis);
  if (ord.is_none()) return linalg::norm(a, axes, keepdims, s);
  if (py::isinstance<py::str>(ord)) return linalg::norm(a, py::cast<std::string>(ord), axes, keepdims, s);
  if (py::isinstance<py::bool_>(ord) || !(PyIndex_Check(ord.ptr()) || py::isinstance<py::float_>(ord))) {
    throw type_error("[linalg::norm] ord must be None, a number or a string ('fro', 'nuc').");
  }
  return linalg::norm(a, py::cast<double>(ord), axes, keepdims, s);
}

py::tuple as_tuple(const std::vector<array>& xs) {
  py::tuple t(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) t[i] = py::cast(xs[i]);
  return t;
}

} // namespace

void init_linalg(py::module_& m) {
  auto l = m.def_submodule("linalg", "Norms, factorizations and solvers (LAPACK), as mlx.core.linalg.");
  auto st = [](const py::object& s) { return to_stream_or_device(s); };
  auto arr = [](const py::object& a) { return to_array(a); };
  l.def("norm", [=](const py::object& a, const py::object& ord, const py::object& axis, bool keepdims,
                    const py::object& s) { return norm_py(arr(a), ord, axis, keepdims, st(s)); },
        py::arg("a"), py::pos_only(), py::arg("ord") = py::none(), py::arg("axis") = py::none(),
        py::arg("keepdims") = false, py::kw_only(), py::arg("stream") = py::none(),
        "Matrix or vector norm, as numpy.linalg.norm.");
  l.def("inv", [=](const py::object& a, const py::object& s) { return linalg::inv(arr(a), st(s)); },
        py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "The inverse of square matrices.");
  l.def("pinv", [=](const py::object& a, const py::object& s) { return linalg::pinv(arr(a), st(s)); },
        py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "The Moore-Penrose pseudo-inverse.");
  l.def("tri_inv", [=](const py::object& a, bool upper, const py::object& s) {
    return linalg::tri_inv(arr(a), upper, st(s));
  }, py::arg("a"), py::arg("upper") = false, py::kw_only(), py::arg("stream") = py::none(),
     "The inverse of triangular matrices (lower unless upper=True).");
  l.def("cholesky", [=](const py::object& a, bool upper, const py::object& s) {
    return linalg::cholesky(arr(a), upper, st(s));
  }, py::arg("a"), py::arg("upper") = false, py::kw_only(), py::arg("stream") = py::none(),
     "The Cholesky factor L (A = L L^T), or U (A = U^T U) when upper=True.");
  l.def("cholesky_inv", [=](const py::object& a, bool upper, const py::object& s) {
    return linalg::cholesky_inv(arr(a), upper, st(s));
  }, py::arg("a"), py::arg("upper") = false, py::kw_only(), py::arg("stream") = py::none(),
     "inv(A) from A's Cholesky factor.");
  l.def("qr", [=](const py::object& a, const py::object& s) {
    auto [q, r] = linalg::qr(arr(a), st(s));
    return py::make_tuple(q, r);
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Reduced QR factorization: (Q, R).");
  l.def("svd", [=](const py::object& a, bool compute_uv, const py::object& s) -> py::object {
    auto o = linalg::svd(arr(a), compute_uv, st(s));
    if (!compute_uv) return py::cast(o[0]);
    return as_tuple(o);
  }, py::arg("a"), py::arg("compute_uv") = true, py::kw_only(), py::arg("stream") = py::none(),
     "Singular value decomposition: (U, S, Vt), or S when compute_uv=False.");
  l.def("eig", [=](const py::object& a, const py::object& s) {
    auto [w, v] = linalg::eig(arr(a), st(s));
    return py::make_tuple(w, v);
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Eigenvalues and eigenvectors (complex64).");
  l.def("eigvals", [=](const py::object& a, const py::object& s) { return linalg::eigvals(arr(a), st(s)); },
        py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Eigenvalues (complex64).");
  l.def("eigh", [=](const py::object& a, const std::string& uplo, const py::object& s) {
    auto [w, v] = linalg::eigh(arr(a), uplo, st(s));
    return py::make_tuple(w, v);
  }, py::arg("a"), py::arg("UPLO") = "L", py::kw_only(), py::arg("stream") = py::none(),
     "Eigenvalues (ascending) and eigenvectors of symmetric matrices.");
  l.def("eigvalsh", [=](const py::object& a, const std::string& uplo, const py::object& s) {
    return linalg::eigvalsh(arr(a), uplo, st(s));
  }, py::arg("a"), py::arg("UPLO") = "L", py::kw_only(), py::arg("stream") = py::none(),
     "Eigenvalues (ascending) of symmetric matrices.");
  l.def("lu", [=](const py::object& a, const py::object& s) { return as_tuple(linalg::lu(arr(a), st(s))); },
        py::arg("a"), py::kw_only(), py::arg("stream") = py::none(),
        "LU factorization: (P, L, U) with A = L[P] @ U, P the row permutation (uint32).");
  l.def("lu_factor", [=](const py::object& a, const py::object& s) {
    auto [lu, piv] = linalg::lu_factor(arr(a), st(s));
    return py::make_tuple(lu, piv);
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(),
     "Packed LU factors and 0-based pivots (uint32), as scipy.linalg.lu_factor.");
  l.def("solve", [=](const py::object& a, const py::object& b, const py::object& s) {
    return linalg::solve(arr(a), arr(b), st(s));
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("stream") = py::none(), "x with a @ x = b.");
  l.def("solve_triangular", [=](const py::object& a, const py::object& b, bool upper, const py::object& s) {
    return linalg::solve_triangular(arr(a), arr(b), upper, st(s));
  }, py::arg("a"), py::arg("b"), py::kw_only(), py::arg("upper") = false, py::arg("stream") = py::none(),
     "x with a @ x = b for triangular a.");
  l.def("det", [=](const py::object& a, const py::object& s) { return linalg::det(arr(a), st(s)); },
        py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "Determinant.");
  l.def("slogdet", [=](const py::object& a, const py::object& s) {
    auto [sign, logabs] = linalg::slogdet(arr(a), st(s));
    return py::make_tuple(sign, logabs);
  }, py::arg("a"), py::kw_only(), py::arg("stream") = py::none(), "(sign, log|det|).");
  l.def("cross", [=](const py::object& a, const py::object& b, int axis, const py::object& s) {
    auto [x, y] = to_arrays(a, b);
    return linalg::cross(x, y, axis, st(s));
  }, py::arg("a"), py::arg("b"), py::arg("axis") = -1, py::kw_only(), py::arg("stream") = py::none(),
     "Cross product of 3-vectors (2-vectors padded with zero) along axis.");
}

} // namespace mxg::python
