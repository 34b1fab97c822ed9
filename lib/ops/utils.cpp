#include "ops/utils.h"

#include <algorithm>

#include "mxgraph/ops.h"

namespace mxg {

void throw_value(const char* op, const std::string& msg) {
  throw std::invalid_argument("[" + std::string(op) + "] " + msg);
}

void throw_type(const char* op, const std::string& msg) {
  throw type_error("[" + std::string(op) + "] " + msg);
}

int normalize_axis(int axis, int ndim, const char* op) {
  if (axis < -ndim || axis >= ndim) {
    throw axis_error("[" + std::string(op) + "] Axis " + std::to_string(axis) +
                     " is out of bounds for an array with " + std::to_string(ndim) + " dimensions.");
  }
  return axis < 0 ? axis + ndim : axis;
}

int checked_axis(int axis, int ndim, const char* op) {
  if (axis < -ndim || axis >= ndim) {
    throw std::out_of_range("[" + std::string(op) + "] Axis " + std::to_string(axis) +
                            " is out of bounds for an array with " + std::to_string(ndim) +
                            " dimensions.");
  }
  return axis < 0 ? axis + ndim : axis;
}

std::vector<int> normalize_axes(const std::vector<int>& axes, int ndim, const char* op) {
  std::vector<int> out;
  out.reserve(axes.size());
  for (int a : axes) out.push_back(normalize_axis(a, ndim, op));
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end()) {
    throw_value(op, "Received duplicate axes.");
  }
  return out;
}

std::vector<int> all_axes(int ndim) {
  std::vector<int> out(ndim);
  for (int i = 0; i < ndim; ++i) out[i] = i;
  return out;
}

std::string shape_str(const Shape& s) {
  std::string r = "(";
  for (size_t i = 0; i < s.size(); ++i) {
    r += std::to_string(s[i]);
    if (i + 1 < s.size() || s.size() == 1) r += ",";
    if (i + 1 < s.size()) r += " ";
  }
  return r + ")";
}

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1) {
      throw_value(op, "Shapes " + shape_str(a) + " and " + shape_str(b) +
                          " cannot be broadcast.");
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<array> broadcast_all(const std::vector<array>& arrays, const char* op,
                                 const StreamOrDevice& s) {
  Shape shape;
  for (const auto& a : arrays) shape = broadcast_shapes(shape, a.shape(), op);
  std::vector<array> out;
  out.reserve(arrays.size());
  for (const auto& a : arrays) out.push_back(broadcast_to(a, shape, s));
  return out;
}

} // namespace mxg
