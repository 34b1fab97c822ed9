// Names of the parameter enums and the list printing shared by every declared
// primitive's print.
#include "primitives/params.h"

namespace mxg {

const char* arg_reduce_op_name(ArgReduceOp op) { return op == ArgReduceOp::ArgMax ? "argmax" : "argmin"; }

const char* scan_op_name(ScanOp op) {
  static const char* names[] = {"sum", "prod", "max", "min", "logaddexp"};
  return names[static_cast<int>(op)];
}

const char* scatter_reduce_name(ScatterReduce r) {
  static const char* names[] = {"none", "sum", "prod", "max", "min"};
  return names[static_cast<int>(r)];
}

namespace params_detail {

void print_list(std::ostream& os, const std::vector<int64_t>& v, bool tuple) {
  os << (tuple ? "(" : "[");
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  if (tuple && v.size() == 1) os << ",";
  os << (tuple ? ")" : "]");
}

} // namespace params_detail
} // namespace mxg
