"""The Lorenz-96 gradient of Ferrel's Lorenz96Benchmark in PyTorch (eager autograd, CPU, float64).

40 variables, F = 8, RK4 with dt = 0.005, 1,000 steps, loss = |x(n)|^2 / 2; gradient with respect
to x(0) and F by plain reverse mode (PyTorch keeps the whole graph: the analogue of store-all).
The initial state is read from the file Ferrel writes (bench/results/lorenz96-x0.txt) so that both
sides differentiate the same trajectory. Prints one JSON line per measurement.
"""
import json
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

N, STEPS, DT = 40, 1000, 0.005


def tendency(x, f):
    return (torch.roll(x, -1) - torch.roll(x, 2)) * torch.roll(x, 1) - x + f


def run(x, f):
    for _ in range(STEPS):
        k1 = tendency(x, f)
        k2 = tendency(x + DT / 2 * k1, f)
        k3 = tendency(x + DT / 2 * k2, f)
        k4 = tendency(x + DT * k3, f)
        x = x + DT / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return 0.5 * (x * x).sum()


def measure(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e3


def main():
    x0_file = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    x0 = torch.tensor([float(v) for v in open(x0_file).read().split()])

    def forward():
        with torch.no_grad():
            return run(x0, torch.tensor(8.0))

    def gradient():
        x = x0.clone().requires_grad_(True)
        f = torch.tensor(8.0, requires_grad=True)
        loss = run(x, f)
        loss.backward()
        return loss, x.grad, f.grad

    loss, gx, gf = gradient()
    print(json.dumps({"peer": "pytorch " + torch.__version__, "benchmark": "forward",
                      "ms": measure(forward, repeats)}))
    print(json.dumps({"peer": "pytorch " + torch.__version__, "benchmark": "gradient",
                      "ms": measure(gradient, repeats), "loss": loss.item(),
                      "dL/dF": gf.item(), "dL/dx0[0]": gx[0].item()}))


if __name__ == "__main__":
    main()
