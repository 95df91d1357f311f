# cython: language_level=3
"""prctl(PR_SET_PDEATHSIG) for a forked child (layout/parallel.py), compiled by `make compile`
on Linux. ctypes does the same when this is not built, but importing ctypes costs a child a
few milliseconds before it starts its share of a build."""

cdef extern from "sys/prctl.h":
    int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
              unsigned long arg5)

cdef extern from *:
    int PR_SET_PDEATHSIG


def die_with_parent(int signum):
    """Have the kernel send `signum` to this process when its parent exits; False when the
    kernel refuses."""
    return prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
