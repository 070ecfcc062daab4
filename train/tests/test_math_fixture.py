"""test/fixtures/math_fixture.json is what train.math_fixture writes from today's code, so the
TypeScript checked against it (test/unit/mathFixture.test.ts) is checked against today's Python."""
import json
import math

from train.math_fixture import OUT, build

# Another machine's libm may round log/tan/exp differently in the last bit; anything that is a
# change of formula is many orders larger.
TOLERANCE = 1e-12


def mismatch(got, want, path="fixture"):
    """The path of the first difference between two JSON values, or None."""
    if isinstance(want, dict):
        if not isinstance(got, dict) or got.keys() != want.keys():
            return f"{path}: keys {sorted(got) if isinstance(got, dict) else got} != {sorted(want)}"
        return next((m for k in want if (m := mismatch(got[k], want[k], f"{path}.{k}"))), None)
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"{path}: {got} != {want}"
        return next((m for i, w in enumerate(want) if (m := mismatch(got[i], w, f"{path}[{i}]"))),
                    None)
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        close = math.isclose(got, want, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
        return None if close else f"{path}: {got!r} != {want!r}"
    return None if got == want else f"{path}: {got!r} != {want!r}"


def test_the_committed_fixture_is_current():
    regenerated = json.loads(json.dumps(build()))
    with open(OUT) as f:
        committed = json.load(f)
    problem = mismatch(regenerated, committed)
    assert problem is None, f"{problem}\nRegenerate it: /usr/bin/python3 -m train.math_fixture"


def test_the_comparison_sees_a_change():
    fixture = json.loads(json.dumps(build()))
    changed = json.loads(json.dumps(fixture))
    changed["schedules"][3]["logsnr"][5] += 1e-9
    assert mismatch(changed, fixture) == "fixture.schedules[3].logsnr[5]: " \
        f"{changed['schedules'][3]['logsnr'][5]!r} != {fixture['schedules'][3]['logsnr'][5]!r}"
    changed = json.loads(json.dumps(fixture))
    changed["samplers"]["runs"].pop()
    assert mismatch(changed, fixture).startswith("fixture.samplers.runs: ")
