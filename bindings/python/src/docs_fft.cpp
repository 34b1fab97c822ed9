// Docstrings of mxgraph.core.fft (fft.cpp).
#include "docs.h"

namespace mxg::python {

const std::vector<Doc>& docs_fft() {
  static const std::vector<Doc> table = {
    {"fft.fft", R"(One-dimensional discrete Fourier transform along an axis.

Args:
    a (array): Input array; it is cast to complex64.
    n (int, optional): Length of the transform: the axis is cropped or zero-padded to ``n``.
        ``None`` keeps its length. Default: ``None``.
    axis (int, optional): The axis to transform. Default: ``-1``.
    norm (str, optional): ``"backward"`` (no scaling; the inverse divides by ``n``),
        ``"ortho"`` (divides by ``sqrt(n)``) or ``"forward"`` (divides by ``n``).
        Default: ``"backward"``.

Returns:
    array: The transform, complex64, with ``n`` elements along ``axis``.

Example:
    >>> mx.fft.fft(mx.array([1.0, 2.0, 3.0, 4.0]))
    array([10+0j, -2+2j, -2+0j, -2-2j], dtype=complex64)
)"},
    {"fft.ifft", R"(One-dimensional inverse discrete Fourier transform along an axis.

Args:
    a (array): Input array; it is cast to complex64.
    n (int, optional): Length of the transform: the axis is cropped or zero-padded to ``n``.
        ``None`` keeps its length. Default: ``None``.
    axis (int, optional): The axis to transform. Default: ``-1``.
    norm (str, optional): ``"backward"`` (divides by ``n``), ``"ortho"`` (by ``sqrt(n)``)
        or ``"forward"`` (no scaling). Default: ``"backward"``.

Returns:
    array: The inverse transform, complex64, with ``n`` elements along ``axis``.

Example:
    >>> mx.fft.ifft(mx.fft.fft(mx.array([1.0, 2.0, 3.0, 4.0])))
    array([1+0j, 2+0j, 3+0j, 4+0j], dtype=complex64)
)"},
    {"fft.rfft", R"(Discrete Fourier transform of a real signal: only the ``n // 2 + 1`` non-negative frequencies, the others being their complex conjugates.

Args:
    a (array): Input array; it is cast to float32 (complex input loses its imaginary part).
    n (int, optional): Length of the signal: the axis is cropped or zero-padded to ``n``.
        ``None`` keeps its length. Default: ``None``.
    axis (int, optional): The axis to transform. Default: ``-1``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`.
        Default: ``"backward"``.

Returns:
    array: The transform, complex64, with ``n // 2 + 1`` elements along ``axis``.

Example:
    >>> mx.fft.rfft(mx.array([1.0, 2.0, 3.0, 4.0]))
    array([10+0j, -2+2j, -2+0j], dtype=complex64)
)"},
    {"fft.irfft", R"(Inverse of :func:`rfft`: a real signal from its non-negative frequencies.

Args:
    a (array): The non-negative frequencies of a real signal; cast to complex64.
    n (int, optional): Length of the output signal; the axis is cropped or zero-padded to
        ``n // 2 + 1`` frequencies first. ``None`` gives ``2 * (m - 1)`` for ``m`` input
        frequencies (pass ``n`` to get an odd length back). Default: ``None``.
    axis (int, optional): The axis to transform. Default: ``-1``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.

Returns:
    array: The signal, float32, with ``n`` elements along ``axis``.

Example:
    >>> x = mx.array([1.0, 2.0, 3.0, 4.0, 5.0])
    >>> mx.fft.irfft(mx.fft.rfft(x), n=5)
    array([1, 2, 3, 4, 5], dtype=float32)
)"},
    {"fft.fft2", R"(Two-dimensional discrete Fourier transform, by default over the last two axes.

Args:
    a (array): Input array; it is cast to complex64.
    s (list(int), optional): Length of the transform along each of ``axes`` (each axis
        cropped or zero-padded). ``None`` keeps the lengths. Default: ``None``.
    axes (list(int), optional): The axes to transform. Default: ``[-2, -1]``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`;
        ``n`` is the product of the transformed lengths. Default: ``"backward"``.

Returns:
    array: The transform, complex64.

Example:
    >>> mx.fft.fft2(mx.array([[1.0, 2.0], [3.0, 4.0]]))
    array([[10+0j, -2+0j],
           [-4+0j, 0+0j]], dtype=complex64)
)"},
    {"fft.ifft2", R"(Two-dimensional inverse discrete Fourier transform, by default over the last two axes.

Args:
    a (array): Input array; it is cast to complex64.
    s (list(int), optional): Length of the transform along each of ``axes`` (each axis
        cropped or zero-padded). ``None`` keeps the lengths. Default: ``None``.
    axes (list(int), optional): The axes to transform. Default: ``[-2, -1]``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.

Returns:
    array: The inverse transform, complex64.

Example:
    >>> mx.fft.ifft2(mx.array([[4.0, 0.0], [0.0, 0.0]]))
    array([[1+0j, 1+0j],
           [1+0j, 1+0j]], dtype=complex64)
)"},
    {"fft.fftn", R"(N-dimensional discrete Fourier transform, by default over every axis.

Args:
    a (array): Input array; it is cast to complex64.
    s (list(int), optional): Length of the transform along each of ``axes`` (each axis
        cropped or zero-padded); it needs ``axes``. ``None`` keeps the lengths.
        Default: ``None``.
    axes (list(int), optional): The axes to transform; ``None`` transforms all of them.
        Default: ``None``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`.
        Default: ``"backward"``.

Returns:
    array: The transform, complex64.

Example:
    >>> mx.fft.fftn(mx.ones((2, 2, 2)))[0, 0, 0]
    array(8+0j, dtype=complex64)
    >>> mx.fft.fftn(mx.ones((2, 3)), s=[4], axes=[1]).shape
    (2, 4)
)"},
    {"fft.ifftn", R"(N-dimensional inverse discrete Fourier transform, by default over every axis.

Args:
    a (array): Input array; it is cast to complex64.
    s (list(int), optional): Length of the transform along each of ``axes`` (each axis
        cropped or zero-padded); it needs ``axes``. ``None`` keeps the lengths.
        Default: ``None``.
    axes (list(int), optional): The axes to transform; ``None`` transforms all of them.
        Default: ``None``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.

Returns:
    array: The inverse transform, complex64.

Example:
    >>> x = mx.array([[1.0, 2.0], [3.0, 4.0]])
    >>> mx.fft.ifftn(mx.fft.fftn(x))
    array([[1+0j, 2+0j],
           [3+0j, 4+0j]], dtype=complex64)
)"},
    {"fft.rfft2", R"(Two-dimensional transform of a real array, by default over the last two axes; the last of ``axes`` keeps its non-negative half.

Args:
    a (array): Input array; it is cast to float32.
    s (list(int), optional): Length of the signal along each of ``axes`` (each axis
        cropped or zero-padded). ``None`` keeps the lengths. Default: ``None``.
    axes (list(int), optional): The axes to transform. Default: ``[-2, -1]``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`.
        Default: ``"backward"``.

Returns:
    array: The transform, complex64; the last of ``axes`` has ``s[-1] // 2 + 1`` elements.

Example:
    >>> mx.fft.rfft2(mx.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    array([[21+0j, -3+1.73205j],
           [-9+0j, 0+0j]], dtype=complex64)
)"},
    {"fft.irfft2", R"(Inverse of :func:`rfft2`: a real array from its two-dimensional half spectrum.

Args:
    a (array): The half spectrum; cast to complex64.
    s (list(int), optional): Length of the output along each of ``axes``. ``None`` keeps
        the lengths, except the last of ``axes``: ``2 * (m - 1)`` for ``m`` input
        elements. Default: ``None``.
    axes (list(int), optional): The axes to transform. Default: ``[-2, -1]``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.

Returns:
    array: The real array, float32.

Example:
    >>> x = mx.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    >>> mx.fft.irfft2(mx.fft.rfft2(x), s=[2, 3])
    array([[1, 2, 3],
           [4, 5, 6]], dtype=float32)
)"},
    {"fft.rfftn", R"(N-dimensional transform of a real array, by default over every axis; the last of ``axes`` keeps its non-negative half.

Args:
    a (array): Input array; it is cast to float32.
    s (list(int), optional): Length of the signal along each of ``axes`` (each axis
        cropped or zero-padded); it needs ``axes``. ``None`` keeps the lengths.
        Default: ``None``.
    axes (list(int), optional): The axes to transform; ``None`` transforms all of them.
        Default: ``None``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`.
        Default: ``"backward"``.

Returns:
    array: The transform, complex64; the last of ``axes`` has ``s[-1] // 2 + 1`` elements.

Example:
    >>> mx.fft.rfftn(mx.ones((2, 3, 4))).shape
    (2, 3, 3)
)"},
    {"fft.irfftn", R"(Inverse of :func:`rfftn`: a real array from its N-dimensional half spectrum.

Args:
    a (array): The half spectrum; cast to complex64.
    s (list(int), optional): Length of the output along each of ``axes``; it needs
        ``axes``. ``None`` keeps the lengths, except the last of ``axes``: ``2 * (m - 1)``
        for ``m`` input elements. Default: ``None``.
    axes (list(int), optional): The axes to transform; ``None`` transforms all of them.
        Default: ``None``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.

Returns:
    array: The real array, float32.

Example:
    >>> x = mx.ones((2, 3, 4))
    >>> y = mx.fft.irfftn(mx.fft.rfftn(x))
    >>> y.shape, y.dtype
    ((2, 3, 4), mxgraph.core.float32)
    >>> mx.allclose(y, x)
    array(True, dtype=bool)
)"},
    {"fft.fftshift", R"(Moves the zero-frequency element to the centre of the given axes, by rolling each by half its length.

Args:
    a (array): Input array, such as a spectrum from :func:`fft`.
    axes (int or list(int), optional): The axes to shift; ``None`` shifts every axis.
        Default: ``None``.

Returns:
    array: The shifted array.

Example:
    >>> mx.fft.fftshift(mx.fft.fftfreq(5))
    array([-0.4, -0.2, 0, 0.2, 0.4], dtype=float32)
)"},
    {"fft.ifftshift", R"(Inverse of :func:`fftshift`: moves the centre element back to index 0 (the two differ for odd lengths).

Args:
    a (array): Input array.
    axes (int or list(int), optional): The axes to shift; ``None`` shifts every axis.
        Default: ``None``.

Returns:
    array: The shifted array.

Example:
    >>> mx.fft.ifftshift(mx.array([-2, -1, 0, 1, 2]))
    array([0, 1, 2, -2, -1], dtype=int32)
)"},
    {"fft.fftfreq", R"(The frequencies of the bins of an ``n``-point :func:`fft`: ``[0, 1, ..., n // 2 - 1 + n % 2, -(n // 2), ..., -1] / (d * n)``.

Args:
    n (int): Length of the transform.
    d (float, optional): Sample spacing (the inverse of the sampling rate). Default: ``1.0``.

Returns:
    array: The ``n`` frequencies, float32, in cycles per unit of ``d``.

Example:
    >>> mx.fft.fftfreq(4)
    array([0, 0.25, -0.5, -0.25], dtype=float32)
    >>> mx.fft.fftfreq(5, d=0.1)
    array([0, 2, 4, -4, -2], dtype=float32)
)"},
    {"fft.rfftfreq", R"(The frequencies of the bins of an ``n``-point :func:`rfft`: ``[0, 1, ..., n // 2] / (d * n)``.

Args:
    n (int): Length of the signal.
    d (float, optional): Sample spacing (the inverse of the sampling rate). Default: ``1.0``.

Returns:
    array: The ``n // 2 + 1`` frequencies, float32.

Example:
    >>> mx.fft.rfftfreq(4)
    array([0, 0.25, 0.5], dtype=float32)
)"},
    {"fft.stft", R"(Short-time Fourier transform of the last axis: the transforms of windowed frames of ``n_fft`` samples taken every ``hop_length``, as ``torch.stft``.

Args:
    x (array): The signal, shape ``(..., T)``; real input is cast to float32, complex to
        complex64.
    n_fft (int, optional): Samples per frame (the transform length). Default: ``2048``.
    hop_length (int, optional): Samples between the starts of consecutive frames.
        ``None``: ``n_fft // 4``. Default: ``None``.
    win_length (int, optional): Length of the default window. ``None``: ``n_fft``.
        Default: ``None``.
    window (array, optional): The window, of at most ``n_fft`` samples; a shorter one is
        centred and zero-padded to ``n_fft``. ``None``: ones of ``win_length`` (a
        rectangular window). Default: ``None``.
    center (bool, optional): Pad ``n_fft // 2`` samples on both sides, so that frame
        ``t`` is centred on sample ``t * hop_length``. Default: ``True``.
    pad_mode (str, optional): How ``center`` pads: ``"reflect"``, ``"constant"`` (zeros)
        or ``"edge"``. Default: ``"reflect"``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`fft`.
        Default: ``"backward"``.
    onesided (bool, optional): Keep only the ``n_fft // 2 + 1`` non-negative frequencies
        (real input and window only). ``None``: true for real input. Default: ``None``.

Returns:
    array: The spectrogram, complex64, shape ``(..., n_freq, n_frames)``.

Example:
    >>> x = mx.sin(mx.arange(1024) * 0.5)
    >>> mx.fft.stft(x, n_fft=256, hop_length=64).shape
    (129, 17)
    >>> mx.fft.stft(x, n_fft=256, hop_length=64, window=mx.hanning(256), center=False).shape
    (129, 13)
)"},
    {"fft.istft", R"(Inverse short-time Fourier transform: overlap-adds the windowed inverse transforms of the frames and divides by the summed squared window, as ``torch.istft``.

Args:
    stft_matrix (array): The spectrogram, shape ``(..., n_freq, n_frames)``, as from :func:`stft`.
    n_fft (int, optional): Samples per frame. ``None``: ``2 * (n_freq - 1)`` when
        ``onesided``, else ``n_freq``. Default: ``None``.
    hop_length (int, optional): Samples between the starts of consecutive frames.
        ``None``: ``n_fft // 4``. Default: ``None``.
    win_length (int, optional): Length of the default window. ``None``: ``n_fft``.
        Default: ``None``.
    window (array, optional): The window the spectrogram was made with, centred and
        zero-padded to ``n_fft``. ``None``: ones of ``win_length``. Default: ``None``.
    center (bool, optional): The spectrogram was made with ``center=True``: drop the
        ``n_fft // 2`` padded samples at both ends. Default: ``True``.
    norm (str, optional): ``"backward"``, ``"ortho"`` or ``"forward"``, as in :func:`ifft`.
        Default: ``"backward"``.
    onesided (bool, optional): The spectrogram holds only the non-negative frequencies of
        a real signal. ``None``: ``True``. Default: ``None``.
    length (int, optional): Length of the output: the signal is trimmed or zero-padded to
        it. ``None`` keeps what the frames cover. Default: ``None``.

Returns:
    array: The signal, float32, shape ``(..., length)``.

Example:
    >>> x = mx.sin(mx.arange(1024) * 0.5)
    >>> w = mx.hanning(256)
    >>> S = mx.fft.stft(x, n_fft=256, hop_length=64, window=w)
    >>> y = mx.fft.istft(S, n_fft=256, hop_length=64, window=w, length=1024)
    >>> y.shape, mx.allclose(y, x, atol=1e-4)
    ((1024,), array(True, dtype=bool))
)"},
  };
  return table;
}

} // namespace mxg::python
