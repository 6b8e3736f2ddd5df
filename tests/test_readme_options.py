"""README.md's synopsis of each `bahth` command names the options its --help lists."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
OPTION = r"(?<![\w-])(--?[a-z][\w-]*)"


def readme_synopses(text):
    """{command: its synopsis}: the longest `bahth COMMAND …` in backquotes with options."""
    found = {}
    for command, synopsis in re.findall(r"`bahth ([a-z]+)( [^`]*\[[^`]*)`", text):
        found[command] = max(found.get(command, ""), synopsis, key=len)
    return found


def synopsis_options(synopsis):
    """{option: its choices or None} of a synopsis: `[--sort relevance|newest]`,
    `[--quiet | -q]`."""
    options = {}
    for bracket in re.findall(r"\[([^\]]*)\]", " ".join(synopsis.split())):
        for name, value in re.findall(OPTION + r"(?: ([^\s|\]-][^\s\]]*))?", bracket):
            options[name] = set(value.split("|")) if "|" in value else None
    return options


def help_options(help_text):
    """{option: its choices or None} of click's --help, --help itself left out."""
    options = {}
    section = help_text.split("\nOptions:\n", 1)[1]
    for line in section.splitlines():
        if not line.startswith("  -"):
            continue
        head = re.split(r"\s{2,}", line.strip())[0]
        choices = re.search(r"\[([\w|]+\|[\w|]+)\]", head)
        for name in re.findall(OPTION, head.split("[")[0]):
            options[name] = set(choices[1].split("|")) if choices else None
    options.pop("--help")
    return options


def differences(readme, helped):
    """One line per option that one side has and the other lacks or describes otherwise."""
    lines = [f"{name}: in --help, not in README" for name in sorted(helped.keys() - readme.keys())]
    lines += [f"{name}: in README, not in --help" for name in sorted(readme.keys() - helped.keys())]
    lines += [
        f"{name}: README's choices {sorted(readme[name])} but --help's {sorted(helped[name] or ())}"
        for name in sorted(readme.keys() & helped.keys())
        if readme[name] is not None and readme[name] != helped[name]
    ]
    return lines


@pytest.mark.parametrize("command", sorted(main.commands))
def test_the_readme_synopsis_lists_every_option_of_help(command):
    synopsis = readme_synopses(README.read_text(encoding="utf-8")).get(command)
    assert synopsis is not None, f"README.md has no synopsis `bahth {command} [...]`"
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    differ = differences(synopsis_options(synopsis), help_options(result.output))
    assert not differ, f"`bahth {command}`, README.md against --help: " + "; ".join(differ)


def test_differences_name_the_option():
    readme = synopsis_options(" [--seeds DIR] [--sort relevance|newest] [--quiet | -q]")
    assert readme == {
        "--seeds": None,
        "--sort": {"relevance", "newest"},
        "--quiet": None,
        "-q": None,
    }
    helped = help_options(
        "Usage: x\n\nOptions:\n  -q, --quiet  No bar.\n"
        "  --sort [relevance|newest|oldest]\n                [default: x]\n"
        "  --poll  Poll.\n  --help  Show this message and exit.\n"
    )
    assert differences(readme, helped) == [
        "--poll: in --help, not in README",
        "--seeds: in README, not in --help",
        "--sort: README's choices ['newest', 'relevance'] but --help's "
        "['newest', 'oldest', 'relevance']",
    ]
