// Strict JSON: RFC 8259 values, UTF-16 escapes to UTF-8, depth-bounded descent.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <unordered_set>

#include "io/io_common.h"
#include "io/json.h"

namespace mxg::io {
namespace {

class Parser {
 public:
  Parser(const std::string& t, int max_depth) : t_(t), max_depth_(max_depth) {}

  Json document() {
    Json v = value(0);
    ws();
    if (p_ != t_.size()) bad("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void bad(const std::string& what) {
    fail("Malformed JSON header at byte " + std::to_string(p_) + ": " + what + ".");
  }
  void ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  char peek() {
    ws();
    if (p_ >= t_.size()) bad("unexpected end");
    return t_[p_];
  }
  void literal(const char* word) {
    size_t n = std::char_traits<char>::length(word);
    if (t_.compare(p_, n, word) != 0) bad("invalid literal");
    p_ += n;
  }

  Json value(int depth) {
    if (depth > max_depth_) bad("nesting deeper than " + std::to_string(max_depth_));
    Json v;
    char c = peek();
    if (c == '{') {
      object(v, depth);
    } else if (c == '[') {
      v.type = Json::Type::array;
      ++p_;
      if (peek() == ']') return ++p_, v;
      for (;;) {
        v.items.push_back(value(depth + 1));
        char n = peek();
        ++p_;
        if (n == ']') break;
        if (n != ',') bad("expected ',' or ']'");
      }
    } else if (c == '"') {
      v.type = Json::Type::string;
      v.s = string();
    } else if (c == 't') {
      literal("true");
      v.type = Json::Type::boolean, v.b = true;
    } else if (c == 'f') {
      literal("false");
      v.type = Json::Type::boolean;
    } else if (c == 'n') {
      literal("null");
    } else {
      number(v);
    }
    return v;
  }

  void object(Json& v, int depth) {
    v.type = Json::Type::object;
    ++p_;
    if (peek() == '}') return void(++p_);
    std::unordered_set<std::string> keys; // a linear search would be quadratic
    for (;;) {
      if (peek() != '"') bad("expected a string key");
      std::string key = string();
      if (!keys.insert(key).second) bad("duplicate key \"" + key + "\"");
      if (peek() != ':') bad("expected ':'");
      ++p_;
      v.members.emplace_back(std::move(key), value(depth + 1));
      char n = peek();
      ++p_;
      if (n == '}') break;
      if (n != ',') bad("expected ',' or '}'");
    }
  }

  unsigned hex4() {
    if (p_ + 4 > t_.size()) bad("short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = t_[p_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else bad("bad \\u escape");
    }
    return v;
  }

  static void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(char(cp));
    } else if (cp < 0x800) {
      out.push_back(char(0xc0 | (cp >> 6)));
      out.push_back(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(char(0xe0 | (cp >> 12)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(char(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(char(0xf0 | (cp >> 18)));
      out.push_back(char(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(char(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(char(0x80 | (cp & 0x3f)));
    }
  }

  std::string string() {
    ++p_; // opening quote
    std::string out;
    for (;;) {
      if (p_ >= t_.size()) bad("unterminated string");
      unsigned char c = static_cast<unsigned char>(t_[p_++]);
      if (c == '"') return out;
      if (c < 0x20) bad("control character in a string");
      if (c != '\\') {
        out.push_back(char(c));
        continue;
      }
      if (p_ >= t_.size()) bad("unterminated string");
      char e = t_[p_++];
      switch (e) {
        case '"': case '\\': case '/': out.push_back(e); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xd800 && cp < 0xdc00) {
            if (t_.compare(p_, 2, "\\u") != 0) bad("lone surrogate");
            p_ += 2;
            unsigned lo = hex4();
            if (lo < 0xdc00 || lo >= 0xe000) bad("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            bad("lone surrogate");
          }
          utf8(out, cp);
          break;
        }
        default: bad("bad escape");
      }
    }
  }

  bool digit() { return p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9'; }

  void number(Json& v) {
    size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '-') ++p_;
    if (!digit()) bad("invalid value");
    if (t_[p_] == '0') {
      ++p_;
      if (digit()) bad("leading zero");
    }
    while (digit()) ++p_;
    bool integral = true;
    if (p_ < t_.size() && t_[p_] == '.') {
      ++p_, integral = false;
      if (!digit()) bad("digit expected after '.'");
      while (digit()) ++p_;
    }
    if (p_ < t_.size() && (t_[p_] == 'e' || t_[p_] == 'E')) {
      ++p_, integral = false;
      if (p_ < t_.size() && (t_[p_] == '+' || t_[p_] == '-')) ++p_;
      if (!digit()) bad("digit expected in exponent");
      while (digit()) ++p_;
    }
    std::string text = t_.substr(start, p_ - start);
    if (integral) {
      errno = 0;
      char* end = nullptr;
      long long x = std::strtoll(text.c_str(), &end, 10);
      if (errno != ERANGE) {
        v.type = Json::Type::integer;
        v.i = x;
        return;
      }
    }
    v.type = Json::Type::number;
    v.d = std::strtod(text.c_str(), nullptr);
  }

  const std::string& t_;
  int max_depth_;
  size_t p_ = 0;
};

} // namespace

const Json* Json::find(const std::string& key) const {
  for (auto& m : members) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Json parse_json(const std::string& text, int max_depth) { return Parser(text, max_depth).document(); }

std::string json_quote(const std::string& s) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(char(c));
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(char(c));
    }
  }
  return out + "\"";
}

} // namespace mxg::io
