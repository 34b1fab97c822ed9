// NumPy-style array text: one format for all elements, nested brackets, and
// "..." past 1000 elements.
#include "mxgraph/printing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "cpu/strided.h"
#include "mxgraph/transforms.h"

namespace mxg {
namespace {

constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdge = 3;

std::string strip_zeros(std::string s) {
  auto e = s.find_first_of("eE");
  std::string exp = e == std::string::npos ? "" : s.substr(e);
  std::string mant = e == std::string::npos ? s : s.substr(0, e);
  if (mant.find('.') != std::string::npos) {
    while (!mant.empty() && mant.back() == '0') mant.pop_back();
  }
  return mant + exp;
}

struct FloatFormat {
  bool sci = false;
  int decimals = 0;
};

FloatFormat choose_format(const std::vector<double>& vals) {
  FloatFormat f;
  double maxabs = 0, minabs = INFINITY;
  for (double v : vals) {
    if (!std::isfinite(v)) continue;
    double a = std::fabs(v);
    maxabs = std::max(maxabs, a);
    if (a > 0) minabs = std::min(minabs, a);
  }
  f.sci = maxabs >= 1e8 || (minabs < 1e-4 && minabs > 0);
  if (f.sci) return f;
  for (double v : vals) {
    if (!std::isfinite(v)) continue;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.8f", v);
    std::string s = strip_zeros(buf);
    auto dot = s.find('.');
    int d = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
    f.decimals = std::max(f.decimals, d);
  }
  return f;
}

std::string format_float(double v, const FloatFormat& f) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  if (f.sci) {
    std::snprintf(buf, sizeof buf, "%.8e", v);
    std::string s(buf);
    auto e = s.find('e');
    std::string mant = strip_zeros(s.substr(0, e));
    if (mant.back() == '.') mant.pop_back();
    return mant + s.substr(e);
  }
  std::snprintf(buf, sizeof buf, "%.*f", f.decimals, v);
  std::string s(buf);
  if (f.decimals == 0) s += ".";
  return s;
}

// Element texts (row-major, summarised) and the flat indices they stand for.
std::vector<std::string> element_texts(const array& a, const std::vector<int64_t>& idx) {
  std::vector<std::string> out;
  Dtype t = a.dtype();
  std::vector<double> re, im;
  // Copy to a row-major double / complex buffer of the selected elements.
  array c = ensure_row_contiguous(a);
  if (is_complex(t)) {
    const complex64_t* p = c.data<complex64_t>();
    for (int64_t i : idx) {
      re.push_back(p[i].real());
      im.push_back(p[i].imag());
    }
    FloatFormat fr = choose_format(re), fi = choose_format(im);
    for (size_t k = 0; k < re.size(); ++k) {
      std::string imag = format_float(std::fabs(im[k]), fi);
      out.push_back(format_float(re[k], fr) + (im[k] < 0 || std::signbit(im[k]) ? "-" : "+") + imag + "j");
    }
    return out;
  }
  std::vector<double> vals(idx.size());
  std::vector<char> raw(static_cast<size_t>(size_of(t)));
  for (size_t k = 0; k < idx.size(); ++k) {
    const char* p = static_cast<const char*>(c.raw_data()) + idx[k] * size_of(t);
    if (t == bool_) {
      out.push_back(*reinterpret_cast<const bool*>(p) ? "True" : "False");
    } else if (is_integral(t)) {
      if (is_unsigned(t)) {
        uint64_t u;
        convert_elements(p, t, &u, uint64, 1);
        out.push_back(std::to_string(u));
      } else {
        int64_t v;
        convert_elements(p, t, &v, int64, 1);
        out.push_back(std::to_string(v));
      }
    } else {
      convert_elements(p, t, &vals[k], float64, 1);
    }
  }
  if (is_floating(t)) {
    FloatFormat f = choose_format(vals);
    for (double v : vals) out.push_back(format_float(v, f));
  }
  return out;
}

// Which indices along each axis are shown (-1 marks the "..." gap).
std::vector<std::vector<int64_t>> shown_indices(const Shape& shape, bool summarise) {
  std::vector<std::vector<int64_t>> r;
  for (int64_t n : shape) {
    std::vector<int64_t> v;
    if (summarise && n > 2 * kEdge) {
      for (int64_t i = 0; i < kEdge; ++i) v.push_back(i);
      v.push_back(-1);
      for (int64_t i = n - kEdge; i < n; ++i) v.push_back(i);
    } else {
      for (int64_t i = 0; i < n; ++i) v.push_back(i);
    }
    r.push_back(v);
  }
  return r;
}

std::string format_body(array a, const std::string& sep, int indent) {
  eval({a}, EvalCause::print);
  if (a.ndim() == 0) return element_texts(a, {0})[0];
  bool summarise = a.size() > kThreshold;
  auto shown = shown_indices(a.shape(), summarise);
  Strides rs = row_strides(a.shape());
  // Enumerate shown positions in order (odometer, no recursion).
  int nd = a.ndim();
  std::vector<size_t> pos(nd, 0);
  std::vector<int64_t> flat;
  std::vector<std::vector<size_t>> positions;
  bool any_empty = false;
  for (auto& v : shown) any_empty |= v.empty();
  if (!any_empty) {
    while (true) {
      bool gap = false;
      int64_t off = 0;
      for (int d = 0; d < nd; ++d) {
        int64_t i = shown[d][pos[d]];
        if (i < 0) gap = true;
        else off += i * rs[d];
      }
      if (!gap) {
        flat.push_back(off);
        positions.push_back(pos);
      }
      int d = nd - 1;
      while (d >= 0 && ++pos[d] == shown[d].size()) pos[d--] = 0;
      if (d < 0) break;
    }
  }
  auto texts = element_texts(a, flat);
  size_t width = 0;
  for (auto& t : texts) width = std::max(width, t.size());
  // Emit with brackets: walk the shown grid again, writing separators.
  std::string out;
  std::fill(pos.begin(), pos.end(), 0);
  out += std::string(nd, '[');
  if (any_empty) return out + std::string(nd, ']');
  size_t k = 0;
  while (true) {
    bool gap = false;
    for (int d = 0; d < nd; ++d) gap |= shown[d][pos[d]] < 0;
    if (gap) {
      // Print "..." once for the gap at the innermost gapped axis.
      int gd = 0;
      for (int d = 0; d < nd; ++d) if (shown[d][pos[d]] < 0) { gd = d; break; }
      bool first_in_gap = true;
      for (int d = gd + 1; d < nd; ++d) first_in_gap &= pos[d] == 0;
      if (first_in_gap) out += gd == nd - 1 ? "..." : "...";
    } else {
      std::string t = texts[k++];
      out += std::string(width - t.size(), ' ') + t;
    }
    int d = nd - 1;
    while (d >= 0 && pos[d] + 1 == shown[d].size()) --d;
    if (d < 0) break;
    int closed = nd - 1 - d;
    // Skip the rest of a gap block: after "..." on an outer axis, jump to its end.
    out += std::string(closed, ']');
    bool skipping = false;
    for (int e = 0; e <= d; ++e) skipping |= shown[e][pos[e]] < 0;
    if (closed == 0) {
      out += sep.substr(0, sep.find_last_not_of(' ') + 1) + " ";
    } else {
      out += sep.substr(0, sep.find_last_not_of(' ') + 1);
      out += std::string(closed > 1 ? closed : 1, '\n');
      if (closed > 1) out.pop_back();
      if (closed > 1) out += std::string(closed - 1, '\n');
      out += std::string(indent + d + 1, ' ');
      out += std::string(closed, '[');
    }
    (void)skipping;
    ++pos[d];
    for (int e = d + 1; e < nd; ++e) pos[e] = 0;
  }
  out += std::string(nd, ']');
  return out;
}

} // namespace

std::string array_repr(array a) {
  std::string body = format_body(a, ", ", 6);
  return "array(" + body + ", dtype=" + dtype_name(a.dtype()) + ")";
}

std::string array_str(array a) { return format_body(a, " ", 0); }

std::ostream& operator<<(std::ostream& os, array a) { return os << array_repr(a); }

} // namespace mxg
