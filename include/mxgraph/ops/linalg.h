// Linear algebra: matmul and friends, through BLAS.
#pragma once

#include <vector>

#include "mxgraph/array.h"

namespace mxg {

/// NumPy matmul: 1-d operands are promoted and squeezed back; batch dims broadcast.
array matmul(const array& a, const array& b, StreamOrDevice s = {});

} // namespace mxg
