/* The mxgraph C ABI: lazy arrays from C (C99) and any language with a C FFI.
 *
 * Conventions (docs/c-api.md has the long form):
 * - Every handle is opaque and owned by the caller who received it; free it with its
 *   *_free function (NULL is accepted). Handles passed as inputs are borrowed.
 * - Functions return an mxg_status (MXG_OK on success) and give results through
 *   out-parameters, which are set to NULL/0 on failure. The thread-local
 *   mxg_last_error_code()/mxg_last_error_message() describe the last failure on the
 *   calling thread; each call clears them on entry.
 * - No C++ exception crosses this ABI and the library never exits or aborts.
 * - `s` (a stream) may be NULL everywhere: the default stream.
 */
#ifndef MXGRAPH_C_H
#define MXGRAPH_C_H

#include <stddef.h>
#include <stdint.h>

#include "mxgraph/version.h" /* MXGRAPH_VERSION_MAJOR/MINOR/PATCH/STRING */

#if defined(_WIN32)
#if defined(MXGRAPH_C_BUILDING)
#define MXG_C_API __declspec(dllexport)
#else
#define MXG_C_API
#endif
#else
#define MXG_C_API __attribute__((visibility("default")))
#endif

/* Bumped when a declaration below changes incompatibly. */
#define MXG_C_ABI_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status and errors ---------------------------------------------------------- */

typedef enum mxg_status {
  MXG_OK = 0,
  MXG_ERR_INVALID_ARGUMENT = 1, /* bad shape, axis, dtype or value (Python ValueError) */
  MXG_ERR_TYPE = 2,             /* an argument of the wrong kind (TypeError) */
  MXG_ERR_OUT_OF_RANGE = 3,     /* an index out of bounds (IndexError) */
  MXG_ERR_OUT_OF_MEMORY = 4,    /* past the memory limit, or no system memory */
  MXG_ERR_IO = 5,               /* a file missing, unreadable, unwritable or corrupt */
  MXG_ERR_RUNTIME = 6,          /* anything else */
  MXG_ERR_NULL = 7              /* a required pointer argument was NULL */
} mxg_status;

/* The status of the last failed call on this thread (MXG_OK if the last call succeeded). */
MXG_C_API int mxg_last_error_code(void);
/* Its message ("" when none); valid until the next mxg_* call on this thread. */
MXG_C_API const char* mxg_last_error_message(void);

/* ---- version ---------------------------------------------------------------------- */

MXG_C_API const char* mxg_version(void); /* "0.1.0" */
MXG_C_API int mxg_abi_version(void);     /* MXG_C_ABI_VERSION of the built library */

/* ---- settings (docs/settings.md) -------------------------------------------------- */

/* The MXGRAPH_* environment variables the library reads, one table shared with C++,
 * Python and the `mxgraph settings` command. Row i (0 <= i < mxg_settings_count()):
 * its variable, type ("Int", "Double", "Bool" or "String"), default and what it does;
 * static strings; any out-parameter may be NULL. */
MXG_C_API size_t mxg_settings_count(void);
MXG_C_API int mxg_setting_info(size_t i, const char** env, const char** type,
                               const char** default_value, const char** doc);
/* The value in effect for the variable `env` (e.g. "MXGRAPH_NUM_THREADS"): the
 * environment's value, read once at the library's first use of it, or the default. The
 * string lives as long as the process. An unknown name is MXG_ERR_INVALID_ARGUMENT. */
MXG_C_API int mxg_setting_value(const char* env, const char** out);

/* ---- dtypes (values mirror the core's Dtype order) ------------------------------- */

typedef enum mxg_dtype {
  MXG_BOOL = 0,
  MXG_UINT8,
  MXG_UINT16,
  MXG_UINT32,
  MXG_UINT64,
  MXG_INT8,
  MXG_INT16,
  MXG_INT32,
  MXG_INT64,
  MXG_FLOAT16,
  MXG_BFLOAT16,
  MXG_FLOAT32,
  MXG_FLOAT64,
  MXG_COMPLEX64
} mxg_dtype;

MXG_C_API size_t mxg_dtype_size(mxg_dtype dtype);     /* bytes per element, 0 if unknown */
MXG_C_API const char* mxg_dtype_name(mxg_dtype dtype); /* "float32", NULL if unknown */

/* ---- handles ----------------------------------------------------------------------- */

typedef struct mxg_array_t mxg_array;
typedef struct mxg_stream_t mxg_stream;
typedef struct mxg_closure_t mxg_closure;
typedef struct mxg_named_arrays_t mxg_named_arrays;
typedef struct mxg_function_t mxg_function;

MXG_C_API void mxg_array_free(mxg_array* a);
MXG_C_API void mxg_stream_free(mxg_stream* s);
MXG_C_API void mxg_closure_free(mxg_closure* f);
MXG_C_API void mxg_named_arrays_free(mxg_named_arrays* m);
MXG_C_API void mxg_function_free(mxg_function* f);
/* Frees strings the library returned (DOT text, ...). */
MXG_C_API void mxg_string_free(char* str);

/* ---- streams ----------------------------------------------------------------------- */

/* The default stream of the CPU, or a new CPU stream. */
MXG_C_API int mxg_stream_default_cpu(mxg_stream** out);
MXG_C_API int mxg_stream_new_cpu(mxg_stream** out);

/* ---- arrays: creation ---------------------------------------------------------------- */

/* Copies `data` (dense C order, `dtype` elements) into a new array. */
MXG_C_API int mxg_array_from_data(mxg_array** out, const void* data, const int64_t* shape,
                                  int ndim, mxg_dtype dtype);
/* Wraps `data` without copying. `deleter(payload)` runs exactly once, when the last
 * array using the memory lets go (also when this call fails); it may be NULL. */
MXG_C_API int mxg_array_from_borrowed(mxg_array** out, void* data, const int64_t* shape,
                                      int ndim, mxg_dtype dtype, void (*deleter)(void*),
                                      void* payload);
/* 0-d arrays. */
MXG_C_API int mxg_array_from_float(mxg_array** out, double value, mxg_dtype dtype);
MXG_C_API int mxg_array_from_int(mxg_array** out, int64_t value, mxg_dtype dtype);
/* A second handle to the same array. */
MXG_C_API int mxg_array_copy(mxg_array** out, const mxg_array* a);

/* ---- arrays: queries (never evaluate) ------------------------------------------------ */

MXG_C_API int mxg_array_ndim(const mxg_array* a, int* out);
/* A pointer to ndim extents, valid while the handle lives. */
MXG_C_API int mxg_array_shape(const mxg_array* a, const int64_t** out);
MXG_C_API int mxg_array_dim(const mxg_array* a, int axis, int64_t* out); /* axis < 0 ok */
MXG_C_API int mxg_array_dtype(const mxg_array* a, mxg_dtype* out);
MXG_C_API int mxg_array_size(const mxg_array* a, int64_t* out);
MXG_C_API int mxg_array_nbytes(const mxg_array* a, int64_t* out);
MXG_C_API int mxg_array_is_evaluated(const mxg_array* a, int* out);

/* ---- arrays: data (evaluates) --------------------------------------------------------- */

/* The elements in dense C order; valid while the handle lives. */
MXG_C_API int mxg_array_data(mxg_array* a, const void** out);
/* Copies the elements, converted to `dtype`, into dst (capacity dst_bytes). */
MXG_C_API int mxg_array_copy_data(mxg_array* a, void* dst, size_t dst_bytes, mxg_dtype dtype);
/* The one element of a size-1 array. */
MXG_C_API int mxg_array_item_float(mxg_array* a, double* out);
MXG_C_API int mxg_array_item_int(mxg_array* a, int64_t* out);
/* NumPy-style text of the array (evaluates); free with mxg_string_free. */
MXG_C_API int mxg_array_to_string(mxg_array* a, char** out);

/* ---- evaluation ---------------------------------------------------------------------- */

MXG_C_API int mxg_eval(mxg_array* const* arrays, size_t num);
MXG_C_API int mxg_async_eval(mxg_array* const* arrays, size_t num);

/* ---- elementwise ops, generated from the core's registry ------------------------------ */

/* The names of the Unary primitive's operations, in registry order. A test checks
 * this list against the registry (mxg_registry_unary_count/_name). */
#define MXG_C_UNARY_OPS(X)                                                                 \
  X(abs) X(negative) X(sign) X(exp) X(expm1) X(log) X(log1p) X(log2) X(log10) X(sqrt)     \
  X(rsqrt) X(square) X(reciprocal) X(sin) X(cos) X(tan) X(arcsin) X(arccos) X(arctan)     \
  X(sinh) X(cosh) X(tanh) X(arcsinh) X(arccosh) X(arctanh) X(sigmoid) X(erf) X(erfinv)    \
  X(floor) X(ceil) X(round) X(isnan) X(isinf) X(isposinf) X(isneginf) X(logical_not)      \
  X(bitwise_invert) X(conjugate) X(real) X(imag) X(stop_gradient)

/* The Binary primitive's operations, in registry order. */
#define MXG_C_BINARY_OPS(X)                                                                \
  X(add) X(subtract) X(multiply) X(divide) X(floor_divide) X(remainder) X(power)          \
  X(maximum) X(minimum) X(arctan2) X(logaddexp) X(equal) X(not_equal) X(less)             \
  X(less_equal) X(greater) X(greater_equal) X(logical_and) X(logical_or) X(bitwise_and)   \
  X(bitwise_or) X(bitwise_xor) X(left_shift) X(right_shift)

/* int mxg_exp(mxg_array** out, const mxg_array* a, const mxg_stream* s); ... */
#define MXG_C_DECLARE_UNARY(name) \
  MXG_C_API int mxg_##name(mxg_array** out, const mxg_array* a, const mxg_stream* s);
MXG_C_UNARY_OPS(MXG_C_DECLARE_UNARY)
#undef MXG_C_DECLARE_UNARY

/* int mxg_add(mxg_array** out, const mxg_array* a, const mxg_array* b, const mxg_stream* s); ... */
#define MXG_C_DECLARE_BINARY(name)                                                     \
  MXG_C_API int mxg_##name(mxg_array** out, const mxg_array* a, const mxg_array* b, \
                           const mxg_stream* s);
MXG_C_BINARY_OPS(MXG_C_DECLARE_BINARY)
#undef MXG_C_DECLARE_BINARY

/* The registry as the library was built with it (for the test of the lists above). */
MXG_C_API int mxg_registry_unary_count(void);
MXG_C_API int mxg_registry_binary_count(void);
MXG_C_API const char* mxg_registry_unary_name(int i);  /* NULL out of range */
MXG_C_API const char* mxg_registry_binary_name(int i); /* NULL out of range */
MXG_C_API int mxg_registry_primitive_count(void);

/* ---- other elementwise ---------------------------------------------------------------- */

MXG_C_API int mxg_where(mxg_array** out, const mxg_array* cond, const mxg_array* x,
                        const mxg_array* y, const mxg_stream* s);
MXG_C_API int mxg_astype(mxg_array** out, const mxg_array* a, mxg_dtype dtype,
                         const mxg_stream* s);

/* ---- reductions: axes == NULL (num_axes ignored) reduces over every axis -------------- */

#define MXG_C_REDUCTIONS(X) X(sum) X(prod) X(max) X(min) X(all) X(any) X(mean) X(logsumexp)
#define MXG_C_DECLARE_REDUCTION(name)                                                    \
  MXG_C_API int mxg_##name(mxg_array** out, const mxg_array* a, const int* axes,        \
                           size_t num_axes, int keepdims, const mxg_stream* s);
MXG_C_REDUCTIONS(MXG_C_DECLARE_REDUCTION)
#undef MXG_C_DECLARE_REDUCTION
MXG_C_API int mxg_var(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                      int keepdims, int ddof, const mxg_stream* s);
MXG_C_API int mxg_std(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                      int keepdims, int ddof, const mxg_stream* s);
/* axis == NULL: over the flattened array. */
MXG_C_API int mxg_argmax(mxg_array** out, const mxg_array* a, const int* axis, int keepdims,
                         const mxg_stream* s);
MXG_C_API int mxg_argmin(mxg_array** out, const mxg_array* a, const int* axis, int keepdims,
                         const mxg_stream* s);
MXG_C_API int mxg_softmax(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                          const mxg_stream* s);
MXG_C_API int mxg_cumsum(mxg_array** out, const mxg_array* a, const int* axis, int reverse,
                         int inclusive, const mxg_stream* s);

/* ---- shape ----------------------------------------------------------------------------- */

MXG_C_API int mxg_reshape(mxg_array** out, const mxg_array* a, const int64_t* shape, int ndim,
                          const mxg_stream* s);
/* axes == NULL: reverse the axes. */
MXG_C_API int mxg_transpose(mxg_array** out, const mxg_array* a, const int* axes,
                            size_t num_axes, const mxg_stream* s);
MXG_C_API int mxg_broadcast_to(mxg_array** out, const mxg_array* a, const int64_t* shape,
                               int ndim, const mxg_stream* s);
MXG_C_API int mxg_expand_dims(mxg_array** out, const mxg_array* a, int axis, const mxg_stream* s);
/* axes == NULL: every size-1 axis. */
MXG_C_API int mxg_squeeze(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                          const mxg_stream* s);
/* start/stop/strides have ndim(a) entries; strides == NULL means all 1. */
MXG_C_API int mxg_slice(mxg_array** out, const mxg_array* a, const int64_t* start,
                        const int64_t* stop, const int64_t* strides, size_t num,
                        const mxg_stream* s);
MXG_C_API int mxg_concatenate(mxg_array** out, mxg_array* const* arrays, size_t num, int axis,
                              const mxg_stream* s);
MXG_C_API int mxg_stack(mxg_array** out, mxg_array* const* arrays, size_t num, int axis,
                        const mxg_stream* s);

/* ---- linear algebra, indexing, sorting --------------------------------------------------- */

MXG_C_API int mxg_matmul(mxg_array** out, const mxg_array* a, const mxg_array* b,
                         const mxg_stream* s);
/* axis == NULL: index the flattened array. */
MXG_C_API int mxg_take(mxg_array** out, const mxg_array* a, const mxg_array* indices,
                       const int* axis, const mxg_stream* s);
MXG_C_API int mxg_take_along_axis(mxg_array** out, const mxg_array* a, const mxg_array* indices,
                                  int axis, const mxg_stream* s);
/* axis == NULL: sort the flattened array. */
MXG_C_API int mxg_sort(mxg_array** out, const mxg_array* a, const int* axis, const mxg_stream* s);
MXG_C_API int mxg_argsort(mxg_array** out, const mxg_array* a, const int* axis,
                          const mxg_stream* s);

/* ---- mx.linalg ----------------------------------------------------------------------------
 * Over the last two axes, batched over the leading ones; float32 or float64 inputs. A
 * singular or non-positive-definite matrix fails at evaluation (MXG_ERR_RUNTIME).
 * Functions with several results write them to outs[0..n), n given per function. */

MXG_C_API int mxg_linalg_inv(mxg_array** out, const mxg_array* a, const mxg_stream* s);
MXG_C_API int mxg_linalg_pinv(mxg_array** out, const mxg_array* a, const mxg_stream* s);
MXG_C_API int mxg_linalg_det(mxg_array** out, const mxg_array* a, const mxg_stream* s);
/* Eigenvalues of a general matrix (complex64). */
MXG_C_API int mxg_linalg_eigvals(mxg_array** out, const mxg_array* a, const mxg_stream* s);
/* upper != 0: the upper triangle (factor) instead of the lower. */
MXG_C_API int mxg_linalg_tri_inv(mxg_array** out, const mxg_array* a, int upper, const mxg_stream* s);
MXG_C_API int mxg_linalg_cholesky(mxg_array** out, const mxg_array* a, int upper, const mxg_stream* s);
MXG_C_API int mxg_linalg_cholesky_inv(mxg_array** out, const mxg_array* a, int upper, const mxg_stream* s);
/* x with a @ x = b (b 1-d: a vector). */
MXG_C_API int mxg_linalg_solve(mxg_array** out, const mxg_array* a, const mxg_array* b, const mxg_stream* s);
MXG_C_API int mxg_linalg_solve_triangular(mxg_array** out, const mxg_array* a, const mxg_array* b, int upper,
                                          const mxg_stream* s);
MXG_C_API int mxg_linalg_cross(mxg_array** out, const mxg_array* a, const mxg_array* b, int axis,
                               const mxg_stream* s);
/* ord_name ("fro", "nuc") wins over ord; both NULL: the default norm. axes == NULL: as
 * NumPy without axis. */
MXG_C_API int mxg_linalg_norm(mxg_array** out, const mxg_array* a, const double* ord, const char* ord_name,
                              const int* axes, size_t num_axes, int keepdims, const mxg_stream* s);
/* outs: Q, R. */
MXG_C_API int mxg_linalg_qr(mxg_array** outs, const mxg_array* a, const mxg_stream* s);
/* outs: U, S, Vt; or S alone when compute_uv == 0. */
MXG_C_API int mxg_linalg_svd(mxg_array** outs, const mxg_array* a, int compute_uv, const mxg_stream* s);
/* outs: eigenvalues, eigenvectors (complex64). */
MXG_C_API int mxg_linalg_eig(mxg_array** outs, const mxg_array* a, const mxg_stream* s);
/* outs: eigenvalues, eigenvectors; the eigenvalues alone when vectors == 0. uplo: "L"
 * (NULL) or "U". */
MXG_C_API int mxg_linalg_eigh(mxg_array** outs, const mxg_array* a, const char* uplo, int vectors,
                              const mxg_stream* s);
/* outs: P (uint32 row permutation), L, U with A = L[P] @ U. */
MXG_C_API int mxg_linalg_lu(mxg_array** outs, const mxg_array* a, const mxg_stream* s);
/* outs: packed LU, pivots (uint32). */
MXG_C_API int mxg_linalg_lu_factor(mxg_array** outs, const mxg_array* a, const mxg_stream* s);
/* outs: sign, log|det|. */
MXG_C_API int mxg_linalg_slogdet(mxg_array** outs, const mxg_array* a, const mxg_stream* s);
/* ---- fft (mx.fft) -------------------------------------------------------------------------- */

typedef enum mxg_fft_kind {
  MXG_FFT = 0,   /* complex -> complex64 */
  MXG_IFFT = 1,  /* inverse, complex -> complex64 */
  MXG_RFFT = 2,  /* real -> the half spectrum of the last axis, complex64 */
  MXG_IRFFT = 3  /* half spectrum -> float32 */
} mxg_fft_kind;

/* fftn over `axes` (num_axes of them; axes == NULL: all axes, and n must be NULL) with
 * lengths n (NULL: the input's; for MXG_IRFFT 2 * (bins - 1) on the last axis).
 * norm: "backward", "ortho" or "forward" (NULL: "backward"). */
MXG_C_API int mxg_fft(mxg_array** out, const mxg_array* a, const int64_t* n, const int* axes,
                      size_t num_axes, mxg_fft_kind kind, const char* norm, const mxg_stream* s);
/* fftshift (inverse != 0: ifftshift) over axes (NULL: all). */
MXG_C_API int mxg_fft_shift(mxg_array** out, const mxg_array* a, const int* axes, size_t num_axes,
                            int inverse, const mxg_stream* s);
/* fftfreq(n, d) (real != 0: rfftfreq), float32. */
MXG_C_API int mxg_fft_freq(mxg_array** out, int64_t n, double d, int real, const mxg_stream* s);
/* stft / istft as mx.fft's; an int64 argument < 0 and onesided < 0 take the default,
 * window == NULL a rectangular one, length < 0 no trimming. */
MXG_C_API int mxg_fft_stft(mxg_array** out, const mxg_array* x, int64_t n_fft, int64_t hop_length,
                           int64_t win_length, const mxg_array* window, int center,
                           const char* pad_mode, const char* norm, int onesided, const mxg_stream* s);
MXG_C_API int mxg_fft_istft(mxg_array** out, const mxg_array* m, int64_t n_fft, int64_t hop_length,
                            int64_t win_length, const mxg_array* window, int center, const char* norm,
                            int onesided, int64_t length, const mxg_stream* s);

/* ---- creation ------------------------------------------------------------------------------ */

MXG_C_API int mxg_arange(mxg_array** out, double start, double stop, double step,
                         mxg_dtype dtype, const mxg_stream* s);
MXG_C_API int mxg_zeros(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
                        const mxg_stream* s);
MXG_C_API int mxg_ones(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
                       const mxg_stream* s);
MXG_C_API int mxg_full(mxg_array** out, const int64_t* shape, int ndim, const mxg_array* value,
                       mxg_dtype dtype, const mxg_stream* s);

/* ---- random: key == NULL uses the calling thread's key (mxg_random_seed seeds it) ---------- */

MXG_C_API int mxg_random_key(mxg_array** out, uint64_t seed);
MXG_C_API int mxg_random_seed(uint64_t seed);
MXG_C_API int mxg_random_normal(mxg_array** out, const int64_t* shape, int ndim, mxg_dtype dtype,
                                double loc, double scale, const mxg_array* key,
                                const mxg_stream* s);
MXG_C_API int mxg_random_uniform(mxg_array** out, const int64_t* shape, int ndim,
                                 mxg_dtype dtype, double low, double high, const mxg_array* key,
                                 const mxg_stream* s);

/* ---- files (lazy loads: data is read when evaluated) ------------------------------------------ */

MXG_C_API int mxg_named_arrays_new(mxg_named_arrays** out);
/* Adds (or replaces) `name`; the map keeps its own handle. */
MXG_C_API int mxg_named_arrays_set(mxg_named_arrays* m, const char* name, const mxg_array* a);
MXG_C_API int mxg_named_arrays_size(const mxg_named_arrays* m, size_t* out);
/* The i-th name (file order); valid while the map lives and is not changed. */
MXG_C_API int mxg_named_arrays_name(const mxg_named_arrays* m, size_t i, const char** out);
/* A new handle to the array called `name`; MXG_ERR_OUT_OF_RANGE when absent. */
MXG_C_API int mxg_named_arrays_get(const mxg_named_arrays* m, const char* name, mxg_array** out);

MXG_C_API int mxg_load_npy(mxg_array** out, const char* path, const mxg_stream* s);
MXG_C_API int mxg_load_npz(mxg_named_arrays** out, const char* path, const mxg_stream* s);
MXG_C_API int mxg_load_safetensors(mxg_named_arrays** out, const char* path, const mxg_stream* s);
/* Saving evaluates. ".npy"/".safetensors"/".npz" is appended when missing. */
MXG_C_API int mxg_save_npy(const char* path, const mxg_array* a);
MXG_C_API int mxg_save_safetensors(const char* path, const mxg_named_arrays* m);
MXG_C_API int mxg_savez(const char* path, const mxg_named_arrays* m, int compressed);

/* ---- functions of arrays and their transforms ------------------------------------------------- */

/* A C function of arrays. `inputs` are borrowed for the call; the callback stores
 * `num_outputs` (fixed when the closure is made) NEW handles in `outputs`, which the
 * library takes over, and returns MXG_OK; any other return value fails the call that
 * ran it with that status (and the thread's last error message, if the callback left
 * one). */
typedef int (*mxg_closure_fn)(void* payload, mxg_array* const* inputs, size_t num_inputs,
                              mxg_array** outputs, size_t num_outputs);

/* `destroy(payload)` (may be NULL) runs once, when the closure and every closure or
 * transform made from it are gone (also when this call fails). */
MXG_C_API int mxg_closure_new(mxg_closure** out, mxg_closure_fn fn, void* payload,
                              void (*destroy)(void*), size_t num_outputs);
MXG_C_API int mxg_closure_num_outputs(const mxg_closure* f, size_t* out);
/* Runs f; `outputs` has room for mxg_closure_num_outputs handles. */
MXG_C_API int mxg_closure_call(const mxg_closure* f, mxg_array* const* inputs, size_t num_inputs,
                               mxg_array** outputs);

/* Reverse mode: outputs (num_outputs of f) and the cotangents of the primals (num_primals). */
MXG_C_API int mxg_vjp(const mxg_closure* f, mxg_array* const* primals, size_t num_primals,
                      mxg_array* const* cotangents, size_t num_cotangents, mxg_array** outputs,
                      mxg_array** vjps);
/* Forward mode: outputs and the tangents of the outputs (both num_outputs of f). */
MXG_C_API int mxg_jvp(const mxg_closure* f, mxg_array* const* primals, size_t num_primals,
                      mxg_array* const* tangents, size_t num_tangents, mxg_array** outputs,
                      mxg_array** jvps);
/* The outputs of f (output 0 a scalar) and the gradients of output 0 with respect to
 * the primals listed in argnums (num_argnums of them; argnums == NULL means {0}). */
MXG_C_API int mxg_value_and_grad(const mxg_closure* f, const int* argnums, size_t num_argnums,
                                 mxg_array* const* primals, size_t num_primals,
                                 mxg_array** values, mxg_array** grads);
/* f vectorised over axis in_axes[i] of input i (MXG_UNMAPPED: not mapped), with the
 * batch axis of the outputs at out_axes (one for all, or one per output; NULL: 0). */
#define MXG_UNMAPPED INT32_MIN
MXG_C_API int mxg_vmap(mxg_closure** out, const mxg_closure* f, const int* in_axes,
                       size_t num_in_axes, const int* out_axes, size_t num_out_axes);

/* ---- exported functions (.mxfn, docs/mxfn-format.md) ------------------------------------------ */

/* Reads a .mxfn file: the graph now (a corrupt or truncated file fails here with
 * MXG_ERR_IO), its constants when a call's results are evaluated. */
MXG_C_API int mxg_function_load(mxg_function** out, const char* path);
/* The same from `size` bytes in memory (copied; the caller may free them after). */
MXG_C_API int mxg_function_load_from_memory(mxg_function** out, const void* data, size_t size);

/* The shape, dtype and name of an input or output; the pointers live as long as the
 * function handle. */
typedef struct mxg_spec {
  int ndim;
  const int64_t* shape; /* ndim extents (a valid pointer also when ndim == 0) */
  mxg_dtype dtype;
  const char* name;     /* "" when unnamed (outputs always are) */
} mxg_spec;

MXG_C_API int mxg_function_num_inputs(const mxg_function* f, size_t* out);
MXG_C_API int mxg_function_num_outputs(const mxg_function* f, size_t* out);
/* i out of range: MXG_ERR_OUT_OF_RANGE. For a shapeless function the shapes are those
 * of the example inputs at export (calls may use others). */
MXG_C_API int mxg_function_input(const mxg_function* f, size_t i, mxg_spec* out);
MXG_C_API int mxg_function_output(const mxg_function* f, size_t i, mxg_spec* out);
/* 1 when calls may give inputs of other shapes. */
MXG_C_API int mxg_function_is_shapeless(const mxg_function* f, int* out);
/* The free metadata string stored at export ("" when none). */
MXG_C_API int mxg_function_metadata(const mxg_function* f, const char** out);

/* Builds the function's graph on `inputs` (pending: evaluate the outputs to compute).
 * `outputs` has room for `capacity` handles, at least mxg_function_num_outputs; the
 * rest are set to NULL. Wrong count, dtype or shape: MXG_ERR_INVALID_ARGUMENT. A file
 * of several traces (mx.exporter) calls the first trace that takes the inputs; the
 * num_inputs/input/output queries describe its first trace. */
MXG_C_API int mxg_function_call(const mxg_function* f, mxg_array* const* inputs,
                                size_t num_inputs, mxg_array** outputs, size_t capacity);
/* The function as a closure, for mxg_vjp/mxg_value_and_grad/mxg_vmap/... */
MXG_C_API int mxg_function_to_closure(mxg_closure** out, const mxg_function* f);

/* Traces `f` once on placeholders shaped like the example inputs and writes the graph
 * (constants included) as .mxfn. `input_names` (NULL, or one per input) name the
 * inputs; `shapeless` allows calls with other shapes; `metadata` may be NULL. */
MXG_C_API int mxg_function_export(const char* path, const mxg_closure* f,
                                  mxg_array* const* example_inputs, size_t num_inputs,
                                  const char* const* input_names, int shapeless,
                                  const char* metadata);
/* The same into memory: *out (free with mxg_string_free) holds *size bytes. */
MXG_C_API int mxg_function_export_to_memory(char** out, size_t* size, const mxg_closure* f,
                                            mxg_array* const* example_inputs, size_t num_inputs,
                                            const char* const* input_names, int shapeless,
                                            const char* metadata);

/* ---- looking at the graph ---------------------------------------------------------------------- */

/* Graphviz DOT text of the graph computing `outputs`; free with mxg_string_free. */
MXG_C_API int mxg_export_to_dot(char** out, mxg_array* const* outputs, size_t num);

/* What evaluating `outputs` would involve (evaluates nothing). */
typedef struct mxg_stats {
  int64_t pending_nodes;     /* primitive applications still to run */
  int64_t pending_arrays;    /* live pending arrays (outputs of those nodes) */
  int64_t depth;             /* longest chain of pending nodes */
  int64_t bytes_to_allocate; /* output bytes of pending nodes (views count 0); an upper bound */
  int64_t inputs_held;       /* evaluated arrays the pending graph keeps alive */
  int64_t input_bytes_held;  /* bytes of their distinct buffers */
} mxg_stats;
MXG_C_API int mxg_graph_stats(mxg_stats* out, mxg_array* const* outputs, size_t num);
/* The same with the per-primitive node counts, as text; free with mxg_string_free. */
MXG_C_API int mxg_graph_stats_text(char** out, mxg_array* const* outputs, size_t num);

/* Text dumps into a caller buffer, like snprintf: `needed` (may be NULL) receives the
 * text's length plus one. buf == NULL with capacity 0 only asks for that length; a
 * buffer too small receives the truncated text (NUL-terminated) and the call returns
 * MXG_ERR_OUT_OF_RANGE, with *needed still set. */
/* One line per primitive in topological order (`%5 = Binary(add)(%3, %4) : float32[2,3]`). */
MXG_C_API int mxg_print_graph(char* buf, size_t capacity, size_t* needed,
                              mxg_array* const* outputs, size_t num);
/* Graphviz DOT (the text of mxg_export_to_dot). */
MXG_C_API int mxg_export_dot(char* buf, size_t capacity, size_t* needed,
                             mxg_array* const* outputs, size_t num);
/* The same written to a file (created or replaced). */
MXG_C_API int mxg_print_graph_to_file(const char* path, mxg_array* const* outputs, size_t num);
MXG_C_API int mxg_export_dot_to_file(const char* path, mxg_array* const* outputs, size_t num);

/* ---- memory ------------------------------------------------------------------------------------- */

MXG_C_API int mxg_get_active_memory(size_t* out);
MXG_C_API int mxg_get_peak_memory(size_t* out);
MXG_C_API int mxg_reset_peak_memory(void);
MXG_C_API int mxg_get_cache_memory(size_t* out);
MXG_C_API int mxg_clear_cache(void);
/* Set a limit (0: the default); `previous` may be NULL. */
MXG_C_API int mxg_set_memory_limit(size_t limit, size_t* previous);
MXG_C_API int mxg_set_cache_limit(size_t limit, size_t* previous);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MXGRAPH_C_H */
