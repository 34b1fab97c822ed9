// The FFT plans in double precision against a long-double direct DFT: the algorithms
// (mixed radix, four-step, Bluestein) are exact up to rounding at every length.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "cpu/fft_plan.h"

using mxg::fft_cpu::cpx;
using mxg::fft_cpu::plan_for;

namespace {

// Largest |DFT(x) - plan(x)| relative to the largest |DFT(x)|, for both signs.
double plan_error(int64_t n, bool inverse) {
  std::mt19937 gen(static_cast<unsigned>(n));
  std::normal_distribution<double> d;
  std::vector<cpx<double>> x(n), y(n);
  for (auto& v : x) v = {d(gen), d(gen)};
  auto plan = plan_for<double>(n);
  std::vector<cpx<double>> work(plan->work_size());
  plan->execute(x.data(), y.data(), work.data(), inverse);
  double err = 0, scale = 0;
  for (int64_t k = 0; k < n; ++k) {
    cpx<long double> s = 0;
    for (int64_t j = 0; j < n; ++j) {
      long double a = (inverse ? 2 : -2) * 3.14159265358979323846264338327950288L * ((j * k) % n) / n;
      s += cpx<long double>(x[j].real(), x[j].imag()) * cpx<long double>(std::cos(a), std::sin(a));
    }
    cpx<double> want(static_cast<double>(s.real()), static_cast<double>(s.imag()));
    err = std::max(err, std::abs(y[k] - want));
    scale = std::max(scale, std::abs(want));
  }
  return err / scale;
}

} // namespace

TEST_CASE("FFT plans match the direct DFT in double at every kind of length") {
  // Radix 2/3/4/5 and generic odd radices, Bluestein primes (67, 1009) and a length
  // whose four-step split has a Bluestein factor is covered by 16411 * 2 below.
  for (int64_t n : {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 16, 30, 49, 60, 61, 64, 67, 97, 128, 210, 1009, 2048}) {
    INFO("n = " << n);
    CHECK(plan_error(n, false) < 1e-14);
    CHECK(plan_error(n, true) < 1e-14);
  }
}

TEST_CASE("Long FFT plans: four-step and Bluestein round trips in double") {
  for (int64_t n : {int64_t(1) << 15, int64_t(3) * 5 * 7 * 11 * 13, int64_t(16411) * 2, int64_t(65537)}) {
    INFO("n = " << n);
    std::vector<cpx<double>> x(n), y(n), z(n);
    for (int64_t i = 0; i < n; ++i) x[i] = {std::sin(0.37 * i), std::cos(1.3 * i * i)};
    auto plan = plan_for<double>(n);
    std::vector<cpx<double>> work(plan->work_size());
    plan->execute(x.data(), y.data(), work.data(), false);
    plan->execute(y.data(), z.data(), work.data(), true);
    double err = 0;
    for (int64_t i = 0; i < n; ++i) err = std::max(err, std::abs(z[i] / double(n) - x[i]));
    CHECK(err < 1e-12);
  }
}
