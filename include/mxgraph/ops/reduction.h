// reduction operations.
#pragma once

#include <optional>
#include <vector>

#include "mxgraph/array.h"

namespace mxg {

} // namespace mxg
