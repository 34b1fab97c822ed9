#include "mxgraph/primitive.h"

#include <sstream>

namespace mxg {

const char* primitive_kind_name(PrimitiveKind k) {
  switch (k) {
#define MXG_PRIM_NAME(name, family) \
  case PrimitiveKind::name:         \
    return #name;
    MXG_PRIMITIVES(MXG_PRIM_NAME)
#undef MXG_PRIM_NAME
  }
  return "?";
}

const char* primitive_family(PrimitiveKind k) {
  switch (k) {
#define MXG_PRIM_FAMILY(name, family) \
  case PrimitiveKind::name:           \
    return #family;
    MXG_PRIMITIVES(MXG_PRIM_FAMILY)
#undef MXG_PRIM_FAMILY
  }
  return "?";
}

const char* unary_op_name(UnaryOp op) {
  switch (op) {
#define MXG_OP_NAME(e, n, ...) \
  case UnaryOp::e:        \
    return #n;
    MXG_UNARY_OPS(MXG_OP_NAME)
#undef MXG_OP_NAME
  }
  return "?";
}

const char* binary_op_name(BinaryOp op) {
  switch (op) {
#define MXG_OP_NAME(e, n, ...) \
  case BinaryOp::e:       \
    return #n;
    MXG_BINARY_OPS(MXG_OP_NAME)
#undef MXG_OP_NAME
  }
  return "?";
}

const char* reduce_op_name(ReduceOp op) {
  static const char* names[] = {"sum", "prod", "max", "min", "all", "any"};
  return names[static_cast<int>(op)];
}

std::string describe(const Primitive& p) {
  std::ostringstream os;
  p.print(os);
  return os.str();
}

} // namespace mxg
