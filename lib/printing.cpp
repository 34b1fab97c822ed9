// Array text. repr is MLX's (C++ stream numbers, "..." on axes past 6 items);
// str is NumPy's array_str (one format for all shown elements, line wrapping at
// 75 characters and "..." past 1000 elements), kept for the C ABI.
#include "mxgraph/printing.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "mxgraph/transforms.h"

namespace mxg {
namespace {

constexpr int64_t kThreshold = 1000; // summarise arrays with more elements
constexpr int64_t kEdge = 3;         // items shown at each end of a summarised axis
constexpr int kLineWidth = 75;
constexpr int kPrecision = 8; // most fractional digits shown in arrays

// ---- shortest round-trip decimal digits ---------------------------------------------

// A decimal: sign, significant digits d0 d1 ... and the power of ten of d0.
struct Decimal {
  bool neg = false;
  std::string digits;
  int exp = 0;
};

bool round_trips(const char* s, double v, Dtype t) {
  switch (t) {
    case float64: return std::strtod(s, nullptr) == v;
    case float32: return std::strtof(s, nullptr) == static_cast<float>(v);
    case float16: return float(float16_t(std::strtof(s, nullptr))) == float(float16_t(v));
    default: return float(bfloat16_t(std::strtof(s, nullptr))) == float(bfloat16_t(v));
  }
}

// "%.{p}e" of v as a Decimal.
Decimal to_decimal(const char* s) {
  Decimal d;
  if (*s == '-') d.neg = true, ++s;
  for (; *s && *s != 'e'; ++s) {
    if (*s != '.') d.digits += *s;
  }
  d.exp = std::atoi(s + 1);
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// The fewest digits that read back as v in type t (v finite). At each length the
// correctly rounded digits are tried first, then their neighbours (on an exact
// tie the rounded-to-even digits may miss while the other side reads back).
Decimal shortest(double v, Dtype t) {
  char buf[64];
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (round_trips(buf, v, t)) return to_decimal(buf);
    Decimal d = to_decimal(buf);
    uint64_t m = std::stoull(d.digits + std::string(p - d.digits.size(), '0'));
    for (uint64_t n : {m + 1, m - 1}) {
      if (n == 0) continue;
      std::snprintf(buf, sizeof buf, "%s%llue%d", d.neg ? "-" : "", static_cast<unsigned long long>(n),
                    d.exp - p + 1);
      if (!round_trips(buf, v, t)) continue;
      std::snprintf(buf, sizeof buf, "%.*e", p - 1, std::strtod(buf, nullptr));
      return to_decimal(buf);
    }
  }
  std::snprintf(buf, sizeof buf, "%.16e", v);
  return to_decimal(buf);
}

// v in positional notation: integer part (with sign) and fraction digits, the
// shortest unique digits cut to at most `max_frac` fraction digits (< 0: no limit).
std::pair<std::string, std::string> positional(double v, Dtype t, int max_frac) {
  Decimal d = shortest(v, t);
  int nfrac = std::max(0, static_cast<int>(d.digits.size()) - 1 - d.exp);
  if (d.digits == "0") nfrac = 0;
  std::string ip, fp;
  if (max_frac >= 0 && nfrac > max_frac) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", max_frac, v);
    std::string s(buf);
    auto dot = s.find('.');
    ip = s.substr(0, dot);
    fp = dot == std::string::npos ? "" : s.substr(dot + 1);
    while (!fp.empty() && fp.back() == '0') fp.pop_back();
    return {ip, fp};
  }
  std::string sign = d.neg ? "-" : "";
  if (d.exp >= 0) {
    std::string all = d.digits + std::string(std::max<int>(0, d.exp + 1 - d.digits.size()), '0');
    ip = all.substr(0, d.exp + 1);
    fp = all.substr(d.exp + 1);
  } else {
    ip = "0";
    fp = d.digits == "0" ? "" : std::string(-d.exp - 1, '0') + d.digits;
  }
  return {sign + ip, fp};
}

struct Scientific {
  std::string ip, fp; // mantissa integer digit (with sign) and fraction digits
  int exp = 0;
};

Scientific scientific(double v, Dtype t, int max_frac) {
  Decimal d = shortest(v, t);
  if (max_frac >= 0 && static_cast<int>(d.digits.size()) - 1 > max_frac) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", max_frac, v);
    d = to_decimal(buf);
  }
  return {std::string(d.neg ? "-" : "") + d.digits.substr(0, 1), d.digits.substr(1), d.exp};
}

std::string exponent_text(int e, int min_digits) {
  std::string digits = std::to_string(std::abs(e));
  if (static_cast<int>(digits.size()) < min_digits) digits.insert(0, min_digits - digits.size(), '0');
  return std::string("e") + (e < 0 ? "-" : "+") + digits;
}

std::string pad_left(const std::string& s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// ---- element formats ----------------------------------------------------------------

// Magnitudes from which arrays switch to scientific notation: 10^min(8, decimal
// digits the type resolves), as NumPy >= 2.3 does.
double exp_cutoff(Dtype t) {
  switch (t) {
    case float64: return 1e8;
    case float32: return 1e6;
    case float16: return 1e3;
    default: return 1e2; // bfloat16
  }
}

// x rounded to type t.
double in_type(double x, Dtype t) {
  switch (t) {
    case float64: return x;
    case float32: return static_cast<float>(x);
    case float16: return float(float16_t(x));
    default: return float(bfloat16_t(x));
  }
}

// numpy's FloatingFormat (floatmode "maxprec", precision 8): positional unless the
// magnitudes call for scientific notation; columns aligned on the decimal point.
class FloatFormat {
 public:
  FloatFormat(const std::vector<double>& vals, Dtype t, bool plus) : t_(t), plus_(plus) {
    double mx = 0, mn = INFINITY;
    bool any_finite = false, nonfinite = false, neg_inf = false;
    for (double v : vals) {
      if (!std::isfinite(v)) {
        nonfinite = true;
        neg_inf |= std::isinf(v) && v < 0;
        continue;
      }
      any_finite = true;
      if (v != 0) mx = std::max(mx, std::fabs(v)), mn = std::min(mn, std::fabs(v));
    }
    // NumPy compares in the array's type.
    sci_ = mn != INFINITY && (mx >= exp_cutoff(t) || mn < in_type(1e-4, t) || in_type(mx / mn, t) > 1000);
    if (any_finite) measure(vals);
    if (nonfinite) {
      int offset = pad_right_ + 1;
      pad_left_ = std::max({pad_left_, 3 - offset, 3 + (neg_inf || plus_ ? 1 : 0) - offset});
    }
  }

  std::string operator()(double v) const {
    if (!std::isfinite(v)) {
      std::string s = std::isnan(v) ? (plus_ ? "+nan" : "nan") : (v < 0 ? "-inf" : plus_ ? "+inf" : "inf");
      return pad_left(s, pad_left_ + pad_right_ + 1);
    }
    if (sci_) {
      Scientific s = scientific(v, t_, precision_);
      if (static_cast<int>(s.fp.size()) < precision_) {
        // Every value shows `precision_` digits: the exact value's further digits.
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*e", precision_, v);
        Decimal d = to_decimal(buf);
        d.digits.resize(precision_ + 1, '0');
        s = {std::string(d.neg ? "-" : "") + d.digits.substr(0, 1), d.digits.substr(1), d.exp};
      }
      return pad_left(sign(v) + s.ip, pad_left_) + "." + s.fp + exponent_text(s.exp, exp_size_);
    }
    auto [ip, fp] = positional(v, t_, kPrecision);
    return pad_left(sign(v) + ip, pad_left_) + "." + fp + std::string(pad_right_ - fp.size(), ' ');
  }

 private:
  std::string sign(double v) const { return plus_ && !std::signbit(v) ? "+" : ""; }

  // Widths from the unique digits of the finite values.
  void measure(const std::vector<double>& vals) {
    for (double v : vals) {
      if (!std::isfinite(v)) continue;
      if (sci_) {
        Scientific s = scientific(v, t_, kPrecision);
        pad_left_ = std::max<int>(pad_left_, sign(v).size() + s.ip.size());
        precision_ = std::max<int>(precision_, s.fp.size());
        exp_size_ = std::max<int>(exp_size_, std::max<size_t>(2, std::to_string(std::abs(s.exp)).size()));
      } else {
        auto [ip, fp] = positional(v, t_, kPrecision);
        pad_left_ = std::max<int>(pad_left_, sign(v).size() + ip.size());
        pad_right_ = std::max<int>(pad_right_, fp.size());
      }
    }
    if (sci_) pad_right_ = exp_size_ + 2 + precision_;
  }

  Dtype t_;
  bool plus_;
  bool sci_ = false;
  int pad_left_ = 0, pad_right_ = 0, precision_ = 0, exp_size_ = 0;
};

// The text of one 0-d float as str() of a NumPy scalar: unique digits, positional
// for 1e-4 <= |v| < 1e16 (float64; 1e6 for float32, 1e3 for float16), "1.0" and
// "1e+20" styles.
std::string scalar_float_str(double v, Dtype t) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  double a = std::fabs(v);
  double hi = t == float64 ? 1e16 : exp_cutoff(t);
  if (a == 0 || (a >= 1e-4 && a < hi)) {
    auto [ip, fp] = positional(v, t, -1);
    return ip + "." + (fp.empty() ? "0" : fp);
  }
  Scientific s = scientific(v, t, -1);
  return s.ip + (s.fp.empty() ? "" : "." + s.fp) + exponent_text(s.exp, 2);
}

// Selected elements of an evaluated array, as numbers.
struct Values {
  std::vector<double> re, im;
  std::vector<int64_t> ints;
  std::vector<uint64_t> uints;
};

// `idx` are element offsets from the array's data pointer.
Values read_values(const array& c, const std::vector<int64_t>& idx) {
  Values out;
  Dtype t = c.dtype();
  const char* base = static_cast<const char*>(c.raw_data());
  for (int64_t i : idx) {
    const char* p = base + i * size_of(t);
    if (is_complex(t)) {
      auto z = *reinterpret_cast<const complex64_t*>(p);
      out.re.push_back(z.real());
      out.im.push_back(z.imag());
    } else if (is_floating(t)) {
      double v;
      convert_elements(p, t, &v, float64, 1);
      out.re.push_back(v);
    } else if (is_unsigned(t)) {
      uint64_t v;
      convert_elements(p, t, &v, uint64, 1);
      out.uints.push_back(v);
    } else {
      int64_t v;
      convert_elements(p, t, &v, int64, 1); // bool too
      out.ints.push_back(v);
    }
  }
  return out;
}

// Formats element k of the values an ElementFormat was built from.
using ElementFormat = std::function<std::string(size_t k)>;

ElementFormat make_format(const Values& v, Dtype t, bool is_0d) {
  if (t == bool_) {
    // Arrays pad True to the width of False.
    return [&v, is_0d](size_t k) { return v.ints[k] ? (is_0d ? "True" : " True") : "False"; };
  }
  if (is_unsigned(t) || is_signed_int(t)) {
    size_t width = 0;
    for (auto x : v.ints) width = std::max(width, std::to_string(x).size());
    for (auto x : v.uints) width = std::max(width, std::to_string(x).size());
    bool u = is_unsigned(t);
    return [&v, width, u](size_t k) {
      return pad_left(u ? std::to_string(v.uints[k]) : std::to_string(v.ints[k]), width);
    };
  }
  if (is_complex(t)) {
    auto re = std::make_shared<FloatFormat>(v.re, float32, false);
    auto im = std::make_shared<FloatFormat>(v.im, float32, true);
    return [&v, re, im](size_t k) {
      std::string i = (*im)(v.im[k]);
      // Trailing padding of the imaginary part goes after the "j".
      size_t sp = i.find_last_not_of(' ') + 1;
      return (*re)(v.re[k]) + i.substr(0, sp) + "j" + i.substr(sp);
    };
  }
  auto f = std::make_shared<FloatFormat>(v.re, t, false);
  return [&v, f](size_t k) { return (*f)(v.re[k]); };
}

// ---- nested layout ------------------------------------------------------------------

// Which indices along each axis are shown (all, or kEdge at each end).
std::vector<std::vector<int64_t>> shown_indices(const Shape& shape, bool summarise) {
  std::vector<std::vector<int64_t>> r;
  for (int64_t n : shape) {
    std::vector<int64_t> v;
    bool cut = summarise && n > 2 * kEdge;
    for (int64_t i = 0; i < n; ++i) {
      if (!cut || i < kEdge || i >= n - kEdge) v.push_back(i);
    }
    r.push_back(v);
  }
  return r;
}

// Lays out the shown elements as numpy's _formatArray does: rows wrap before
// `line_width`, continuation lines start with the hanging indent, outer axes are
// separated by separator + one newline per remaining axis.
class Layout {
 public:
  Layout(const Shape& shape, const std::vector<std::vector<int64_t>>& shown, bool summarise,
         const std::string& sep, ElementFormat fmt)
      : shape_(shape), shown_(shown), summarise_(summarise), sep_(sep), fmt_(std::move(fmt)) {}

  std::string run(const std::string& prefix, int width) {
    k_ = 0;
    return format(0, prefix, width);
  }

 private:
  bool cut(int axis) const { return summarise_ && shape_[axis] > 2 * kEdge; }

  // Appends `word`, first moving to a new line when it would pass `width`.
  void extend(std::string& s, std::string& line, const std::string& word, int width,
              const std::string& indent) const {
    bool wrap = line.size() + word.size() > static_cast<size_t>(width) && line.size() > indent.size();
    if (wrap) {
      s += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
      line = indent;
    }
    line += word;
  }

  std::string format(int axis, const std::string& indent, int width) {
    int nd = static_cast<int>(shape_.size());
    if (axis == nd) return fmt_(k_++);
    std::string next_indent = indent + " ";
    int next_width = width - 1;
    size_t n = shown_[axis].size();
    size_t gap_at = cut(axis) ? kEdge : n; // "..." goes before this position
    std::string s;
    if (axis == nd - 1) {
      std::string sep_trim = sep_.substr(0, sep_.find_last_not_of(' ') + 1);
      int elem_width = width - static_cast<int>(std::max<size_t>(sep_trim.size(), 1));
      std::string line = indent;
      for (size_t i = 0; i < n; ++i) {
        if (i == gap_at) {
          extend(s, line, "...", elem_width, indent);
          line += sep_;
        }
        extend(s, line, format(axis + 1, next_indent, next_width), elem_width, indent);
        if (i + 1 < n) line += sep_;
      }
      s += line;
    } else {
      std::string sep_trim = sep_.substr(0, sep_.find_last_not_of(' ') + 1);
      std::string line_sep = sep_trim + std::string(nd - axis - 1, '\n');
      for (size_t i = 0; i < n; ++i) {
        if (i == gap_at) s += indent + "..." + line_sep;
        s += indent + format(axis + 1, next_indent, next_width);
        if (i + 1 < n) s += line_sep;
      }
    }
    return "[" + s.substr(indent.size()) + "]";
  }

  const Shape& shape_;
  const std::vector<std::vector<int64_t>>& shown_;
  bool summarise_;
  std::string sep_;
  ElementFormat fmt_;
  size_t k_ = 0;
};

// Element offsets (through the array's strides) of the shown elements, in
// row-major order (odometer, no recursion).
std::vector<int64_t> shown_offsets(const array& a, const std::vector<std::vector<int64_t>>& shown) {
  std::vector<int64_t> flat;
  int nd = a.ndim();
  for (auto& v : shown) {
    if (v.empty()) return flat;
  }
  const Strides& rs = a.strides();
  std::vector<size_t> pos(nd, 0);
  while (true) {
    int64_t off = 0;
    for (int d = 0; d < nd; ++d) off += shown[d][pos[d]] * rs[d];
    flat.push_back(off);
    int d = nd - 1;
    while (d >= 0 && ++pos[d] == shown[d].size()) pos[d--] = 0;
    if (d < 0) break;
  }
  return flat;
}

// The bracketed body of a non-empty array (or the element of a 0-d one).
std::string format_body(const array& c, const std::string& sep, const std::string& prefix, int width) {
  bool summarise = c.size() > kThreshold;
  auto shown = shown_indices(c.shape(), summarise);
  Values vals = read_values(c, shown_offsets(c, shown));
  Layout layout(c.shape(), shown, summarise, sep, make_format(vals, c.dtype(), c.ndim() == 0));
  return layout.run(prefix, width);
}

// Evaluated; elements are then read through the strides, so a view of a huge
// array is not copied just to show a few of its elements.
array evaluated(array a) {
  eval({a}, EvalCause::print);
  return a;
}

std::string shape_repr(const Shape& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::string scalar_str(const array& c) {
  Dtype t = c.dtype();
  Values v = read_values(c, {0});
  if (t == bool_) return v.ints[0] ? "True" : "False";
  if (is_unsigned(t)) return std::to_string(v.uints[0]);
  if (is_signed_int(t)) return std::to_string(v.ints[0]);
  if (is_floating(t)) return scalar_float_str(v.re[0], t);
  // Complex as Python prints it: "2j" for a zero real part, else "(1+2j)".
  double re = v.re[0], im = v.im[0];
  std::string is = scalar_float_str(im, float32);
  if (is.size() > 2 && is.compare(is.size() - 2, 2, ".0") == 0) is.resize(is.size() - 2);
  if (re == 0 && !std::signbit(re)) return is + "j";
  std::string rs = scalar_float_str(re, float32);
  if (rs.size() > 2 && rs.compare(rs.size() - 2, 2, ".0") == 0) rs.resize(rs.size() - 2);
  bool plus = is[0] != '-';
  return "(" + rs + (plus ? "+" : "") + is + "j)";
}


// ---- MLX's repr -----------------------------------------------------------------

std::atomic<int> g_precision{-1};

// One number as MLX's formatter streams it: "%g" by default, fixed with the
// set precision otherwise (a negative one other than -1 means 6, as in C++).
std::string mlx_number(double v) {
  int p = g_precision.load();
  char buf[512];
  if (p == -1) {
    std::snprintf(buf, sizeof buf, "%g", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.*f", p < 0 ? 6 : std::min(p, 300), v);
  }
  return buf;
}

std::string mlx_element(const Values& v, Dtype t, size_t k) {
  if (t == bool_) return v.ints[k] ? "True" : "False";
  if (is_unsigned(t)) return std::to_string(v.uints[k]);
  if (is_signed_int(t)) return std::to_string(v.ints[k]);
  if (!is_complex(t)) return mlx_number(v.re[k]);
  // "+" before a non-negative or NaN imaginary part, so -0 shows as "+-0".
  double im = v.im[k];
  bool plus = im >= 0 || std::isnan(im);
  return mlx_number(v.re[k]) + (plus ? "+" + mlx_number(im) : "-" + mlx_number(-im)) + "j";
}

// MLX's nested layout: axes longer than 6 show 3 items at each end around "...";
// inner rows are separated by ",\n" and an indent of 7 + axis spaces.
class MlxLayout {
 public:
  MlxLayout(const Shape& shape, const Values& v, Dtype t) : shape_(shape), v_(v), t_(t) {}

  std::string run() {
    if (shape_.empty()) return mlx_element(v_, t_, 0);
    std::string s;
    axis(0, s);
    return s;
  }

 private:
  void axis(size_t d, std::string& s) {
    int64_t n = shape_[d];
    bool last = d + 1 == shape_.size();
    std::string prefix = last ? "" : std::string(7 + d, ' ');
    const char* postfix = last ? ", " : ",\n";
    s += "[";
    for (int64_t i = 0; i < n; ++i) {
      if (i > 0) s += prefix;
      if (i == kEdge && n > 2 * kEdge) {
        s += "...";
        i = n - kEdge - 1;
      } else if (last) {
        s += mlx_element(v_, t_, k_++);
      } else {
        axis(d + 1, s); // depth is bounded by ndim, not by the graph
      }
      if (i != n - 1) s += postfix;
    }
    s += "]";
  }

  const Shape& shape_;
  const Values& v_;
  Dtype t_;
  size_t k_ = 0;
};

} // namespace

void set_print_precision(int precision) { g_precision.store(precision); }
int print_precision() { return g_precision.load(); }

std::string array_repr(array a) {
  array c = evaluated(a);
  auto shown = shown_indices(c.shape(), true);
  Values vals = read_values(c, shown_offsets(c, shown));
  return "array(" + MlxLayout(c.shape(), vals, c.dtype()).run() + ", dtype=" + dtype_name(c.dtype()) + ")";
}

std::string array_str(array a) {
  array c = evaluated(a);
  if (c.ndim() == 0) return scalar_str(c);
  if (c.size() == 0) return "[]";
  return format_body(c, " ", " ", kLineWidth);
}

std::ostream& operator<<(std::ostream& os, array a) { return os << array_repr(a); }

} // namespace mxg
