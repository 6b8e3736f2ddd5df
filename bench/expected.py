"""Regression figures that guard themselves, as Anserini's regression files do.

``bench/expected.json`` holds, per benchmark, the figures its default run
measures and how far each may move. ``--check`` on that benchmark compares what
it measured and exits non-zero, naming each figure outside its tolerance, so a
change that moves ranking or suggestions must update the file on purpose.
"""

import json
from pathlib import Path

EXPECTED = Path(__file__).with_name("expected.json")


def load(name, path=EXPECTED):
    """The entry ``name`` of the expected figures: its ``figures`` (each a
    ``value`` and a ``tolerance``) and the settings they were measured with."""
    return json.loads(Path(path).read_text(encoding="utf-8"))[name]


def outside(measured, figures):
    """One message per figure of ``figures`` that ``measured`` lacks or misses
    by more than its tolerance, in either direction."""
    problems = []
    for name, want in figures.items():
        got = measured.get(name)
        if got is None:
            problems.append(f"{name}: not measured (expected {want['value']})")
        elif abs(got - want["value"]) > want["tolerance"] + 1e-12:
            way = "below" if got < want["value"] else "above"
            problems.append(
                f"{name}: {got:.4f} is {way} the expected {want['value']:.4f} ± {want['tolerance']}"
            )
    return problems


def check(name, measured, path=EXPECTED):
    """Prints how ``measured`` compares with the entry ``name`` of ``path``;
    0 when every figure is within its tolerance, else 1 (an exit status)."""
    figures = load(name, path)["figures"]
    problems = outside(measured, figures)
    if not problems:
        print(f"check: {len(figures)} figures within the tolerances of {path}")
        return 0
    print(
        f"check FAILED: {len(problems)} of {len(figures)} figures outside the "
        f"tolerances of {path} (update it if the change is meant):"
    )
    for problem in problems:
        print(f"  {problem}")
    return 1
