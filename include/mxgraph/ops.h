// The user-facing operations (mlx.core names). Each checks its arguments, infers
// the output shape and dtype, and returns a pending array; errors are raised here.
#pragma once

#include "mxgraph/ops/creation.h"
#include "mxgraph/ops/elementwise.h"
#include "mxgraph/ops/fft.h"
#include "mxgraph/ops/indexing.h"
#include "mxgraph/ops/linalg.h"
#include "mxgraph/ops/misc.h"
#include "mxgraph/ops/reduction.h"
#include "mxgraph/ops/shape.h"
#include "mxgraph/ops/sort.h"
