/* Deep graphs through the C ABI: a 1,000,000-op chain built handle by handle is
 * evaluated, freed pending, differentiated (vjp of a closure) and dumped as DOT, none
 * of which may recurse. MXGRAPH_DEEP_N shortens the chain (e.g. under sanitizers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mxgraph_c.h"

static int g_n = 1000000;

static mxg_array* scalar(double v) {
  mxg_array* a = NULL;
  OK(mxg_array_from_float(&a, v, MXG_FLOAT32));
  return a;
}

/* x * 1 + 0, n / 2 times (two nodes a step); only the newest handle is kept. */
static mxg_array* chain(mxg_array* x, int n) {
  mxg_array *one = scalar(1.0), *zero = scalar(0.0), *y = NULL, *t = NULL;
  int i;
  OK(mxg_multiply(&t, x, one, NULL));
  OK(mxg_add(&y, t, zero, NULL));
  mxg_array_free(t);
  for (i = 1; i < n / 2 && y != NULL; ++i) {
    OK(mxg_multiply(&t, y, one, NULL));
    mxg_array_free(y);
    OK(mxg_add(&y, t, zero, NULL));
    mxg_array_free(t);
  }
  mxg_array_free(one);
  mxg_array_free(zero);
  return y;
}

static int chain_sum(void* payload, mxg_array* const* inputs, size_t num_inputs, mxg_array** outputs,
                     size_t num_outputs) {
  mxg_array* y = chain(inputs[0], *(const int*)payload);
  int rc;
  (void)num_inputs;
  (void)num_outputs;
  if (y == NULL) return mxg_last_error_code();
  rc = mxg_sum(&outputs[0], y, NULL, 0, 0, NULL);
  mxg_array_free(y);
  return rc;
}

static void test_eval(void) {
  mxg_array *x = scalar(3.0), *y = chain(x, g_n);
  double v = 0.0;
  OK(mxg_eval(&y, 1));
  OK(mxg_array_item_float(y, &v));
  CHECK(v == 3.0);
  mxg_array_free(y);
  mxg_array_free(x);
}

static void test_free_pending(void) {
  size_t before = 0, after = 1;
  mxg_array *x = scalar(2.0), *y = NULL;
  OK(mxg_get_active_memory(&before));
  y = chain(x, g_n);
  mxg_array_free(y); /* the whole pending chain goes at once, without recursion */
  mxg_array_free(x);
  OK(mxg_get_active_memory(&after));
  CHECK(after <= before);
}

static void test_vjp(void) {
  mxg_closure* f = NULL;
  mxg_array *x = scalar(5.0), *ct = scalar(1.0), *out = NULL, *g = NULL;
  double v = 0.0;
  OK(mxg_closure_new(&f, chain_sum, &g_n, NULL, 1));
  OK(mxg_vjp(f, &x, 1, &ct, 1, &out, &g));
  OK(mxg_array_item_float(g, &v));
  CHECK(v == 1.0);
  OK(mxg_array_item_float(out, &v));
  CHECK(v == 5.0);
  mxg_array_free(out);
  mxg_array_free(g);
  mxg_array_free(ct);
  mxg_array_free(x);
  mxg_closure_free(f);
}

static void test_dot(void) {
  mxg_array *x = scalar(1.0), *y = chain(x, g_n);
  char* dot = NULL;
  OK(mxg_export_to_dot(&dot, &y, 1));
  CHECK(dot != NULL && strncmp(dot, "digraph", 7) == 0);
  CHECK(dot != NULL && strlen(dot) < 2000000); /* elided past max nodes */
  mxg_string_free(dot);
  mxg_array_free(y);
  mxg_array_free(x);
}

int main(void) {
  const char* env = getenv("MXGRAPH_DEEP_N");
  if (env != NULL) g_n = atoi(env);
  test_eval();
  test_free_pending();
  test_vjp();
  test_dot();
  if (g_failures) {
    fprintf(stderr, "%d check(s) failed\n", g_failures);
    return 1;
  }
  printf("test_capi_deep: ok (%d-op chains)\n", g_n);
  return 0;
}
