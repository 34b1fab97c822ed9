/* The C ABI, exercised from C: success paths, every error code, thread-local errors,
 * callbacks and their transforms, borrowed buffers, files. Run under valgrind too. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mxgraph_c.h"

#include "check.h"

static const char* g_tmp;

static mxg_array* from_floats(const float* v, const int64_t* shape, int ndim) {
  mxg_array* a = NULL;
  OK(mxg_array_from_data(&a, v, shape, ndim, MXG_FLOAT32));
  return a;
}

static double item(mxg_array* a) {
  double v = NAN;
  OK(mxg_array_item_float(a, &v));
  return v;
}

static int close_to(double a, double b) { return fabs(a - b) <= 1e-5 * (1.0 + fabs(b)); }

static void test_version(void) {
  CHECK(strcmp(mxg_version(), MXGRAPH_VERSION_STRING) == 0);
  CHECK(mxg_abi_version() == MXG_C_ABI_VERSION);
  CHECK(mxg_dtype_size(MXG_FLOAT64) == 8 && mxg_dtype_size((mxg_dtype)99) == 0);
  CHECK(strcmp(mxg_dtype_name(MXG_BFLOAT16), "bfloat16") == 0);
}

static void test_arrays_and_ops(void) {
  const float v[6] = {1, 2, 3, 4, 5, 6};
  const int64_t shape[2] = {2, 3};
  mxg_array *a = from_floats(v, shape, 2), *b = NULL, *c = NULL, *d = NULL, *t = NULL;
  const int64_t* sh = NULL;
  int ndim = -1, evaluated = -1, axis = 1;
  int64_t size = 0, nbytes = 0, dim = 0;
  mxg_dtype dt;
  float out[6];
  const float* data = NULL;

  OK(mxg_array_ndim(a, &ndim));
  OK(mxg_array_shape(a, &sh));
  OK(mxg_array_size(a, &size));
  OK(mxg_array_nbytes(a, &nbytes));
  OK(mxg_array_dim(a, -1, &dim));
  OK(mxg_array_dtype(a, &dt));
  CHECK(ndim == 2 && sh[0] == 2 && sh[1] == 3 && size == 6 && nbytes == 24 && dim == 3);
  CHECK(dt == MXG_FLOAT32);

  /* Lazy: exp(a) + a stays pending until its data is asked for. */
  OK(mxg_exp(&b, a, NULL));
  OK(mxg_add(&c, b, a, NULL));
  OK(mxg_array_is_evaluated(c, &evaluated));
  CHECK(evaluated == 0);
  OK(mxg_array_copy_data(c, out, sizeof out, MXG_FLOAT32));
  CHECK(close_to(out[4], exp(5.0) + 5.0));
  OK(mxg_array_is_evaluated(c, &evaluated));
  CHECK(evaluated == 1);

  /* sum over axis 1, keepdims. */
  OK(mxg_sum(&d, a, &axis, 1, 1, NULL));
  OK(mxg_array_shape(d, &sh));
  CHECK(sh[0] == 2 && sh[1] == 1);
  OK(mxg_array_copy_data(d, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 6 && out[1] == 15);
  mxg_array_free(d);
  OK(mxg_sum(&d, a, NULL, 0, 0, NULL));
  CHECK(item(d) == 21);
  mxg_array_free(d);

  /* Data of a transposed (strided) view comes back dense. */
  OK(mxg_transpose(&t, a, NULL, 0, NULL));
  OK(mxg_array_data(t, (const void**)&data));
  CHECK(data[0] == 1 && data[1] == 4 && data[2] == 2 && data[5] == 6);

  mxg_array_free(a);
  mxg_array_free(b);
  mxg_array_free(c);
  mxg_array_free(t);
}

static void test_more_ops(void) {
  const float v[6] = {3, 1, 2, 6, 5, 4};
  const int64_t shape[2] = {2, 3}, flat[1] = {6}, three[1] = {3};
  const int64_t start[2] = {0, 1}, stop[2] = {2, 3};
  mxg_array *a = from_floats(v, shape, 2), *r = NULL, *x = NULL, *y = NULL, *z = NULL;
  mxg_array* pair[2];
  float out[12];
  int64_t ints[6];
  int axis = -1, axis0 = 0;
  char* text = NULL;

  OK(mxg_reshape(&r, a, flat, 1, NULL));
  OK(mxg_sort(&x, r, NULL, NULL));
  OK(mxg_array_copy_data(x, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 1 && out[5] == 6);
  mxg_array_free(x);
  OK(mxg_argsort(&x, a, &axis, NULL));
  OK(mxg_array_copy_data(x, ints, sizeof ints, MXG_INT64));
  CHECK(ints[0] == 1 && ints[1] == 2 && ints[2] == 0 && ints[3] == 2);
  mxg_array_free(x);

  OK(mxg_slice(&x, a, start, stop, NULL, 2, NULL));
  OK(mxg_array_copy_data(x, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 1 && out[1] == 2 && out[2] == 5 && out[3] == 4);
  mxg_array_free(x);

  pair[0] = a;
  pair[1] = a;
  OK(mxg_concatenate(&x, pair, 2, 0, NULL));
  OK(mxg_stack(&y, pair, 2, 0, NULL));
  {
    const int64_t* sh;
    OK(mxg_array_shape(x, &sh));
    CHECK(sh[0] == 4 && sh[1] == 3);
    OK(mxg_array_shape(y, &sh));
    CHECK(sh[0] == 2 && sh[1] == 2 && sh[2] == 3);
  }
  mxg_array_free(x);
  mxg_array_free(y);

  /* a @ a.T, where, astype, take, arange/ones/full, argmax. */
  OK(mxg_transpose(&x, a, NULL, 0, NULL));
  OK(mxg_matmul(&y, a, x, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 14 && out[1] == 31 && out[3] == 77);
  mxg_array_free(x);
  mxg_array_free(y);

  OK(mxg_arange(&x, 0, 3, 1, MXG_INT32, NULL));
  OK(mxg_take(&y, a, x, &axis, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 3 && out[2] == 2 && out[3] == 6);
  mxg_array_free(y);
  OK(mxg_take(&y, a, x, NULL, NULL)); /* flattened */
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 3 && out[1] == 1 && out[2] == 2);
  mxg_array_free(y);
  mxg_array_free(x);

  OK(mxg_array_from_float(&z, 2.5, MXG_FLOAT32));
  OK(mxg_full(&x, three, 1, z, MXG_FLOAT32, NULL));
  OK(mxg_ones(&y, three, 1, MXG_FLOAT32, NULL));
  mxg_array_free(r);
  OK(mxg_greater(&r, x, y, NULL));
  mxg_array_free(z);
  OK(mxg_where(&z, r, x, y, NULL));
  OK(mxg_array_copy_data(z, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 2.5f && out[2] == 2.5f);
  mxg_array_free(x);
  mxg_array_free(y);
  mxg_array_free(z);
  mxg_array_free(r);

  OK(mxg_argmax(&x, a, &axis0, 0, NULL));
  OK(mxg_astype(&y, x, MXG_FLOAT64, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 1 && out[1] == 1 && out[2] == 1);
  OK(mxg_array_to_string(y, &text));
  CHECK(strstr(text, "1") != NULL);
  mxg_string_free(text);
  mxg_array_free(x);
  mxg_array_free(y);

  OK(mxg_cumsum(&x, a, &axis, 0, 1, NULL));
  OK(mxg_softmax(&y, a, &axis, 1, NULL));
  OK(mxg_var(&z, a, NULL, 0, 0, 0, NULL));
  OK(mxg_array_copy_data(x, out, sizeof out, MXG_FLOAT32));
  CHECK(out[2] == 6 && out[5] == 15);
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(close_to(out[0] + out[1] + out[2], 1.0));
  CHECK(close_to(item(z), 35.0 / 12.0));
  mxg_array_free(x);
  mxg_array_free(y);
  mxg_array_free(z);
  mxg_array_free(a);
}

static void test_random_and_eval(void) {
  const int64_t shape[1] = {1000};
  mxg_array *key = NULL, *n1 = NULL, *n2 = NULL, *u = NULL, *m = NULL, *all = NULL;
  mxg_array* both[2];
  int64_t same = 0;
  OK(mxg_random_key(&key, 42));
  OK(mxg_random_normal(&n1, shape, 1, MXG_FLOAT32, 0.0, 1.0, key, NULL));
  OK(mxg_random_normal(&n2, shape, 1, MXG_FLOAT32, 0.0, 1.0, key, NULL));
  OK(mxg_random_uniform(&u, shape, 1, MXG_FLOAT32, 2.0, 3.0, NULL, NULL));
  both[0] = n1;
  both[1] = u;
  OK(mxg_async_eval(both, 2));
  OK(mxg_eval(both, 2));
  OK(mxg_eval(NULL, 0));
  OK(mxg_mean(&m, u, NULL, 0, 0, NULL));
  CHECK(item(m) > 2.3 && item(m) < 2.7);
  mxg_array_free(m);
  OK(mxg_equal(&m, n1, n2, NULL));
  OK(mxg_all(&all, m, NULL, 0, 0, NULL));
  OK(mxg_array_item_int(all, &same));
  CHECK(same == 1); /* same key, same numbers */
  mxg_array_free(all);
  mxg_array_free(m);
  mxg_array_free(key);
  mxg_array_free(n1);
  mxg_array_free(n2);
  mxg_array_free(u);
}

/* Borrowed memory: the deleter runs once, when the last user lets go. */
static int g_deleted = 0;
static void count_delete(void* p) {
  ++g_deleted;
  free(p);
}

static void test_borrowed(void) {
  const int64_t shape[1] = {4};
  float* mem = malloc(4 * sizeof(float));
  mxg_array *a = NULL, *b = NULL, *two = NULL;
  float out[4];
  int i;
  for (i = 0; i < 4; ++i) mem[i] = (float)i;
  g_deleted = 0;
  OK(mxg_array_from_borrowed(&a, mem, shape, 1, MXG_FLOAT32, count_delete, mem));
  OK(mxg_array_from_float(&two, 2.0, MXG_FLOAT32));
  OK(mxg_multiply(&b, a, two, NULL));
  mxg_array_free(a);
  CHECK(g_deleted == 0); /* b's pending graph still reads it */
  OK(mxg_array_copy_data(b, out, sizeof out, MXG_FLOAT32));
  CHECK(out[3] == 6);
  mxg_array_free(b);
  mxg_array_free(two);
  CHECK(g_deleted == 1);

  /* A failing call still hands the memory back, once. */
  mem = malloc(16);
  FAILS(mxg_array_from_borrowed(&a, mem, shape, 1, (mxg_dtype)77, count_delete, mem),
        MXG_ERR_INVALID_ARGUMENT);
  CHECK(a == NULL && g_deleted == 2);
  mem = malloc(16);
  FAILS(mxg_array_from_borrowed(NULL, mem, shape, 1, MXG_FLOAT32, count_delete, mem), MXG_ERR_NULL);
  CHECK(g_deleted == 3);
}

/* A corrupt .npy: a valid magic string followed by garbage. */
static void write_file(const char* path, const char* bytes, size_t n) {
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f) return;
  fwrite(bytes, 1, n, f);
  fclose(f);
}

static void test_errors(void) {
  const float v[6] = {1, 2, 3, 4, 5, 6};
  const int64_t s23[2] = {2, 3}, s4[1] = {4}, s5[1] = {5}, bad[2] = {-1, 3}, huge[1] = {1 << 20};
  mxg_array *a = from_floats(v, s23, 2), *b = from_floats(v, s4, 1), *c = (mxg_array*)1;
  int axis = 5;
  int64_t dim = 0;
  char path[512];
  size_t prev = 0;

  /* Bad shapes. */
  FAILS(mxg_add(&c, a, b, NULL), MXG_ERR_INVALID_ARGUMENT);
  CHECK(c == NULL);
  CHECK(strstr(mxg_last_error_message(), "add") != NULL);
  FAILS(mxg_reshape(&c, a, s5, 1, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_array_from_data(&c, v, bad, 2, MXG_FLOAT32), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_matmul(&c, a, a, NULL), MXG_ERR_INVALID_ARGUMENT);
  /* Bad axes. */
  FAILS(mxg_sum(&c, a, &axis, 1, 0, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_transpose(&c, a, &axis, 1, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_array_dim(a, 2, &dim), MXG_ERR_OUT_OF_RANGE);
  /* Wrong types. */
  FAILS(mxg_take(&c, a, a, NULL, NULL), MXG_ERR_TYPE);
  FAILS(mxg_astype(&c, a, (mxg_dtype)-3, NULL), MXG_ERR_INVALID_ARGUMENT);
  /* NULL handles and out-pointers. */
  FAILS(mxg_exp(&c, NULL, NULL), MXG_ERR_NULL);
  FAILS(mxg_exp(NULL, a, NULL), MXG_ERR_NULL);
  FAILS(mxg_array_ndim(NULL, NULL), MXG_ERR_NULL);
  FAILS(mxg_eval(NULL, 2), MXG_ERR_NULL);
  FAILS(mxg_concatenate(&c, NULL, 1, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_array_copy_data(a, NULL, 24, MXG_FLOAT32), MXG_ERR_NULL);
  FAILS(mxg_array_copy_data(a, path, 4, MXG_FLOAT32), MXG_ERR_INVALID_ARGUMENT);
  /* Files: missing, corrupt (IO). */
  snprintf(path, sizeof path, "%s/missing.npy", g_tmp);
  FAILS(mxg_load_npy(&c, path, NULL), MXG_ERR_IO);
  snprintf(path, sizeof path, "%s/corrupt.npy", g_tmp);
  write_file(path, "\x93NUMPY\x01\x00\x10\x00{'descr': garbage", 27); /* its 27 bytes */
  FAILS(mxg_load_npy(&c, path, NULL), MXG_ERR_IO);
  CHECK(c == NULL);
  snprintf(path, sizeof path, "%s/no_such_dir/x.npy", g_tmp);
  FAILS(mxg_save_npy(path, a), MXG_ERR_IO);
  /* Out of memory: a limit below what an evaluation needs. */
  OK(mxg_set_memory_limit(1024, &prev));
  OK(mxg_arange(&c, 0, (double)huge[0], 1, MXG_FLOAT32, NULL));
  FAILS(mxg_eval(&c, 1), MXG_ERR_OUT_OF_MEMORY);
  OK(mxg_set_memory_limit(prev, NULL));
  OK(mxg_eval(&c, 1)); /* left pending by the failure: evaluates now */
  mxg_array_free(c);
  /* Success clears the error. */
  OK(mxg_array_ndim(a, &axis));
  CHECK(mxg_last_error_code() == MXG_OK && mxg_last_error_message()[0] == '\0');
  /* *_free(NULL) is fine. */
  mxg_array_free(NULL);
  mxg_stream_free(NULL);
  mxg_closure_free(NULL);
  mxg_named_arrays_free(NULL);
  mxg_string_free(NULL);
  mxg_array_free(a);
  mxg_array_free(b);
}

/* Two threads fail in different ways at once; each sees its own error. */
static void* thread_errors(void* arg) {
  int which = *(int*)arg, i, bad = 0;
  const float v[2] = {1, 2};
  const int64_t s2[1] = {2}, s3[1] = {3};
  mxg_array* a = NULL;
  mxg_array* c = NULL;
  mxg_array_from_data(&a, v, s2, 1, MXG_FLOAT32);
  for (i = 0; i < 200; ++i) {
    if (which == 0) {
      mxg_reshape(&c, a, s3, 1, NULL);
      bad |= mxg_last_error_code() != MXG_ERR_INVALID_ARGUMENT;
      bad |= strstr(mxg_last_error_message(), "reshape") == NULL;
    } else {
      mxg_exp(&c, NULL, NULL);
      bad |= mxg_last_error_code() != MXG_ERR_NULL;
      bad |= strstr(mxg_last_error_message(), "mxg_exp") == NULL;
    }
  }
  mxg_array_free(a);
  return bad ? (void*)1 : NULL;
}

static void test_threads(void) {
  pthread_t t[2];
  int which[2] = {0, 1}, i;
  void* res[2];
  for (i = 0; i < 2; ++i) CHECK(pthread_create(&t[i], NULL, thread_errors, &which[i]) == 0);
  for (i = 0; i < 2; ++i) {
    pthread_join(t[i], &res[i]);
    CHECK(res[i] == NULL);
  }
}

/* f(x, y) = [sum(x * x * y), x * y]; counts how often its payload is destroyed. */
static int g_destroyed = 0;
static void destroy_payload(void* p) {
  ++g_destroyed;
  free(p);
}

static int f_xy(void* payload, mxg_array* const* in, size_t n, mxg_array** out, size_t n_out) {
  mxg_array *xx = NULL, *xxy = NULL;
  int rc;
  ++*(int*)payload;
  if (n != 2 || n_out != 2) return MXG_ERR_INVALID_ARGUMENT;
  if ((rc = mxg_multiply(&xx, in[0], in[0], NULL)) != MXG_OK) return rc;
  rc = mxg_multiply(&xxy, xx, in[1], NULL);
  mxg_array_free(xx);
  if (rc != MXG_OK) return rc;
  rc = mxg_sum(&out[0], xxy, NULL, 0, 0, NULL);
  mxg_array_free(xxy);
  if (rc != MXG_OK) return rc;
  return mxg_multiply(&out[1], in[0], in[1], NULL);
}

/* A callback that fails part-way, after making an output. */
static int f_fails(void* payload, mxg_array* const* in, size_t n, mxg_array** out, size_t n_out) {
  int axis = 7;
  mxg_array* s = NULL;
  (void)payload;
  (void)n;
  (void)n_out;
  mxg_exp(&out[0], in[0], NULL); /* made, then the call fails: the library frees it */
  if (mxg_sum(&s, in[0], &axis, 1, 0, NULL) != MXG_OK) return MXG_ERR_INVALID_ARGUMENT;
  mxg_array_free(s);
  return MXG_OK;
}
static int f_odd_status(void* payload, mxg_array* const* in, size_t n, mxg_array** out,
                        size_t n_out) {
  (void)payload, (void)in, (void)n, (void)out, (void)n_out;
  return 1234;
}

/* g(x) = sum(x * x), for vmap. */
static int f_sumsq(void* payload, mxg_array* const* in, size_t n, mxg_array** out, size_t n_out) {
  mxg_array* sq = NULL;
  int rc;
  (void)payload, (void)n, (void)n_out;
  if ((rc = mxg_square(&sq, in[0], NULL)) != MXG_OK) return rc;
  rc = mxg_sum(&out[0], sq, NULL, 0, 0, NULL);
  mxg_array_free(sq);
  return rc;
}

static void test_transforms(void) {
  const float xv[3] = {1, 2, 3}, yv[3] = {4, 5, 6}, ones[3] = {1, 1, 1};
  const int64_t s3[1] = {3};
  int* calls = malloc(sizeof(int));
  mxg_closure *f = NULL, *bad = NULL, *odd = NULL, *g = NULL, *vg = NULL;
  mxg_array *x = from_floats(xv, s3, 1), *y = from_floats(yv, s3, 1), *one = NULL;
  mxg_array *in[2], *outs[2] = {NULL, NULL}, *grads[2] = {NULL, NULL}, *cot[2];
  int argnums[2] = {0, 1}, in_axes[1] = {0}, i;
  size_t nout = 0;
  float out[9];

  *calls = 0;
  g_destroyed = 0;
  OK(mxg_closure_new(&f, f_xy, calls, destroy_payload, 2));
  OK(mxg_closure_num_outputs(f, &nout));
  CHECK(nout == 2);
  in[0] = x;
  in[1] = y;

  OK(mxg_closure_call(f, in, 2, outs));
  CHECK(item(outs[0]) == 4 + 20 + 54);
  for (i = 0; i < 2; ++i) mxg_array_free(outs[i]);

  /* value_and_grad over both arguments: d/dx = 2xy, d/dy = x^2. */
  OK(mxg_value_and_grad(f, argnums, 2, in, 2, outs, grads));
  CHECK(item(outs[0]) == 78);
  OK(mxg_array_copy_data(grads[0], out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 8 && out[1] == 20 && out[2] == 36);
  OK(mxg_array_copy_data(grads[1], out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 1 && out[1] == 4 && out[2] == 9);
  for (i = 0; i < 2; ++i) mxg_array_free(outs[i]), mxg_array_free(grads[i]);

  /* vjp with cotangents (1, ones): d/dx = 2xy + y. */
  OK(mxg_array_from_float(&one, 1.0, MXG_FLOAT32));
  cot[0] = one;
  cot[1] = from_floats(ones, s3, 1);
  OK(mxg_vjp(f, in, 2, cot, 2, outs, grads));
  OK(mxg_array_copy_data(grads[0], out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 12 && out[2] == 42);
  for (i = 0; i < 2; ++i) mxg_array_free(outs[i]), mxg_array_free(grads[i]);

  /* jvp along (ones, 0 * ones): d out0 = sum(2xy), d out1 = y. */
  {
    mxg_array *zero = NULL, *tan[2];
    OK(mxg_zeros(&zero, s3, 1, MXG_FLOAT32, NULL));
    tan[0] = cot[1];
    tan[1] = zero;
    OK(mxg_jvp(f, in, 2, tan, 2, outs, grads));
    CHECK(item(grads[0]) == 64);
    OK(mxg_array_copy_data(grads[1], out, sizeof out, MXG_FLOAT32));
    CHECK(out[0] == 4 && out[2] == 6);
    for (i = 0; i < 2; ++i) mxg_array_free(outs[i]), mxg_array_free(grads[i]);
    mxg_array_free(zero);
  }
  /* Wrong counts are argument errors. */
  FAILS(mxg_vjp(f, in, 2, cot, 1, outs, grads), MXG_ERR_INVALID_ARGUMENT);
  CHECK(outs[0] == NULL && grads[0] == NULL);
  FAILS(mxg_value_and_grad(NULL, NULL, 0, in, 2, outs, grads), MXG_ERR_NULL);
  mxg_array_free(cot[1]);
  mxg_array_free(one);
  CHECK(*calls >= 4);

  /* A failing callback: its status and message come back, nothing leaks. */
  OK(mxg_closure_new(&bad, f_fails, NULL, NULL, 1));
  FAILS(mxg_value_and_grad(bad, NULL, 0, in, 1, outs, grads), MXG_ERR_INVALID_ARGUMENT);
  CHECK(strstr(mxg_last_error_message(), "callback failed") != NULL);
  CHECK(strstr(mxg_last_error_message(), "sum") != NULL);
  CHECK(outs[0] == NULL && grads[0] == NULL);
  FAILS(mxg_closure_call(bad, in, 1, outs), MXG_ERR_INVALID_ARGUMENT);
  OK(mxg_closure_new(&odd, f_odd_status, NULL, NULL, 1));
  FAILS(mxg_jvp(odd, in, 1, in, 1, outs, grads), MXG_ERR_RUNTIME);
  FAILS(mxg_closure_new(&g, NULL, NULL, NULL, 1), MXG_ERR_NULL);
  FAILS(mxg_closure_new(&g, f_sumsq, NULL, NULL, 0), MXG_ERR_INVALID_ARGUMENT);

  /* vmap of sum(x^2) over the rows of a 3x3 matrix. */
  {
    const float m[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const int64_t s33[2] = {3, 3};
    mxg_array* mat = from_floats(m, s33, 2);
    int* payload = malloc(sizeof(int));
    OK(mxg_closure_new(&g, f_sumsq, payload, destroy_payload, 1));
    OK(mxg_vmap(&vg, g, in_axes, 1, NULL, 0));
    mxg_closure_free(g); /* vg keeps the callback alive */
    CHECK(g_destroyed == 0);
    OK(mxg_closure_call(vg, &mat, 1, outs));
    OK(mxg_array_copy_data(outs[0], out, sizeof out, MXG_FLOAT32));
    CHECK(out[0] == 14 && out[1] == 77 && out[2] == 194);
    mxg_array_free(outs[0]);
    mxg_array_free(mat);
    mxg_closure_free(vg);
    CHECK(g_destroyed == 1);
  }
  mxg_closure_free(f);
  CHECK(g_destroyed == 2);
  mxg_closure_free(bad);
  mxg_closure_free(odd);
  mxg_array_free(x);
  mxg_array_free(y);
}

static void test_files_and_dot(void) {
  const float v[4] = {1, 2, 3, 4};
  const int64_t s4[1] = {4};
  mxg_array *a = from_floats(v, s4, 1), *b = NULL, *e = NULL;
  mxg_named_arrays *m = NULL, *back = NULL;
  char path[512], *dot = NULL;
  const char* name = NULL;
  size_t n = 0, active = 0, peak = 0, cache = 0;
  float out[4];

  snprintf(path, sizeof path, "%s/a.npy", g_tmp);
  OK(mxg_save_npy(path, a));
  OK(mxg_load_npy(&b, path, NULL));
  OK(mxg_array_copy_data(b, out, sizeof out, MXG_FLOAT32));
  CHECK(out[3] == 4);
  mxg_array_free(b);

  OK(mxg_named_arrays_new(&m));
  OK(mxg_named_arrays_set(m, "w", a));
  OK(mxg_named_arrays_set(m, "b", a));
  OK(mxg_named_arrays_set(m, "w", a));
  OK(mxg_named_arrays_size(m, &n));
  CHECK(n == 2);
  snprintf(path, sizeof path, "%s/m.safetensors", g_tmp);
  OK(mxg_save_safetensors(path, m));
  OK(mxg_load_safetensors(&back, path, NULL));
  OK(mxg_named_arrays_size(back, &n));
  OK(mxg_named_arrays_name(back, 1, &name));
  CHECK(n == 2 && strcmp(name, "b") == 0);
  OK(mxg_named_arrays_get(back, "b", &b));
  OK(mxg_array_copy_data(b, out, sizeof out, MXG_FLOAT32));
  CHECK(out[2] == 3);
  mxg_array_free(b);
  FAILS(mxg_named_arrays_get(back, "nope", &b), MXG_ERR_OUT_OF_RANGE);
  FAILS(mxg_named_arrays_name(back, 5, &name), MXG_ERR_OUT_OF_RANGE);
  mxg_named_arrays_free(back);

  snprintf(path, sizeof path, "%s/m.npz", g_tmp);
  OK(mxg_savez(path, m, 1));
  OK(mxg_load_npz(&back, path, NULL));
  OK(mxg_named_arrays_get(back, "w", &b));
  OK(mxg_array_copy_data(b, out, sizeof out, MXG_FLOAT32));
  CHECK(out[1] == 2);
  mxg_array_free(b);
  mxg_named_arrays_free(back);
  mxg_named_arrays_free(m);

  OK(mxg_exp(&e, a, NULL));
  OK(mxg_export_to_dot(&dot, &e, 1));
  CHECK(strstr(dot, "digraph") != NULL && strstr(dot, "exp") != NULL);
  mxg_string_free(dot);
  mxg_array_free(e);

  OK(mxg_reset_peak_memory());
  OK(mxg_get_active_memory(&active));
  OK(mxg_get_peak_memory(&peak));
  OK(mxg_get_cache_memory(&cache));
  CHECK(active > 0 && peak >= active);
  OK(mxg_clear_cache());
  OK(mxg_set_cache_limit(1 << 20, &n));
  OK(mxg_set_cache_limit(n, NULL));
  mxg_array_free(a);
}

static void test_streams(void) {
  mxg_stream *s = NULL, *t = NULL;
  mxg_array *a = NULL, *b = NULL;
  OK(mxg_stream_default_cpu(&s));
  OK(mxg_stream_new_cpu(&t));
  OK(mxg_array_from_float(&a, 2.0, MXG_FLOAT64));
  OK(mxg_sqrt(&b, a, t));
  CHECK(close_to(item(b), sqrt(2.0)));
  mxg_array_free(b);
  OK(mxg_exp(&b, a, s));
  CHECK(close_to(item(b), exp(2.0)));
  mxg_array_free(a);
  mxg_array_free(b);
  mxg_stream_free(s);
  mxg_stream_free(t);
}

/* mx.linalg: a solve, a factorization with several results, a norm, and the errors. */
static void test_linalg(void) {
  const float v[4] = {4, 1, 1, 3};
  const float rhs[2] = {1, 2};
  const int64_t shape[2] = {2, 2}, vshape[1] = {2};
  mxg_array *a = from_floats(v, shape, 2), *b = from_floats(rhs, vshape, 1), *x = NULL, *outs[3] = {NULL};
  float out[4];
  double fro = 2.0;
  int axes[2] = {0, 1};

  OK(mxg_linalg_solve(&x, a, b, NULL)); /* [[4, 1], [1, 3]] x = [1, 2] */
  OK(mxg_array_copy_data(x, out, 2 * sizeof(float), MXG_FLOAT32));
  CHECK(fabsf(out[0] - 1.0f / 11) < 1e-6f && fabsf(out[1] - 7.0f / 11) < 1e-6f);
  mxg_array_free(x);
  OK(mxg_linalg_inv(&x, a, NULL));
  OK(mxg_array_copy_data(x, out, sizeof out, MXG_FLOAT32));
  CHECK(fabsf(out[0] - 3.0f / 11) < 1e-6f && fabsf(out[1] + 1.0f / 11) < 1e-6f);
  mxg_array_free(x);
  OK(mxg_linalg_cholesky(&x, a, 0, NULL));
  OK(mxg_array_copy_data(x, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 2.0f && out[1] == 0.0f && out[2] == 0.5f);
  mxg_array_free(x);
  OK(mxg_linalg_svd(outs, a, 1, NULL));
  CHECK(outs[0] != NULL && outs[1] != NULL && outs[2] != NULL);
  OK(mxg_array_copy_data(outs[1], out, 2 * sizeof(float), MXG_FLOAT32));
  CHECK(fabsf(out[0] * out[1] - 11.0f) < 1e-4f); /* the product of the singular values is |det| */
  for (int i = 0; i < 3; ++i) mxg_array_free(outs[i]), outs[i] = NULL;
  OK(mxg_linalg_slogdet(outs, a, NULL));
  OK(mxg_array_copy_data(outs[1], out, sizeof(float), MXG_FLOAT32));
  CHECK(fabsf(out[0] - logf(11.0f)) < 1e-5f);
  for (int i = 0; i < 2; ++i) mxg_array_free(outs[i]), outs[i] = NULL;
  OK(mxg_linalg_norm(&x, a, &fro, NULL, axes, 2, 0, NULL)); /* the 2-norm: the largest singular value */
  OK(mxg_array_copy_data(x, out, sizeof(float), MXG_FLOAT32));
  CHECK(fabsf(out[0] - (3.5f + sqrtf(1.25f))) < 1e-5f);
  mxg_array_free(x);

  FAILS(mxg_linalg_inv(&x, b, NULL), MXG_ERR_INVALID_ARGUMENT); /* 1-d */
  CHECK(x == NULL);
  FAILS(mxg_linalg_eigh(outs, a, "X", 1, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_linalg_qr(NULL, a, NULL), MXG_ERR_NULL);
  {
    const float sing[4] = {1, 2, 2, 4};
    mxg_array* s = from_floats(sing, shape, 2);
    OK(mxg_linalg_inv(&x, s, NULL)); /* lazy: fails when evaluated */
    FAILS(mxg_eval(&x, 1), MXG_ERR_RUNTIME);
    mxg_array_free(x);
    mxg_array_free(s);
  }
  mxg_array_free(a);
  mxg_array_free(b);
}

static void test_fft(void) {
  /* fft of [0, 1, 2, 3]: [6, -2+2i, -2, -2-2i]; rfft keeps 3 bins; irfft inverts. */
  const float v[4] = {0, 1, 2, 3};
  const int64_t s4[1] = {4}, n6[1] = {6}, zero[1] = {0};
  const int ax = 0, bad_ax = 3;
  mxg_array *a = from_floats(v, s4, 1), *y = NULL, *z = NULL;
  float out[16];
  const int64_t* sh;

  OK(mxg_fft(&y, a, NULL, &ax, 1, MXG_FFT, NULL, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_COMPLEX64));
  CHECK(close_to(out[0], 6) && close_to(out[1], 0) && close_to(out[2], -2) && close_to(out[3], 2));
  CHECK(close_to(out[4], -2) && close_to(out[6], -2) && close_to(out[7], -2));
  mxg_array_free(y);
  OK(mxg_fft(&y, a, NULL, NULL, 0, MXG_RFFT, "ortho", NULL));
  OK(mxg_array_shape(y, &sh));
  CHECK(sh[0] == 3);
  OK(mxg_fft(&z, y, NULL, &ax, 1, MXG_IRFFT, "ortho", NULL));
  OK(mxg_array_copy_data(z, out, sizeof out, MXG_FLOAT32));
  CHECK(close_to(out[0], 0) && close_to(out[1], 1) && close_to(out[2], 2) && close_to(out[3], 3));
  mxg_array_free(z);
  OK(mxg_fft(&z, y, n6, &ax, 1, MXG_IRFFT, NULL, NULL)); /* pads the 3 bins to 4 */
  OK(mxg_array_shape(z, &sh));
  CHECK(sh[0] == 6);
  mxg_array_free(z);
  mxg_array_free(y);

  OK(mxg_fft_shift(&y, a, NULL, 0, 0, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(out[0] == 2 && out[1] == 3 && out[2] == 0 && out[3] == 1);
  mxg_array_free(y);
  OK(mxg_fft_freq(&y, 4, 0.5, 0, NULL));
  OK(mxg_array_copy_data(y, out, sizeof out, MXG_FLOAT32));
  CHECK(close_to(out[1], 0.5) && close_to(out[2], -1.0));
  mxg_array_free(y);
  OK(mxg_fft_stft(&y, a, 2, 1, -1, NULL, 0, NULL, NULL, -1, NULL));
  OK(mxg_array_shape(y, &sh));
  CHECK(sh[0] == 2 && sh[1] == 3);
  OK(mxg_fft_istft(&z, y, 2, 1, -1, NULL, 0, NULL, -1, 4, NULL));
  OK(mxg_array_copy_data(z, out, sizeof out, MXG_FLOAT32));
  CHECK(close_to(out[0], 0) && close_to(out[3], 3));
  mxg_array_free(z);
  mxg_array_free(y);

  y = (mxg_array*)1;
  FAILS(mxg_fft(&y, a, zero, &ax, 1, MXG_FFT, NULL, NULL), MXG_ERR_INVALID_ARGUMENT);
  CHECK(y == NULL && strstr(mxg_last_error_message(), "[fftn] Invalid FFT output size") != NULL);
  FAILS(mxg_fft(&y, a, NULL, &bad_ax, 1, MXG_FFT, NULL, NULL), MXG_ERR_OUT_OF_RANGE);
  FAILS(mxg_fft(&y, a, NULL, NULL, 0, MXG_FFT, "sideways", NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_fft(&y, a, NULL, NULL, 0, (mxg_fft_kind)9, NULL, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_fft_freq(&y, 0, 1.0, 1, NULL), MXG_ERR_INVALID_ARGUMENT);
  FAILS(mxg_fft(&y, NULL, NULL, NULL, 0, MXG_FFT, NULL, NULL), MXG_ERR_NULL);
  mxg_array_free(a);
}

int main(void) {
  char tmpl[] = "/tmp/mxg_capi_XXXXXX";
  g_tmp = mkdtemp(tmpl);
  if (!g_tmp) return 2;
  test_version();
  test_arrays_and_ops();
  test_more_ops();
  test_random_and_eval();
  test_borrowed();
  test_errors();
  test_threads();
  test_transforms();
  test_files_and_dot();
  test_streams();
  test_linalg();
  test_fft();
  {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", g_tmp);
  }
  if (g_failures) {
    fprintf(stderr, "%d check(s) failed\n", g_failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
