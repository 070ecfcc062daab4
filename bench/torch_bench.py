"""PyTorch CPU timings of the shipped model, for `npm run bench` (prints one JSON line).

    /usr/bin/python3 bench/torch_bench.py --threads 1 --batch 1 --repeats 20

Also counts the forward FLOPs with hooks on every Conv2d, Linear and attention matmul, as an
independent check of src/model/flops.ts.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from train.export import load_model  # noqa: E402


def count_flops(model, x, logsnr):
    """2 * multiply-adds of convolutions, linear layers and attention matmuls."""
    total = [0]

    def conv_hook(module, inputs, output):
        k = module.kernel_size[0] * module.kernel_size[1]
        total[0] += 2 * output.numel() * module.in_channels * k // module.groups

    def linear_hook(module, inputs, output):
        total[0] += 2 * output.numel() * module.in_features

    hooks = []
    for module in model.modules():
        if isinstance(module, torch.nn.Conv2d):
            hooks.append(module.register_forward_hook(conv_hook))
        elif isinstance(module, torch.nn.Linear):
            hooks.append(module.register_forward_hook(linear_hook))
    model(x, logsnr)
    for hook in hooks:
        hook.remove()
    # Attention: q k^T and att v, each 2 * T * T * C per image.
    c = model.cfg.channels[-1]
    tokens = (model.cfg.image_size // model.cfg.patch_size // 2 ** (len(model.cfg.channels) - 1)) ** 2
    return total[0] + 2 * 2 * tokens * tokens * c * x.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="public/models/emoji64")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model = load_model(args.model)
    x = torch.randn(args.batch, 64, 64, 3)
    logsnr = torch.zeros(args.batch)
    times = []
    with torch.no_grad():
        flops = count_flops(model, x, logsnr)
        for _ in range(3):
            model(x, logsnr)
        for _ in range(args.repeats):
            start = time.perf_counter()
            model(x, logsnr)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps(dict(threads=args.threads, batch=args.batch, median_ms=times[len(times) // 2],
                          flops=flops, torch=torch.__version__)))


if __name__ == "__main__":
    main()
