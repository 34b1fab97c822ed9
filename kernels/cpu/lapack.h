// The LAPACK routines mx.linalg calls, from the OpenBLAS matmul links (Debian's
// libopenblas, or scipy-openblas32 whose symbols carry a scipy_ prefix). Fortran
// interfaces, column-major, 32-bit integers; hidden string lengths are not passed
// (each character argument is one character, which every LAPACK in use accepts).
#pragma once

#ifdef MXGRAPH_SCIPY_OPENBLAS
#define MXG_LAPACK(name) scipy_##name##_
#else
#define MXG_LAPACK(name) name##_
#endif

extern "C" {
#define MXG_LAPACK_REAL(T, p)                                                                      \
  void MXG_LAPACK(p##getrf)(const int* m, const int* n, T* a, const int* lda, int* ipiv, int* info); \
  void MXG_LAPACK(p##getri)(const int* n, T* a, const int* lda, const int* ipiv, T* work,            \
                            const int* lwork, int* info);                                           \
  void MXG_LAPACK(p##getrs)(const char* trans, const int* n, const int* nrhs, const T* a,           \
                            const int* lda, const int* ipiv, T* b, const int* ldb, int* info);      \
  void MXG_LAPACK(p##trtri)(const char* uplo, const char* diag, const int* n, T* a, const int* lda,  \
                            int* info);                                                             \
  void MXG_LAPACK(p##trtrs)(const char* uplo, const char* trans, const char* diag, const int* n,    \
                            const int* nrhs, const T* a, const int* lda, T* b, const int* ldb,      \
                            int* info);                                                             \
  void MXG_LAPACK(p##potrf)(const char* uplo, const int* n, T* a, const int* lda, int* info);       \
  void MXG_LAPACK(p##potri)(const char* uplo, const int* n, T* a, const int* lda, int* info);       \
  void MXG_LAPACK(p##geqrf)(const int* m, const int* n, T* a, const int* lda, T* tau, T* work,      \
                            const int* lwork, int* info);                                           \
  void MXG_LAPACK(p##orgqr)(const int* m, const int* n, const int* k, T* a, const int* lda,         \
                            const T* tau, T* work, const int* lwork, int* info);                    \
  void MXG_LAPACK(p##gesdd)(const char* jobz, const int* m, const int* n, T* a, const int* lda,      \
                            T* s, T* u, const int* ldu, T* vt, const int* ldvt, T* work,            \
                            const int* lwork, int* iwork, int* info);                               \
  void MXG_LAPACK(p##syevd)(const char* jobz, const char* uplo, const int* n, T* a, const int* lda, \
                            T* w, T* work, const int* lwork, int* iwork, const int* liwork,         \
                            int* info);                                                             \
  void MXG_LAPACK(p##geev)(const char* jobvl, const char* jobvr, const int* n, T* a, const int* lda, \
                           T* wr, T* wi, T* vl, const int* ldvl, T* vr, const int* ldvr, T* work,   \
                           const int* lwork, int* info);
MXG_LAPACK_REAL(float, s)
MXG_LAPACK_REAL(double, d)
#undef MXG_LAPACK_REAL
}

namespace mxg::lapack {

// Typed entry points: Lapack<float> calls the s routines, Lapack<double> the d ones.
template <typename T>
struct Lapack;

#define MXG_LAPACK_BIND(T, p)                                                               \
  template <>                                                                               \
  struct Lapack<T> {                                                                        \
    template <typename... A> static void getrf(A... a) { MXG_LAPACK(p##getrf)(a...); }      \
    template <typename... A> static void getri(A... a) { MXG_LAPACK(p##getri)(a...); }      \
    template <typename... A> static void getrs(A... a) { MXG_LAPACK(p##getrs)(a...); }      \
    template <typename... A> static void trtri(A... a) { MXG_LAPACK(p##trtri)(a...); }      \
    template <typename... A> static void trtrs(A... a) { MXG_LAPACK(p##trtrs)(a...); }      \
    template <typename... A> static void potrf(A... a) { MXG_LAPACK(p##potrf)(a...); }      \
    template <typename... A> static void potri(A... a) { MXG_LAPACK(p##potri)(a...); }      \
    template <typename... A> static void geqrf(A... a) { MXG_LAPACK(p##geqrf)(a...); }      \
    template <typename... A> static void orgqr(A... a) { MXG_LAPACK(p##orgqr)(a...); }      \
    template <typename... A> static void gesdd(A... a) { MXG_LAPACK(p##gesdd)(a...); }      \
    template <typename... A> static void syevd(A... a) { MXG_LAPACK(p##syevd)(a...); }      \
    template <typename... A> static void geev(A... a) { MXG_LAPACK(p##geev)(a...); }        \
  };
MXG_LAPACK_BIND(float, s)
MXG_LAPACK_BIND(double, d)
#undef MXG_LAPACK_BIND

} // namespace mxg::lapack
