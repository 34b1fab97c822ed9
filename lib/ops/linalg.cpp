#include "mxgraph/ops.h"
#include "ops/utils.h"

namespace mxg {

array matmul(const array& a, const array& b, StreamOrDevice s) {
  throw_value("matmul", "not yet built");
}

} // namespace mxg
