"""The 128 px pair's 2 x 2 table and its paired differences as Markdown, from the JSON files that
hold them, so the model card quotes the numbers instead of retyping them (issue 26).

    python3 -m train.studies.table128 [--eval docs/model128/n2000/eval.json]
                                      [--bootstrap docs/model128/n2000/bootstrap.json]

eval.json is train.studies.eval_shift's (SWD x 10^3 per pyramid band and average, off-white share
of the background, per cell); bootstrap.json is train.studies.bootstrap128's (per comparison and
band: the difference, first cell minus second, its 95 % interval half-width 1.96 SE and the share
of replicates in which the first cell was better). train/tests/test_table128.py checks that the
card holds these lines for the 2,000-sample table.
"""
import argparse
import json

BANDS = ("128", "64", "32", "16")
SPACING = {"uniform-t": "uniform in t", "uniform-logsnr": "uniform in λ (app default)"}


def schedule_name(cell, models):
    """'cosine (its own)' / 'shifted −1.386': the schedule a cell was sampled on, in the card's
    words (the shift printed with a true minus sign)."""
    own = models[cell["model"]]["shift"] == cell["shift"]
    name = "cosine" if cell["shift"] == 0 else f"shifted {cell['shift']:.3f}".replace("-", "−")
    return f"{name} (its own)" if own else name


def cells_in_order(ev):
    """The table's cells: by steps, then spacing (uniform in t first), then model, then schedule
    (the cosine first), as eval_shift samples them."""
    cells = [(key, v) for key, v in ev["swd"].items() if isinstance(v, dict) and "model" in v]
    models = list(ev["models"])
    return sorted(cells, key=lambda kv: (kv[1]["steps"], list(SPACING).index(kv[1]["spacing"]),
                                         models.index(kv[1]["model"]), kv[1]["shift"] != 0))


def swd_table(ev):
    """Markdown: one row per cell, the 16 px band in bold (the coarse structure the argument is
    about), then the two floors."""
    rows = ["| model (trained on) | sampled on | spacing | steps | 128 px | 64 px | 32 px | "
            "**16 px** | average | off-white |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for _, c in cells_in_order(ev):
        rows.append(f"| {c['model']} | {schedule_name(c, ev['models'])} | {SPACING[c['spacing']]} | "
                    f"{c['steps']} | {c['128']:.1f} | {c['64']:.1f} | {c['32']:.1f} | "
                    f"**{c['16']:.1f}** | {c['avg']:.1f} | {100 * c['frac_offwhite']:.1f} % |")
    n_floor = min(ev["n_samples"], ev["n_train"] // 2)      # eval_shift's: two disjoint subsets
    for label, key in (("floor a", "floor_train_subset_a"), ("floor b", "floor_train_subset_b")):
        f = ev["swd"][key]
        rows.append(f"| {label}: {n_floor:,} training images | | | | {f['128']:.1f} | {f['64']:.1f} | "
                    f"{f['32']:.1f} | **{f['16']:.1f}** | {f['avg']:.1f} | |")
    return "\n".join(rows)


def difference(band):
    """'+18.1 ± 4.3 (0.00)': difference, 95 % half-width, share of replicates first-better."""
    text = f"{band['difference']:+.1f} ± {1.96 * band['se']:.1f} ({band['share_first_better']:.2f})"
    return text.replace("-", "−")                       # the card's minus sign


def bootstrap_table(boot):
    """Markdown: one row per comparison (first minus second: negative = the first closer to the
    real images)."""
    rows = ["| steps | spacing | first minus second | 128 px | 64 px | 32 px | **16 px** | "
            "average |", "|---|---|---|---|---|---|---|---|"]
    for c in sorted(boot["comparisons"], key=lambda c: (c["steps"], list(SPACING).index(c["spacing"]))):
        b = c["bands"]
        rows.append(f"| {c['steps']} | {SPACING[c['spacing']]} | {c['question']} | "
                    + " | ".join(difference(b[k]) if k != "16" else f"**{difference(b[k])}**"
                                 for k in BANDS) + f" | {difference(b['avg'])} |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default="docs/model128/n2000/eval.json")
    ap.add_argument("--bootstrap", default="docs/model128/n2000/bootstrap.json")
    args = ap.parse_args()
    with open(args.eval) as f:
        print(swd_table(json.load(f)))
    print()
    with open(args.bootstrap) as f:
        print(bootstrap_table(json.load(f)))


if __name__ == "__main__":
    main()
