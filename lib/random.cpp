// mx.random: keys, each thread's key, bits, and the distributions composed from them.
#include "mxgraph/random.h"

#include <chrono>
#include <cmath>
#include <mutex>

#include "mxgraph/ops.h"
#include "ops/utils.h"
#include "primitives/random.h"

namespace mxg::random {
namespace {

uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

// The process-wide root: seeded from the clock once, it hands every thread that
// draws its first number a distinct key, so threads never share a stream.
struct RootKey {
  std::mutex mu;
  std::pair<uint32_t, uint32_t> key;
  RootKey() {
    auto t = std::chrono::system_clock::now().time_since_epoch().count();
    key = {static_cast<uint32_t>(static_cast<uint64_t>(t) >> 32), static_cast<uint32_t>(t)};
  }
};

// The words of split(key, 2): row 0 (the key's successor) and row 1 (the subkey).
std::pair<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, uint32_t>> split_words(
    std::pair<uint32_t, uint32_t> key) {
  auto a = threefry2x32(key, {0, 2});
  auto b = threefry2x32(key, {1, 3});
  return {{a.first, b.first}, {a.second, b.second}};
}

array key_from_pair(std::pair<uint32_t, uint32_t> k) {
  uint32_t w[2] = {k.first, k.second};
  return array(w, Shape{2}, uint32);
}

// The user's key, checked, or a fresh one from the thread's key.
array resolve_key(const std::optional<array>& key, const char* op) {
  if (!key) return next_key();
  if (key->dtype() != uint32) {
    throw_value(op, std::string("Expected a key of dtype uint32 but got ") + dtype_name(key->dtype()) +
                        ". Make keys with mx.random.key or mx.random.split.");
  }
  if (key->shape() != Shape{2}) {
    throw_value(op, "Expected a key of shape (2,) but got shape " + shape_str(key->shape()) +
                        ". Make keys with mx.random.key or mx.random.split.");
  }
  return *key;
}

void check_floating(Dtype dtype, const char* op) {
  if (!is_floating(dtype)) {
    throw_value(op, std::string("Can only generate samples of a real floating point type, not ") +
                        dtype_name(dtype) + ".");
  }
}

// Bits of significand the [0, 1) grid of each float type uses.
int grid_bits(Dtype dtype) {
  switch (dtype) {
    case float64: return 53;
    case float16: return 11;
    case bfloat16: return 8;
    default: return 24;
  }
}

Dtype compute_type(Dtype dtype) { return dtype == float64 ? float64 : float32; }

// k uniform in [0, 2^nbits), as float32 (nbits <= 24) or float64 (nbits <= 53).
array grid(const Shape& shape, int nbits, const array& key, Stream s) {
  if (nbits > 24) {
    array b = bits(shape, 8, key, s);
    return astype(right_shift(b, array(uint64_t(64 - nbits), uint64), s), float64, s);
  }
  array b = bits(shape, 4, key, s);
  return astype(right_shift(b, array(uint32_t(32 - nbits), uint32), s), float32, s);
}

// Uniform in [0, 1): k / 2^nbits, exact in `dtype`.
array unit_uniform(const Shape& shape, Dtype dtype, const array& key, Stream s) {
  int nb = grid_bits(dtype);
  array k = grid(shape, nb, key, s);
  return astype(multiply(k, array(std::ldexp(1.0, -nb), compute_type(dtype)), s), dtype, s);
}

// Uniform on the open interval (0, 1), or (-1, 1) when `symmetric`: midpoints of
// a grid coarse enough that every value is exact, so 0 and +-1 never occur.
// Computed in float32 (float64 for float64).
array open_uniform(const Shape& shape, Dtype dtype, bool symmetric, const array& key, Stream s) {
  Dtype c = compute_type(dtype);
  int nb = grid_bits(c) - 1;
  array k = grid(shape, nb, key, s);
  if (symmetric) {
    // (2k + 1) / 2^nb - 1
    return add(multiply(k, array(std::ldexp(1.0, 1 - nb), c), s), array(std::ldexp(1.0, -nb) - 1.0, c), s);
  }
  // (2k + 1) / 2^(nb + 1)
  return add(multiply(k, array(std::ldexp(1.0, -nb), c), s), array(std::ldexp(1.0, -nb - 1), c), s);
}

void check_shape(const Shape& shape, const char* op) {
  for (int64_t d : shape) {
    if (d < 0) throw_value(op, "Negative dimensions are not allowed in shape " + shape_str(shape) + ".");
  }
  shape_size(shape, op);
}

void check_target_shape(const Shape& shape, const Shape& param_shape, const char* op) {
  check_shape(shape, op);
  Shape b = broadcast_shapes(shape, param_shape, op);
  if (b != shape) {
    throw_value(op, "Cannot generate random values of shape " + shape_str(shape) +
                        " from parameters broadcast to shape " + shape_str(b) +
                        ". Pass a shape the parameters broadcast to.");
  }
}

} // namespace

std::pair<uint32_t, uint32_t> threefry2x32(std::pair<uint32_t, uint32_t> key,
                                           std::pair<uint32_t, uint32_t> ctr) {
  static constexpr int kRot[8] = {13, 15, 26, 6, 17, 29, 16, 24};
  const uint32_t ks[3] = {key.first, key.second, key.first ^ key.second ^ 0x1BD11BDAu};
  uint32_t x0 = ctr.first + ks[0], x1 = ctr.second + ks[1];
  // Five groups of four rounds, each followed by a key injection.
  for (uint32_t g = 0; g < 5; ++g) {
    for (int r = 0; r < 4; ++r) {
      x0 += x1;
      x1 = rotl(x1, kRot[(g % 2) * 4 + r]) ^ x0;
    }
    x0 += ks[(g + 1) % 3];
    x1 += ks[(g + 2) % 3] + g + 1;
  }
  return {x0, x1};
}

array key(uint64_t seed) {
  return key_from_pair({static_cast<uint32_t>(seed >> 32), static_cast<uint32_t>(seed)});
}

namespace {

// Each thread's key (MLX keeps one per thread too). An array, so that compile can
// swap in a traced key and a compiled call can leave a pending one.
thread_local std::optional<array> t_key;

array& thread_key() {
  if (!t_key) {
    static RootKey root;
    std::lock_guard<std::mutex> lock(root.mu);
    auto [next, sub] = split_words(root.key);
    root.key = next;
    t_key = key_from_pair(sub);
  }
  return *t_key;
}

// An evaluated key's two words, read eagerly (no graph is built for plain draws).
bool evaluated_words(const array& k, std::pair<uint32_t, uint32_t>& out) {
  if (k.is_tracer() || !k.is_evaluated()) return false;
  const uint32_t* w = k.data<uint32_t>();
  out = {w[0], w[k.strides(0)]};
  return true;
}

} // namespace

void seed(uint64_t s) { t_key = key(s); }

array state() { return thread_key(); }

void set_state(const array& k) {
  const char* op = "random.state";
  if (k.dtype() != uint32 || k.shape() != Shape{2}) {
    throw_value(op, "Expected a key: a uint32 array of shape (2,), but got " +
                        std::string(dtype_name(k.dtype())) + " of shape " + shape_str(k.shape()) + ".");
  }
  t_key = k;
}

array next_key() {
  array& k = thread_key();
  std::pair<uint32_t, uint32_t> words;
  if (evaluated_words(k, words)) {
    auto [next, sub] = split_words(words);
    k = key_from_pair(next);
    return key_from_pair(sub);
  }
  // A traced or pending key (compile's captured state): the same split, as a graph.
  array ks = random::split(k, 2);
  k = reshape(slice(ks, {0, 0}, {1, 2}), {2});
  return reshape(slice(ks, {1, 0}, {2, 2}), {2});
}

array bits(const Shape& shape, int width, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.bits";
  if (width != 4 && width != 8) throw_value(op, "Width must be 4 or 8 bytes.");
  check_shape(shape, op);
  // Counters are 32-bit: past 2^32 words per key they would repeat.
  if (shape_size(shape, op) > (int64_t{1} << 32) / (width / 4)) {
    throw_value(op, "At most 2^32 random words can be drawn from one key. Split the key and draw in parts.");
  }
  array k = resolve_key(key, op);
  Stream st = to_stream(s, op);
  return array(shape, width == 4 ? uint32 : uint64, std::make_shared<RandomBits>(st, shape, width), {k});
}

array split(const array& key, int num, StreamOrDevice s) {
  if (num < 0) throw_value("random.split", "The number of keys must be non-negative.");
  return bits({num, 2}, 4, resolve_key(key, "random.split"), s);
}

array uniform(const array& low, const array& high, const Shape& shape, Dtype dtype,
              const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.uniform";
  check_floating(dtype, op);
  Stream st = to_stream(s, op);
  array lo = astype(low, dtype, st);
  array range = subtract(astype(high, dtype, st), lo, st);
  check_target_shape(shape, range.shape(), op);
  array u = unit_uniform(shape, dtype, resolve_key(key, op), st);
  return add(multiply(u, range, st), lo, st);
}

array uniform(const Shape& shape, Dtype dtype, const std::optional<array>& key, StreamOrDevice s) {
  return uniform(array(0.0, dtype), array(1.0, dtype), shape, dtype, key, s);
}

namespace {

// Standard complex normal as MLX: float32 pairs of variance 1/2 (E|z|^2 = 1), the
// real draws of shape + (2,) scaled by 1/sqrt(2) and viewed as complex64.
array complex_normal(const Shape& shape, const array& key, Stream st) {
  Shape pairs = shape;
  pairs.push_back(2);
  array u = open_uniform(pairs, float32, true, key, st);
  return reshape(view(erfinv(u, st), complex64, st), shape, st);
}

} // namespace

array normal(const Shape& shape, Dtype dtype, const std::optional<array>& loc,
             const std::optional<array>& scale, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.normal";
  if (!is_complex(dtype)) check_floating(dtype, op);
  Stream st = to_stream(s, op);
  check_shape(shape, op);
  Dtype c = compute_type(dtype);
  array out = is_complex(dtype)
                  ? complex_normal(shape, resolve_key(key, op), st)
                  : astype(multiply(erfinv(open_uniform(shape, dtype, true, resolve_key(key, op), st), st),
                                    array(std::sqrt(2.0), c), st),
                           dtype, st);
  if (scale) out = multiply(out, astype(*scale, dtype, st), st);
  if (loc) out = add(out, astype(*loc, dtype, st), st);
  return out;
}

array randint(const array& low, const array& high, const Shape& shape, Dtype dtype,
              const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.randint";
  if (is_inexact(dtype)) {
    throw_value(op, std::string("randint only makes integer or bool arrays, not ") + dtype_name(dtype) +
                        ". Use random.uniform for floating point values.");
  }
  Stream st = to_stream(s, op);
  array lo = astype(low, float64, st), hi = astype(high, float64, st);
  check_target_shape(shape, broadcast_shapes(lo.shape(), hi.shape(), op), op);
  array u = unit_uniform(shape, float64, resolve_key(key, op), st);
  // floor(low + u (high - low)) within [low, high - 1]; just low when high <= low.
  array v = floor(add(lo, multiply(u, subtract(hi, lo, st), st), st), st);
  v = maximum(minimum(v, subtract(hi, array(1.0), st), st), lo, st);
  return astype(v, dtype, st);
}

array bernoulli(const array& p, const std::optional<Shape>& shape, const std::optional<array>& key,
                StreamOrDevice s) {
  const char* op = "random.bernoulli";
  if (!is_floating(p.dtype())) {
    throw_value(op, std::string("The probability p must be a floating point array, not ") +
                        dtype_name(p.dtype()) + ".");
  }
  Shape sh = shape ? *shape : p.shape();
  check_target_shape(sh, p.shape(), op);
  Stream st = to_stream(s, op);
  return less(uniform(sh, p.dtype(), resolve_key(key, op), st), p, st);
}

array truncated_normal(const array& lower, const array& upper, const std::optional<Shape>& shape,
                       Dtype dtype, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.truncated_normal";
  check_floating(dtype, op);
  Stream st = to_stream(s, op);
  Shape sh = shape ? *shape : broadcast_shapes(lower.shape(), upper.shape(), op);
  check_target_shape(sh, broadcast_shapes(lower.shape(), upper.shape(), op), op);
  // Inverse CDF: uniform between the bounds' images under erf, mapped back.
  Dtype c = compute_type(dtype);
  array lo = astype(lower, c, st), hi = astype(upper, c, st);
  array r2 = array(std::sqrt(2.0), c);
  array a = erf(divide(lo, r2, st), st), b = erf(divide(hi, r2, st), st);
  // Open (0, 1) so that u never lands on erf(+-inf) = +-1 exactly.
  array u = add(a, multiply(subtract(b, a, st), open_uniform(sh, c, false, resolve_key(key, op), st), st), st);
  array out = multiply(erfinv(u, st), r2, st);
  out = maximum(minimum(out, hi, st), lo, st);
  return astype(out, dtype, st);
}

array gumbel(const Shape& shape, Dtype dtype, const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.gumbel";
  check_floating(dtype, op);
  Stream st = to_stream(s, op);
  array u = open_uniform(shape, dtype, false, resolve_key(key, op), st);
  return astype(negative(log(negative(log(u, st), st), st), st), dtype, st);
}

array laplace(const Shape& shape, Dtype dtype, double loc, double scale,
              const std::optional<array>& key, StreamOrDevice s) {
  const char* op = "random.laplace";
  check_floating(dtype, op);
  Stream st = to_stream(s, op);
  // |u| is uniform on (0, 1), so -log(1 - |u|) is Exp(1); the sign of u picks the side.
  array u = open_uniform(shape, dtype, true, resolve_key(key, op), st);
  array out = negative(multiply(sign(u, st), log1p(negative(abs(u, st), st), st), st), st);
  out = astype(out, dtype, st);
  if (scale != 1.0) out = multiply(out, array(scale, dtype), st);
  if (loc != 0.0) out = add(out, array(loc, dtype), st);
  return out;
}

} // namespace mxg::random
