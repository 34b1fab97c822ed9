// The C ABI's mx.linalg: one function per Python name. Functions with several results
// write them to outs[0..n) (all or none), n as the header says.
#include "capi_internal.h"
#include "mxgraph/linalg.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

// Stores the results of f() into outs (n of them).
template <typename F>
int guard_arrays(const char* fn, mxg_array** outs, F&& f) noexcept {
  return guard(fn, [&] {
    need(outs, fn, "outs");
    put_arrays(outs, f());
  });
}

template <typename P>
std::vector<array> pair_of(P&& p) {
  return {p.first, p.second};
}

} // namespace

#define MXG_C_LINALG_UNARY(name)                                                               \
  int mxg_linalg_##name(mxg_array** out, const mxg_array* a, const mxg_stream* s) {           \
    const char* fn = "mxg_linalg_" #name;                                                      \
    return guard_array(fn, out, [&] { return linalg::name(arr(a, fn), stream(s)); });         \
  }
MXG_C_LINALG_UNARY(inv)
MXG_C_LINALG_UNARY(pinv)
MXG_C_LINALG_UNARY(det)
MXG_C_LINALG_UNARY(eigvals)
#undef MXG_C_LINALG_UNARY

#define MXG_C_LINALG_TRIANGLE(name)                                                            \
  int mxg_linalg_##name(mxg_array** out, const mxg_array* a, int upper, const mxg_stream* s) { \
    const char* fn = "mxg_linalg_" #name;                                                      \
    return guard_array(fn, out, [&] { return linalg::name(arr(a, fn), upper != 0, stream(s)); }); \
  }
MXG_C_LINALG_TRIANGLE(tri_inv)
MXG_C_LINALG_TRIANGLE(cholesky)
MXG_C_LINALG_TRIANGLE(cholesky_inv)
#undef MXG_C_LINALG_TRIANGLE

int mxg_linalg_solve(mxg_array** out, const mxg_array* a, const mxg_array* b, const mxg_stream* s) {
  const char* fn = "mxg_linalg_solve";
  return guard_array(fn, out, [&] { return linalg::solve(arr(a, fn), arr(b, fn, "b"), stream(s)); });
}
int mxg_linalg_solve_triangular(mxg_array** out, const mxg_array* a, const mxg_array* b, int upper,
                                const mxg_stream* s) {
  const char* fn = "mxg_linalg_solve_triangular";
  return guard_array(fn, out, [&] {
    return linalg::solve_triangular(arr(a, fn), arr(b, fn, "b"), upper != 0, stream(s));
  });
}
int mxg_linalg_cross(mxg_array** out, const mxg_array* a, const mxg_array* b, int axis, const mxg_stream* s) {
  const char* fn = "mxg_linalg_cross";
  return guard_array(fn, out, [&] { return linalg::cross(arr(a, fn), arr(b, fn, "b"), axis, stream(s)); });
}
int mxg_linalg_norm(mxg_array** out, const mxg_array* a, const double* ord, const char* ord_name,
                    const int* axes, size_t num_axes, int keepdims, const mxg_stream* s) {
  const char* fn = "mxg_linalg_norm";
  return guard_array(fn, out, [&] {
    std::optional<std::vector<int>> ax;
    if (axes) ax = to_ints(axes, num_axes, fn, "axes");
    if (ord_name) return linalg::norm(arr(a, fn), std::string(ord_name), ax, keepdims != 0, stream(s));
    if (ord) return linalg::norm(arr(a, fn), *ord, ax, keepdims != 0, stream(s));
    return linalg::norm(arr(a, fn), ax, keepdims != 0, stream(s));
  });
}

int mxg_linalg_qr(mxg_array** outs, const mxg_array* a, const mxg_stream* s) {
  const char* fn = "mxg_linalg_qr";
  return guard_arrays(fn, outs, [&] { return pair_of(linalg::qr(arr(a, fn), stream(s))); });
}
int mxg_linalg_svd(mxg_array** outs, const mxg_array* a, int compute_uv, const mxg_stream* s) {
  const char* fn = "mxg_linalg_svd";
  return guard_arrays(fn, outs, [&] { return linalg::svd(arr(a, fn), compute_uv != 0, stream(s)); });
}
int mxg_linalg_eig(mxg_array** outs, const mxg_array* a, const mxg_stream* s) {
  const char* fn = "mxg_linalg_eig";
  return guard_arrays(fn, outs, [&] { return pair_of(linalg::eig(arr(a, fn), stream(s))); });
}
int mxg_linalg_eigh(mxg_array** outs, const mxg_array* a, const char* uplo, int vectors, const mxg_stream* s) {
  const char* fn = "mxg_linalg_eigh";
  return guard_arrays(fn, outs, [&] {
    std::string u = uplo ? uplo : "L";
    if (!vectors) return std::vector<array>{linalg::eigvalsh(arr(a, fn), u, stream(s))};
    return pair_of(linalg::eigh(arr(a, fn), u, stream(s)));
  });
}
int mxg_linalg_lu(mxg_array** outs, const mxg_array* a, const mxg_stream* s) {
  const char* fn = "mxg_linalg_lu";
  return guard_arrays(fn, outs, [&] { return linalg::lu(arr(a, fn), stream(s)); });
}
int mxg_linalg_lu_factor(mxg_array** outs, const mxg_array* a, const mxg_stream* s) {
  const char* fn = "mxg_linalg_lu_factor";
  return guard_arrays(fn, outs, [&] { return pair_of(linalg::lu_factor(arr(a, fn), stream(s))); });
}
int mxg_linalg_slogdet(mxg_array** outs, const mxg_array* a, const mxg_stream* s) {
  const char* fn = "mxg_linalg_slogdet";
  return guard_arrays(fn, outs, [&] { return pair_of(linalg::slogdet(arr(a, fn), stream(s))); });
}
