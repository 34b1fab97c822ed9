// Discrete Fourier transforms (mlx.core.fft names). Inputs are cast to complex64
// (real transforms: float32); `n` / `s` crop or zero-pad the transformed axes;
// `norm` is "backward" (the inverse divides by the length), "ortho" (both by its
// square root) or "forward" (the forward divides). Any length works (docs/fft.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mxgraph/array.h"

namespace mxg::fft {

using OptAxes = std::optional<std::vector<int>>;
using OptShape = std::optional<Shape>;

/// Over `axes` (all axes when absent; `s` then must be absent too) with lengths `s`.
array fftn(const array& a, const OptShape& s = {}, const OptAxes& axes = {},
           const std::string& norm = "backward", StreamOrDevice st = {});
array ifftn(const array& a, const OptShape& s = {}, const OptAxes& axes = {},
            const std::string& norm = "backward", StreamOrDevice st = {});
/// Real input; the last of `axes` keeps its non-negative half (s[-1] / 2 + 1 bins).
array rfftn(const array& a, const OptShape& s = {}, const OptAxes& axes = {},
            const std::string& norm = "backward", StreamOrDevice st = {});
/// Inverse of rfftn: float32 with s[-1] (default 2 * (bins - 1)) along the last axis.
array irfftn(const array& a, const OptShape& s = {}, const OptAxes& axes = {},
             const std::string& norm = "backward", StreamOrDevice st = {});

/// The two-dimensional versions: fftn with `axes` defaulting to the last two.
array fft2(const array& a, const OptShape& s = {}, const OptAxes& axes = std::vector<int>{-2, -1},
           const std::string& norm = "backward", StreamOrDevice st = {});
array ifft2(const array& a, const OptShape& s = {}, const OptAxes& axes = std::vector<int>{-2, -1},
            const std::string& norm = "backward", StreamOrDevice st = {});
array rfft2(const array& a, const OptShape& s = {}, const OptAxes& axes = std::vector<int>{-2, -1},
            const std::string& norm = "backward", StreamOrDevice st = {});
array irfft2(const array& a, const OptShape& s = {}, const OptAxes& axes = std::vector<int>{-2, -1},
             const std::string& norm = "backward", StreamOrDevice st = {});

/// One axis, of length n (the input's by default).
array fft(const array& a, std::optional<int64_t> n = {}, int axis = -1, const std::string& norm = "backward",
          StreamOrDevice st = {});
array ifft(const array& a, std::optional<int64_t> n = {}, int axis = -1, const std::string& norm = "backward",
           StreamOrDevice st = {});
array rfft(const array& a, std::optional<int64_t> n = {}, int axis = -1, const std::string& norm = "backward",
           StreamOrDevice st = {});
array irfft(const array& a, std::optional<int64_t> n = {}, int axis = -1, const std::string& norm = "backward",
            StreamOrDevice st = {});

/// Moves the zero frequency to the centre of `axes` (all axes when absent).
array fftshift(const array& a, const OptAxes& axes = {}, StreamOrDevice st = {});
/// The inverse of fftshift (they differ for odd lengths).
array ifftshift(const array& a, const OptAxes& axes = {}, StreamOrDevice st = {});
/// The sample frequencies of fft(n) for spacing d: [0, 1, ..., -1] / (d n), float32.
array fftfreq(int64_t n, double d = 1.0, StreamOrDevice st = {});
/// The non-negative ones, of rfft(n): [0, 1, ..., n / 2] / (d n).
array rfftfreq(int64_t n, double d = 1.0, StreamOrDevice st = {});

/// Short-time Fourier transform of the last axis (torch.stft's semantics, as MLX):
/// frames of n_fft every hop_length (n_fft / 4), times `window` (rectangular of
/// win_length, centred and zero-padded to n_fft); `center` pads n_fft / 2 on both
/// sides with pad_mode ("reflect", "constant" or "edge"). Shape (..., bins, frames);
/// onesided (the default for real input) keeps n_fft / 2 + 1 bins.
array stft(const array& x, int64_t n_fft = 2048, std::optional<int64_t> hop_length = {},
           std::optional<int64_t> win_length = {}, const std::optional<array>& window = {},
           bool center = true, const std::string& pad_mode = "reflect", const std::string& norm = "backward",
           std::optional<bool> onesided = {}, StreamOrDevice st = {});
/// The inverse: overlap-added inverse transforms of the frames, times the window,
/// divided by the summed squared window; float32 of `length` samples when given.
array istft(const array& stft_matrix, std::optional<int64_t> n_fft = {}, std::optional<int64_t> hop_length = {},
            std::optional<int64_t> win_length = {}, const std::optional<array>& window = {}, bool center = true,
            const std::string& norm = "backward", std::optional<bool> onesided = {},
            std::optional<int64_t> length = {}, StreamOrDevice st = {});

} // namespace mxg::fft
