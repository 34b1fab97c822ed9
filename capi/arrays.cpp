// The C ABI's foundation: errors, version, dtypes, handles, arrays and evaluation.
#include <cstdlib>
#include <ios>
#include <system_error>

#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace mxg::capi {
namespace {

thread_local int t_code = MXG_OK;
thread_local std::string t_message;

bool starts_with(const char* s, const char* prefix) {
  return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

} // namespace

void clear_error() noexcept {
  t_code = MXG_OK;
  t_message.clear();
}

int set_error(int code, const char* msg) noexcept {
  t_code = code;
  try {
    t_message = msg ? msg : "";
  } catch (...) {
    t_message.clear(); // no memory for the message: the code still tells
  }
  return code;
}

int status_of_current_exception(const char* fn) noexcept {
  try {
    throw;
  } catch (const callback_failed& e) {
    return set_error(e.code, e.what());
  } catch (const null_argument& e) {
    return set_error(MXG_ERR_NULL, e.what());
  } catch (const io_error& e) {
    return set_error(MXG_ERR_IO, e.what());
  } catch (const out_of_memory& e) {
    return set_error(MXG_ERR_OUT_OF_MEMORY, e.what());
  } catch (const std::bad_alloc&) {
    return set_error(MXG_ERR_OUT_OF_MEMORY, "Out of memory.");
  } catch (const file_not_found& e) {
    return set_error(MXG_ERR_IO, e.what());
  } catch (const type_error& e) {
    return set_error(MXG_ERR_TYPE, e.what());
  } catch (const std::out_of_range& e) {
    return set_error(MXG_ERR_OUT_OF_RANGE, e.what());
  } catch (const std::invalid_argument& e) {
    // The file readers and writers report unusable files as "[load] ..."/"[save] ...".
    bool io = starts_with(e.what(), "[load") || starts_with(e.what(), "[save");
    return set_error(io ? MXG_ERR_IO : MXG_ERR_INVALID_ARGUMENT, e.what());
  } catch (const std::ios_base::failure& e) {
    return set_error(MXG_ERR_IO, e.what());
  } catch (const std::exception& e) {
    return set_error(MXG_ERR_RUNTIME, e.what());
  } catch (...) {
    std::string msg = std::string("[") + fn + "] An unknown error occurred.";
    return set_error(MXG_ERR_RUNTIME, msg.c_str());
  }
}

// The int a C caller passed as mxg_dtype. Read as bytes: a value past the enumerators
// (e.g. 99) is out of the C++ enum's range, and loading it as the enum is UB (UBSan).
int dtype_bits(const mxg_dtype& d) {
  int v = 0;
  static_assert(sizeof(mxg_dtype) == sizeof(int), "mxg_dtype is an int-sized enum");
  std::memcpy(&v, &d, sizeof v);
  return v;
}

Dtype to_dtype(const mxg_dtype& d, const char* fn) {
  int v = dtype_bits(d);
  if (v < 0 || v >= kNumDtypes) {
    throw std::invalid_argument(std::string("[") + fn + "] Unknown dtype value " +
                                std::to_string(v) + ". Use one of the MXG_* dtype constants.");
  }
  return static_cast<Dtype>(v);
}

Shape to_shape(const int64_t* shape, int ndim, const char* fn) {
  if (ndim < 0) {
    throw std::invalid_argument(std::string("[") + fn + "] ndim must be >= 0, got " +
                                std::to_string(ndim) + ".");
  }
  if (ndim > 0) need(shape, fn, "shape");
  return Shape(shape, shape + ndim);
}

std::vector<int> to_ints(const int* p, size_t n, const char* fn, const char* what) {
  if (n > 0) need(p, fn, what);
  return std::vector<int>(p, p + n);
}

std::vector<array> to_arrays(mxg_array* const* p, size_t n, const char* fn, const char* what) {
  if (n > 0) need(p, fn, what);
  std::vector<array> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(arr(p[i], fn, what));
  return out;
}

void put_arrays(mxg_array** out, const std::vector<array>& arrays) {
  std::vector<std::unique_ptr<mxg_array_t>> made;
  for (const auto& a : arrays) made.push_back(std::make_unique<mxg_array_t>(mxg_array_t{a}));
  for (size_t i = 0; i < made.size(); ++i) out[i] = made[i].release();
}

char* dup_string(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

} // namespace mxg::capi

// The C enum mirrors the core's Dtype order.
static_assert(MXG_BOOL == static_cast<int>(Dtype::bool_) && MXG_INT32 == static_cast<int>(Dtype::int32) &&
              MXG_BFLOAT16 == static_cast<int>(Dtype::bfloat16) &&
              MXG_COMPLEX64 == static_cast<int>(Dtype::complex64) && MXG_COMPLEX64 + 1 == kNumDtypes,
              "mxg_dtype must mirror mxg::Dtype");

extern "C" {

int mxg_last_error_code(void) { return mxg::capi::t_code; }
const char* mxg_last_error_message(void) { return mxg::capi::t_message.c_str(); }

const char* mxg_version(void) { return MXGRAPH_VERSION_STRING; }
int mxg_abi_version(void) { return MXG_C_ABI_VERSION; }

size_t mxg_dtype_size(mxg_dtype dtype) {
  int v = dtype_bits(dtype);
  return (v < 0 || v >= kNumDtypes) ? 0 : static_cast<size_t>(size_of(static_cast<Dtype>(v)));
}
const char* mxg_dtype_name(mxg_dtype dtype) {
  int v = dtype_bits(dtype);
  return (v < 0 || v >= kNumDtypes) ? nullptr : dtype_name(static_cast<Dtype>(v));
}

void mxg_array_free(mxg_array* a) { delete a; }
void mxg_stream_free(mxg_stream* s) { delete s; }
void mxg_closure_free(mxg_closure* f) { delete f; }
void mxg_function_free(mxg_function* f) { delete f; }
void mxg_named_arrays_free(mxg_named_arrays* m) { delete m; }
void mxg_string_free(char* str) { std::free(str); }

int mxg_stream_default_cpu(mxg_stream** out) {
  return guard_out("mxg_stream_default_cpu", out,
                   [] { return new mxg_stream_t{default_stream(Device(Device::cpu))}; });
}
int mxg_stream_new_cpu(mxg_stream** out) {
  return guard_out("mxg_stream_new_cpu", out,
                   [] { return new mxg_stream_t{new_stream(Device(Device::cpu))}; });
}

int mxg_array_from_data(mxg_array** out, const void* data, const int64_t* shape, int ndim,
                        mxg_dtype dtype) {
  const char* fn = "mxg_array_from_data";
  return guard_array(fn, out, [&] {
    Shape sh = to_shape(shape, ndim, fn);
    Dtype dt = to_dtype(dtype, fn);
    int64_t n = shape_size(sh, fn);
    if (n > 0) need(static_cast<const char*>(data), fn, "data");
    auto buf = allocate(static_cast<size_t>(n) * size_of(dt));
    if (n > 0) std::memcpy(buf->ptr(), data, static_cast<size_t>(n) * size_of(dt));
    return array(std::move(buf), sh, dt);
  });
}

int mxg_array_from_borrowed(mxg_array** out, void* data, const int64_t* shape, int ndim,
                            mxg_dtype dtype, void (*deleter)(void*), void* payload) {
  const char* fn = "mxg_array_from_borrowed";
  // The buffer owns the deleter from the start, so that it runs once whatever fails.
  std::shared_ptr<Buffer> buf;
  try {
    buf = wrap_buffer(data, 0, [deleter, payload](void*) {
      if (deleter) deleter(payload);
    });
  } catch (...) {
    if (deleter) deleter(payload);
    return status_of_current_exception(fn);
  }
  return guard_array(fn, out, [&] {
    Shape sh = to_shape(shape, ndim, fn);
    Dtype dt = to_dtype(dtype, fn);
    if (shape_size(sh, fn) > 0) need(static_cast<const char*>(data), fn, "data");
    return array(std::move(buf), sh, dt);
  });
}

int mxg_array_from_float(mxg_array** out, double value, mxg_dtype dtype) {
  const char* fn = "mxg_array_from_float";
  return guard_array(fn, out, [&] { return array(value, to_dtype(dtype, fn)); });
}
int mxg_array_from_int(mxg_array** out, int64_t value, mxg_dtype dtype) {
  const char* fn = "mxg_array_from_int";
  return guard_array(fn, out, [&] { return array(value, to_dtype(dtype, fn)); });
}
int mxg_array_copy(mxg_array** out, const mxg_array* a) {
  return guard_array("mxg_array_copy", out, [&] { return arr(a, "mxg_array_copy"); });
}

int mxg_array_ndim(const mxg_array* a, int* out) {
  return guard_out("mxg_array_ndim", out, [&] { return arr(a, "mxg_array_ndim").ndim(); });
}
int mxg_array_shape(const mxg_array* a, const int64_t** out) {
  return guard_out("mxg_array_shape", out, [&] {
    // A 0-d array's shape is empty; give a valid pointer anyway.
    static const int64_t none = 0;
    const Shape& sh = arr(a, "mxg_array_shape").shape();
    return sh.empty() ? &none : sh.data();
  });
}
int mxg_array_dim(const mxg_array* a, int axis, int64_t* out) {
  return guard_out("mxg_array_dim", out, [&] {
    const array& x = arr(a, "mxg_array_dim");
    if (axis < -x.ndim() || axis >= x.ndim()) {
      throw std::out_of_range("[mxg_array_dim] Axis " + std::to_string(axis) +
                              " is out of bounds for an array with " + std::to_string(x.ndim()) +
                              " dimensions.");
    }
    return x.shape(axis < 0 ? axis + x.ndim() : axis);
  });
}
int mxg_array_dtype(const mxg_array* a, mxg_dtype* out) {
  return guard_out("mxg_array_dtype", out,
                   [&] { return static_cast<mxg_dtype>(arr(a, "mxg_array_dtype").dtype()); });
}
int mxg_array_size(const mxg_array* a, int64_t* out) {
  return guard_out("mxg_array_size", out, [&] { return arr(a, "mxg_array_size").size(); });
}
int mxg_array_nbytes(const mxg_array* a, int64_t* out) {
  return guard_out("mxg_array_nbytes", out, [&] { return arr(a, "mxg_array_nbytes").nbytes(); });
}
int mxg_array_is_evaluated(const mxg_array* a, int* out) {
  return guard_out("mxg_array_is_evaluated", out,
                   [&] { return arr(a, "mxg_array_is_evaluated").is_evaluated() ? 1 : 0; });
}

int mxg_array_data(mxg_array* a, const void** out) {
  const char* fn = "mxg_array_data";
  return guard_out(fn, out, [&]() -> const void* {
    array& x = need(a, fn, "a").a;
    eval({x}, EvalCause::data);
    if (!x.flags().row_contiguous) {
      // Same values, dense layout: the handle now holds the dense copy.
      x = contiguous(x);
      eval({x}, EvalCause::data);
    }
    return x.raw_data();
  });
}

int mxg_array_copy_data(mxg_array* a, void* dst, size_t dst_bytes, mxg_dtype dtype) {
  const char* fn = "mxg_array_copy_data";
  return guard(fn, [&] {
    const array& x = arr(a, fn);
    Dtype dt = to_dtype(dtype, fn);
    size_t need_bytes = static_cast<size_t>(x.size()) * size_of(dt);
    if (dst_bytes < need_bytes) {
      throw std::invalid_argument("[" + std::string(fn) + "] The destination holds " +
                                  std::to_string(dst_bytes) + " bytes but the array needs " +
                                  std::to_string(need_bytes) + ". Pass a larger buffer.");
    }
    if (need_bytes == 0) return;
    need(static_cast<char*>(dst), fn, "dst");
    array y = contiguous(astype(x, dt));
    eval({y}, EvalCause::data);
    std::memcpy(dst, y.raw_data(), need_bytes);
  });
}

int mxg_array_item_float(mxg_array* a, double* out) {
  return guard_out("mxg_array_item_float", out,
                   [&] { return need(a, "mxg_array_item_float", "a").a.item<double>(); });
}
int mxg_array_item_int(mxg_array* a, int64_t* out) {
  return guard_out("mxg_array_item_int", out,
                   [&] { return need(a, "mxg_array_item_int", "a").a.item<int64_t>(); });
}
int mxg_array_to_string(mxg_array* a, char** out) {
  return guard_out("mxg_array_to_string", out,
                   [&] { return dup_string(array_str(arr(a, "mxg_array_to_string"))); });
}

int mxg_eval(mxg_array* const* arrays, size_t num) {
  return guard("mxg_eval", [&] { eval(to_arrays(arrays, num, "mxg_eval", "arrays")); });
}
int mxg_async_eval(mxg_array* const* arrays, size_t num) {
  return guard("mxg_async_eval",
               [&] { async_eval(to_arrays(arrays, num, "mxg_async_eval", "arrays")); });
}

} // extern "C"
