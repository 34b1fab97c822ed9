// Exception types beyond the standard ones. Mapping to Python: std::invalid_argument
// -> ValueError, type_error -> TypeError, std::out_of_range -> IndexError,
// out_of_memory -> MemoryError, anything else -> RuntimeError.
#pragma once

#include <stdexcept>

namespace mxg {

/// An argument of the wrong type (Python TypeError).
class type_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// An axis out of range: a bad argument (ValueError, the house rule) that Python also
/// sees as IndexError, MLX's type for it (like NumPy's AxisError, both at once).
class axis_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

} // namespace mxg
