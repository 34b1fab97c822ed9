// CPU evaluation of the distributed primitives: pack the input densely, give the
// output a buffer, and hand both to the communication layer.
#include "cpu/elementwise_common.h"
#include "primitives/distributed.h"

namespace mxg {

using distributed::detail::Reduce;

void AllReduce::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  alloc_rows(outputs[0]);
  const char* op = op_ == Reduce::Sum ? "all_sum" : op_ == Reduce::Max ? "all_max" : "all_min";
  distributed::detail::all_reduce(*group_.impl(), in, outputs[0], op_, op);
}

void AllGather::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  alloc_rows(outputs[0]);
  distributed::detail::all_gather(*group_.impl(), in, outputs[0], "all_gather");
}

void ReduceScatter::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  alloc_rows(outputs[0]);
  distributed::detail::reduce_scatter(*group_.impl(), in, outputs[0], "sum_scatter");
}

void Send::eval_cpu(const std::vector<array>& inputs, std::vector<array>& outputs) {
  array in = ensure_row_contiguous(inputs[0]);
  distributed::detail::send(*group_.impl(), in, dst_, "send");
  outputs[0].copy_shared_buffer(in, in.strides(), in.flags(), in.data_size());
}

void Recv::eval_cpu(const std::vector<array>&, std::vector<array>& outputs) {
  alloc_rows(outputs[0]);
  distributed::detail::recv(*group_.impl(), outputs[0], src_, "recv");
}

} // namespace mxg
