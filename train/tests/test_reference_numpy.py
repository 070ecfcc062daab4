"""An independent NumPy forward pass that reads ONLY model.json + shards (exported layouts) and
must reproduce the fixture. It is the executable spec for the TypeScript twin: if this passes,
the layouts and op order documented in model.json / train/model.py are sufficient."""
import base64
import json
import os

import numpy as np
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL_DIR = os.path.join(ROOT, "public", "models", "emoji64")
FIXTURE = os.path.join(ROOT, "test", "fixtures", "emoji64_fixture.json")


def load_weights(model_dir):
    manifest = json.load(open(os.path.join(model_dir, "model.json")))
    group = manifest["weightsManifest"][0]
    blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
    weights, offset = {}, 0
    for spec in group["weights"]:
        n = int(np.prod(spec["shape"]))
        weights[spec["name"]] = np.frombuffer(blob, "<f2", n, offset).astype(np.float32) \
            .reshape(spec["shape"])                                 # HWIO / [in, out] / [C]
        offset += 2 * n
    return weights, manifest["snrlab"]


def conv(x, w, b):
    """'same' conv, stride 1. x [N, H, W, Ci], w HWIO [k, k, Ci, Co]."""
    k = w.shape[0]
    p = k // 2
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))
    H, W = x.shape[1:3]
    out = np.zeros(x.shape[:3] + (w.shape[3],), np.float32)
    for i in range(k):
        for j in range(k):
            out += xp[:, i:i + H, j:j + W, :] @ w[i, j]
    return out + b


def group_norm(x, g, gamma, beta, eps=1e-5):
    N, H, W, C = x.shape
    y = x.reshape(N, H, W, g, C // g)
    mean = y.mean(axis=(1, 2, 4), keepdims=True)
    var = y.var(axis=(1, 2, 4), keepdims=True)
    return ((y - mean) / np.sqrt(var + eps)).reshape(N, H, W, C) * gamma + beta


def silu(x):
    return x / (1 + np.exp(-x))


def forward(wt, arch, x, logsnr, labels=None):
    G = arch["groups"]
    f = np.array(arch["fourier_frequencies"], np.float32)
    args = logsnr[:, None] * f[None]
    feats = np.concatenate([np.sin(args), np.cos(args)], 1)
    emb = silu(feats @ wt["embed.linear1.weight"] + wt["embed.linear1.bias"])
    emb = emb @ wt["embed.linear2.weight"] + wt["embed.linear2.bias"]
    # label tables (conditional models): row i of each table is label i, row 0 "unknown"
    if labels is not None:
        emb = emb + wt["class_emb.weight"][labels["category"]] \
            + wt["vendor_emb.weight"][labels["vendor"]]
    emb_act = silu(emb)

    def res(h, name):
        t = conv(silu(group_norm(h, G, wt[name + ".norm1.weight"], wt[name + ".norm1.bias"])),
                 wt[name + ".conv1.weight"], wt[name + ".conv1.bias"])
        t = t + (emb_act @ wt[name + ".emb.weight"] + wt[name + ".emb.bias"])[:, None, None, :]
        t = conv(silu(group_norm(t, G, wt[name + ".norm2.weight"], wt[name + ".norm2.bias"])),
                 wt[name + ".conv2.weight"], wt[name + ".conv2.bias"])
        skip = conv(h, wt[name + ".skip.weight"], wt[name + ".skip.bias"]) \
            if name + ".skip.weight" in wt else h
        return skip + t

    B, Hh, Ww, C = x.shape
    s2d = x.reshape(B, Hh // 2, 2, Ww // 2, 2, C).transpose(0, 1, 3, 2, 4, 5) \
        .reshape(B, Hh // 2, Ww // 2, 4 * C)                       # tf.spaceToDepth order
    h = conv(s2d, wt["stem.weight"], wt["stem.bias"])
    skips = [h]
    levels = len(arch["channels"])
    for i in range(levels):
        for j in range(arch["num_res_blocks"]):
            h = res(h, f"down.{i}.{j}")
            skips.append(h)
        if i < levels - 1:
            n, hh, ww, c = h.shape
            h = h.reshape(n, hh // 2, 2, ww // 2, 2, c).mean(axis=(2, 4))
            skips.append(h)
    h = res(h, "mid1")
    n, hh, ww, c = h.shape
    nh, hs = arch["attn_heads"], c // arch["attn_heads"]
    tok = group_norm(h, G, wt["attn.norm.weight"], wt["attn.norm.bias"]).reshape(n, hh * ww, c)
    qkv = tok @ wt["attn.qkv.weight"] + wt["attn.qkv.bias"]              # [n, T, 3C]
    q, k, v = (qkv[..., i * c:(i + 1) * c].reshape(n, hh * ww, nh, hs).transpose(0, 2, 1, 3)
               for i in range(3))
    a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hs)
    a = np.exp(a - a.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    o = (a @ v).transpose(0, 2, 1, 3).reshape(n, hh * ww, c)
    h = h + (o @ wt["attn.proj.weight"] + wt["attn.proj.bias"]).reshape(n, hh, ww, c)
    h = res(h, "mid2")
    middle = h
    for u, i in enumerate(reversed(range(levels))):
        for j in range(arch["num_res_blocks"] + 1):
            h = res(np.concatenate([h, skips.pop()], axis=-1), f"up.{u}.{j}")
        if i > 0:
            h = h.repeat(2, axis=1).repeat(2, axis=2)
            h = conv(h, wt[f"upsample.{u}.conv.weight"], wt[f"upsample.{u}.conv.bias"])
    act = silu(group_norm(h, G, wt["out_norm.weight"], wt["out_norm.bias"]))
    h = conv(act, wt["out_conv.weight"], wt["out_conv.bias"])
    if arch.get("hf_pass"):        # model.json's hf_pass_formula (and hf_pass_coarse_formula)
        gain = np.exp(np.minimum(logsnr, arch["hf_pass_max_logsnr"]) / 2)[:, None, None, None]
        per_pos = s2d.reshape(B, Hh // 2, Ww // 2, 4, C)            # TF order: position-major
        means = per_pos.mean(axis=3)                                # [B, G, G, C] patch means
        highpass = (per_pos - means[:, :, :, None]).reshape(s2d.shape)
        h = h + conv(act, wt["hf_pass.gate.weight"], wt["hf_pass.gate.bias"]) * gain * highpass
        if arch.get("hf_pass_coarse"):
            k, g = arch["hf_pass_coarse_patches"], Hh // 2
            pooled = means.reshape(B, g // k, k, g // k, k, C).mean(axis=(2, 4))
            band = means - pooled.repeat(k, axis=1).repeat(k, axis=2)
            add = conv(act, wt["hf_pass.coarse.weight"], wt["hf_pass.coarse.bias"]) * gain * band
            h = h + np.tile(add, (1, 1, 1, 4))                      # the same C at all 4 positions
    n, hh, ww, d = h.shape
    out = h.reshape(n, hh, ww, 2, 2, d // 4).transpose(0, 1, 3, 2, 4, 5) \
        .reshape(n, hh * 2, ww * 2, d // 4)                          # tf.depthToSpace order
    return out, dict(emb=emb, s2d=s2d, middle=middle)


def decode(entry):
    return np.frombuffer(base64.b64decode(entry["base64"]), "<f4").reshape(entry["shape"])


@pytest.mark.skipif(not (os.path.exists(FIXTURE) and os.path.exists(
    os.path.join(MODEL_DIR, "model.json"))), reason="no shipped model / fixture")
def test_numpy_reference_matches_fixture():
    fx = json.load(open(FIXTURE))
    wt, snrlab = load_weights(MODEL_DIR)
    assert fx["model_shards_sha256"] == {k: v["sha256"] for k, v in snrlab["shards"].items()}
    labels = fx.get("labels")
    v_hat, inter = forward(wt, snrlab["architecture"], decode(fx["x_t"]),
                           np.array(fx["logsnr"], np.float32),
                           None if labels is None else {k: np.array(v) for k, v in labels.items()})
    np.testing.assert_allclose(inter["s2d"][:1], decode(fx["intermediates"]["space_to_depth_first"]))
    np.testing.assert_allclose(inter["emb"], decode(fx["intermediates"]["logsnr_embedding"]),
                               atol=1e-4)
    np.testing.assert_allclose(inter["middle"], decode(fx["intermediates"]["middle"]), atol=1e-3)
    err = np.abs(v_hat - decode(fx["v_hat"])).max()
    assert err < fx["tolerance"]["max_abs"], err


def test_numpy_reference_matches_the_tiny_conditional_fixture():
    """The label tables as the spec says (row i of each table added to the λ embedding): the
    NumPy pass reproduces PyTorch's conditional and unconditional v̂ of the tiny fixture."""
    model_dir = os.path.join(ROOT, "test", "fixtures", "tiny-cond-model")
    fx = json.load(open(os.path.join(model_dir, "fixture.json")))
    wt, snrlab = load_weights(model_dir)
    x, lam = decode(fx["x_t"]), np.array(fx["logsnr"], np.float32)
    labels = {k: np.array(v) for k, v in fx["labels"].items()}
    zero = {k: np.zeros_like(v) for k, v in labels.items()}
    for lab, key in ((labels, "v_hat"), (zero, "v_hat_uncond")):
        v_hat, _ = forward(wt, snrlab["architecture"], x, lam, lab)
        assert np.abs(v_hat - decode(fx[key])).max() < 1e-3, key
