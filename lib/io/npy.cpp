// .npy: header dict parsing (a tiny Python-literal reader) and writing.
#include <cctype>
#include <limits>

#include "io/npy.h"
#include "mxgraph/ops.h"

namespace mxg::io {
namespace {

const char kMagic[] = "\x93NUMPY";

// Reads the header dict {'descr': ..., 'fortran_order': ..., 'shape': (...), }.
class DictReader {
 public:
  explicit DictReader(const std::string& s) : s_(s) {}

  NpyHeader parse() {
    NpyHeader h;
    bool have_descr = false, have_order = false, have_shape = false;
    expect('{');
    while (!peek('}')) {
      std::string key = string();
      expect(':');
      if (key == "descr" && !have_descr) {
        descr(string(), h);
        have_descr = true;
      } else if (key == "fortran_order" && !have_order) {
        h.fortran = boolean();
        have_order = true;
      } else if (key == "shape" && !have_shape) {
        h.shape = tuple();
        have_shape = true;
      } else {
        bad("unexpected or repeated key '" + key + "'");
      }
      if (!peek(',')) break;
      expect(',');
    }
    expect('}');
    skip_ws();
    if (pos_ != s_.size()) bad("text after the dict");
    if (!have_descr || !have_order || !have_shape) bad("missing descr, fortran_order or shape");
    return h;
  }

 private:
  [[noreturn]] void bad(const std::string& what) { fail("Invalid .npy header: " + what + "."); }
  void skip_ws() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool peek(char c) {
    skip_ws();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  void expect(char c) {
    if (!peek(c)) bad(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string string() {
    skip_ws();
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) bad("expected a string");
    char q = s_[pos_++];
    size_t end = s_.find(q, pos_);
    if (end == std::string::npos || end - pos_ > 64) bad("unterminated or long string");
    std::string out = s_.substr(pos_, end - pos_);
    if (out.find('\\') != std::string::npos) bad("escapes in a string");
    pos_ = end + 1;
    return out;
  }
  bool boolean() {
    skip_ws();
    if (s_.compare(pos_, 4, "True") == 0) return pos_ += 4, true;
    if (s_.compare(pos_, 5, "False") == 0) return pos_ += 5, false;
    bad("fortran_order must be True or False");
  }
  Shape tuple() {
    Shape shape;
    expect('(');
    while (!peek(')')) {
      if (shape.size() >= 64) bad("more than 64 dimensions");
      int64_t v = 0;
      bool digits = false;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
        int d = s_[pos_++] - '0';
        if (v > (std::numeric_limits<int64_t>::max() - d) / 10) bad("a dimension overflows 64 bits");
        v = v * 10 + d;
        digits = true;
      }
      if (!digits) bad("a dimension is not a non-negative integer");
      if (pos_ < s_.size() && s_[pos_] == 'L') ++pos_; // Python 2 long
      shape.push_back(v);
      if (!peek(',')) break;
      expect(',');
    }
    expect(')');
    return shape;
  }
  void descr(const std::string& d, NpyHeader& h) {
    char order = d.empty() ? '?' : d[0];
    std::string t = d.empty() ? d : d.substr(1);
    static const std::pair<const char*, Dtype> table[] = {
        {"b1", bool_},    {"u1", uint8},    {"u2", uint16},  {"u4", uint32}, {"u8", uint64},
        {"i1", int8},     {"i2", int16},    {"i4", int32},   {"i8", int64},  {"f2", float16},
        {"f4", float32},  {"f8", float64},  {"c8", complex64}, {"V2", bfloat16}};
    bool found = false;
    for (auto& [name, dt] : table) {
      if (t == name) h.dtype = dt, found = true;
    }
    if (!found || (order != '<' && order != '>' && order != '|' && order != '=')) {
      fail("Unsupported .npy dtype '" + d + "'. Supported: bool, (u)int8-64, float16/32/64, complex64, "
           "and V2 for bfloat16.");
    }
    int size = size_of(h.dtype);
    if (order == '>' && size > 1) h.swap_unit = h.dtype == complex64 ? 4 : size;
  }

  const std::string& s_;
  size_t pos_ = 0;
};

} // namespace

uint64_t npy_header_size(const std::string& first, uint64_t available) {
  if (first.compare(0, 6, kMagic, std::min<size_t>(first.size(), 6)) != 0) fail("Not a .npy file (bad magic string).");
  if (first.size() < 10) fail_truncated("The .npy header is cut short (truncated file).");
  int major = static_cast<unsigned char>(first[6]);
  auto p = reinterpret_cast<const unsigned char*>(first.data());
  uint64_t total;
  if (major == 1) {
    total = 10 + uint64_t(get_u16(p + 8));
  } else if (major == 2 || major == 3) {
    if (first.size() < 12) fail_truncated("Truncated .npy header.");
    total = 12 + uint64_t(get_u32(p + 8));
  } else {
    fail("Unsupported .npy format version " + std::to_string(major) + ".");
  }
  if (total > kMaxNpyHeader) fail("The .npy header claims " + std::to_string(total) + " bytes; the limit is 1 MiB.");
  if (total > available) fail_truncated("The .npy header runs past the end of the data (truncated file).");
  return total;
}

NpyHeader parse_npy_header(const std::string& header) {
  size_t start = static_cast<unsigned char>(header[6]) == 1 ? 10 : 12;
  NpyHeader h = DictReader(header.substr(start)).parse();
  h.header_bytes = header.size();
  int64_t n = shape_size(h.shape, "load");
  if (n > std::numeric_limits<int64_t>::max() / size_of(h.dtype)) fail("The .npy shape's byte size overflows 64 bits.");
  h.nbytes = static_cast<uint64_t>(n) * size_of(h.dtype);
  return h;
}

NpyHeader read_npy_header(const ByteSource& src, uint64_t offset, uint64_t available) {
  std::string first = read_range(src, offset, std::min<uint64_t>(12, available), "The .npy header");
  uint64_t total = npy_header_size(first, available);
  NpyHeader h = parse_npy_header(read_range(src, offset, total, "The .npy header"));
  if (h.nbytes > available - h.header_bytes) {
    fail_truncated("The .npy data is shorter than its shape and dtype need (" + std::to_string(h.nbytes) +
         " bytes); the file is truncated.");
  }
  return h;
}

array npy_array(const NpyHeader& h, LoadSpec spec, StreamOrDevice s) {
  Stream st = to_stream(s, "load");
  spec.nbytes = h.nbytes;
  spec.swap_unit = h.swap_unit;
  spec.is_bool = h.dtype == bool_;
  if (!h.fortran || h.shape.size() < 2) {
    return array(h.shape, h.dtype, std::make_shared<Load>(st, std::move(spec)), {});
  }
  // Fortran order is the C order of the reversed shape, seen transposed.
  Shape rev(h.shape.rbegin(), h.shape.rend());
  array a(rev, h.dtype, std::make_shared<Load>(st, std::move(spec)), {});
  return transpose(a, s);
}

std::string npy_descr(Dtype dtype) {
  if (dtype == bfloat16) return "<V2";
  std::string t = dtype_to_typestr(dtype);
  if (size_of(dtype) == 1) t[0] = '|';
  return t;
}

std::string npy_header_bytes(Dtype dtype, const Shape& shape, bool fortran) {
  std::string dict = "{'descr': '" + npy_descr(dtype) + "', 'fortran_order': " + (fortran ? "True" : "False") +
                     ", 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) dict += (i ? ", " : "") + std::to_string(shape[i]);
  dict += shape.size() == 1 ? ",), }" : "), }";
  bool v2 = dict.size() + 11 > 65535;
  size_t prefix = v2 ? 12 : 10;
  // Pad with spaces so the data starts 64-byte aligned; the dict ends with '\n'.
  size_t total = (prefix + dict.size() + 1 + 63) / 64 * 64;
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict.push_back('\n');
  std::string out(kMagic, 6);
  out.push_back(char(v2 ? 2 : 1));
  out.push_back(0);
  if (v2) {
    put_u32(out, static_cast<uint32_t>(dict.size()));
  } else {
    put_u16(out, static_cast<uint16_t>(dict.size()));
  }
  return out + dict;
}

} // namespace mxg::io
