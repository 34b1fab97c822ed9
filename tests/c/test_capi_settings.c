/* The settings table through the C ABI. CTest runs this with MXGRAPH_NUM_THREADS=3 and
 * MXGRAPH_CPU unset, so one value comes from the environment and one is a default. */
#include <stdlib.h>

#include "check.h"

int main(void) {
  size_t i, n = mxg_settings_count();
  const char *env, *type, *def, *doc, *value;
  int saw_threads = 0;
  CHECK(n >= 9);
  for (i = 0; i < n; ++i) {
    OK(mxg_setting_info(i, &env, &type, &def, &doc));
    CHECK(strncmp(env, "MXGRAPH_", 8) == 0);
    CHECK(strcmp(type, "Int") == 0 || strcmp(type, "Double") == 0 || strcmp(type, "Bool") == 0 ||
          strcmp(type, "String") == 0);
    CHECK(def != NULL && strlen(doc) > 10);
    OK(mxg_setting_value(env, &value));
    if (strcmp(env, "MXGRAPH_NUM_THREADS") == 0) {
      saw_threads = 1;
      CHECK(strcmp(value, "3") == 0); /* from the environment */
    }
    if (strcmp(env, "MXGRAPH_CPU") == 0) CHECK(strcmp(value, def) == 0); /* the default */
  }
  CHECK(saw_threads);
  OK(mxg_setting_info(0, NULL, NULL, NULL, NULL));
  env = "x";
  FAILS(mxg_setting_info(n, &env, NULL, NULL, NULL), MXG_ERR_OUT_OF_RANGE);
  CHECK(env == NULL);
  value = "x";
  FAILS(mxg_setting_value("MXGRAPH_NO_SUCH_THING", &value), MXG_ERR_INVALID_ARGUMENT);
  CHECK(value == NULL);
  FAILS(mxg_setting_value(NULL, &value), MXG_ERR_NULL);
  FAILS(mxg_setting_value("MXGRAPH_CPU", NULL), MXG_ERR_NULL);
  printf("%s: %d settings\n", g_failures ? "FAIL" : "ok", (int)n);
  return g_failures != 0;
}
