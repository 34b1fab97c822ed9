// The CBLAS that matmul calls: Debian's OpenBLAS, or scipy-openblas32 from PyPI (what
// `pip install .` uses), whose symbols carry a scipy_ prefix. CMake picks one
// (MXGRAPH_BLAS) and defines MXGRAPH_SCIPY_OPENBLAS for the second.
#pragma once

#include <cblas.h>

#ifdef MXGRAPH_SCIPY_OPENBLAS
#define cblas_sgemm scipy_cblas_sgemm
#define cblas_sgemv scipy_cblas_sgemv
#define cblas_dgemm scipy_cblas_dgemm
#define cblas_dgemv scipy_cblas_dgemv
#define cblas_cgemm scipy_cblas_cgemm
#define cblas_cgemv scipy_cblas_cgemv
#define openblas_get_num_threads scipy_openblas_get_num_threads
#define openblas_set_num_threads scipy_openblas_set_num_threads
#endif
