// Python bindings: mx.random.
#include "convert.h"
#include "init.h"
#include "mxgraph/random.h"

namespace mxg::python {
namespace {

using OptArray = std::optional<array>;
using OptShape = std::optional<Shape>;

// A distribution parameter: Python scalars take the sample dtype (so 0.1 is not
// rounded through float32 for float64 samples); arrays keep theirs.
array param(const py::handle& obj, Dtype dtype) {
  return is_python_scalar(obj) ? to_array(obj, dtype) : to_array(obj);
}

std::optional<array> opt_param(const py::object& obj, Dtype dtype) {
  if (obj.is_none()) return std::nullopt;
  return param(obj, dtype);
}

} // namespace

void init_random(py::module_& m) {
  auto r = m.def_submodule("random", "Random numbers from explicit or global keys.");
  auto stream = [](const py::object& s) { return to_stream_or_device(s); };
  r.def("seed", [](uint64_t s) { random::seed(s); }, py::arg("seed"),
        "Seeds the calling thread's key, used when no key is given.");
  // mx.random.state: MLX's _RandomState, the calling thread's key as a list of
  // one array, for compile's inputs= / outputs=. _state_set is compile's writer.
  py::class_<RandomStateView>(r, "_RandomState")
      .def("__len__", [](const RandomStateView&) { return 1; })
      .def("__getitem__", [](const RandomStateView&, int64_t i) {
        if (i != 0 && i != -1) throw py::index_error("random state index out of range");
        return random::state();
      }, py::arg("index"))
      .def("__iter__", [](const RandomStateView&) {
        py::list l;
        l.append(random::state());
        return py::iter(l);
      });
  r.attr("state") = RandomStateView{};
  r.def("_state_set", [](const array& k) { random::set_state(k); }, py::arg("key"));
  r.def("key", [](uint64_t s) { return random::key(s); }, py::arg("seed"),
        "A PRNG key (a uint32 array of shape (2,)) from a seed.");
  r.def("split", [=](const array& key, int num, const py::object& s) {
    return random::split(key, num, stream(s));
  }, py::arg("key"), py::arg("num") = 2, py::arg("stream") = py::none(),
     "Splits a key into `num` new keys, as a (num, 2) array.");
  r.def("bits", [=](const Shape& shape, int width, const OptArray& key, const py::object& s) {
    return random::bits(shape, width, key, stream(s));
  }, py::arg("shape") = Shape{}, py::arg("width") = 4, py::arg("key") = py::none(),
     py::arg("stream") = py::none(), "Random bits: uint32 for width 4, uint64 for width 8.");
  r.def("uniform", [=](const py::object& low, const py::object& high, const Shape& shape,
                       std::optional<Dtype> dtype, const OptArray& key, const py::object& s) {
    Dtype t = dtype.value_or(float32);
    return random::uniform(param(low, t), param(high, t), shape, t, key, stream(s));
  }, py::arg("low") = 0, py::arg("high") = 1, py::arg("shape") = Shape{},
     py::arg("dtype") = float32, py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "Uniform samples in [low, high).");
  r.def("normal", [=](const Shape& shape, std::optional<Dtype> dtype, const py::object& loc,
                      const py::object& scale, const OptArray& key, const py::object& s) {
    Dtype t = dtype.value_or(float32);
    return random::normal(shape, t, opt_param(loc, t), opt_param(scale, t), key, stream(s));
  }, py::arg("shape") = Shape{}, py::arg("dtype") = float32, py::arg("loc") = py::none(),
     py::arg("scale") = py::none(), py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "Normal samples with mean `loc` and standard deviation `scale`.");
  r.def("multivariate_normal", [=](const py::object& mean, const py::object& cov, const Shape& shape,
                                   std::optional<Dtype> dtype, const OptArray& key, const py::object& s) {
    return random::multivariate_normal(to_array(mean), to_array(cov), shape, dtype.value_or(float32), key, stream(s));
  }, py::arg("mean"), py::arg("cov"), py::arg("shape") = Shape{}, py::arg("dtype") = float32,
     py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "Jointly normal samples with the given mean (..., n) and covariance (..., n, n).");
  r.def("randint", [=](const py::object& low, const py::object& high, const Shape& shape,
                       std::optional<Dtype> dtype, const OptArray& key, const py::object& s) {
    return random::randint(to_array(low), to_array(high), shape, dtype.value_or(int32), key, stream(s));
  }, py::arg("low"), py::arg("high"), py::arg("shape") = Shape{}, py::arg("dtype") = int32,
     py::arg("key") = py::none(), py::arg("stream") = py::none(), "Random integers in [low, high).");
  r.def("bernoulli", [=](const py::object& p, const OptShape& shape, const OptArray& key,
                         const py::object& s) {
    return random::bernoulli(param(p, float32), shape, key, stream(s));
  }, py::arg("p") = 0.5, py::arg("shape") = py::none(), py::arg("key") = py::none(),
     py::arg("stream") = py::none(), "Booleans that are True with probability p.");
  r.def("truncated_normal", [=](const py::object& lower, const py::object& upper,
                                const OptShape& shape, std::optional<Dtype> dtype,
                                const OptArray& key, const py::object& s) {
    Dtype t = dtype.value_or(float32);
    return random::truncated_normal(param(lower, t), param(upper, t), shape, t, key, stream(s));
  }, py::arg("lower"), py::arg("upper"), py::arg("shape") = py::none(), py::arg("dtype") = float32,
     py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "Normal samples truncated to [lower, upper].");
  r.def("gumbel", [=](const Shape& shape, std::optional<Dtype> dtype, const OptArray& key,
                      const py::object& s) {
    return random::gumbel(shape, dtype.value_or(float32), key, stream(s));
  }, py::arg("shape") = Shape{}, py::arg("dtype") = float32, py::arg("key") = py::none(),
     py::arg("stream") = py::none(), "Samples from the standard Gumbel distribution.");
  r.def("laplace", [=](const Shape& shape, std::optional<Dtype> dtype, double loc, double scale,
                       const OptArray& key, const py::object& s) {
    return random::laplace(shape, dtype.value_or(float32), loc, scale, key, stream(s));
  }, py::arg("shape") = Shape{}, py::arg("dtype") = float32, py::arg("loc") = 0.0,
     py::arg("scale") = 1.0, py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "Samples from the Laplace distribution.");
  r.def("categorical", [=](const array& logits, int axis, const OptShape& shape,
                           std::optional<int64_t> num_samples, const OptArray& key,
                           const py::object& s) {
    return random::categorical(logits, axis, shape, num_samples, key, stream(s));
  }, py::arg("logits"), py::arg("axis") = -1, py::arg("shape") = py::none(),
     py::arg("num_samples") = py::none(), py::arg("key") = py::none(),
     py::arg("stream") = py::none(), "Samples from the categorical distribution of `logits`.");
  r.def("permutation", [=](const py::object& x, int axis, const OptArray& key, const py::object& s) {
    if (py::isinstance<py::int_>(x)) return random::permutation(py::cast<int64_t>(x), key, stream(s));
    return random::permutation(to_array(x), axis, key, stream(s));
  }, py::arg("x"), py::arg("axis") = 0, py::arg("key") = py::none(), py::arg("stream") = py::none(),
     "A random permutation of range(x), or `x` shuffled along `axis`.");
}

} // namespace mxg::python
