/* Runs the digits MLP that examples/train_mlp.py trained and exported, from C only:
 * loads the inference function (model.mxfn) and the test set (x_test.npy, y_test.npy),
 * computes the predictions and prints the accuracy, as the Python script does.
 *
 *   python3 examples/train_mlp.py --export-model DIR
 *   mlp_inference DIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "mxgraph_c.h"

/* Prints the thread's last mxgraph error and says the step failed. */
static int failed(const char* what) {
  fprintf(stderr, "mlp_inference: %s: %s\n", what, mxg_last_error_message());
  return 1;
}

static void print_spec(const char* kind, size_t i, const mxg_spec* s) {
  int d;
  printf("  %s %zu %s: %s[", kind, i, s->name[0] ? s->name : "(unnamed)", mxg_dtype_name(s->dtype));
  for (d = 0; d < s->ndim; ++d) printf(d ? ",%lld" : "%lld", (long long)s->shape[d]);
  printf("]\n");
}

/* Describes the function: its inputs and outputs. */
static int describe(const mxg_function* model) {
  size_t n_in = 0, n_out = 0, i;
  int shapeless = 0;
  const char* meta = "";
  mxg_spec spec;
  if (mxg_function_num_inputs(model, &n_in) || mxg_function_num_outputs(model, &n_out) ||
      mxg_function_is_shapeless(model, &shapeless) || mxg_function_metadata(model, &meta)) {
    return failed("describe the model");
  }
  printf("model: \"%s\"%s\n", meta, shapeless ? " (any batch size)" : "");
  for (i = 0; i < n_in; ++i) {
    if (mxg_function_input(model, i, &spec)) return failed("describe an input");
    print_spec("input", i, &spec);
  }
  for (i = 0; i < n_out; ++i) {
    if (mxg_function_output(model, i, &spec)) return failed("describe an output");
    print_spec("output", i, &spec);
  }
  return n_out == 1 ? 0 : (fprintf(stderr, "mlp_inference: expected one output (logits)\n"), 1);
}

int main(int argc, char** argv) {
  char path[4096];
  mxg_function* model = NULL;
  mxg_array *x = NULL, *y = NULL, *logits = NULL, *pred = NULL, *hit = NULL, *acc = NULL;
  mxg_stats stats;
  const int64_t* shape = NULL;
  double accuracy = 0;
  int axis = 1, rc = 1;

  if (argc != 2) {
    fprintf(stderr, "usage: mlp_inference DIR  (written by train_mlp.py --export-model DIR)\n");
    return 2;
  }
  snprintf(path, sizeof path, "%s/model.mxfn", argv[1]);
  if (mxg_function_load(&model, path)) return failed(path);
  if (describe(model)) goto done;

  /* Lazy loads: the files are read when the accuracy is evaluated. */
  snprintf(path, sizeof path, "%s/x_test.npy", argv[1]);
  if (mxg_load_npy(&x, path, NULL)) { failed(path); goto done; }
  snprintf(path, sizeof path, "%s/y_test.npy", argv[1]);
  if (mxg_load_npy(&y, path, NULL)) { failed(path); goto done; }

  /* accuracy = mean(argmax(model(x), axis=1) == y), built as one graph. */
  if (mxg_function_call(model, &x, 1, &logits, 1)) { failed("run the model"); goto done; }
  if (mxg_argmax(&pred, logits, &axis, 0, NULL) || mxg_equal(&hit, pred, y, NULL) ||
      mxg_mean(&acc, hit, NULL, 0, 0, NULL)) {
    failed("build the accuracy");
    goto done;
  }
  if (mxg_graph_stats(&stats, &acc, 1)) { failed("graph statistics"); goto done; }
  printf("graph: %lld pending nodes, depth %lld, %lld bytes to allocate\n",
         (long long)stats.pending_nodes, (long long)stats.depth, (long long)stats.bytes_to_allocate);
  if (mxg_array_item_float(acc, &accuracy)) { failed("evaluate"); goto done; } /* computes */
  if (mxg_array_shape(x, &shape)) { failed("shape"); goto done; }
  printf("test accuracy: %.2f%% (%lld test digits)\n", 100 * accuracy, (long long)shape[0]);
  rc = 0;

done:
  mxg_array_free(acc);
  mxg_array_free(hit);
  mxg_array_free(pred);
  mxg_array_free(logits);
  mxg_array_free(y);
  mxg_array_free(x);
  mxg_function_free(model);
  return rc;
}
