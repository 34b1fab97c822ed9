/* The C header's generated op lists match the core's registry (count and names). */
#include <stdio.h>
#include <string.h>

#include "mxgraph_c.h"

#define COUNT(name) +1
#define NAME(name) #name,
static const char* const unary_names[] = {MXG_C_UNARY_OPS(NAME)};
static const char* const binary_names[] = {MXG_C_BINARY_OPS(NAME)};

static int check(const char* what, int c_count, int reg_count, const char* const* names,
                 const char* (*reg_name)(int)) {
  int i, bad = 0;
  if (c_count != reg_count) {
    fprintf(stderr, "%s: header lists %d ops, the registry has %d\n", what, c_count, reg_count);
    return 1;
  }
  for (i = 0; i < c_count; ++i) {
    if (strcmp(names[i], reg_name(i)) != 0) {
      fprintf(stderr, "%s %d: header '%s', registry '%s'\n", what, i, names[i], reg_name(i));
      bad = 1;
    }
  }
  return bad;
}

int main(void) {
  int bad = 0;
  bad |= check("unary", 0 MXG_C_UNARY_OPS(COUNT), mxg_registry_unary_count(), unary_names,
               mxg_registry_unary_name);
  bad |= check("binary", 0 MXG_C_BINARY_OPS(COUNT), mxg_registry_binary_count(), binary_names,
               mxg_registry_binary_name);
  if (mxg_registry_unary_name(-1) != NULL || mxg_registry_binary_name(1000) != NULL) bad = 1;
  if (mxg_registry_primitive_count() < 30) bad = 1;
  printf("%s: %d unary, %d binary ops, %d primitives\n", bad ? "FAIL" : "ok",
         mxg_registry_unary_count(), mxg_registry_binary_count(), mxg_registry_primitive_count());
  return bad;
}
