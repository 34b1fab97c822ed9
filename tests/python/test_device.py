"""Devices and streams: mx.cpu, mx.gpu (never available here), streams, mx.stream."""

import pytest

import mxgraph.core as mx


def test_cpu_and_gpu_devices():
    assert mx.cpu == mx.DeviceType.cpu
    assert mx.gpu == mx.DeviceType.gpu
    assert mx.Device(mx.cpu) == mx.cpu
    assert mx.Device(mx.cpu).type == mx.cpu
    assert mx.Device(mx.cpu, 0).index == 0
    assert mx.Device(mx.cpu) != mx.Device(mx.gpu)
    assert "cpu" in repr(mx.Device(mx.cpu))


def test_default_device_is_cpu():
    assert mx.default_device() == mx.cpu
    assert mx.default_device() == mx.Device(mx.cpu, 0)


def test_availability():
    assert mx.is_available(mx.cpu)
    assert mx.is_available(mx.Device(mx.cpu))
    assert not mx.is_available(mx.gpu)
    assert mx.device_count(mx.cpu) >= 1
    assert mx.device_count(mx.gpu) == 0
    assert mx.device_count(device_type=mx.cpu) == 1  # MLX's keyword
    assert mx.device_count(device_type=mx.gpu) == 0


def test_metal_and_cuda_namespaces():
    assert mx.metal.is_available() is False
    assert mx.cuda.is_available() is False
    import mxgraph.core.cuda as cuda
    import mxgraph.core.metal as metal

    assert metal is mx.metal and cuda is mx.cuda
    assert mx.metal.device_info() == {}
    with pytest.raises(RuntimeError, match="Metal is not available"):
        mx.metal.start_capture("trace.gputrace")
    # MLX's deprecated metal memory functions forward to the device-neutral ones.
    assert mx.metal.get_active_memory() == mx.get_active_memory()
    assert mx.metal.get_peak_memory is mx.get_peak_memory


def test_set_default_device_gpu_raises_clear_error():
    with pytest.raises(ValueError, match=r"\[set_default_device\].*not available.*mx\.cpu"):
        mx.set_default_device(mx.gpu)
    assert mx.default_device() == mx.cpu  # unchanged after the failed call


def test_set_default_device_cpu():
    mx.set_default_device(mx.cpu)
    assert mx.default_device() == mx.cpu
    mx.set_default_device(mx.Device(mx.cpu, 0))
    assert mx.default_device() == mx.cpu


def test_ops_on_gpu_raise_at_the_call():
    a = mx.array([1.0, 2.0])
    with pytest.raises(ValueError, match="not available"):
        mx.add(a, a, stream=mx.gpu)
    with pytest.raises(ValueError, match="not available"):
        mx.exp(a, stream=mx.gpu)


def test_default_stream():
    s = mx.default_stream(mx.cpu)
    assert isinstance(s, mx.Stream)
    assert s.device == mx.cpu
    assert s == mx.default_stream(mx.default_device())
    assert "Stream" in repr(s)


def test_new_stream():
    s1 = mx.new_stream(mx.cpu)
    s2 = mx.new_stream(mx.cpu)
    assert s1.device == mx.cpu and s2.device == mx.cpu
    assert s1 != s2
    assert s1 != mx.default_stream(mx.cpu)
    with pytest.raises(ValueError, match="not available"):
        mx.new_stream(mx.gpu)


def test_ops_take_a_stream_or_device():
    a = mx.array([1.0, 2.0])
    s = mx.new_stream(mx.cpu)
    assert mx.add(a, a, stream=s).tolist() == [2.0, 4.0]
    assert mx.add(a, a, stream=mx.cpu).tolist() == [2.0, 4.0]
    assert mx.exp(a, stream=mx.Device(mx.cpu)).shape == (2,)


def test_stream_context_sets_and_restores():
    before = mx.default_stream(mx.cpu)
    s = mx.new_stream(mx.cpu)
    with mx.stream(s):
        assert mx.default_stream(mx.cpu) == s
        assert mx.default_device() == mx.cpu
        b = mx.array([1.0]) + 1.0
    assert mx.default_stream(mx.cpu) == before
    assert b.item() == 2.0
    with mx.stream(mx.cpu):
        assert mx.default_device() == mx.cpu
    assert mx.default_stream(mx.cpu) == before


def test_stream_context_restores_after_an_exception():
    before = mx.default_stream(mx.cpu)
    s = mx.new_stream(mx.cpu)
    with pytest.raises(KeyError):
        with mx.stream(s):
            raise KeyError("boom")
    assert mx.default_stream(mx.cpu) == before


def test_stream_context_rejects_gpu_and_junk():
    with pytest.raises(ValueError, match="not available"):
        with mx.stream(mx.gpu):
            pass
    assert mx.default_device() == mx.cpu
    with pytest.raises(TypeError):
        mx.stream("cpu")
