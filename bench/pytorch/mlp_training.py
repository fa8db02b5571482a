#!/usr/bin/env python3
"""The MLP training step of MlpTrainingBenchmark in PyTorch: 32 -> 64 -> 64 -> 8, tanh, float64,
batch 256, mean-squared error, autograd backward and an Adam step. Prints JSON with the median
time per step over REPEATS timed blocks of STEPS steps, one thread (and two threads).

    /usr/bin/python3 bench/pytorch/mlp_training.py [steps]
"""
import json
import sys
import time

import torch

IN, HIDDEN, OUT, BATCH = 32, (64, 64), 8, 256


def build():
    torch.manual_seed(1)
    layers, width = [], IN
    for h in HIDDEN:
        layers += [torch.nn.Linear(width, h), torch.nn.Tanh()]
        width = h
    layers.append(torch.nn.Linear(width, OUT))
    return torch.nn.Sequential(*layers).double()


def measure(threads, steps, repeats=7):
    torch.set_num_threads(threads)
    net = build()
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    g = torch.Generator().manual_seed(2)
    x = torch.randn(BATCH, IN, dtype=torch.float64, generator=g)
    y = torch.randn(BATCH, OUT, dtype=torch.float64, generator=g)

    def step():
        opt.zero_grad()
        loss = torch.mean((net(x) - y) ** 2)
        loss.backward()
        opt.step()
        return loss

    for _ in range(steps):
        step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps)
    times.sort()
    return times[len(times) // 2]


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    out = {"torch": torch.__version__, "batch": BATCH, "sizes": [IN, *HIDDEN, OUT], "dtype": "float64"}
    for threads in (1, 2):
        t = measure(threads, steps)
        out[f"threads{threads}_us_per_step"] = t * 1e6
        out[f"threads{threads}_samples_per_s"] = BATCH / t
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
