// random.multivariate_normal: standard normal samples times a square root of the
// covariance from its SVD (U sqrt(S) Vt, so a semi-definite cov works), as MLX.
#include "mxgraph/linalg.h"
#include "mxgraph/ops.h"
#include "mxgraph/random.h"
#include "ops/utils.h"

namespace mxg::random {

array multivariate_normal(const array& mean, const array& cov, const Shape& shape, Dtype dtype,
                          const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "multivariate_normal";
  if (dtype != float32) throw_value(op, "dtype must be float32.");
  if (mean.ndim() < 1) throw_value(op, "mean must have at least one dimension.");
  if (cov.ndim() < 2) throw_value(op, "cov must have at least two dimensions.");
  int64_t n = mean.shape(-1);
  if (cov.shape(-1) != n) throw_value(op, "mean and cov must have compatible shapes.");
  if (cov.shape(-2) != n) throw_value(op, "last two dimensions of cov must be equal.");
  Shape out = broadcast_shapes(Shape(mean.shape().begin(), mean.shape().end() - 1),
                               Shape(cov.shape().begin(), cov.shape().end() - 2), op);
  if (!shape.empty()) out = broadcast_shapes(shape, out, op);
  out.push_back(n);
  auto usv = linalg::svd(astype(cov, float32, s), true, s);
  array root = astype(matmul(multiply(usv[0], expand_dims(sqrt(usv[1], s), -2, s), s), usv[2], s), dtype, s);
  array z = normal(out, dtype, std::nullopt, std::nullopt, key, s);
  return add(mean, squeeze(matmul(expand_dims(z, -2, s), root, s), {-2}, s), s);
}

} // namespace mxg::random
