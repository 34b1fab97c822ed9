// CPU kernels for the view primitives: Reshape, Transpose, Broadcast, Copy.
#include "cpu/elementwise_common.h"
#include "cpu/slicing.h"
#include "primitives/shape.h"

namespace mxg {

namespace {

// Strides that let `shape` view the strided elements of `in` in row-major order, when
// every group of merged or split axes is itself evenly strided (NumPy's no-copy
// reshape); false when the reshape needs a copy.
bool view_strides(const array& in, const Shape& shape, Strides& out) {
  Shape od;
  Strides os;
  for (int i = 0; i < in.ndim(); ++i) {
    if (in.shape()[i] != 1) {
      od.push_back(in.shape()[i]);
      os.push_back(in.strides()[i]);
    }
  }
  out.assign(shape.size(), 0);
  size_t oi = 0, ni = 0;
  while (ni < shape.size() && shape[ni] == 1) ++ni;
  while (oi < od.size() && ni < shape.size()) {
    size_t oj = oi + 1, nj = ni + 1;
    int64_t po = od[oi], pn = shape[ni];
    while (po != pn) {
      if (pn < po) {
        if (nj >= shape.size()) return false;
        pn *= shape[nj++];
      } else {
        if (oj >= od.size()) return false;
        po *= od[oj++];
      }
    }
    for (size_t k = oi; k + 1 < oj; ++k) {
      if (os[k] != od[k + 1] * os[k + 1]) return false;
    }
    out[nj - 1] = os[oj - 1];
    for (size_t k = nj - 1; k > ni; --k) out[k - 1] = out[k] * shape[k];
    oi = oj;
    ni = nj;
    while (ni < shape.size() && shape[ni] == 1) ++ni;
  }
  return oi == od.size() && ni == shape.size();
}

} // namespace

void Reshape::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  if (in.flags().row_contiguous) {
    out.copy_shared_buffer(in, row_strides(out.shape()), in.flags(), in.data_size());
    return;
  }
  Strides st;
  if (in.size() > 0 && view_strides(in, out.shape(), st)) {
    make_view(out, in, std::move(st), 0);
    return;
  }
  alloc_rows(out);
  copy_strided(in, out.raw_data(), out.dtype());
}

void Transpose::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  Strides st(axes().size());
  for (size_t i = 0; i < axes().size(); ++i) st[i] = in.strides()[axes()[i]];
  // Row/column contiguity of the result, from its strides.
  Flags f = in.flags();
  Strides rs = row_strides(out.shape());
  bool row = true, col = true;
  int64_t acc = 1;
  for (size_t i = 0; i < st.size(); ++i) {
    if (out.shape()[i] != 1 && st[i] != rs[i]) row = false;
    if (out.shape()[i] != 1 && st[i] != acc) col = false;
    acc *= out.shape()[i];
  }
  f.row_contiguous = f.contiguous && row && in.data_size() == in.size();
  f.col_contiguous = f.contiguous && col && in.data_size() == in.size();
  out.copy_shared_buffer(in, std::move(st), f, in.data_size());
}

void Broadcast::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  int diff = out.ndim() - in.ndim();
  Strides st(out.ndim(), 0);
  for (int i = 0; i < in.ndim(); ++i) {
    st[i + diff] = in.shape()[i] == 1 ? 0 : in.strides()[i];
  }
  Flags f = in.flags();
  if (out.size() != in.size()) {
    f.row_contiguous = false;
    f.col_contiguous = false;
  }
  out.copy_shared_buffer(in, std::move(st), f, in.data_size());
}

void Copy::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  const array& in = inputs[0];
  array& out = outputs[0];
  if (in.flags().row_contiguous && in.data_size() == in.size()) {
    out.copy_shared_buffer(in, in.strides(), in.flags(), in.data_size());
    return;
  }
  alloc_rows(out);
  copy_strided(in, out.raw_data(), out.dtype());
}

} // namespace mxg
