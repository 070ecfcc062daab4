"""train.studies.table128: the card's 2,000-sample tables are the JSON's numbers, rendered."""
import json
import os

import pytest

from train.studies.table128 import bootstrap_table, cells_in_order, schedule_name, swd_table

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the 2,000-sample tables: the current one (train.models_index quotes it while it measured the
# shipped weights) and run 8's, moved aside when run 12's took its place; the card quotes both
N2000 = [os.path.join(ROOT, "docs", "model128", d) for d in ("n2000", "n2000_run8")]
MODELS = {"m-cosine": {"shift": 0.0}, "m-shifted": {"shift": -1.3862943611198906}}


def cell(model, shift, steps, spacing, value):
    return dict({b: value for b in ("128", "64", "32", "16", "avg")}, model=model, shift=shift,
                steps=steps, spacing=spacing, frac_offwhite=0.1234)


def test_cells_come_by_steps_spacing_model_then_the_cosine_schedule_first():
    s = -1.3862943611198906
    ev = dict(models=MODELS, swd={
        "b": cell("m-shifted", s, 25, "uniform-t", 4), "a": cell("m-cosine", 0.0, 50, "uniform-t", 1),
        "c": cell("m-cosine", s, 25, "uniform-logsnr", 3), "d": cell("m-cosine", 0.0, 25, "uniform-t", 2),
        "floor_train_subset_a": {"avg": 1.0}})
    assert [k for k, _ in cells_in_order(ev)] == ["d", "b", "c", "a"]
    assert schedule_name(ev["swd"]["b"], MODELS) == "shifted −1.386 (its own)"
    assert schedule_name(ev["swd"]["c"], MODELS) == "shifted −1.386"
    assert schedule_name(ev["swd"]["d"], MODELS) == "cosine (its own)"


def test_a_row_carries_every_band_the_average_and_the_off_white_share():
    floor = {b: 20.0 for b in ("128", "64", "32", "16", "avg")}
    ev = dict(models=MODELS, n_samples=2000, n_train=3404, swd={
        "x": cell("m-cosine", 0.0, 25, "uniform-logsnr", 36.54),
        "floor_train_subset_a": floor, "floor_train_subset_b": floor})
    rows = swd_table(ev).splitlines()
    assert rows[2] == ("| m-cosine | cosine (its own) | uniform in λ (app default) | 25 | 36.5 | 36.5 | "
                       "36.5 | **36.5** | 36.5 | 12.3 % |")
    assert rows[3].startswith("| floor a: 1,702 training images |")


@pytest.mark.parametrize("folder", N2000, ids=os.path.basename)
def test_the_card_holds_the_2000_sample_tables_as_rendered(folder):
    """Every row of the rendered tables is in docs/MODEL_CARD_128.md, so the card cannot quote a
    number the JSON does not hold."""
    with open(os.path.join(ROOT, "docs", "MODEL_CARD_128.md")) as f:
        card = f.read()
    with open(os.path.join(folder, "eval.json")) as f:
        ev = json.load(f)
    with open(os.path.join(folder, "bootstrap.json")) as f:
        boot = json.load(f)
    assert ev["n_samples"] == boot["n_samples"] == 2000
    rows = swd_table(ev).splitlines() + bootstrap_table(boot).splitlines()
    assert len(rows) == 2 + 16 + 2 + 2 + 20
    missing = [row for row in rows if row not in card]
    assert not missing, missing
