// A kernel with a type error: the build must fail and the message must carry the build log.
__kernel void brokenKernel(__global double* out) {
    out[get_global_id(0)] = undeclaredVariable;
}
