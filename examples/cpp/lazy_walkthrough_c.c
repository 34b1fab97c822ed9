/* Build a graph and evaluate it through the C ABI (libmxgraph_c), from C. */
#include <stdio.h>

#include "mxgraph_c.h"

int main(void) {
  const float xv[3] = {1, 2, 3}, yv[3] = {4, 5, 6};
  const int64_t shape[1] = {3};
  mxg_array *x = NULL, *y = NULL, *two = NULL, *z = NULL, *w = NULL;
  float out[3] = {0, 0, 0};
  int evaluated = 1, rc = 0;
  if (mxg_array_from_data(&x, xv, shape, 1, MXG_FLOAT32) || mxg_array_from_data(&y, yv, shape, 1, MXG_FLOAT32) ||
      mxg_array_from_float(&two, 2.0, MXG_FLOAT32) || mxg_add(&z, x, y, NULL) ||
      mxg_multiply(&w, z, two, NULL) || mxg_array_is_evaluated(w, &evaluated) ||
      mxg_array_copy_data(w, out, sizeof out, MXG_FLOAT32)) {
    fprintf(stderr, "error %d: %s\n", mxg_last_error_code(), mxg_last_error_message());
    rc = 1;
  } else {
    printf("mxgraph %s (C ABI %d): w = [%g, %g, %g], pending before copy-out: %s\n",
           mxg_version(), mxg_abi_version(), out[0], out[1], out[2], evaluated ? "no" : "yes");
    rc = (out[0] == 10 && out[2] == 18 && !evaluated) ? 0 : 1;
  }
  mxg_array_free(x);
  mxg_array_free(y);
  mxg_array_free(two);
  mxg_array_free(z);
  mxg_array_free(w);
  return rc;
}
