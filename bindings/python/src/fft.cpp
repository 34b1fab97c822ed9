// Python bindings: mx.fft (mlx.core.fft's names and signatures).
#include "convert.h"
#include "init.h"
#include "mxgraph/ops/fft.h"

namespace mxg::python {
namespace {

using OptShape = std::optional<Shape>;
using OptAxes = std::optional<std::vector<int>>;
using OptInt = std::optional<int64_t>;
using Many = array (*)(const array&, const OptShape&, const OptAxes&, const std::string&, StreamOrDevice);
using One = array (*)(const array&, OptInt, int, const std::string&, StreamOrDevice);

// fftshift's axes: an int, a sequence of ints, or None.
OptAxes shift_axes(const py::object& axes) {
  if (axes.is_none()) return std::nullopt;
  if (py::isinstance<py::int_>(axes)) return std::vector<int>{py::cast<int>(axes)};
  return py::cast<std::vector<int>>(axes);
}

void def_one(py::module_& f, const char* name, One fn, const char* doc) {
  f.def(name, [fn](const py::object& a, OptInt n, int axis, const std::string& norm, const py::object& s) {
    return fn(to_array(a), n, axis, norm, to_stream_or_device(s));
  }, py::arg("a"), py::arg("n") = py::none(), py::arg("axis") = -1, py::arg("norm") = "backward",
     py::arg("stream") = py::none(), doc);
}

void def_many(py::module_& f, const char* name, Many fn, OptAxes axes, const char* doc) {
  auto body = [fn](const py::object& a, const OptShape& s, const OptAxes& ax, const std::string& norm,
                   const py::object& st) { return fn(to_array(a), s, ax, norm, to_stream_or_device(st)); };
  if (axes) {
    f.def(name, body, py::arg("a"), py::arg("s") = py::none(), py::arg("axes") = *axes,
          py::arg("norm") = "backward", py::arg("stream") = py::none(), doc);
  } else {
    f.def(name, body, py::arg("a"), py::arg("s") = py::none(), py::arg("axes") = py::none(),
          py::arg("norm") = "backward", py::arg("stream") = py::none(), doc);
  }
}

void def_transforms(py::module_& f) {
  def_one(f, "fft", fft::fft, "One-dimensional discrete Fourier transform (complex64).");
  def_one(f, "ifft", fft::ifft, "One-dimensional inverse discrete Fourier transform.");
  def_one(f, "rfft", fft::rfft, "Transform of a real signal: the n // 2 + 1 non-negative frequencies.");
  def_one(f, "irfft", fft::irfft, "Inverse of rfft: a float32 signal of length n (default 2 * (m - 1)).");
  std::vector<int> last2{-2, -1};
  def_many(f, "fft2", fft::fft2, last2, "Two-dimensional discrete Fourier transform.");
  def_many(f, "ifft2", fft::ifft2, last2, "Two-dimensional inverse discrete Fourier transform.");
  def_many(f, "rfft2", fft::rfft2, last2, "Two-dimensional transform of a real array.");
  def_many(f, "irfft2", fft::irfft2, last2, "Inverse of rfft2.");
  def_many(f, "fftn", fft::fftn, std::nullopt, "N-dimensional discrete Fourier transform (all axes by default).");
  def_many(f, "ifftn", fft::ifftn, std::nullopt, "N-dimensional inverse discrete Fourier transform.");
  def_many(f, "rfftn", fft::rfftn, std::nullopt, "N-dimensional transform of a real array (half of the last axis).");
  def_many(f, "irfftn", fft::irfftn, std::nullopt, "Inverse of rfftn.");
}

void def_helpers(py::module_& f) {
  f.def("fftshift", [](const py::object& a, const py::object& axes, const py::object& s) {
    return fft::fftshift(to_array(a), shift_axes(axes), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axes") = py::none(), py::arg("stream") = py::none(),
     "Moves the zero-frequency component to the centre of the given axes (all by default).");
  f.def("ifftshift", [](const py::object& a, const py::object& axes, const py::object& s) {
    return fft::ifftshift(to_array(a), shift_axes(axes), to_stream_or_device(s));
  }, py::arg("a"), py::arg("axes") = py::none(), py::arg("stream") = py::none(), "The inverse of fftshift.");
  f.def("fftfreq", [](int64_t n, double d, const py::object& s) {
    return fft::fftfreq(n, d, to_stream_or_device(s));
  }, py::arg("n"), py::arg("d") = 1.0, py::arg("stream") = py::none(), "Sample frequencies of fft(n), float32.");
  f.def("rfftfreq", [](int64_t n, double d, const py::object& s) {
    return fft::rfftfreq(n, d, to_stream_or_device(s));
  }, py::arg("n"), py::arg("d") = 1.0, py::arg("stream") = py::none(), "Sample frequencies of rfft(n), float32.");
}

void def_stft(py::module_& f) {
  using OptArray = std::optional<array>;
  f.def("stft", [](const py::object& x, int64_t n_fft, OptInt hop, OptInt win, const OptArray& window, bool center,
                   const std::string& pad_mode, const std::string& norm, std::optional<bool> onesided,
                   const py::object& s) {
    return fft::stft(to_array(x), n_fft, hop, win, window, center, pad_mode, norm, onesided, to_stream_or_device(s));
  }, py::arg("x"), py::arg("n_fft") = 2048, py::arg("hop_length") = py::none(), py::arg("win_length") = py::none(),
     py::arg("window") = py::none(), py::arg("center") = true, py::arg("pad_mode") = "reflect",
     py::arg("norm") = "backward", py::arg("onesided") = py::none(), py::arg("stream") = py::none(),
     "Short-time Fourier transform of the last axis: shape (..., n_freq, n_frames).");
  f.def("istft", [](const py::object& m, OptInt n_fft, OptInt hop, OptInt win, const OptArray& window, bool center,
                    const std::string& norm, std::optional<bool> onesided, OptInt length, const py::object& s) {
    return fft::istft(to_array(m), n_fft, hop, win, window, center, norm, onesided, length, to_stream_or_device(s));
  }, py::arg("stft_matrix"), py::arg("n_fft") = py::none(), py::arg("hop_length") = py::none(),
     py::arg("win_length") = py::none(), py::arg("window") = py::none(), py::arg("center") = true,
     py::arg("norm") = "backward", py::arg("onesided") = py::none(), py::arg("length") = py::none(),
     py::arg("stream") = py::none(), "Inverse short-time Fourier transform: overlap-add, window-normalised.");
}

} // namespace

void init_fft(py::module_& m) {
  auto f = m.def_submodule("fft", "Discrete Fourier transforms of any length.");
  def_transforms(f);
  def_helpers(f);
  def_stft(f);
}

} // namespace mxg::python
