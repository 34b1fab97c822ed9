// NumPy-style text for arrays (evaluates them).
#pragma once

#include <ostream>
#include <string>

#include "mxgraph/array.h"

namespace mxg {

/// "array([1, 2, 3], dtype=int32)": the repr, NumPy-like, summarising large arrays.
std::string array_repr(array a);
/// "[1 2 3]": the str, as numpy.array_str.
std::string array_str(array a);
/// Writes array_repr.
std::ostream& operator<<(std::ostream& os, array a);

} // namespace mxg
