"""Ferrel's shallow-water scheme written in PyTorch (eager, CPU, float64, 1 thread), side by side
with ShallowWaterBenchmark: Williamson case 5 on the 2.8-degree lat-lon C-grid, vector-invariant
form with Sadourny's energy-conserving Coriolis term, Fourier polar filter on the tendencies
poleward of 45 degrees (here by rfft, the same linear operator as Ferrel's circulant matrices),
SSP-RK3 with 450 s steps. Times 10 steps forward and the gradient of 1e-12 * sum(h^2) after 10
steps by autograd, and checks the values against Ferrel's (from the files ShallowWaterReference
writes). Prints JSON lines.

    python3 shallow_water.py FOLDER [REPEATS] [THREADS]    # THREADS: torch intra-op threads (default 1)
"""
import json
import math
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

A, OMEGA, G = 6.37122e6, 7.292e-5, 9.80616
NX, NY, DT, STEPS = 128, 64, 450.0, 10
PHI_C = math.radians(45)

dlam, dphi = 2 * math.pi / NX, math.pi / NY
lat = np.array([-math.pi / 2 + (j + 0.5) * dphi for j in range(NY)])
face = np.array([-math.pi / 2 + (j + 1) * dphi for j in range(NY)])
cos_face = np.where(np.arange(NY) == NY - 1, 0.0, np.cos(face))
dy = A * dphi
dx_c = A * np.cos(lat) * dlam
dx_v = A * cos_face * dlam
north_s = np.where(np.arange(NY) == NY - 1, 1.0, np.sin(face))
south_s = np.concatenate([[-1.0], np.sin(face[:-1])])
area = A * A * dlam * (north_s - south_s)
corner_north = np.concatenate([np.sin(lat[1:]), [1.0]])
corner_area = A * A * dlam * (corner_north - np.sin(lat))
coriolis = 2 * OMEGA * np.where(np.arange(NY) == NY - 1, 1.0, np.sin(face))
vmask = np.where(np.arange(NY) == NY - 1, 0.0, 1.0)


def col(x):
    return torch.tensor(x).reshape(NY, 1)


DXC, INV_DXC, DXV = col(dx_c), col(1 / dx_c), col(dx_v)
INV_DXV = col(np.where(dx_v == 0, 0.0, 1 / np.where(dx_v == 0, 1, dx_v)))
INV_AREA, INV_CAREA, F, VMASK = col(1 / area), col(1 / corner_area), col(coriolis), col(vmask)


def response(latitudes):
    k = np.arange(NX // 2 + 1)
    s = np.ones((NY, NX // 2 + 1))
    for j, phi in enumerate(latitudes):
        if abs(phi) > PHI_C:
            with np.errstate(divide="ignore"):
                r = np.cos(phi) / (math.cos(PHI_C) * np.sin(k * dlam / 2))
            s[j] = np.minimum(1.0, np.where(k == 0, 1.0, r))
    return torch.tensor(s)


S_CENTRE = response(lat)
S_V = response(np.where(np.arange(NY) == NY - 1, math.pi / 2, face))


def filt(x, s):
    return torch.fft.irfft(torch.fft.rfft(x, dim=1) * s, n=NX, dim=1)


east = lambda a: torch.roll(a, -1, 1)
west = lambda a: torch.roll(a, 1, 1)
north = lambda a: torch.cat([a[1:], torch.zeros(1, NX)], 0)
south = lambda a: torch.cat([torch.zeros(1, NX), a[:-1]], 0)


def tendency(h, u, v, g, b):
    fu = 0.5 * (h + east(h)) * u
    fv = 0.5 * (h + north(h)) * v
    fx, fy = fu * dy, fv * DXV
    dh = -((fx - west(fx)) + (fy - south(fy))) * INV_AREA
    ux = u * DXC
    zeta = ((east(v) - v) * dy - (north(ux) - ux)) * INV_CAREA
    zeta = zeta * VMASK + zeta.mean(1, keepdim=True) * (1 - VMASK)
    hc = 0.5 * (h + east(h))
    hq = 0.5 * (hc + north(hc))
    q = (zeta + F) / hq
    w = fv * DXV
    qv = q * 0.5 * (w + east(w))
    cor_u = 0.5 * (qv + south(qv)) * INV_DXC
    qu = q * 0.5 * (fu + north(fu))
    cor_v = -0.5 * (qu + west(qu))
    k = 0.5 * (0.5 * (u * u + west(u * u)) + 0.5 * (v * v + south(v * v)))
    bern = k + g * (h + b)
    du = cor_u - (east(bern) - bern) * INV_DXC
    dv = (cor_v - (north(bern) - bern) * VMASK / dy) * VMASK
    return filt(dh, S_CENTRE), filt(du, S_CENTRE), filt(dv, S_V)


def step(h, u, v, g, b):
    def plus(x, t, c):
        return tuple(xi + c * ti for xi, ti in zip(x, t))
    x0 = (h, u, v)
    x1 = plus(x0, tendency(*x0, g, b), DT)
    y = plus(x1, tendency(*x1, g, b), DT)
    x2 = tuple(0.75 * a + 0.25 * c for a, c in zip(x0, y))
    z = plus(x2, tendency(*x2, g, b), DT)
    return tuple(a / 3 + 2 * c / 3 for a, c in zip(x0, z))


def run(h, u, v, g, b):
    for _ in range(STEPS):
        h, u, v = step(h, u, v, g, b)
    return 1e-12 * (h * h).sum()


def load(name):
    return torch.tensor(np.fromfile(name, dtype="<f8").reshape(NY, NX))


def measure(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e3


def main():
    folder = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    h0, u0, v0, b = (load(f"{folder}/sw-{n}.f64") for n in ("h", "u", "v", "b"))
    g = torch.tensor(G)

    def forward():
        with torch.no_grad():
            return run(h0, u0, v0, g, b)

    def gradient():
        h = h0.clone().requires_grad_(True)
        bb = b.clone().requires_grad_(True)
        loss = run(h, u0, v0, g, bb)
        loss.backward()
        return loss, h.grad, bb.grad

    loss, gh, gb = gradient()
    peer = "pytorch " + torch.__version__ + f" ({torch.get_num_threads()} thread(s))"
    print(json.dumps({"peer": peer, "benchmark": "sw forward 10 steps", "ms": measure(forward, repeats)}))
    print(json.dumps({"peer": peer, "benchmark": "sw gradient 10 steps", "ms": measure(gradient, repeats),
                      "loss": loss.item(), "dJ/dh0[32][64]": gh[32, 64].item(), "dJ/db[40][96]": gb[40, 96].item()}))


if __name__ == "__main__":
    main()
