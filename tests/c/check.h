/* The C tests' checks: count failures instead of stopping, and show the C ABI's last
 * error with each. One header per test program (each is one translation unit). */
#ifndef MXGRAPH_TESTS_C_CHECK_H
#define MXGRAPH_TESTS_C_CHECK_H

#include <stdio.h>
#include <string.h>

#include "mxgraph_c.h"

static int g_failures = 0;

#define CHECK(cond)                                                               \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error %d: %s)\n", __FILE__,  \
              __LINE__, #cond, mxg_last_error_code(), mxg_last_error_message());  \
      ++g_failures;                                                               \
    }                                                                             \
  } while (0)
#define OK(call) CHECK((call) == MXG_OK)
#define FAILS(call, code)                                                         \
  do {                                                                            \
    int rc_ = (call);                                                             \
    CHECK(rc_ == (code));                                                         \
    CHECK(mxg_last_error_code() == (code));                                       \
    CHECK(strlen(mxg_last_error_message()) > 0);                                  \
  } while (0)

#endif
