// FFT plans (see fft_plan.h and docs/fft.md). Twiddles are computed in double from
// exactly reduced integer angles, then rounded once to T.
#include "cpu/fft_plan.h"

#include <cmath>
#include <map>
#include <mutex>

namespace mxg::fft_cpu {
namespace {

// Complex products written out: std::complex's operator* handles inf/NaN per
// Annex G through a library call and does not vectorise.
template <typename T>
inline cpx<T> mul(cpx<T> a, cpx<T> b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
template <typename T>
inline cpx<T> mulc(cpx<T> a, cpx<T> b) { // a * conj(b)
  return {a.real() * b.real() + a.imag() * b.imag(), a.imag() * b.real() - a.real() * b.imag()};
}
// a times the forward twiddle w, or its conjugate for the inverse.
template <bool Inv, typename T>
inline cpx<T> tw(cpx<T> a, cpx<T> w) { return Inv ? mulc(a, w) : mul(a, w); }
// v * (-i) forward, v * i inverse.
template <bool Inv, typename T>
inline cpx<T> rot(cpx<T> v) { return Inv ? cpx<T>(-v.imag(), v.real()) : cpx<T>(v.imag(), -v.real()); }

// exp(-2 pi i num / den), with num reduced modulo den in integers first.
template <typename T>
cpx<T> unit(int64_t num, int64_t den) {
  num %= den;
  if (num < 0) num += den;
  double a = -2.0 * M_PI * (static_cast<double>(num) / static_cast<double>(den));
  return {static_cast<T>(std::cos(a)), static_cast<T>(std::sin(a))};
}

std::vector<int64_t> factorize(int64_t n) {
  std::vector<int64_t> f;
  while (n % 8 == 0) f.push_back(8), n /= 8;
  while (n % 4 == 0) f.push_back(4), n /= 4;
  for (int64_t p = 2; p * p <= n; p += (p == 2 ? 1 : 2)) {
    while (n % p == 0) f.push_back(p), n /= p;
  }
  if (n > 1) f.push_back(n);
  return f;
}

// The smallest 2^a 3^b 5^c >= n: Bluestein's padded length.
int64_t good_size(int64_t n) {
  int64_t best = int64_t(1) << static_cast<int>(std::ceil(std::log2(static_cast<double>(n))));
  for (int64_t f5 = 1; f5 < best; f5 *= 5) {
    for (int64_t f35 = f5; f35 < best; f35 *= 3) {
      int64_t x = f35;
      while (x < n) x *= 2;
      best = std::min(best, x);
    }
  }
  return best;
}

// ---- Stockham autosort, decimation in frequency ----

template <typename T>
class Stockham final : public Plan<T> {
 public:
  explicit Stockham(int64_t n) : Plan<T>(n) {
    int64_t len = n;
    for (int64_t r : factorize(n)) {
      Stage st{r, len / r, tw_.size(), roots_.size()};
      for (int64_t p = 0; p < st.m; ++p) {
        for (int64_t k = 1; k < r; ++k) tw_.push_back(unit<T>(p * k, len));
      }
      if (r > 5 && r != 8) {
        for (int64_t k = 0; k < r; ++k) roots_.push_back(unit<T>(k, r));
      }
      stages_.push_back(st);
      len /= r;
    }
  }
  size_t work_size() const override { return static_cast<size_t>(this->n_); }
  void execute(const cpx<T>* in, cpx<T>* out, cpx<T>* work, bool inverse) const override {
    inverse ? run<true>(in, out, work) : run<false>(in, out, work);
  }

 private:
  struct Stage {
    int64_t r, m;
    size_t tw, root;
  };

  template <bool Inv>
  void run(const cpx<T>* in, cpx<T>* out, cpx<T>* work) const {
    if (stages_.empty()) {
      out[0] = in[0];
      return;
    }
    size_t count = stages_.size();
    const cpx<T>* src = in;
    int64_t s = 1;
    for (size_t i = 0; i < count; ++i) {
      cpx<T>* dst = (count - i) % 2 == 1 ? out : work; // the last stage writes out
      stage<Inv>(stages_[i], s, src, dst);
      src = dst;
      s *= stages_[i].r;
    }
  }

  template <bool Inv>
  void stage(const Stage& st, int64_t s, const cpx<T>* x, cpx<T>* y) const {
    const cpx<T>* w = tw_.data() + st.tw;
    switch (st.r) {
      case 2: return radix2<Inv>(st.m, s, w, x, y);
      case 3: return radix3<Inv>(st.m, s, w, x, y);
      case 4: return radix4<Inv>(st.m, s, w, x, y);
      case 5: return radix5<Inv>(st.m, s, w, x, y);
      case 8: return radix8<Inv>(st.m, s, w, x, y);
      default: return generic<Inv>(st, s, w, x, y);
    }
  }

  // Each radix-r stage: for p < m and q < s, the r inputs x[q + s (p + j m)] give
  // y[q + s (r p + k)] = (sum_j x_j w_r^{jk}) * w_len^{pk}.
  template <bool Inv>
  static void radix2(int64_t m, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) {
    for (int64_t p = 0; p < m; ++p) {
      cpx<T> w1 = w[p];
      const cpx<T>* a = x + s * p;
      cpx<T>* b = y + s * 2 * p;
      for (int64_t q = 0; q < s; ++q) {
        cpx<T> a0 = a[q], a1 = a[q + s * m];
        b[q] = a0 + a1;
        b[q + s] = tw<Inv>(a0 - a1, w1);
      }
    }
  }

  template <bool Inv>
  static void radix3(int64_t m, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) {
    const T h = static_cast<T>(0.86602540378443864676); // sin(2 pi / 3)
    for (int64_t p = 0; p < m; ++p) {
      cpx<T> w1 = w[2 * p], w2 = w[2 * p + 1];
      const cpx<T>* a = x + s * p;
      cpx<T>* b = y + s * 3 * p;
      for (int64_t q = 0; q < s; ++q) {
        cpx<T> a0 = a[q], a1 = a[q + s * m], a2 = a[q + 2 * s * m];
        cpx<T> t1 = a1 + a2, t2 = a0 - t1 * T(0.5), t3 = rot<Inv>((a1 - a2) * h);
        b[q] = a0 + t1;
        b[q + s] = tw<Inv>(t2 + t3, w1);
        b[q + 2 * s] = tw<Inv>(t2 - t3, w2);
      }
    }
  }

  template <bool Inv>
  static void radix4(int64_t m, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) {
    for (int64_t p = 0; p < m; ++p) {
      cpx<T> w1 = w[3 * p], w2 = w[3 * p + 1], w3 = w[3 * p + 2];
      const cpx<T>* a = x + s * p;
      cpx<T>* b = y + s * 4 * p;
      for (int64_t q = 0; q < s; ++q) {
        cpx<T> a0 = a[q], a1 = a[q + s * m], a2 = a[q + 2 * s * m], a3 = a[q + 3 * s * m];
        cpx<T> t0 = a0 + a2, t1 = a0 - a2, t2 = a1 + a3, t3 = rot<Inv>(a1 - a3);
        b[q] = t0 + t2;
        b[q + s] = tw<Inv>(t1 + t3, w1);
        b[q + 2 * s] = tw<Inv>(t0 - t2, w2);
        b[q + 3 * s] = tw<Inv>(t1 - t3, w3);
      }
    }
  }

  template <bool Inv>
  static void radix5(int64_t m, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) {
    const T c1 = static_cast<T>(0.30901699437494742410), c2 = static_cast<T>(-0.80901699437494742410);
    const T s1 = static_cast<T>(0.95105651629515357212), s2 = static_cast<T>(0.58778525229247312917);
    for (int64_t p = 0; p < m; ++p) {
      const cpx<T>* wp = w + 4 * p;
      const cpx<T>* a = x + s * p;
      cpx<T>* b = y + s * 5 * p;
      for (int64_t q = 0; q < s; ++q) {
        cpx<T> a0 = a[q], a1 = a[q + s * m], a2 = a[q + 2 * s * m], a3 = a[q + 3 * s * m],
               a4 = a[q + 4 * s * m];
        cpx<T> t1 = a1 + a4, t2 = a2 + a3, t3 = a1 - a4, t4 = a2 - a3;
        cpx<T> e1 = a0 + t1 * c1 + t2 * c2, e2 = a0 + t1 * c2 + t2 * c1;
        cpx<T> o1 = rot<Inv>(t3 * s1 + t4 * s2), o2 = rot<Inv>(t3 * s2 - t4 * s1);
        b[q] = a0 + t1 + t2;
        b[q + s] = tw<Inv>(e1 + o1, wp[0]);
        b[q + 2 * s] = tw<Inv>(e2 + o2, wp[1]);
        b[q + 3 * s] = tw<Inv>(e2 - o2, wp[2]);
        b[q + 4 * s] = tw<Inv>(e1 - o1, wp[3]);
      }
    }
  }

  // Radix 8 as a radix-2 step (a_j +- a_{j+4}, the odd half times w_8^j) and two radix-4s.
  template <bool Inv>
  static void radix8(int64_t m, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) {
    const T h = static_cast<T>(0.70710678118654752440);
    const cpx<T> w1(h, -h), w3(-h, -h);
    for (int64_t p = 0; p < m; ++p) {
      const cpx<T>* wp = w + 7 * p;
      const cpx<T>* a = x + s * p;
      cpx<T>* b = y + s * 8 * p;
      for (int64_t q = 0; q < s; ++q) {
        cpx<T> u[4], v[4];
        for (int j = 0; j < 4; ++j) {
          cpx<T> lo = a[q + j * s * m], hi = a[q + (j + 4) * s * m];
          u[j] = lo + hi;
          v[j] = lo - hi;
        }
        v[1] = tw<Inv>(v[1], w1);
        v[2] = rot<Inv>(v[2]);
        v[3] = tw<Inv>(v[3], w3);
        cpx<T> t0 = u[0] + u[2], t1 = u[0] - u[2], t2 = u[1] + u[3], t3 = rot<Inv>(u[1] - u[3]);
        cpx<T> e0 = v[0] + v[2], e1 = v[0] - v[2], e2 = v[1] + v[3], e3 = rot<Inv>(v[1] - v[3]);
        b[q] = t0 + t2;
        b[q + s] = tw<Inv>(e0 + e2, wp[0]);
        b[q + 2 * s] = tw<Inv>(t1 + t3, wp[1]);
        b[q + 3 * s] = tw<Inv>(e1 + e3, wp[2]);
        b[q + 4 * s] = tw<Inv>(t0 - t2, wp[3]);
        b[q + 5 * s] = tw<Inv>(e0 - e2, wp[4]);
        b[q + 6 * s] = tw<Inv>(t1 - t3, wp[5]);
        b[q + 7 * s] = tw<Inv>(e1 - e3, wp[6]);
      }
    }
  }

  // Any odd radix: a direct r-point DFT from the table of r-th roots.
  template <bool Inv>
  void generic(const Stage& st, int64_t s, const cpx<T>* w, const cpx<T>* x, cpx<T>* y) const {
    const int64_t r = st.r, m = st.m;
    const cpx<T>* root = roots_.data() + st.root;
    cpx<T> a[kMaxRadix];
    for (int64_t p = 0; p < m; ++p) {
      for (int64_t q = 0; q < s; ++q) {
        for (int64_t j = 0; j < r; ++j) a[j] = x[q + s * (p + j * m)];
        for (int64_t k = 0; k < r; ++k) {
          cpx<T> acc = a[0];
          int64_t idx = 0;
          for (int64_t j = 1; j < r; ++j) {
            idx += k;
            if (idx >= r) idx -= r;
            acc += tw<Inv>(a[j], root[idx]);
          }
          y[q + s * (r * p + k)] = k == 0 ? acc : tw<Inv>(acc, w[p * (r - 1) + k - 1]);
        }
      }
    }
  }

  std::vector<Stage> stages_;
  std::vector<cpx<T>> tw_, roots_;
};

// ---- four-step: n = n1 n2 as n2 transforms of length n1, a twiddle, n1 of length n2 ----

template <typename T>
class FourStep final : public Plan<T> {
 public:
  FourStep(int64_t n, int64_t n1)
      : Plan<T>(n), n1_(n1), n2_(n / n1), p1_(plan_for<T>(n1)), p2_(plan_for<T>(n / n1)) {
    tw_.resize(static_cast<size_t>(n)); // laid out as the columns are written: [k1][j2]
    for (int64_t k1 = 0; k1 < n1_; ++k1) {
      for (int64_t j2 = 0; j2 < n2_; ++j2) tw_[k1 * n2_ + j2] = unit<T>(j2 * k1, n);
    }
  }
  size_t work_size() const override { return static_cast<size_t>(this->n_); }
  void execute(const cpx<T>* in, cpx<T>* out, cpx<T>* work, bool inverse) const override {
    const int64_t n1 = n1_, n2 = n2_;
    const cpx<T>* w = tw_.data();
    auto id = [](int64_t b) { return b; };
    // Columns j2 (stride n2) -> work[k1 n2 + j2], times w_n^{j2 k1}.
    auto twiddle = [=](int64_t j2, int64_t k1, cpx<T> v) {
      return inverse ? mulc(v, w[k1 * n2 + j2]) : mul(v, w[k1 * n2 + j2]);
    };
    transform_lines(*p1_, in, n2, id, work, n2, id, n2, inverse, twiddle);
    // Rows k1 (contiguous) -> out[k1 + n1 k2].
    transform_lines(*p2_, work, 1, [=](int64_t k1) { return k1 * n2; }, out, n1, id, n1, inverse, NoPost{});
  }

 private:
  int64_t n1_, n2_;
  std::shared_ptr<const Plan<T>> p1_, p2_;
  std::vector<cpx<T>> tw_;
};

// ---- Bluestein: a DFT of any length as a convolution of padded length m ----

template <typename T>
class Bluestein final : public Plan<T> {
 public:
  explicit Bluestein(int64_t n) : Plan<T>(n), m_(good_size(2 * n - 1)), sub_(plan_for<T>(m_)) {
    chirp_.resize(static_cast<size_t>(n));
    std::vector<cpx<double>> b(static_cast<size_t>(m_)), fb(static_cast<size_t>(m_)), work;
    for (int64_t k = 0; k < n; ++k) {
      // exp(-i pi k^2 / n) with k^2 reduced modulo 2n exactly.
      int64_t k2 = static_cast<int64_t>((static_cast<unsigned __int128>(k) * k) % (2 * n));
      cpx<double> c = unit<double>(k2, 2 * n);
      chirp_[k] = cpx<T>(static_cast<T>(c.real()), static_cast<T>(c.imag()));
      b[k] = std::conj(c) / static_cast<double>(m_);
      if (k > 0) b[m_ - k] = b[k];
    }
    auto dp = plan_for<double>(m_); // the kernel's spectrum in double: one rounding to T
    work.resize(dp->work_size());
    dp->execute(b.data(), fb.data(), work.data(), false);
    kernel_.resize(static_cast<size_t>(m_));
    for (int64_t k = 0; k < m_; ++k) kernel_[k] = cpx<T>(static_cast<T>(fb[k].real()), static_cast<T>(fb[k].imag()));
  }
  size_t work_size() const override { return 2 * static_cast<size_t>(m_) + sub_->work_size(); }
  void execute(const cpx<T>* in, cpx<T>* out, cpx<T>* work, bool inverse) const override {
    inverse ? run<true>(in, out, work) : run<false>(in, out, work);
  }

 private:
  template <bool Inv>
  void run(const cpx<T>* in, cpx<T>* out, cpx<T>* work) const {
    const int64_t n = this->n_;
    cpx<T>* a = work;
    cpx<T>* fa = work + m_;
    cpx<T>* sw = work + 2 * m_;
    for (int64_t k = 0; k < n; ++k) a[k] = tw<Inv>(in[k], chirp_[k]);
    std::fill(a + n, a + m_, cpx<T>(0));
    sub_->execute(a, fa, sw, false);
    for (int64_t k = 0; k < m_; ++k) fa[k] = tw<Inv>(fa[k], kernel_[k]); // the inverse's kernel is conj
    sub_->execute(fa, a, sw, true);
    for (int64_t k = 0; k < n; ++k) out[k] = tw<Inv>(a[k], chirp_[k]);
  }

  int64_t m_;
  std::shared_ptr<const Plan<T>> sub_;
  std::vector<cpx<T>> chirp_, kernel_;
};

// The plan cache forgets everything when its lengths add up to more than this.
constexpr int64_t kCachedPointsMax = int64_t(1) << 24;

// Lengths above this split in four steps, so that each pass works in cache.
constexpr int64_t kFourStepMin = int64_t(1) << 14;

template <typename T>
std::shared_ptr<const Plan<T>> make_plan(int64_t n) {
  auto f = factorize(n);
  if (!f.empty() && f.back() > kMaxRadix) return std::make_shared<Bluestein<T>>(n);
  if (n >= kFourStepMin) {
    int64_t n1 = static_cast<int64_t>(std::sqrt(static_cast<double>(n)));
    while (n % n1 != 0) --n1;
    if (n1 >= 16) return std::make_shared<FourStep<T>>(n, n1);
  }
  return std::make_shared<Stockham<T>>(n);
}

} // namespace

template <typename T>
std::shared_ptr<const Plan<T>> plan_for(int64_t n) {
  static std::mutex mu;
  static std::map<int64_t, std::shared_ptr<const Plan<T>>> cache;
  static int64_t cached_points = 0; // a plan's tables hold a few times n complex numbers
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
  }
  auto plan = make_plan<T>(n); // built unlocked: plans ask for their sub-plans
  std::lock_guard<std::mutex> lock(mu);
  // Bounded by count and size; plans in use stay alive through their users.
  if (cache.size() >= 256 || cached_points + n > kCachedPointsMax) cache.clear(), cached_points = 0;
  auto [it, added] = cache.emplace(n, plan);
  if (added) cached_points += n;
  return it->second;
}

template std::shared_ptr<const Plan<float>> plan_for<float>(int64_t);
template std::shared_ptr<const Plan<double>> plan_for<double>(int64_t);

} // namespace mxg::fft_cpu
