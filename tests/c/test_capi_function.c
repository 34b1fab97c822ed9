/* Exported functions and graph views through the C ABI, from C: loading the .mxfn
 * that make_test_mxfn (C++) wrote (argv[1]), describing and calling it, every error
 * path (NULL, corrupt, truncated, wrong shapes), exporting a C closure, and the graph
 * statistics and dumps. Run under valgrind too. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mxgraph_c.h"

#include "check.h"

static char g_tmp[64];

static mxg_array* floats(const float* v, const int64_t* shape, int ndim) {
  mxg_array* a = NULL;
  OK(mxg_array_from_data(&a, v, shape, ndim, MXG_FLOAT32));
  return a;
}

static char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  char* buf = NULL;
  long n;
  *size = 0;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
      buf[n] = '\0';
      *size = (size_t)n;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  fclose(f);
  return buf;
}

static void write_all(const char* path, const char* bytes, size_t n) {
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(fwrite(bytes, 1, n, f) == n);
  fclose(f);
}

/* The file's function: (matmul(x, W) + b, sum(x)) with W[k][j] = 4k + j. */
static void test_load_describe_call(const char* path) {
  const float xv[6] = {1, 2, 3, 4, 5, 6}, bv[4] = {10, 20, 30, 40};
  const int64_t xs[2] = {2, 3}, bs[1] = {4};
  mxg_function* f = NULL;
  mxg_array *in[2], *out[3] = {NULL, NULL, NULL};
  size_t n_in = 0, n_out = 0;
  mxg_spec spec;
  int shapeless = -1, evaluated = -1, i, j, k;
  const char* meta = NULL;
  float y[8], s = 0;

  OK(mxg_function_load(&f, path));
  OK(mxg_function_num_inputs(f, &n_in));
  OK(mxg_function_num_outputs(f, &n_out));
  CHECK(n_in == 2 && n_out == 2);
  OK(mxg_function_input(f, 0, &spec));
  CHECK(spec.ndim == 2 && spec.shape[0] == 2 && spec.shape[1] == 3);
  CHECK(spec.dtype == MXG_FLOAT32 && strcmp(spec.name, "x") == 0);
  OK(mxg_function_input(f, 1, &spec));
  CHECK(spec.ndim == 1 && spec.shape[0] == 4 && strcmp(spec.name, "b") == 0);
  OK(mxg_function_output(f, 0, &spec));
  CHECK(spec.ndim == 2 && spec.shape[0] == 2 && spec.shape[1] == 4 && spec.name[0] == '\0');
  OK(mxg_function_output(f, 1, &spec));
  CHECK(spec.ndim == 0 && spec.shape != NULL && spec.dtype == MXG_FLOAT32);
  OK(mxg_function_is_shapeless(f, &shapeless));
  OK(mxg_function_metadata(f, &meta));
  CHECK(shapeless == 0 && strcmp(meta, "test_capi_function") == 0);

  in[0] = floats(xv, xs, 2);
  in[1] = floats(bv, bs, 1);
  /* Room for three: the unused slot comes back NULL. */
  out[2] = in[0];
  OK(mxg_function_call(f, in, 2, out, 3));
  CHECK(out[2] == NULL);
  OK(mxg_array_is_evaluated(out[0], &evaluated));
  CHECK(evaluated == 0); /* a call only builds the graph */
  OK(mxg_array_copy_data(out[0], y, sizeof y, MXG_FLOAT32));
  OK(mxg_array_copy_data(out[1], &s, sizeof s, MXG_FLOAT32));
  for (i = 0; i < 2; ++i) {
    for (j = 0; j < 4; ++j) {
      float want = bv[j];
      for (k = 0; k < 3; ++k) want += xv[3 * i + k] * (float)(4 * k + j);
      CHECK(y[4 * i + j] == want);
    }
  }
  CHECK(s == 21);
  mxg_array_free(out[0]);
  mxg_array_free(out[1]);
  mxg_array_free(in[0]);
  mxg_array_free(in[1]);
  mxg_function_free(f);
}

/* A file of two traces (make_test_mxfn's PATH.multi): g(x) = 2x for float32[2] and
 * int32[3]; a call runs the trace that takes its inputs. */
static void test_multi_trace(const char* path) {
  const float fv[2] = {1.5f, -2};
  const int32_t iv[3] = {1, -2, 7};
  const int64_t fs[1] = {2}, is[1] = {3}, bad[1] = {5};
  char multi[4096];
  mxg_function* f = NULL;
  mxg_array *in = NULL, *out = NULL;
  mxg_spec spec;
  float fy[2];
  int32_t iy[3];
  float five[5] = {0, 0, 0, 0, 0};

  snprintf(multi, sizeof multi, "%s.multi", path);
  OK(mxg_function_load(&f, multi));
  OK(mxg_function_input(f, 0, &spec)); /* the first trace's */
  CHECK(spec.ndim == 1 && spec.shape[0] == 2 && spec.dtype == MXG_FLOAT32);
  in = floats(fv, fs, 1);
  OK(mxg_function_call(f, &in, 1, &out, 1));
  OK(mxg_array_copy_data(out, fy, sizeof fy, MXG_FLOAT32));
  CHECK(fy[0] == 3 && fy[1] == -4);
  mxg_array_free(in);
  mxg_array_free(out);
  OK(mxg_array_from_data(&in, iv, is, 1, MXG_INT32));
  OK(mxg_function_call(f, &in, 1, &out, 1));
  OK(mxg_array_copy_data(out, iy, sizeof iy, MXG_INT32));
  CHECK(iy[0] == 2 && iy[1] == -4 && iy[2] == 14);
  mxg_array_free(in);
  mxg_array_free(out);
  out = NULL;
  in = floats(five, bad, 1);
  FAILS(mxg_function_call(f, &in, 1, &out, 1), MXG_ERR_INVALID_ARGUMENT);
  CHECK(out == NULL);
  mxg_array_free(in);
  mxg_function_free(f);
}

/* An imported function is differentiable: vjp through its closure. */
static void test_closure_of_function(const char* path) {
  const float xv[6] = {1, 2, 3, 4, 5, 6}, bv[4] = {0, 0, 0, 0}, ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  const float one = 1;
  const int64_t xs[2] = {2, 3}, bs[1] = {4}, ys[2] = {2, 4};
  mxg_function* f = NULL;
  mxg_closure* c = NULL;
  mxg_array *in[2], *ct[2], *outs[2] = {NULL, NULL}, *vjps[2] = {NULL, NULL};
  size_t n = 0;
  float dx[6], db[4];
  int k;

  OK(mxg_function_load(&f, path));
  OK(mxg_function_to_closure(&c, f));
  mxg_function_free(f); /* the closure keeps what it needs */
  OK(mxg_closure_num_outputs(c, &n));
  CHECK(n == 2);
  in[0] = floats(xv, xs, 2);
  in[1] = floats(bv, bs, 1);
  ct[0] = floats(ones, ys, 2);
  ct[1] = floats(&one, NULL, 0);
  OK(mxg_vjp(c, in, 2, ct, 2, outs, vjps));
  OK(mxg_array_copy_data(vjps[0], dx, sizeof dx, MXG_FLOAT32));
  OK(mxg_array_copy_data(vjps[1], db, sizeof db, MXG_FLOAT32));
  for (k = 0; k < 6; ++k) CHECK(dx[k] == (float)(16 * (k % 3) + 6 + 1)); /* row sums of W, + 1 */
  for (k = 0; k < 4; ++k) CHECK(db[k] == 2);
  for (k = 0; k < 2; ++k) {
    mxg_array_free(in[k]);
    mxg_array_free(ct[k]);
    mxg_array_free(outs[k]);
    mxg_array_free(vjps[k]);
  }
  mxg_closure_free(c);
}

static void test_call_errors(const char* path) {
  const float v[12] = {0};
  const int64_t xs[2] = {2, 3}, wrong[2] = {3, 2}, bs[1] = {4};
  mxg_function* f = NULL;
  mxg_array *in[3], *out[2] = {NULL, NULL};
  mxg_spec spec;
  size_t n = 7;

  OK(mxg_function_load(&f, path));
  in[0] = floats(v, xs, 2);
  in[1] = floats(v, bs, 1);
  in[2] = floats(v, wrong, 2);
  FAILS(mxg_function_call(f, in, 1, out, 2), MXG_ERR_INVALID_ARGUMENT); /* too few inputs */
  CHECK(out[0] == NULL && out[1] == NULL);
  FAILS(mxg_function_call(f, in, 3, out, 2), MXG_ERR_INVALID_ARGUMENT); /* too many */
  {
    mxg_array* swapped[2];
    swapped[0] = in[2]; /* [3,2] where x is [2,3] */
    swapped[1] = in[1];
    FAILS(mxg_function_call(f, swapped, 2, out, 2), MXG_ERR_INVALID_ARGUMENT);
    CHECK(strstr(mxg_last_error_message(), "'x'") != NULL);
  }
  {
    mxg_array *i32 = NULL, *args[2];
    OK(mxg_astype(&i32, in[0], MXG_INT32, NULL));
    args[0] = i32;
    args[1] = in[1];
    FAILS(mxg_function_call(f, args, 2, out, 2), MXG_ERR_INVALID_ARGUMENT); /* wrong dtype */
    mxg_array_free(i32);
  }
  FAILS(mxg_function_call(f, in, 2, out, 1), MXG_ERR_INVALID_ARGUMENT); /* no room */
  CHECK(out[0] == NULL);
  FAILS(mxg_function_call(f, in, 2, NULL, 2), MXG_ERR_NULL);
  FAILS(mxg_function_call(NULL, in, 2, out, 2), MXG_ERR_NULL);
  FAILS(mxg_function_call(f, NULL, 2, out, 2), MXG_ERR_NULL);
  {
    mxg_array* holes[2];
    holes[0] = in[0];
    holes[1] = NULL;
    FAILS(mxg_function_call(f, holes, 2, out, 2), MXG_ERR_NULL);
  }
  FAILS(mxg_function_input(f, 2, &spec), MXG_ERR_OUT_OF_RANGE);
  FAILS(mxg_function_output(f, 2, &spec), MXG_ERR_OUT_OF_RANGE);
  FAILS(mxg_function_input(f, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_num_inputs(NULL, &n), MXG_ERR_NULL);
  CHECK(n == 0);
  FAILS(mxg_function_num_outputs(f, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_to_closure(NULL, f), MXG_ERR_NULL);
  mxg_function_free(NULL);
  mxg_array_free(in[0]);
  mxg_array_free(in[1]);
  mxg_array_free(in[2]);
  mxg_function_free(f);
}

/* Loads `size` bytes both from memory and from a file; both must give `want`. */
static void load_both(const char* bytes, size_t size, int want) {
  char path[128];
  mxg_function* f = (mxg_function*)1;
  int rc = mxg_function_load_from_memory(&f, bytes, size);
  CHECK(rc == want);
  if (rc != MXG_OK) CHECK(f == NULL && strlen(mxg_last_error_message()) > 0);
  mxg_function_free(f);
  snprintf(path, sizeof path, "%s/cut.mxfn", g_tmp);
  write_all(path, bytes, size);
  f = (mxg_function*)1;
  rc = mxg_function_load(&f, path);
  CHECK(rc == want);
  if (rc != MXG_OK) CHECK(f == NULL && mxg_last_error_code() == want);
  mxg_function_free(f);
}

static void test_load_errors(const char* path) {
  size_t size = 0, cut, i;
  char* bytes = read_all(path, &size);
  char missing[128];
  mxg_function* f = NULL;

  CHECK(bytes != NULL && size > 64);
  if (!bytes || size <= 64) {
    free(bytes);
    return;
  }
  load_both(bytes, size, MXG_OK);
  /* Every truncation of the graph part is found at load (past it: every 61st). */
  for (cut = 0; cut < size; cut += (cut < 512 ? 1 : 61)) load_both(bytes, cut, MXG_ERR_IO);
  {
    char* bad = malloc(size);
    if (!bad) {
      free(bytes);
      return;
    }
    memcpy(bad, bytes, size);
    bad[0] ^= 0x5a; /* the magic */
    load_both(bad, size, MXG_ERR_IO);
    /* Any flipped byte either still loads or fails as a bad file, never otherwise. */
    for (i = 0; i < size && i < 2048; i += 3) {
      int rc;
      memcpy(bad, bytes, size);
      bad[i] = (char)~bad[i];
      f = NULL;
      rc = mxg_function_load_from_memory(&f, bad, size);
      CHECK(rc == MXG_OK || rc == MXG_ERR_IO);
      mxg_function_free(f);
    }
    free(bad);
  }
  FAILS(mxg_function_load_from_memory(&f, "MXFN garbage", 12), MXG_ERR_IO);
  snprintf(missing, sizeof missing, "%s/no/such.mxfn", g_tmp);
  FAILS(mxg_function_load(&f, missing), MXG_ERR_IO);
  CHECK(f == NULL);
  FAILS(mxg_function_load(&f, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_load(NULL, path), MXG_ERR_NULL);
  FAILS(mxg_function_load_from_memory(&f, NULL, 10), MXG_ERR_NULL);
  FAILS(mxg_function_load_from_memory(NULL, bytes, size), MXG_ERR_NULL);
  FAILS(mxg_function_load_from_memory(&f, NULL, 0), MXG_ERR_IO); /* empty */
  free(bytes);
}

/* f(x) = 2 exp(x), the closure to export. */
static int twice_exp(void* payload, mxg_array* const* in, size_t n_in, mxg_array** out,
                     size_t n_out) {
  mxg_array *e = NULL, *two = NULL;
  int rc;
  (void)payload, (void)n_in, (void)n_out;
  rc = mxg_exp(&e, in[0], NULL);
  if (rc == MXG_OK) rc = mxg_array_from_float(&two, 2.0, MXG_FLOAT32);
  if (rc == MXG_OK) rc = mxg_multiply(&out[0], e, two, NULL);
  mxg_array_free(e);
  mxg_array_free(two);
  return rc;
}

static int failing(void* payload, mxg_array* const* in, size_t n_in, mxg_array** out, size_t n_out) {
  (void)payload, (void)in, (void)n_in, (void)out, (void)n_out;
  return MXG_ERR_TYPE;
}

static void test_export(void) {
  const float v[3] = {0, 1, 2}, w[5] = {-1, 0, 0.5f, 1, 2};
  const int64_t s3[1] = {3}, s5[1] = {5};
  const char* names[1] = {"x"};
  const char* null_name[1] = {NULL};
  mxg_closure *c = NULL, *bad = NULL;
  mxg_array *x = floats(v, s3, 1), *y = floats(w, s5, 1), *out = NULL;
  mxg_function* f = NULL;
  char *bytes = NULL, path[128];
  size_t size = 0;
  mxg_spec spec;
  int shapeless = 0, k;
  float got[5];

  OK(mxg_closure_new(&c, twice_exp, NULL, NULL, 1));
  OK(mxg_closure_new(&bad, failing, NULL, NULL, 1));
  /* Shapeless, to memory: a call with another length works. */
  OK(mxg_function_export_to_memory(&bytes, &size, c, &x, 1, NULL, 1, "m"));
  CHECK(bytes != NULL && size > 0);
  OK(mxg_function_load_from_memory(&f, bytes, size));
  mxg_string_free(bytes);
  OK(mxg_function_is_shapeless(f, &shapeless));
  CHECK(shapeless == 1);
  OK(mxg_function_call(f, &y, 1, &out, 1));
  OK(mxg_array_copy_data(out, got, sizeof got, MXG_FLOAT32));
  for (k = 0; k < 5; ++k) CHECK(fabs(got[k] - 2 * exp(w[k])) <= 1e-5 * (1 + 2 * exp(w[k])));
  mxg_array_free(out);
  mxg_function_free(f);

  /* With shapes and names, to a file. */
  snprintf(path, sizeof path, "%s/twice_exp.mxfn", g_tmp);
  OK(mxg_function_export(path, c, &x, 1, names, 0, NULL));
  OK(mxg_function_load(&f, path));
  OK(mxg_function_input(f, 0, &spec));
  CHECK(strcmp(spec.name, "x") == 0 && spec.ndim == 1 && spec.shape[0] == 3);
  FAILS(mxg_function_call(f, &y, 1, &out, 1), MXG_ERR_INVALID_ARGUMENT); /* [5] vs [3] */
  CHECK(out == NULL);
  mxg_function_free(f);

  /* Errors. */
  FAILS(mxg_function_export(path, bad, &x, 1, NULL, 0, NULL), MXG_ERR_TYPE); /* the callback's */
  CHECK(strstr(mxg_last_error_message(), "callback") != NULL);
  FAILS(mxg_function_export(NULL, c, &x, 1, NULL, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_export(path, NULL, &x, 1, NULL, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_export(path, c, NULL, 1, NULL, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_export(path, c, &x, 1, null_name, 0, NULL), MXG_ERR_NULL);
  snprintf(path, sizeof path, "%s/no/such/dir.mxfn", g_tmp);
  FAILS(mxg_function_export(path, c, &x, 1, NULL, 0, NULL), MXG_ERR_IO);
  FAILS(mxg_function_export_to_memory(&bytes, NULL, c, &x, 1, NULL, 0, NULL), MXG_ERR_NULL);
  CHECK(bytes == NULL);
  FAILS(mxg_function_export_to_memory(NULL, &size, c, &x, 1, NULL, 0, NULL), MXG_ERR_NULL);
  FAILS(mxg_function_export_to_memory(&bytes, &size, bad, &x, 1, NULL, 0, NULL), MXG_ERR_TYPE);
  CHECK(bytes == NULL && size == 0);
  mxg_closure_free(c);
  mxg_closure_free(bad);
  mxg_array_free(x);
  mxg_array_free(y);
}

static void test_stats_and_dumps(void) {
  const float v[6] = {1, 2, 3, 4, 5, 6};
  const int64_t shape[2] = {2, 3};
  mxg_array *a = floats(v, shape, 2), *b = NULL, *c = NULL;
  mxg_stats st;
  char *text = NULL, *dot = NULL, *file = NULL, small[8], path[128];
  size_t needed = 0, size = 0;

  OK(mxg_exp(&b, a, NULL));
  OK(mxg_add(&c, b, a, NULL));
  OK(mxg_graph_stats(&st, &c, 1));
  CHECK(st.pending_nodes == 2 && st.pending_arrays == 2 && st.depth == 2);
  CHECK(st.bytes_to_allocate == 48 && st.inputs_held == 1);
  CHECK(st.input_bytes_held >= 24); /* the buffer's allocated size */
  OK(mxg_graph_stats_text(&text, &c, 1));
  CHECK(strstr(text, "pending nodes:") != NULL && strstr(text, "Binary") != NULL);
  mxg_string_free(text);

  /* print_graph: ask the length, then fill; a short buffer gets the truncated text. */
  OK(mxg_print_graph(NULL, 0, &needed, &c, 1));
  CHECK(needed > 1);
  text = malloc(needed);
  OK(mxg_print_graph(text, needed, &size, &c, 1));
  CHECK(size == needed && strlen(text) == needed - 1);
  CHECK(strstr(text, "exp") != NULL && strstr(text, "float32[2,3]") != NULL);
  FAILS(mxg_print_graph(small, sizeof small, &size, &c, 1), MXG_ERR_OUT_OF_RANGE);
  CHECK(size == needed && strlen(small) == sizeof small - 1 && strncmp(small, text, sizeof small - 1) == 0);
  FAILS(mxg_print_graph(NULL, 4, &size, &c, 1), MXG_ERR_NULL);
  FAILS(mxg_print_graph(small, sizeof small, NULL, NULL, 1), MXG_ERR_NULL);

  /* The DOT text is mxg_export_to_dot's, into a buffer and into a file. */
  OK(mxg_export_to_dot(&dot, &c, 1));
  OK(mxg_export_dot(NULL, 0, &needed, &c, 1));
  CHECK(needed == strlen(dot) + 1);
  {
    char* buf = malloc(needed);
    OK(mxg_export_dot(buf, needed, NULL, &c, 1));
    CHECK(strcmp(buf, dot) == 0);
    free(buf);
  }
  snprintf(path, sizeof path, "%s/g.dot", g_tmp);
  OK(mxg_export_dot_to_file(path, &c, 1));
  file = read_all(path, &size);
  CHECK(file != NULL && strcmp(file, dot) == 0);
  free(file);
  snprintf(path, sizeof path, "%s/g.txt", g_tmp);
  OK(mxg_print_graph_to_file(path, &c, 1));
  file = read_all(path, &size);
  CHECK(file != NULL && strcmp(file, text) == 0);
  free(file);
  snprintf(path, sizeof path, "%s/no/such/g.txt", g_tmp);
  FAILS(mxg_print_graph_to_file(path, &c, 1), MXG_ERR_IO);
  FAILS(mxg_export_dot_to_file(path, &c, 1), MXG_ERR_IO);
  FAILS(mxg_export_dot_to_file(NULL, &c, 1), MXG_ERR_NULL);
  FAILS(mxg_graph_stats(NULL, &c, 1), MXG_ERR_NULL);
  FAILS(mxg_graph_stats(&st, NULL, 1), MXG_ERR_NULL);
  free(text);
  FAILS(mxg_graph_stats_text(&text, NULL, 1), MXG_ERR_NULL);
  CHECK(text == NULL);
  mxg_string_free(dot);

  /* Evaluated, nothing is pending. */
  OK(mxg_eval(&c, 1));
  OK(mxg_graph_stats(&st, &c, 1));
  CHECK(st.pending_nodes == 0 && st.depth == 0 && st.bytes_to_allocate == 0);
  mxg_array_free(a);
  mxg_array_free(b);
  mxg_array_free(c);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: test_capi_function FILE.mxfn (written by make_test_mxfn)\n");
    return 2;
  }
  strcpy(g_tmp, "/tmp/mxg_capi_fn_XXXXXX");
  if (!mkdtemp(g_tmp)) return 2;
  test_load_describe_call(argv[1]);
  test_closure_of_function(argv[1]);
  test_multi_trace(argv[1]);
  test_call_errors(argv[1]);
  test_load_errors(argv[1]);
  test_export();
  test_stats_and_dumps();
  {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", g_tmp);
  }
  if (g_failures) {
    fprintf(stderr, "%d check(s) failed\n", g_failures);
    return 1;
  }
  printf("all C function/graph checks passed\n");
  return 0;
}
