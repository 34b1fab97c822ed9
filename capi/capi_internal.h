// Shared by the C ABI's sources: the handle structs, argument conversion, and the one
// guard that turns every C++ exception into a status code and a thread-local message.
#pragma once

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "mxgraph/export.h"
#include "mxgraph/mxgraph.h"
#include "mxgraph_c.h"

struct mxg_array_t {
  mxg::array a;
};
struct mxg_stream_t {
  mxg::Stream s;
};
struct mxg_closure_t {
  mxg::ArrayFn fn;
  size_t num_outputs;
};
struct mxg_named_arrays_t {
  mxg::NamedArrays items;
};
struct mxg_function_t {
  mxg::ImportedFunction f;
  std::vector<mxg::ArraySpec> outputs; // f.outputs() computes them; kept for the C pointers
};

namespace mxg::capi {

/// A required pointer argument was NULL (MXG_ERR_NULL).
struct null_argument : std::exception {
  explicit null_argument(std::string msg) : msg(std::move(msg)) {}
  const char* what() const noexcept override { return msg.c_str(); }
  std::string msg;
};

/// A C callback returned a non-OK status; carried through the core to the guard.
struct callback_failed : std::exception {
  callback_failed(int code, std::string msg) : code(code), msg(std::move(msg)) {}
  const char* what() const noexcept override { return msg.c_str(); }
  int code;
  std::string msg;
};

/// A file that cannot be used (MXG_ERR_IO), e.g. a corrupt .mxfn.
struct io_error : std::exception {
  explicit io_error(std::string msg) : msg(std::move(msg)) {}
  const char* what() const noexcept override { return msg.c_str(); }
  std::string msg;
};

void clear_error() noexcept;
int set_error(int code, const char* msg) noexcept;
/// Maps the exception being handled to a status (call only inside a catch block).
int status_of_current_exception(const char* fn) noexcept;

/// Throws null_argument when p is NULL.
template <typename T>
T& need(T* p, const char* fn, const char* what) {
  if (!p) {
    throw null_argument(std::string("[") + fn + "] Argument '" + what +
                        "' is NULL. Pass a valid pointer (handles come from mxg_* functions).");
  }
  return *p;
}
inline const array& arr(const mxg_array* a, const char* fn, const char* what = "a") {
  return need(a, fn, what).a;
}
inline StreamOrDevice stream(const mxg_stream* s) {
  if (!s) return {};
  return s->s;
}
Dtype to_dtype(const mxg_dtype& d, const char* fn); // by reference: see dtype_bits
Shape to_shape(const int64_t* shape, int ndim, const char* fn);
std::vector<int> to_ints(const int* p, size_t n, const char* fn, const char* what);
std::vector<array> to_arrays(mxg_array* const* p, size_t n, const char* fn, const char* what);
/// Stores new handles for `arrays` into out[0..n) (all or none).
void put_arrays(mxg_array** out, const std::vector<array>& arrays);
/// A copy of `s` in malloc'ed memory (freed by mxg_string_free).
char* dup_string(const std::string& s);

/// Runs f(); returns MXG_OK, or the status of the exception it threw.
template <typename F>
int guard(const char* fn, F&& f) noexcept {
  clear_error();
  try {
    f();
    return MXG_OK;
  } catch (...) {
    return status_of_current_exception(fn);
  }
}

/// For functions with one out-parameter: *out is NULL/0 unless f succeeds.
template <typename T, typename F>
int guard_out(const char* fn, T* out, F&& f) noexcept {
  return guard(fn, [&] {
    need(out, fn, "out");
    *out = T{};
    *out = f();
  });
}

/// For functions returning one new array handle.
template <typename F>
int guard_array(const char* fn, mxg_array** out, F&& f) noexcept {
  return guard_out(fn, out, [&] { return new mxg_array_t{f()}; });
}

} // namespace mxg::capi
