// Random numbers with explicit keys (mx.random): a counter-based generator
// (Threefry-2x32, 20 rounds) turns a key and a shape into bits; distributions are
// composed from those bits with ordinary ops, so results are reproducible per key.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "mxgraph/array.h"

namespace mxg::random {

/// The Threefry-2x32-20 block function: encrypts the counter pair `ctr` under `key`.
std::pair<uint32_t, uint32_t> threefry2x32(std::pair<uint32_t, uint32_t> key,
                                           std::pair<uint32_t, uint32_t> ctr);

/// A key (uint32 array of shape (2,)) from a seed: its high and low 32 bits.
array key(uint64_t seed);
/// Reseeds the calling thread's key, used when no key is given. Each thread has
/// its own key (as in MLX); a thread's first draw takes a fresh, distinct one.
void seed(uint64_t seed);
/// A fresh key from the thread's key, which advances. An evaluated key advances
/// eagerly; a traced or pending one (compile's captured state) by a split in the graph.
array next_key();
/// The calling thread's key (mx.random.state[0]) and its replacement (compile's
/// inputs= / outputs= state). set_state requires a uint32 array of shape (2,).
array state();
void set_state(const array& key);

/// Random bits for `shape`: uint32 for width 4, uint64 for width 8. The key must
/// be a uint32 array of shape (2,); without one the thread's key is used.
array bits(const Shape& shape, int width = 4, const std::optional<array>& key = std::nullopt,
           StreamOrDevice s = {});
/// `num` new keys from `key`, as a (num, 2) uint32 array.
array split(const array& key, int num = 2, StreamOrDevice s = {});

/// Uniform in [low, high); low and high broadcast to `shape`.
array uniform(const array& low, const array& high, const Shape& shape, Dtype dtype = float32,
              const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
array uniform(const Shape& shape, Dtype dtype = float32,
              const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// Normal with mean `loc` and standard deviation `scale` (either may be absent).
array normal(const Shape& shape, Dtype dtype = float32, const std::optional<array>& loc = std::nullopt,
             const std::optional<array>& scale = std::nullopt,
             const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// Integers in [low, high) (low when high <= low, as MLX).
array randint(const array& low, const array& high, const Shape& shape, Dtype dtype = int32,
              const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// True with probability p; the shape defaults to p's.
array bernoulli(const array& p, const std::optional<Shape>& shape = std::nullopt,
                const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// Normal restricted to [lower, upper]; the shape defaults to their broadcast shape.
array truncated_normal(const array& lower, const array& upper,
                       const std::optional<Shape>& shape = std::nullopt, Dtype dtype = float32,
                       const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// Standard Gumbel samples.
array gumbel(const Shape& shape, Dtype dtype = float32,
             const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// Laplace samples with location `loc` and scale `scale`.
array laplace(const Shape& shape, Dtype dtype = float32, double loc = 0.0, double scale = 1.0,
              const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});

/// Jointly normal samples with mean `mean` (..., N) and covariance `cov` (..., N, N),
/// through cov's SVD (U sqrt(S) Vt), as MLX; float32 only. An empty `shape` is the
/// broadcast of mean's and cov's batch shapes; the result is shape + (N,).
array multivariate_normal(const array& mean, const array& cov, const Shape& shape = {}, Dtype dtype = float32,
                          const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});

/// Samples indices from the categorical distribution with unnormalised log
/// probabilities `logits` along `axis`. With `shape`, the result has that shape
/// (the logits without `axis` broadcast to it); with `num_samples`, that many
/// samples are appended as a last axis. Raises until argmax is built in.
array categorical(const array& logits, int axis = -1, const std::optional<Shape>& shape = std::nullopt,
                  std::optional<int64_t> num_samples = std::nullopt,
                  const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// A random permutation of 0..n-1. Raises until argsort is built in.
array permutation(int64_t n, const std::optional<array>& key = std::nullopt, StreamOrDevice s = {});
/// `x` shuffled along `axis`. Raises until argsort and take are built in.
array permutation(const array& x, int axis = 0, const std::optional<array>& key = std::nullopt,
                  StreamOrDevice s = {});

} // namespace mxg::random
