"""Peers of spark-mlp on the same cores: PyTorch and scikit-learn train MNIST 784-256-10 to a test
accuracy target, with spark-mlp's bench recipe and with PyTorch's own, and report the training
seconds to the target (test evaluations after each epoch left out, as in submit/bench).

Run through submit/peers, which installs Debian's python3-torch and python3-sklearn when they are
missing and sets OMP_WAIT_POLICY=PASSIVE (without it this torch build spins idle threads).
"""

import argparse
import gzip
import json
import struct
import time
from pathlib import Path

import numpy as np


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows * cols)
    if magic == 2049:
        return np.frombuffer(data, np.uint8, offset=8)
    raise ValueError(f"{path}: magic number {magic} is neither IDX images nor labels")


def mnist(folder):
    folder = Path(folder)
    x = idx(folder / "train-images-idx3-ubyte.gz").astype(np.float32) / 255
    y = idx(folder / "train-labels-idx1-ubyte.gz").astype(np.int64)
    tx = idx(folder / "t10k-images-idx3-ubyte.gz").astype(np.float32) / 255
    ty = idx(folder / "t10k-labels-idx1-ubyte.gz").astype(np.int64)
    return x, y, tx, ty


def torch_run(name, data, batch, lr, warmup_epochs, epochs, target, seed):
    """784-256-10 ReLU, He-normal weights, Adam; lr warms up linearly over warmup_epochs."""
    import torch

    torch.manual_seed(seed)
    x, y, tx, ty = (torch.from_numpy(a) for a in data)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)
    )
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    steps_per_epoch = (len(x) + batch - 1) // batch
    warmup_steps = warmup_epochs * steps_per_epoch
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    seconds, step, history = 0.0, 0, []
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(len(x), generator=generator)
        for s in range(steps_per_epoch):
            if step < warmup_steps:
                for group in optimizer.param_groups:
                    group["lr"] = lr * (step + 1) / warmup_steps
            rows = order[s * batch : (s + 1) * batch]
            optimizer.zero_grad()
            loss_fn(model(x[rows]), y[rows]).backward()
            optimizer.step()
            step += 1
        seconds += time.perf_counter() - start
        with torch.no_grad():
            accuracy = (model(tx).argmax(1) == ty).double().mean().item()
        history.append(accuracy)
        if accuracy >= target:
            return result(name, seconds, epoch, history)
    return result(name, None, None, history)


def sklearn_run(name, data, batch, lr, epochs, target, seed):
    """scikit-learn's MLPClassifier (ReLU, Adam), one partial_fit per epoch."""
    from sklearn.neural_network import MLPClassifier

    x, y, tx, ty = data
    model = MLPClassifier(
        hidden_layer_sizes=(256,), batch_size=batch, learning_rate_init=lr, random_state=seed
    )
    classes = np.arange(10)
    seconds, history = 0.0, []
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        model.partial_fit(x, y, classes=classes)
        seconds += time.perf_counter() - start
        history.append(float((model.predict(tx) == ty).mean()))
        if history[-1] >= target:
            return result(name, seconds, epoch, history)
    return result(name, None, None, history)


def result(name, seconds, epoch, history):
    line = f"{name}: " + (
        f"{seconds:.1f} s of training to the target, epoch {epoch}"
        if seconds is not None
        else f"target not reached in {len(history)} epochs"
    )
    print(line + f"; test accuracy by epoch {[round(a, 4) for a in history]}", flush=True)
    return {"peer": name, "seconds_to_target": seconds, "epochs": epoch, "test_accuracy": history}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/mnist")
    parser.add_argument("--target", type=float, default=0.975)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", default="target/peers.json")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    data = mnist(args.data)
    runs = [
        torch_run("pytorch, our recipe (batch 4096, Adam 0.03, 1 warm-up epoch)",
                  data, 4096, 0.03, 1, 20, args.target, 42),
        torch_run("pytorch, its recipe (batch 512, Adam 3e-3)",
                  data, 512, 3e-3, 0, 10, args.target, 42),
        sklearn_run("scikit-learn MLPClassifier (batch 512, Adam 3e-3)",
                    data, 512, 3e-3, 20, args.target, 42),
    ]
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps({"target_accuracy": args.target, "threads": args.threads, "runs": runs}, indent=2)
        + "\n"
    )
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
