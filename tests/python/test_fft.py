"""mx.fft against numpy.fft (float64 references), gradients against finite differences,
vmap against a loop, compile and export. Tolerances: complex64 results are compared by
their largest error relative to the reference's largest magnitude (docs/fft.md gives
the measured values; the bounds here leave a margin of about 10x)."""

import io

import numpy as np
import pytest

import mxgraph.core as mx

RNG = np.random.default_rng(0)
REL = 1e-5  # max |got - want| / max |want| for one transform in float32


def crand(*shape):
    return (RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)).astype(np.complex64)


def rrand(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def close(got, want, rel=REL):
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    scale = max(np.abs(want).max(initial=0.0), 1e-30)
    err = np.abs(got.astype(np.complex128) - want).max(initial=0.0)
    assert err <= rel * scale, f"relative error {err / scale:.3g} > {rel}"


LENGTHS = list(range(1, 65)) + [97, 127, 243, 1000, 1009, 2187, 2310, 4096 * 3, 1 << 14, 1 << 16,
                                 61 * 32, 67 * 2, 65537]


@pytest.mark.parametrize("n", LENGTHS)
def test_fft_ifft_every_length(n):
    x = crand(n)
    close(mx.fft.fft(mx.array(x)), np.fft.fft(x.astype(np.complex128)))
    close(mx.fft.ifft(mx.array(x)), np.fft.ifft(x.astype(np.complex128)))


@pytest.mark.parametrize("n", list(range(1, 65)) + [97, 1009, 4096, 65537, 1 << 16])
def test_rfft_irfft_every_length(n):
    x = rrand(n)
    got = mx.fft.rfft(mx.array(x))
    assert got.dtype == mx.complex64
    close(got, np.fft.rfft(x.astype(np.float64)))
    spec = crand(n // 2 + 1)
    back = mx.fft.irfft(mx.array(spec), n=n)
    assert back.dtype == mx.float32
    close(back, np.fft.irfft(spec.astype(np.complex128), n=n))


@pytest.mark.parametrize("n", [1, 2, 7, 64, 97, 1000, 1009, 999983, 1 << 20])
def test_round_trips(n):
    x = crand(n)
    back = np.array(mx.fft.ifft(mx.fft.fft(mx.array(x))))
    # Documented in docs/fft.md: within 2e-6 of the input's largest magnitude.
    assert np.abs(back - x).max() <= 2e-6 * np.abs(x).max()
    r = rrand(n)
    back = np.array(mx.fft.irfft(mx.fft.rfft(mx.array(r)), n=n))
    assert np.abs(back - r).max() <= 2e-6 * np.abs(r).max()


@pytest.mark.parametrize("norm", ["backward", "ortho", "forward"])
def test_every_norm(norm):
    x, r = crand(6, 10), rrand(6, 9)
    close(mx.fft.fft(mx.array(x), norm=norm), np.fft.fft(x, norm=norm))
    close(mx.fft.ifft(mx.array(x), norm=norm), np.fft.ifft(x, norm=norm))
    close(mx.fft.rfft(mx.array(r), norm=norm), np.fft.rfft(r, norm=norm))
    close(mx.fft.irfft(mx.array(x), norm=norm), np.fft.irfft(x, norm=norm))
    close(mx.fft.fftn(mx.array(x), norm=norm), np.fft.fftn(x, norm=norm))
    close(mx.fft.irfftn(mx.array(x), norm=norm), np.fft.irfftn(x, norm=norm))


def test_n_and_s_crop_and_pad():
    x, r = crand(4, 8), rrand(4, 8)
    for n in (1, 5, 8, 12, 17):
        close(mx.fft.fft(mx.array(x), n=n), np.fft.fft(x, n=n))
        close(mx.fft.ifft(mx.array(x), n=n, axis=0), np.fft.ifft(x, n=n, axis=0))
        close(mx.fft.rfft(mx.array(r), n=n), np.fft.rfft(r, n=n))
        close(mx.fft.irfft(mx.array(x), n=n), np.fft.irfft(x, n=n))
    for s in ((3, 5), (6, 11), (4, 1)):
        close(mx.fft.fft2(mx.array(x), s=s), np.fft.fft2(x, s=s))
        close(mx.fft.rfftn(mx.array(r), s=s, axes=[0, 1]), np.fft.rfftn(r, s=s, axes=[0, 1]))
        close(mx.fft.irfft2(mx.array(x), s=s), np.fft.irfft2(x, s=s))


def test_axes_permutations_and_negative_axes():
    x, r = crand(3, 4, 5), rrand(3, 4, 6)
    for axes in ([0], [2, 0], [0, 2, 1], [-1, -3], [1, 2]):
        close(mx.fft.fftn(mx.array(x), axes=axes), np.fft.fftn(x, axes=axes))
        close(mx.fft.ifftn(mx.array(x), axes=axes), np.fft.ifftn(x, axes=axes))
        close(mx.fft.rfftn(mx.array(r), axes=axes), np.fft.rfftn(r, axes=axes))
        close(mx.fft.irfftn(mx.array(x), axes=axes), np.fft.irfftn(x, axes=axes))
    close(mx.fft.fftn(mx.array(x)), np.fft.fftn(x))
    close(mx.fft.fft2(mx.array(x)), np.fft.fft2(x))
    close(mx.fft.ifft2(mx.array(x), axes=(0, 2)), np.fft.ifft2(x, axes=(0, 2)))
    close(mx.fft.rfft2(mx.array(r)), np.fft.rfft2(r))
    close(mx.fft.fft(mx.array(x), axis=0), np.fft.fft(x, axis=0))
    close(mx.fft.rfft(mx.array(r), axis=1), np.fft.rfft(r, axis=1))


def test_batched_and_noncontiguous():
    x = crand(6, 7, 16)
    xt = mx.array(x).transpose(2, 0, 1)  # a strided view
    close(mx.fft.fft(xt, axis=0), np.fft.fft(x.transpose(2, 0, 1), axis=0))
    close(mx.fft.fftn(xt[::2, :, 1:], axes=[2, 0]), np.fft.fftn(x.transpose(2, 0, 1)[::2, :, 1:], axes=[2, 0]))
    r = rrand(16, 33)
    rt = mx.array(r).T
    close(mx.fft.rfft(rt), np.fft.rfft(r.T))
    close(mx.fft.rfft(mx.array(r)[:, ::3], axis=0), np.fft.rfft(r[:, ::3], axis=0))
    b = mx.broadcast_to(mx.array(r[:1]), (5, 33))
    close(mx.fft.rfft(b), np.fft.rfft(np.broadcast_to(r[:1], (5, 33))))


def test_dtypes():
    for dt in (mx.float32, mx.float64, mx.int32, mx.float16, mx.bfloat16, mx.bool_, mx.uint8, mx.complex64):
        x = mx.arange(8).astype(dt)
        assert mx.fft.fft(x).dtype == mx.complex64
        assert mx.fft.ifft(x).dtype == mx.complex64
        assert mx.fft.rfft(x).dtype == mx.complex64 and mx.fft.rfft(x).shape == (5,)
        assert mx.fft.irfft(x).dtype == mx.float32 and mx.fft.irfft(x).shape == (14,)
    xi = np.arange(10)
    close(mx.fft.fft(mx.array(xi)), np.fft.fft(xi))
    xd = np.linspace(0, 1, 12)
    close(mx.fft.rfft(mx.array(xd)), np.fft.rfft(xd))


def test_empty_axes():
    z = mx.fft.fft(mx.zeros((3, 0)), axis=0)
    assert z.shape == (3, 0) and z.dtype == mx.complex64
    assert mx.fft.rfft(mx.zeros((0, 6))).shape == (0, 4)
    assert mx.fft.irfft(mx.zeros((0, 4), mx.complex64)).shape == (0, 6)


def test_errors():
    x = mx.zeros((4, 6))
    with pytest.raises(ValueError, match=r"\[fft\] Invalid norm"):
        mx.fft.fft(x, norm="bad")
    with pytest.raises(ValueError, match=r"\[fft\] Invalid FFT output size requested \(0\)"):
        mx.fft.fft(x, n=0)
    with pytest.raises(ValueError, match="output size"):
        mx.fft.fft(mx.zeros((0,)))
    with pytest.raises(IndexError, match=r"\[fft\] Axis 2"):
        mx.fft.fft(x, axis=2)
    with pytest.raises(IndexError):
        mx.fft.fft(mx.array(1.0))
    with pytest.raises(ValueError, match=r"\[fftn\] Requires array with at least one dimension"):
        mx.fft.fftn(mx.array(1.0))
    with pytest.raises(IndexError):
        mx.fft.fft2(mx.zeros((4,)))
    with pytest.raises(ValueError, match=r"\[fftn\] Duplicated axis"):
        mx.fft.fftn(x, axes=[0, -2])
    with pytest.raises(ValueError, match="should not be `None`"):
        mx.fft.fftn(x, s=[2, 3])
    with pytest.raises(ValueError, match="one length per axis"):
        mx.fft.fftn(x, s=[2], axes=[0, 1])
    with pytest.raises(ValueError, match=r"\[irfft\] Invalid FFT output size requested \(0\)"):
        mx.fft.irfft(mx.zeros((1,)))
    with pytest.raises(ValueError, match=r"\[fftfreq\]"):
        mx.fft.fftfreq(0)
    with pytest.raises(ValueError, match=r"\[rfftfreq\]"):
        mx.fft.rfftfreq(-1)
    with pytest.raises(ValueError, match=r"\[fftfreq\] `d` must be non-zero"):
        mx.fft.fftfreq(4, 0.0)
    with pytest.raises(IndexError, match=r"\[fftshift\]"):
        mx.fft.fftshift(mx.arange(5), axes=1)
    with pytest.raises(TypeError):
        mx.fft.fft(x, n="3")


def test_shift_and_freq():
    for shape in ((5,), (4, 7), (2, 3, 6)):
        a = RNG.standard_normal(shape).astype(np.float32)
        for axes in (None, 0, [-1], [0, -1]):
            if axes is not None and max(np.atleast_1d(axes)) >= len(shape):
                continue
            np.testing.assert_array_equal(mx.fft.fftshift(mx.array(a), axes=axes), np.fft.fftshift(a, axes=axes))
            np.testing.assert_array_equal(mx.fft.ifftshift(mx.array(a), axes=axes), np.fft.ifftshift(a, axes=axes))
    for n in (1, 2, 5, 8, 11):
        for d in (1.0, 0.5, 3.0):
            f = mx.fft.fftfreq(n, d)
            assert f.dtype == mx.float32
            np.testing.assert_allclose(f, np.fft.fftfreq(n, d), rtol=1e-6, atol=1e-7)
            np.testing.assert_allclose(mx.fft.rfftfreq(n, d), np.fft.rfftfreq(n, d), rtol=1e-6, atol=1e-7)


# ---- gradients: real-valued losses of complex outputs, against central differences ----

def fd_grad(loss, x, eps=1e-3):
    """dL/dRe x + i dL/dIm x (MLX's convention for complex inputs), in float64."""
    x = np.array(x)
    g = np.zeros(x.shape, np.complex128 if np.iscomplexobj(x) else np.float64)
    parts = (1.0, 1j) if np.iscomplexobj(x) else (1.0,)
    for idx in np.ndindex(x.shape):
        for p in parts:
            xp, xm = x.copy(), x.copy()
            xp[idx] += p * eps
            xm[idx] -= p * eps
            d = (loss(mx.array(xp)).item() - loss(mx.array(xm)).item()) / (2 * eps)
            g[idx] += (1 if p == 1.0 else 1j) * d
    return g


GRAD_CASES = [
    ("fft", lambda x: mx.fft.fft(x), "c", (6,)),
    ("fft_pad", lambda x: mx.fft.fft(x, n=9), "c", (6,)),
    ("fft_crop_ortho", lambda x: mx.fft.fft(x, n=4, norm="ortho"), "c", (6,)),
    ("ifft", lambda x: mx.fft.ifft(x, axis=0), "c", (5, 2)),
    ("fftn", lambda x: mx.fft.fftn(x), "c", (3, 4)),
    ("rfft_even", lambda x: mx.fft.rfft(x), "r", (8,)),
    ("rfft_odd", lambda x: mx.fft.rfft(x, n=7, norm="forward"), "r", (6,)),
    ("rfft2", lambda x: mx.fft.rfft2(x), "r", (3, 4)),
    ("rfftn_axis0", lambda x: mx.fft.rfftn(x, axes=[1, 0]), "r", (4, 3)),
    ("irfft_even", lambda x: mx.fft.irfft(x), "c", (5,)),
    ("irfft_odd", lambda x: mx.fft.irfft(x, n=7), "c", (4,)),
    ("irfft2", lambda x: mx.fft.irfft2(x, s=(3, 6)), "c", (3, 4)),
]


@pytest.mark.parametrize("name,fn,kind,shape", GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_vjp_against_finite_differences(name, fn, kind, shape):
    x = crand(*shape) if kind == "c" else rrand(*shape)
    out_shape = fn(mx.array(x)).shape
    w = mx.array(RNG.standard_normal(out_shape).astype(np.float32))
    v = mx.array(RNG.standard_normal(out_shape).astype(np.float32))

    def loss(a):
        y = fn(a)
        if y.dtype == mx.complex64:
            return (mx.real(y) * w + mx.imag(y) * v + 0.1 * mx.abs(y) ** 2).sum()
        return (y * w + 0.1 * y ** 2).sum()

    got = np.array(mx.grad(loss)(mx.array(x)))
    want = fd_grad(loss, x)
    np.testing.assert_allclose(got, want, rtol=2e-2, atol=2e-2 * np.abs(want).max())


def test_jvp_is_the_transform_of_the_tangent():
    x, t = crand(3, 8), crand(3, 8)
    _, (d,) = mx.jvp(lambda a: mx.fft.fft2(a, norm="ortho"), [mx.array(x)], [mx.array(t)])
    close(d, np.fft.fft2(t, norm="ortho"))
    r, tr = rrand(10), rrand(10)
    _, (d,) = mx.jvp(lambda a: mx.fft.rfft(a), [mx.array(r)], [mx.array(tr)])
    close(d, np.fft.rfft(tr))
    _, (d,) = mx.jvp(lambda a: mx.fft.irfft(a, n=9), [mx.array(x[0])], [mx.array(t[0])])
    close(d, np.fft.irfft(t[0], n=9))


# ---- transforms, compile, export ----

def test_vmap_against_a_loop():
    x, r = crand(4, 6, 5), rrand(4, 6, 5)
    for fn, a in ((lambda v: mx.fft.fft(v), x), (lambda v: mx.fft.rfft(v, axis=0), r),
                  (lambda v: mx.fft.irfftn(v), x), (lambda v: mx.fft.fft2(v, s=(3, 7)), x)):
        for axis in (0, 1, 2):
            got = mx.vmap(fn, in_axes=axis)(mx.array(a))
            want = np.stack([np.array(fn(mx.array(np.take(a, i, axis=axis)))) for i in range(a.shape[axis])])
            close(got, want, rel=1e-6)


def test_compile_matches():
    f = lambda a: mx.abs(mx.fft.rfft2(a, norm="ortho")) * 2.0
    r = rrand(6, 10)
    close(mx.compile(f)(mx.array(r)), np.abs(np.fft.rfft2(r, norm="ortho")) * 2.0)
    g = mx.compile(lambda a: mx.fft.ifft(mx.fft.fft(a)), shapeless=True)
    for n in (8, 13):
        x = crand(3, n)
        close(g(mx.array(x)), x)


def test_export_round_trip():
    f = lambda a, b: [mx.fft.fftn(a, axes=[1, 0]), mx.fft.irfft(b, n=7), mx.fft.rfft(mx.real(a), axis=0)]
    a, b = crand(4, 6), crand(3, 4)
    buf = io.BytesIO()
    mx.export_function(buf, f, mx.array(a), mx.array(b))
    buf.seek(0)
    g = mx.import_function(buf)
    a2, b2 = crand(4, 6), crand(3, 4)
    for got, want in zip(g(mx.array(a2), mx.array(b2)), f(mx.array(a2), mx.array(b2))):
        assert got.dtype == want.dtype
        close(got, want, rel=1e-6)


def test_graph_is_lazy_and_prints():
    y = mx.fft.rfft(mx.ones((4, 6)), axis=0, norm="ortho")
    assert mx.graph_stats(y).pending_nodes >= 2  # the FFT and the norm's scale
    buf = io.StringIO()
    mx.print_graph(y, file=buf)
    assert "FFT(axes=[0], real, n=4)" in buf.getvalue()


# ---- stft / istft ----

def np_stft(x, n_fft, hop, window, center, pad_mode, onesided):
    if center:
        mode = {"reflect": "reflect", "constant": "constant", "edge": "edge"}[pad_mode]
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(n_fft // 2, n_fft // 2)], mode=mode)
    frames = 1 + (x.shape[-1] - n_fft) // hop
    fr = np.stack([x[..., t * hop:t * hop + n_fft] * window for t in range(frames)], axis=-2)
    spec = np.fft.rfft(fr, axis=-1) if onesided else np.fft.fft(fr, axis=-1)
    return np.swapaxes(spec, -1, -2)


def test_stft_against_numpy():
    x = rrand(2, 200)
    hann = np.hanning(32).astype(np.float32)
    for kw in (dict(n_fft=32), dict(n_fft=32, hop_length=5, window=hann), dict(n_fft=31, center=False),
               dict(n_fft=32, pad_mode="edge", win_length=20), dict(n_fft=16, pad_mode="constant")):
        n_fft = kw["n_fft"]
        hop = kw.get("hop_length", n_fft // 4)
        win = kw.get("window")
        if win is None:
            wl = kw.get("win_length", n_fft)
            left = (n_fft - wl) // 2
            win = np.pad(np.ones(wl, np.float32), (left, n_fft - wl - left))
        mx_kw = dict(kw)
        if "window" in mx_kw:
            mx_kw["window"] = mx.array(mx_kw["window"])
        got = mx.fft.stft(mx.array(x), **mx_kw)
        want = np_stft(x.astype(np.float64), n_fft, hop, win, kw.get("center", True),
                       kw.get("pad_mode", "reflect"), True)
        close(got, want)
    xc = crand(100)
    close(mx.fft.stft(mx.array(xc), n_fft=16), np_stft(xc, 16, 4, np.ones(16), True, "reflect", False))


def test_istft_inverts_stft():
    x = rrand(3, 300)
    hann = mx.array(np.hanning(64).astype(np.float32) + 0.01)
    for kw in (dict(n_fft=64), dict(n_fft=64, hop_length=16, window=hann), dict(n_fft=63, hop_length=9)):
        s = mx.fft.stft(mx.array(x), **kw)
        y = mx.fft.istft(s, length=300, **kw)
        assert y.shape == (3, 300) and y.dtype == mx.float32
        np.testing.assert_allclose(np.array(y), x, atol=2e-5 * np.abs(x).max())
    s = mx.fft.stft(mx.array(x), n_fft=64, center=False, hop_length=16)
    y = mx.fft.istft(s, n_fft=64, center=False, hop_length=16)
    np.testing.assert_allclose(np.array(y), x[:, : y.shape[-1]], atol=1e-4)
    xc = crand(120)
    s = mx.fft.stft(mx.array(xc), n_fft=16)
    y = mx.fft.istft(s, n_fft=16, onesided=False, length=120)
    np.testing.assert_allclose(np.array(y), xc.real, atol=1e-5)


def test_stft_gradient():
    x = rrand(40)
    w = mx.array(np.hanning(16).astype(np.float32))
    loss = lambda a: (mx.abs(mx.fft.stft(a, n_fft=16, hop_length=4, window=w)) ** 2).sum()
    got = np.array(mx.grad(loss)(mx.array(x)))
    np.testing.assert_allclose(got, fd_grad(loss, x), rtol=2e-2, atol=2e-2 * np.abs(got).max())


def test_stft_errors():
    x = mx.zeros((100,))
    with pytest.raises(ValueError, match=r"\[stft\] n_fft must be positive"):
        mx.fft.stft(x, n_fft=0)
    with pytest.raises(ValueError, match="too short"):
        mx.fft.stft(x, n_fft=200, center=False)
    with pytest.raises(ValueError, match="hop_length"):
        mx.fft.stft(x, n_fft=16, hop_length=0)
    with pytest.raises(ValueError, match="must not exceed n_fft"):
        mx.fft.stft(x, n_fft=16, win_length=20)
    with pytest.raises(ValueError, match="pad_mode"):
        mx.fft.stft(x, n_fft=16, pad_mode="x")
    with pytest.raises(ValueError, match="at least one dimension"):
        mx.fft.stft(mx.array(1.0), n_fft=16)
    with pytest.raises(ValueError, match="onesided"):
        mx.fft.stft(x.astype(mx.complex64), n_fft=16, onesided=True)
    with pytest.raises(ValueError, match=r"\[istft\] Input must have at least two"):
        mx.fft.istft(x)
    with pytest.raises(ValueError, match=r"\[istft\] hop_length"):
        mx.fft.istft(mx.zeros((9, 5), mx.complex64), hop_length=0)
