// NumPy-style text for arrays (evaluates them).
#pragma once

#include <ostream>
#include <string>

#include "mxgraph/array.h"

namespace mxg {

/// "array([1.5, 2.25, -3], dtype=float32)": the repr exactly as MLX prints it,
/// with "..." on every axis longer than 6.
std::string array_repr(array a);
/// Digits after the point in array_repr (fixed notation); -1 (the default) is
/// C++'s default stream format ("%g").
void set_print_precision(int precision);
int print_precision();
/// "[1 2 3]": the str, as numpy.array_str.
std::string array_str(array a);
/// Writes array_repr.
std::ostream& operator<<(std::ostream& os, array a);

} // namespace mxg
