// Argument checking shared by the ops: axes, broadcasting, dtype rules.
#pragma once

#include <string>
#include <vector>

#include "mxgraph/array.h"
#include "mxgraph/device.h"
#include "mxgraph/errors.h"

namespace mxg {


/// "[op] msg" as std::invalid_argument (Python ValueError).
[[noreturn]] void throw_value(const char* op, const std::string& msg);
/// "[op] msg" as type_error (Python TypeError).
[[noreturn]] void throw_type(const char* op, const std::string& msg);

/// Maps a possibly negative axis into [0, ndim); throws ValueError when out of range.
int normalize_axis(int axis, int ndim, const char* op);
/// The same, throwing out_of_range (IndexError), for the ops where MLX does.
int checked_axis(int axis, int ndim, const char* op);
/// Normalises, sorts and checks a list of axes for duplicates.
std::vector<int> normalize_axes(const std::vector<int>& axes, int ndim, const char* op);
/// All axes of an ndim-dimensional array.
std::vector<int> all_axes(int ndim);

/// NumPy broadcasting of two shapes; throws ValueError when incompatible.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);
/// "(2, 3)" for messages.
std::string shape_str(const Shape& s);

/// Broadcasts each array to the common shape.
std::vector<array> broadcast_all(const std::vector<array>& arrays, const char* op,
                                 const StreamOrDevice& s);

} // namespace mxg
