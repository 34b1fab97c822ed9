// The C ABI's closures (C callbacks as functions of arrays) and the transforms over them.
#include "capi_internal.h"

using namespace mxg;
using namespace mxg::capi;

namespace {

// The C side of a closure; the payload's destructor runs when the last copy goes.
struct CCallback {
  mxg_closure_fn fn;
  void* payload;
  void (*destroy)(void*);
  size_t num_outputs;
  CCallback(mxg_closure_fn f, void* p, void (*d)(void*), size_t n)
      : fn(f), payload(p), destroy(d), num_outputs(n) {}
  CCallback(const CCallback&) = delete; // a copy would destroy the payload twice
  CCallback& operator=(const CCallback&) = delete;
  ~CCallback() {
    if (destroy) destroy(payload);
  }
};

void free_handles(std::vector<mxg_array*>& hs) {
  for (auto*& h : hs) {
    mxg_array_free(h);
    h = nullptr;
  }
}

// Calls the C function; C++ exceptions never pass through its frames.
std::vector<array> call_c(const CCallback& cb, const std::vector<array>& inputs) {
  std::vector<mxg_array*> ins(inputs.size(), nullptr), outs(cb.num_outputs, nullptr);
  try {
    for (size_t i = 0; i < inputs.size(); ++i) ins[i] = new mxg_array_t{inputs[i]};
  } catch (...) {
    free_handles(ins);
    throw;
  }
  clear_error();
  int rc = cb.fn(cb.payload, ins.data(), ins.size(), outs.data(), outs.size());
  free_handles(ins);
  std::vector<array> result;
  bool missing = false;
  for (auto* h : outs) missing |= (h == nullptr);
  if (rc == MXG_OK && !missing) {
    for (auto* h : outs) result.push_back(h->a);
  }
  free_handles(outs);
  if (rc != MXG_OK) {
    int code = (rc > MXG_OK && rc <= MXG_ERR_NULL) ? rc : MXG_ERR_RUNTIME;
    std::string msg = "[mxg_closure] The callback failed with status " + std::to_string(rc);
    const char* inner = mxg_last_error_message();
    msg += (inner && *inner) ? std::string(": ") + inner : std::string(".");
    throw callback_failed(code, msg);
  }
  if (missing) {
    throw callback_failed(MXG_ERR_NULL, "[mxg_closure] The callback returned MXG_OK but left an output NULL. Store " +
                                            std::to_string(cb.num_outputs) + " new array handles.");
  }
  return result;
}

void check_count(const char* fn, const char* what, size_t got, size_t want) {
  if (got != want) {
    throw std::invalid_argument(std::string("[") + fn + "] Expected " + std::to_string(want) + " " +
                                what + ", got " + std::to_string(got) + ".");
  }
}

} // namespace

extern "C" {

int mxg_closure_new(mxg_closure** out, mxg_closure_fn fn, void* payload, void (*destroy)(void*),
                    size_t num_outputs) {
  const char* f = "mxg_closure_new";
  std::shared_ptr<CCallback> cb;
  try {
    cb = std::make_shared<CCallback>(fn, payload, destroy, num_outputs);
  } catch (...) {
    if (destroy) destroy(payload);
    return status_of_current_exception(f);
  }
  return guard_out(f, out, [&] {
    if (!fn) throw null_argument("[mxg_closure_new] Argument 'fn' is NULL. Pass a callback.");
    if (num_outputs == 0) {
      throw std::invalid_argument("[mxg_closure_new] A closure needs at least one output.");
    }
    ArrayFn afn = [cb](const std::vector<array>& in) { return call_c(*cb, in); };
    return new mxg_closure_t{std::move(afn), num_outputs};
  });
}

int mxg_closure_num_outputs(const mxg_closure* f, size_t* out) {
  return guard_out("mxg_closure_num_outputs", out,
                   [&] { return need(f, "mxg_closure_num_outputs", "f").num_outputs; });
}

int mxg_closure_call(const mxg_closure* f, mxg_array* const* inputs, size_t num_inputs,
                     mxg_array** outputs) {
  const char* fn = "mxg_closure_call";
  return guard(fn, [&] {
    const auto& c = need(f, fn, "f");
    need(outputs, fn, "outputs");
    for (size_t i = 0; i < c.num_outputs; ++i) outputs[i] = nullptr;
    auto res = c.fn(to_arrays(inputs, num_inputs, fn, "inputs"));
    check_count(fn, "outputs from the function", res.size(), c.num_outputs);
    put_arrays(outputs, res);
  });
}

int mxg_vjp(const mxg_closure* f, mxg_array* const* primals, size_t num_primals,
            mxg_array* const* cotangents, size_t num_cotangents, mxg_array** outputs,
            mxg_array** vjps) {
  const char* fn = "mxg_vjp";
  return guard(fn, [&] {
    const auto& c = need(f, fn, "f");
    need(outputs, fn, "outputs"), need(vjps, fn, "vjps");
    for (size_t i = 0; i < c.num_outputs; ++i) outputs[i] = nullptr;
    for (size_t i = 0; i < num_primals; ++i) vjps[i] = nullptr;
    auto [outs, grads] = vjp(c.fn, to_arrays(primals, num_primals, fn, "primals"),
                             to_arrays(cotangents, num_cotangents, fn, "cotangents"));
    check_count(fn, "outputs", outs.size(), c.num_outputs);
    check_count(fn, "cotangents of the primals", grads.size(), num_primals);
    put_arrays(outputs, outs);
    put_arrays(vjps, grads);
  });
}

int mxg_jvp(const mxg_closure* f, mxg_array* const* primals, size_t num_primals,
            mxg_array* const* tangents, size_t num_tangents, mxg_array** outputs,
            mxg_array** jvps) {
  const char* fn = "mxg_jvp";
  return guard(fn, [&] {
    const auto& c = need(f, fn, "f");
    need(outputs, fn, "outputs"), need(jvps, fn, "jvps");
    for (size_t i = 0; i < c.num_outputs; ++i) outputs[i] = jvps[i] = nullptr;
    auto [outs, tans] = jvp(c.fn, to_arrays(primals, num_primals, fn, "primals"),
                            to_arrays(tangents, num_tangents, fn, "tangents"));
    check_count(fn, "outputs", outs.size(), c.num_outputs);
    check_count(fn, "output tangents", tans.size(), c.num_outputs);
    put_arrays(outputs, outs);
    put_arrays(jvps, tans);
  });
}

int mxg_value_and_grad(const mxg_closure* f, const int* argnums, size_t num_argnums,
                       mxg_array* const* primals, size_t num_primals, mxg_array** values,
                       mxg_array** grads) {
  const char* fn = "mxg_value_and_grad";
  return guard(fn, [&] {
    const auto& c = need(f, fn, "f");
    need(values, fn, "values"), need(grads, fn, "grads");
    std::vector<int> nums = argnums ? to_ints(argnums, num_argnums, fn, "argnums") : std::vector<int>{0};
    for (size_t i = 0; i < c.num_outputs; ++i) values[i] = nullptr;
    for (size_t i = 0; i < nums.size(); ++i) grads[i] = nullptr;
    auto [vals, gs] = value_and_grad(c.fn, nums)(to_arrays(primals, num_primals, fn, "primals"));
    check_count(fn, "values", vals.size(), c.num_outputs);
    check_count(fn, "gradients", gs.size(), nums.size());
    put_arrays(values, vals);
    put_arrays(grads, gs);
  });
}

int mxg_vmap(mxg_closure** out, const mxg_closure* f, const int* in_axes, size_t num_in_axes,
             const int* out_axes, size_t num_out_axes) {
  const char* fn = "mxg_vmap";
  return guard_out(fn, out, [&] {
    const auto& c = need(f, fn, "f");
    auto ins = to_ints(in_axes, num_in_axes, fn, "in_axes");
    auto outs = out_axes ? to_ints(out_axes, num_out_axes, fn, "out_axes") : std::vector<int>{};
    return new mxg_closure_t{vmap(c.fn, ins, outs), c.num_outputs};
  });
}

} // extern "C"
