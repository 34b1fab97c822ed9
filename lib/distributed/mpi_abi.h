// The slice of the MPI C API mxgraph uses, resolved with dlopen/dlsym at run time
// so that nothing links MPI or needs mpi.h at build time.
//
// ABI: Open MPI (libmpi.so.40). Its handles (MPI_Comm, MPI_Datatype, MPI_Op,
// MPI_Request, MPI_Errhandler) are pointers, and the predefined ones are the
// addresses of exported objects (MPI_COMM_WORLD is &ompi_mpi_comm_world), which
// dlsym returns. MPICH (libmpi.so.12) uses int handles with fixed values instead
// (MPI_COMM_WORLD == 0x44000000); supporting it needs a second handle table here.
#pragma once

#include <string>

namespace mxg::distributed::detail {

using MpiHandle = void*;
/// Open MPI's MPI_IN_PLACE.
inline void* const kMpiInPlace = reinterpret_cast<void*>(1);

struct MpiApi {
  // Functions (MPI_Status* arguments are always MPI_STATUS_IGNORE, a null pointer).
  int (*Initialized)(int*);
  int (*Finalized)(int*);
  int (*Init_thread)(int*, char***, int, int*);
  int (*Finalize)();
  int (*Comm_rank)(MpiHandle, int*);
  int (*Comm_size)(MpiHandle, int*);
  int (*Comm_split)(MpiHandle, int, int, MpiHandle*);
  int (*Comm_set_errhandler)(MpiHandle, MpiHandle);
  int (*Error_string)(int, char*, int*);
  int (*Test)(MpiHandle*, int*, void*);
  int (*Iallreduce)(const void*, void*, int, MpiHandle, MpiHandle, MpiHandle, MpiHandle*);
  int (*Iallgather)(const void*, int, MpiHandle, void*, int, MpiHandle, MpiHandle, MpiHandle*);
  int (*Ireduce_scatter_block)(const void*, void*, int, MpiHandle, MpiHandle, MpiHandle, MpiHandle*);
  int (*Isend)(const void*, int, MpiHandle, int, int, MpiHandle, MpiHandle*);
  int (*Irecv)(void*, int, MpiHandle, int, int, MpiHandle, MpiHandle*);
  int (*Allreduce)(const void*, void*, int, MpiHandle, MpiHandle, MpiHandle);
  int (*Allgather)(const void*, int, MpiHandle, void*, int, MpiHandle, MpiHandle);
  int (*Reduce_scatter_block)(const void*, void*, int, MpiHandle, MpiHandle, MpiHandle);
  int (*Send)(const void*, int, MpiHandle, int, int, MpiHandle);
  int (*Recv)(void*, int, MpiHandle, int, int, MpiHandle, void*);
  // Predefined handles.
  MpiHandle comm_world, errors_return;
  MpiHandle op_sum, op_max, op_min, op_lor, op_land;
  MpiHandle t_bool, t_int8, t_uint8, t_int16, t_uint16, t_int32, t_uint32, t_int64, t_uint64,
      t_float, t_double, t_complex;
};

/// The loaded API, or null when MPI cannot be loaded (then `why` says why).
const MpiApi* load_mpi(std::string* why = nullptr);

/// Throws std::runtime_error "[op] Rank r: MPI error: ..." when rc is not MPI_SUCCESS.
void check_mpi(int rc, int rank, const char* op);

} // namespace mxg::distributed::detail
