"""Documentation is tested: every command is in the README and has an example in its help."""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main

from rasd.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


# Typer vendors its own click, so commands are told apart by what they have, not their class.
def _commands(group: Any, prefix: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found.update(_commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


COMMANDS = _commands(typer.main.get_group(app), "")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_documented_with_an_example(name: str) -> None:
    command = COMMANDS[name]
    assert f"rasd {name}" in README
    assert f"Example: rasd {name}" in (command.help or "")
    for param in command.params:
        if param.param_type_name == "option":
            assert any(opt in README for opt in param.opts), f"{name} {param.opts} not in README"


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1
    commands = [line for line in blocks[0].splitlines() if line.strip()]
    assert len(commands) == 2
    assert "rasd extract" in commands[0]


def test_ci_runs_the_readme_test_command() -> None:
    section = README.split("## Quick start", 1)[1]
    test_command = re.findall(r"```\n(.*?)```", section, flags=re.S)[0].splitlines()[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert shlex.split(test_command)[0] in ci
    assert test_command.strip() in ci.splitlines()
