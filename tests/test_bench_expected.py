"""bench/expected.json's regression figures: the --check logic, on a fake figure set."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def expected(bench_module):
    return bench_module("expected")


@pytest.fixture
def figures_file(tmp_path):
    path = tmp_path / "expected.json"
    path.write_text(
        json.dumps(
            {
                "toy": {
                    "figures": {
                        "MRR@10": {"value": 0.75, "tolerance": 0.005},
                        "R@100": {"value": 0.968, "tolerance": 0.002},
                    }
                }
            }
        )
    )
    return path


def test_figures_within_their_tolerance_pass(expected, figures_file, capsys):
    assert expected.check("toy", {"MRR@10": 0.7549, "R@100": 0.966}, figures_file) == 0
    assert "2 figures within" in capsys.readouterr().out


def test_a_figure_that_moves_either_way_fails_by_name(expected, figures_file, capsys):
    assert expected.check("toy", {"MRR@10": 0.74, "R@100": 0.968}, figures_file) == 1
    out = capsys.readouterr().out
    assert "MRR@10: 0.7400 is below the expected 0.7500 ± 0.005" in out
    assert "R@100" not in out
    assert expected.check("toy", {"MRR@10": 0.75, "R@100": 0.971}, figures_file) == 1
    assert "R@100: 0.9710 is above" in capsys.readouterr().out


def test_a_figure_not_measured_fails(expected, figures_file, capsys):
    assert expected.check("toy", {"MRR@10": 0.75}, figures_file) == 1
    assert "R@100: not measured" in capsys.readouterr().out


def test_the_repository_file_has_a_tolerance_for_every_figure(expected):
    for name in ("arcd", "suggest"):
        figures = expected.load(name)["figures"]
        assert figures and all(f["tolerance"] > 0 and "value" in f for f in figures.values())


def test_arcd_score_output_is_read_into_figures(bench_module):
    quality = bench_module("quality")
    assert quality.figures(
        "queries 693 (no run line: 0)\nMRR@10 0.7500  R@1 0.6580  R@10 0.9105  R@100 0.9683\n"
    ) == {"MRR@10": 0.75, "R@1": 0.658, "R@10": 0.9105, "R@100": 0.9683}


@pytest.mark.parametrize(
    "script, args", [("quality.py", ["--k1", "1.5"]), ("suggest_quality.py", ["--seed", "7"])]
)
def test_check_refuses_a_run_other_than_the_expected_one(script, args):
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--check", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "bench/expected.json" in done.stderr
