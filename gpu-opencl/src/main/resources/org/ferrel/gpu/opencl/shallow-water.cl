// The shallow-water step on an OpenCL device: the device form of
// org.ferrel.dycore.shallowwater.TendencyKernel (forward passes 1-4 and the adjoint passes A, C, E, G
// of its scalar loops) and of the integrators' stage updates (org.ferrel.autodiff.kernels.Elementwise).
// One work item per cell k = j nx + i, with the Java kernel's index arithmetic and its operations in
// its order; contraction into fused multiply-adds is off, so results agree with Java to round-off.
// The state is one buffer x = [h | u | v] of 3 n values (n = nx ny); a tendency has the same layout.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

/**
 * Cell k = j nx + i of the C-grid and its neighbours: east and west wrap around the latitude
 * circle; the rows north and south wrap too, but beyond a pole (hasNorth, hasSouth 0 on a sphere)
 * a neighbour's value reads as zero, so the kernels read north and south only where they exist.
 */
typedef struct {
    int j, i, base;
    int e, we;
    int hasNorth, hasSouth;
    int jn, js;
    int north, south;
} Cell;

inline Cell cellAt(int k, int nx, int ny, int periodicY) {
    Cell c;
    c.j = k / nx;
    c.i = k - c.j * nx;
    c.base = c.j * nx;
    c.e = c.i == nx - 1 ? c.base : k + 1;
    c.we = c.i == 0 ? c.base + nx - 1 : k - 1;
    c.hasNorth = periodicY || c.j < ny - 1;
    c.hasSouth = periodicY || c.j > 0;
    c.jn = c.j < ny - 1 ? c.j + 1 : 0;
    c.js = c.j > 0 ? c.j - 1 : ny - 1;
    c.north = c.jn * nx + c.i;
    c.south = c.js * nx + c.i;
    return c;
}

// ---- the tendency: forward passes ----

/** Pass 1: face depth hu, zonal mass flux U = hu u, meridional flux W = hv v dxV. */
__kernel void tendencyFaceFluxes(const int nx, const int ny, const int periodicY, __global const double* x,
                                 __global const double* dxV, __global double* hu, __global double* bigU,
                                 __global double* w) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double hN = c.hasNorth ? x[c.north] : 0.0;
    double huK = 0.5 * (x[k] + x[c.e]);
    hu[k] = huK;
    bigU[k] = huK * x[n + k];
    double hv = 0.5 * (x[k] + hN);
    double bigV = hv * x[2 * n + k];
    w[k] = bigV * dxV[c.j];
}

/** Pass 2: continuity (the depth tendency), relative vorticity at corners, corner depth hq. */
__kernel void tendencyContinuityVorticity(const int nx, const int ny, const int periodicY, const double dy,
                                          __global const double* x, __global const double* hu,
                                          __global const double* bigU, __global const double* w,
                                          __global const double* dxC, __global const double* invArea,
                                          __global const double* invCornerArea, __global double* out,
                                          __global double* zeta, __global double* hq) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double wS = c.hasSouth ? w[c.south] : 0.0;
    double uN = c.hasNorth ? x[n + c.north] : 0.0;
    double huN = c.hasNorth ? hu[c.north] : 0.0;
    double dxNorth = c.hasNorth ? dxC[c.jn] : 0.0;
    out[k] = -((bigU[k] - bigU[c.we]) * dy + (w[k] - wS)) * invArea[c.j];
    zeta[k] = ((x[2 * n + c.e] - x[2 * n + k]) * dy - (uN * dxNorth - x[n + k] * dxC[c.j])) * invCornerArea[c.j];
    hq[k] = 0.5 * (hu[k] + huN);
}

/**
 * The north-pole corners of the last row are one point: their value becomes the row's mean, summed
 * in index order (one work item, as the Java loop). Linear and symmetric: serves forward and adjoint.
 */
__kernel void poleRowToMean(const int nx, const int ny, __global double* corner) {
    if (get_global_id(0) != 0) return;
    int base = (ny - 1) * nx;
    double mean = 0.0;
    for (int i = 0; i < nx; i++) {
        mean += corner[base + i];
    }
    mean /= nx;
    for (int i = 0; i < nx; i++) {
        corner[base + i] = mean;
    }
}

/** Pass 3: potential vorticity q, its fluxes qv and qu, the Bernoulli function B = K + g (h + b). */
__kernel void tendencyFluxesBernoulli(const int nx, const int ny, const int periodicY, const double g,
                                      __global const double* x, __global const double* b,
                                      __global const double* coriolis, __global const double* zeta,
                                      __global const double* hq, __global const double* w,
                                      __global const double* bigU, __global const double* kineticU,
                                      __global const double* kineticVNorth, __global const double* kineticVSouth,
                                      __global double* q, __global double* qv, __global double* qu,
                                      __global double* bernoulli) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double qk = (zeta[k] + coriolis[k]) / hq[k];
    q[k] = qk;
    qv[k] = qk * 0.5 * (w[k] + w[c.e]);
    double uN = c.hasNorth ? bigU[c.north] : 0.0;
    qu[k] = qk * 0.5 * (bigU[k] + uN);
    double vs = c.hasSouth ? x[2 * n + c.south] : 0.0;
    double uk = x[n + k];
    double uw = x[n + c.we];
    double vk = x[2 * n + k];
    // the faces weighted by their areas (org.ferrel.dycore.shallowwater.KineticEnergyWeights)
    double kinetic = (uk * uk + uw * uw) * kineticU[c.j] + vk * vk * kineticVNorth[c.j] + vs * vs * kineticVSouth[c.j];
    bernoulli[k] = kinetic + g * (x[k] + b[k]);
}

/** Pass 4: the momentum tendencies (Coriolis terms minus the Bernoulli gradient; v masked at the pole). */
__kernel void tendencyMomentum(const int nx, const int ny, const int periodicY, const double dy,
                               __global const double* invDxC, __global const double* vMask,
                               __global const double* qv, __global const double* qu,
                               __global const double* bernoulli, __global double* out) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double qvS = c.hasSouth ? qv[c.south] : 0.0;
    double bN = c.hasNorth ? bernoulli[c.north] : 0.0;
    double idx = invDxC[c.j];
    double m = vMask[c.j];
    double mOverDy = m / dy;
    double coriolisU = 0.5 * (qv[k] + qvS) * idx;
    out[n + k] = coriolisU - (bernoulli[c.e] - bernoulli[k]) * idx;
    double coriolisV = -0.5 * (qu[k] + qu[c.we]);
    out[2 * n + k] = (coriolisV - (bN - bernoulli[k]) * mOverDy) * m;
}

// ---- the tendency: adjoint passes (gather form: every cell reads its neighbours) ----

/** Pass A: cotangents of the Bernoulli function gB and of the fluxes qv, qu from the output cotangent cot. */
__kernel void adjointBernoulliFluxes(const int nx, const int ny, const int periodicY, const double dy,
                                     __global const double* invDxC, __global const double* vMask,
                                     __global const double* cot, __global double* gB, __global double* gqv,
                                     __global double* gqu) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double gdvS = c.hasSouth ? cot[2 * n + c.south] : 0.0;
    double gduN = c.hasNorth ? cot[n + c.north] : 0.0;
    double idx = invDxC[c.j];
    double idxN = c.hasNorth ? invDxC[c.jn] : 0.0;
    double m = vMask[c.j];
    double mS = c.hasSouth ? vMask[c.js] : 0.0;
    double mOverDy = m / dy;
    double mOverDyS = c.hasSouth ? vMask[c.js] / dy : 0.0;
    double gduK = cot[n + k];
    double gdvK = cot[2 * n + k] * m;
    gB[k] = (gduK - cot[n + c.we]) * idx + gdvK * mOverDy - gdvS * mS * mOverDyS;
    gqv[k] = 0.5 * (gduK * idx + gduN * idxN);
    gqu[k] = -0.5 * (gdvK + cot[2 * n + c.e] * m);
}

/** Each row's sum of gB (h + b) in four interleaved partial sums, as TendencyKernel.rowSum (one work item per row). */
__kernel void adjointGravityRowSums(const int nx, const int ny, __global const double* x, __global const double* b,
                                    __global const double* gB, __global double* rowSums) {
    int j = get_global_id(0);
    if (j >= ny) return;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = j * nx;
    int end = k + nx;
    for (; k + 4 <= end; k += 4) {
        s0 += gB[k] * (x[k] + b[k]);
        s1 += gB[k + 1] * (x[k + 1] + b[k + 1]);
        s2 += gB[k + 2] * (x[k + 2] + b[k + 2]);
        s3 += gB[k + 3] * (x[k + 3] + b[k + 3]);
    }
    double sum = (s0 + s1) + (s2 + s3);
    for (; k < end; k++) {
        sum += gB[k] * (x[k] + b[k]);
    }
    rowSums[j] = sum;
}

/** The cotangent of g: the row sums added in row order (one work item). */
__kernel void adjointGravity(const int ny, __global const double* rowSums, __global double* gg) {
    if (get_global_id(0) != 0) return;
    double sum = 0.0;
    for (int j = 0; j < ny; j++) {
        sum += rowSums[j];
    }
    gg[0] = sum;
}

/**
 * Pass C: B = K + g (h + b); qu = q (U + U[N])/2; qv = q (W + W[E])/2; q = (zeta + f)/hq. The face
 * depths and fluxes are recomputed with the forward's operations in its order. Writes the first
 * parts of the cotangents of h, u, v (g3 = [gh | gu | gv]) and the cotangent of b.
 */
__kernel void adjointFluxesVorticity(const int nx, const int ny, const int periodicY, const double g,
                                     __global const double* x, __global const double* q,
                                     __global const double* dxV, __global const double* twiceKineticU,
                                     __global const double* twiceKineticVHere, __global const double* twiceKineticVAbove,
                                     __global const double* gB,
                                     __global const double* gqu, __global const double* gqv, __global double* g3,
                                     __global double* gU, __global double* gW, __global double* gzeta,
                                     __global double* ghq, __global double* gb) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    int northEast = c.jn * nx + (c.i == nx - 1 ? 0 : c.i + 1);
    double gBN = c.hasNorth ? gB[c.north] : 0.0;
    double hk = x[k];
    double he = x[c.e];
    double hn = c.hasNorth ? x[c.north] : 0.0;
    double hne = c.hasNorth ? x[northEast] : 0.0;
    double uNorth = c.hasNorth ? x[n + c.north] : 0.0;
    double gquS = c.hasSouth ? gqu[c.south] : 0.0;
    double qS = c.hasSouth ? q[c.south] : 0.0;
    double dxv = dxV[c.j];
    double uk = x[n + k];
    double vk = x[2 * n + k];
    double huK = 0.5 * (hk + he);
    double huN = c.hasNorth ? 0.5 * (hn + hne) : 0.0;
    double bigUK = huK * uk;
    double bigUN = c.hasNorth ? huN * uNorth : 0.0;
    double wK = 0.5 * (hk + hn) * vk * dxv;
    double wE = 0.5 * (he + hne) * x[2 * n + c.e] * dxv;
    double hqK = 0.5 * (huK + huN);
    g3[n + k] = twiceKineticU[c.j] * uk * (gB[k] + gB[c.e]);
    g3[2 * n + k] = vk * (twiceKineticVHere[c.j] * gB[k] + twiceKineticVAbove[c.j] * gBN);
    g3[k] = g * gB[k];
    double gq = gqu[k] * 0.5 * (bigUK + bigUN) + gqv[k] * 0.5 * (wK + wE);
    gU[k] = 0.5 * (gqu[k] * q[k] + gquS * qS);
    gW[k] = 0.5 * (gqv[k] * q[k] + gqv[c.we] * q[c.we]);
    double gz = gq / hqK;
    gzeta[k] = gz;
    ghq[k] = -gz * q[k];
    gb[k] = g * gB[k];
}

/**
 * Pass E: hq = (hu + hu[N])/2; zeta = ((v[E] - v) dy - (u[N] dx_{j+1} - u dx_j))/cornerArea_j;
 * dh = -((U - U[W]) dy + (W - W[S]))/area_j; U = hu u, W = hv v dxV. Completes gu and gv.
 */
__kernel void adjointVorticityContinuity(const int nx, const int ny, const int periodicY, const double dy,
                                         __global const double* x, __global const double* cot,
                                         __global const double* dxC, __global const double* dxV,
                                         __global const double* invArea, __global const double* invCornerArea,
                                         __global const double* gzeta, __global const double* ghq,
                                         __global const double* gU, __global const double* gW, __global double* g3,
                                         __global double* ghu, __global double* ghv) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double ghqS = c.hasSouth ? ghq[c.south] : 0.0;
    double gzetaS = c.hasSouth ? gzeta[c.south] : 0.0;
    double gdhN = c.hasNorth ? cot[c.north] : 0.0;
    double hNorth = c.hasNorth ? x[c.north] : 0.0;
    double ica = invCornerArea[c.j];
    double icaS = c.hasSouth ? invCornerArea[c.js] : 0.0;
    double ia = invArea[c.j];
    double iaN = c.hasNorth ? invArea[c.jn] : 0.0;
    double dxj = dxC[c.j];
    double dxv = dxV[c.j];
    double ghuK = 0.5 * (ghq[k] + ghqS);
    double gvK = g3[2 * n + k] + dy * (gzeta[c.we] - gzeta[k]) * ica;
    double guK = g3[n + k] + dxj * (gzeta[k] * ica - gzetaS * icaS);
    double gUK = gU[k] - dy * (cot[k] - cot[c.e]) * ia;
    double gWK = gW[k] - (cot[k] * ia - gdhN * iaN);
    double gV = gWK * dxv;
    g3[n + k] = guK + gUK * (0.5 * (x[k] + x[c.e]));
    ghu[k] = ghuK + gUK * x[n + k];
    g3[2 * n + k] = gvK + gV * (0.5 * (x[k] + hNorth));
    ghv[k] = gV * x[2 * n + k];
}

/** Pass G: hu = (h + h[E])/2, hv = (h + h[N])/2. Completes gh. */
__kernel void adjointFaceDepths(const int nx, const int ny, const int periodicY, __global const double* ghu,
                                __global const double* ghv, __global double* g3) {
    int n = nx * ny;
    int k = get_global_id(0);
    if (k >= n) return;
    Cell c = cellAt(k, nx, ny, periodicY);
    double ghvS = c.hasSouth ? ghv[c.south] : 0.0;
    g3[k] = g3[k] + (0.5 * (ghu[k] + ghu[c.we]) + 0.5 * (ghv[k] + ghvS));
}

// ---- the integrators' stage updates (org.ferrel.autodiff.kernels.Elementwise) ----

/** out = a + s b. */
__kernel void addScaled(const int length, __global const double* a, const double s, __global const double* b,
                        __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = a[k] + s * b[k];
}

/** out = a + b. */
__kernel void add(const int length, __global const double* a, __global const double* b, __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = a[k] + b[k];
}

/** out = a x + b y + c z, summed left to right. */
__kernel void combine3(const int length, const double a, __global const double* x, const double b,
                       __global const double* y, const double c, __global const double* z, __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = a * x[k] + b * y[k] + c * z[k];
}

/** out = a x + b y + c z + d w, summed left to right. */
__kernel void combine4(const int length, const double a, __global const double* x, const double b,
                       __global const double* y, const double c, __global const double* z, const double d,
                       __global const double* w, __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = a * x[k] + b * y[k] + c * z[k] + d * w[k];
}

/** out = s a. */
__kernel void scale(const int length, const double s, __global const double* a, __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = s * a[k];
}

/** out = a x + b y (out may be x or y: every work item reads and writes its own index). */
__kernel void combine2(const int length, const double a, __global const double* x, const double b,
                       __global const double* y, __global double* out) {
    int k = get_global_id(0);
    if (k >= length) return;
    out[k] = a * x[k] + b * y[k];
}

// ---- the polar filter: one circulant matrix per row (dycore's PolarFilter), as a convolution ----
// (applied to the field at offset in a buffer of several fields)

/**
 * out = C_j in, row by row: C_j is circulant with first column circulant[j nx ..], applied as a direct
 * convolution in index order (O(nx) per cell); rows with filtered[j] == 0 are copied. C_j is
 * symmetric (circulant[d] = circulant[nx - d]), so it is its own adjoint.
 */
__kernel void polarFilterRows(const int nx, const int ny, __global const double* circulant,
                              __global const int* filtered, const int offset, __global const double* in,
                              __global double* out) {
    int k = get_global_id(0);
    if (k >= nx * ny) return;
    int j = k / nx;
    int i = k - j * nx;
    if (!filtered[j]) {
        out[offset + k] = in[offset + k];
        return;
    }
    int base = j * nx;
    int row = offset + base;
    double sum = 0.0;
    for (int m = 0; m < nx; m++) {
        int d = i - m;
        if (d < 0) d += nx;
        sum += circulant[base + d] * in[row + m];
    }
    out[offset + k] = sum;
}

/**
 * The same filter by FFT, for nx a power of two: one work-group of nx/2 work items per filtered row
 * (rowStart[g] is the row's first index in the buffer), the row in local memory. Forward transform
 * by decimation in frequency (twiddles e^{-2 pi i k/nx}, natural order in, bit-reversed out), the
 * row's response in bit-reversed order with 1/nx folded in (response[g nx + p]), inverse by
 * decimation in time (bit-reversed in, natural out), as dycore's FourierKernels, one radix-2 stage
 * at a time and one row per transform. Rows not listed are not written.
 */
__kernel void polarFilterFft(const int nx, __global const int* rowStart, __global const double* response,
                             __global const double* cosTable, __global const double* sinTable,
                             __global const double* in, __global double* out, __local double* re,
                             __local double* im) {
    int g = get_group_id(0);
    int t = get_local_id(0);
    int halfNx = nx / 2;
    int start = rowStart[g];
    re[t] = in[start + t];
    re[t + halfNx] = in[start + t + halfNx];
    im[t] = 0.0;
    im[t + halfNx] = 0.0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int length = nx; length >= 2; length >>= 1) {
        int h = length >> 1;
        int k = t % h;
        int a = (t / h) * length + k;
        int b = a + h;
        double dr = re[a] - re[b];
        double di = im[a] - im[b];
        re[a] = re[a] + re[b];
        im[a] = im[a] + im[b];
        if (k == 0) {
            re[b] = dr;
            im[b] = di;
        } else {
            int w = k * (nx / length);
            double wr = cosTable[w];
            double wi = -sinTable[w];
            re[b] = dr * wr - di * wi;
            im[b] = dr * wi + di * wr;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    __global const double* s = response + g * nx;
    re[t] *= s[t];
    im[t] *= s[t];
    re[t + halfNx] *= s[t + halfNx];
    im[t + halfNx] *= s[t + halfNx];
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int length = 2; length <= nx; length <<= 1) {
        int h = length >> 1;
        int k = t % h;
        int a = (t / h) * length + k;
        int b = a + h;
        double tr;
        double ti;
        if (k == 0) {
            tr = re[b];
            ti = im[b];
        } else {
            int w = k * (nx / length);
            double wr = cosTable[w];
            double wi = sinTable[w];
            tr = re[b] * wr - im[b] * wi;
            ti = re[b] * wi + im[b] * wr;
        }
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] = re[a] + tr;
        im[a] = im[a] + ti;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    out[start + t] = re[t];
    out[start + t + halfNx] = re[t + halfNx];
}
