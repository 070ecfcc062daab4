"""Export the shipped model (public/models/emoji64, float16 weights decoded to float32) to ONNX for
the onnxruntime-web comparison in `npm run bench`. Benchmark-only: the app never loads ONNX.

    /usr/bin/python3 bench/export_onnx.py bench/onnx/emoji64.onnx
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from train.export import load_model  # noqa: E402


def main(out):
    torch.set_num_threads(2)
    model = load_model("public/models/emoji64")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    x = torch.randn(1, 64, 64, 3)
    logsnr = torch.zeros(1)
    torch.onnx.export(model, (x, logsnr), out, opset_version=17, input_names=["x_t", "logsnr"],
                      output_names=["v_hat"], dynamic_axes={"x_t": {0: "batch"}, "logsnr": {0: "batch"},
                                                            "v_hat": {0: "batch"}})
    print("wrote", out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main(sys.argv[1])
