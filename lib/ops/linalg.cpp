// Linear-algebra ops: matmul, addmm, inner, outer, tensordot. Everything that
// contracts goes through the one Matmul primitive (BLAS).
#include <algorithm>

#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/linalg.h"

namespace mxg {
namespace {

// MLX multiplies matrices of floating or complex type only.
Dtype contraction_type(Dtype t, const char* op, const std::string& inputs) {
  if (!is_inexact(t)) {
    throw_value(op, "Only floating-point and complex types are supported; " + inputs +
                        " give " + dtype_name(t) + ". Cast the inputs with astype first.");
  }
  return t;
}

std::string dtypes_str(const array& a, const array& b) {
  return std::string(dtype_name(a.dtype())) + " and " + dtype_name(b.dtype());
}

// The shapes of a matmul: inputs seen as matrices (1-d operands promoted), the
// internal output shape and the final one (promoted axes removed).
struct MatmulShapes {
  Shape a, b, out, final_out;
};

MatmulShapes matmul_shapes(const array& a, const array& b, const char* op) {
  if (a.ndim() == 0 || b.ndim() == 0) {
    throw_value(op, "Inputs must have at least one dimension; got shapes " + shape_str(a.shape()) +
                        " and " + shape_str(b.shape()) + ".");
  }
  MatmulShapes m{a.shape(), b.shape(), {}, {}};
  if (a.ndim() == 1) m.a.insert(m.a.begin(), 1);
  if (b.ndim() == 1) m.b.push_back(1);
  std::string both = shape_str(a.shape()) + " and " + shape_str(b.shape());
  if (m.a.back() != m.b[m.b.size() - 2]) {
    throw_value(op, "Shapes " + both + " are not aligned: the last dimension of the first (" +
                        std::to_string(m.a.back()) +
                        ") must equal the second-to-last dimension of the second (" +
                        std::to_string(m.b[m.b.size() - 2]) + ").");
  }
  Shape batch_a(m.a.begin(), m.a.end() - 2), batch_b(m.b.begin(), m.b.end() - 2);
  try {
    m.out = broadcast_shapes(batch_a, batch_b, op);
  } catch (const std::invalid_argument&) {
    throw_value(op, "The batch dimensions of shapes " + both + " cannot be broadcast together.");
  }
  m.out.push_back(m.a[m.a.size() - 2]);
  m.out.push_back(m.b.back());
  m.final_out = m.out;
  if (b.ndim() == 1) m.final_out.pop_back();
  if (a.ndim() == 1) m.final_out.erase(m.final_out.end() - (b.ndim() == 1 ? 1 : 2));
  return m;
}

// Axes of an n-d array that are not in `axes`, in order.
std::vector<int> other_axes(int n, const std::vector<int>& axes) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) out.push_back(i);
  }
  return out;
}

// Normalises contraction axes, rejecting repeats.
std::vector<int> contraction_axes(std::vector<int> axes, int ndim, const char* op) {
  for (auto& ax : axes) ax = normalize_axis(ax, ndim, op);
  std::vector<int> sorted = axes;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    throw_value(op, "Repeated axes in the contraction.");
  }
  return axes;
}

} // namespace

array matmul(const array& a, const array& b, StreamOrDevice s) {
  Stream st = to_stream(s, "matmul");
  MatmulShapes m = matmul_shapes(a, b, "matmul");
  Dtype t = contraction_type(promote_types(a.dtype(), b.dtype()), "matmul", dtypes_str(a, b));
  array a2 = a.ndim() == 1 ? reshape(a, m.a, s) : a;
  array b2 = b.ndim() == 1 ? reshape(b, m.b, s) : b;
  array out(m.out, t, std::make_shared<Matmul>(st), {a2, b2});
  return m.out == m.final_out ? out : reshape(out, m.final_out, s);
}

array addmm(const array& c, const array& a, const array& b, float alpha, float beta,
            StreamOrDevice s) {
  Stream st = to_stream(s, "addmm");
  MatmulShapes m = matmul_shapes(a, b, "addmm");
  Dtype t = promote_types(promote_types(a.dtype(), b.dtype()), c.dtype());
  contraction_type(t, "addmm", dtypes_str(a, b) + " with " + dtype_name(c.dtype()));
  Shape cb;
  try {
    cb = broadcast_shapes(c.shape(), m.final_out, "addmm");
  } catch (const std::invalid_argument&) {
  }
  if (cb != m.final_out) {
    throw_value("addmm", "c of shape " + shape_str(c.shape()) +
                             " cannot be broadcast to the product's shape " +
                             shape_str(m.final_out) + ".");
  }
  // Put back the axes a 1-d operand removed, so c lines up with the internal shape.
  array c2 = c;
  if (b.ndim() == 1 && c2.ndim() >= 1) c2 = expand_dims(c2, -1, s);
  if (a.ndim() == 1 && c2.ndim() >= 1) c2 = expand_dims(c2, b.ndim() == 1 ? -1 : -2, s);
  array a2 = a.ndim() == 1 ? reshape(a, m.a, s) : a;
  array b2 = b.ndim() == 1 ? reshape(b, m.b, s) : b;
  array out(m.out, t, std::make_shared<Matmul>(st, alpha, beta), {a2, b2, c2});
  return m.out == m.final_out ? out : reshape(out, m.final_out, s);
}

array inner(const array& a, const array& b, StreamOrDevice s) {
  to_stream(s, "inner");
  if (a.ndim() == 0 || b.ndim() == 0) return multiply(a, b, s);
  if (a.shape(-1) != b.shape(-1)) {
    throw_value("inner", "The last dimensions of shapes " + shape_str(a.shape()) + " and " +
                             shape_str(b.shape()) + " must match.");
  }
  return tensordot(a, b, {-1}, {-1}, s);
}

array outer(const array& a, const array& b, StreamOrDevice s) {
  to_stream(s, "outer");
  return multiply(reshape(a, {-1, 1}, s), reshape(b, {-1}, s), s);
}

array tensordot(const array& a, const array& b, int axes, StreamOrDevice s) {
  if (axes < 0) throw_value("tensordot", "axes must be non-negative; got " + std::to_string(axes) + ".");
  if (axes > a.ndim() || axes > b.ndim()) {
    throw_value("tensordot", "Cannot contract " + std::to_string(axes) + " axes of shapes " +
                                 shape_str(a.shape()) + " and " + shape_str(b.shape()) + ".");
  }
  std::vector<int> xa, xb;
  for (int i = 0; i < axes; ++i) {
    xa.push_back(a.ndim() - axes + i);
    xb.push_back(i);
  }
  return tensordot(a, b, xa, xb, s);
}

array tensordot(const array& a, const array& b, const std::vector<int>& axes_a,
                const std::vector<int>& axes_b, StreamOrDevice s) {
  to_stream(s, "tensordot");
  if (axes_a.size() != axes_b.size()) {
    throw_value("tensordot", "The two lists of axes must have the same length.");
  }
  std::vector<int> xa = contraction_axes(axes_a, a.ndim(), "tensordot");
  std::vector<int> xb = contraction_axes(axes_b, b.ndim(), "tensordot");
  int64_t k = 1;
  for (size_t i = 0; i < xa.size(); ++i) {
    if (a.shape()[xa[i]] != b.shape()[xb[i]]) {
      throw_value("tensordot", "Shape mismatch on the contracted axes of " + shape_str(a.shape()) +
                                   " and " + shape_str(b.shape()) + ".");
    }
    k *= a.shape()[xa[i]];
  }
  contraction_type(promote_types(a.dtype(), b.dtype()), "tensordot", dtypes_str(a, b));
  std::vector<int> fa = other_axes(a.ndim(), xa), fb = other_axes(b.ndim(), xb);
  Shape out_shape;
  int64_t m = 1, n = 1;
  for (int ax : fa) {
    m *= a.shape()[ax];
    out_shape.push_back(a.shape()[ax]);
  }
  for (int ax : fb) {
    n *= b.shape()[ax];
    out_shape.push_back(b.shape()[ax]);
  }
  std::vector<int> pa = fa, pb = xb;
  pa.insert(pa.end(), xa.begin(), xa.end());
  pb.insert(pb.end(), fb.begin(), fb.end());
  array am = reshape(transpose(a, pa, s), {m, k}, s);
  array bm = reshape(transpose(b, pb, s), {k, n}, s);
  return reshape(matmul(am, bm, s), out_shape, s);
}

} // namespace mxg
