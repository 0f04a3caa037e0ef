"""Read deploy/Dockerfile into plain data: stages, and per stage ENV, COPY, CMD, USER, ...

Small on purpose: it understands what our Dockerfile uses (line continuations, comments,
`ENV k=v ...` with quotes and `$VAR` / `${VAR}`, JSON exec form for CMD and HEALTHCHECK)
and fails loudly on anything else, so the tests never guess.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
VARIABLE = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    line: int


@dataclass
class Stage:
    image: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """`base` with every ENV of this stage applied in order, as Docker expands them."""
        environment = dict(base or {})
        for instruction in self.all("ENV"):
            for word in shlex.split(instruction.arguments):
                name, sep, value = word.partition("=")
                if not sep:
                    raise ValueError(f"line {instruction.line}: use ENV name=value")
                environment[name] = expand(value, environment)
        return environment

    def cmd(self) -> list[str]:
        instruction = self.last("CMD")
        if instruction is None:
            raise ValueError("the final stage has no CMD")
        return exec_form(instruction)

    def healthcheck(self) -> tuple[dict[str, str], list[str]]:
        """(options such as interval, the command in exec form)."""
        instruction = self.last("HEALTHCHECK")
        if instruction is None:
            raise ValueError("the final stage has no HEALTHCHECK")
        options: dict[str, str] = {}
        rest = instruction.arguments
        while rest.startswith("--"):
            option, _, rest = rest.partition(" ")
            key, _, value = option[2:].partition("=")
            options[key] = value
            rest = rest.lstrip()
        keyword, _, command = rest.partition(" ")
        if keyword != "CMD":
            raise ValueError(f"line {instruction.line}: HEALTHCHECK without CMD")
        return options, exec_form(Instruction("CMD", command.strip(), instruction.line))

    def copies(self) -> list[tuple[str | None, list[str], str]]:
        """(--from stage or None, sources, destination) of every COPY."""
        result: list[tuple[str | None, list[str], str]] = []
        for instruction in self.all("COPY"):
            words = shlex.split(instruction.arguments)
            source_stage = None
            while words and words[0].startswith("--"):
                flag = words.pop(0)
                if flag.startswith("--from="):
                    source_stage = flag.removeprefix("--from=")
            *sources, destination = words
            result.append((source_stage, sources, destination))
        return result


def exec_form(instruction: Instruction) -> list[str]:
    try:
        value = json.loads(instruction.arguments)
    except ValueError:
        raise ValueError(f"line {instruction.line}: use the JSON exec form") from None
    if not (isinstance(value, list) and all(isinstance(word, str) for word in value)):
        raise ValueError(f"line {instruction.line}: expected a JSON list of strings")
    return value


def expand(value: str, environment: dict[str, str]) -> str:
    return VARIABLE.sub(lambda m: environment.get(m.group(1) or m.group(2), ""), value)


def instructions(text: str) -> list[Instruction]:
    """Logical instructions: comments dropped, backslash continuations joined."""
    result: list[Instruction] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, arguments = full.partition(" ")
        result.append(Instruction(keyword.upper(), arguments.strip(), start))
    if pending:
        raise ValueError("the Dockerfile ends inside a continued line")
    return result


def stages(text: str) -> tuple[dict[str, str], list[Stage]]:
    """(global ARG defaults, the stages in order)."""
    arguments: dict[str, str] = {}
    result: list[Stage] = []
    for instruction in instructions(text):
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            image = expand(words[0], arguments)
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            result.append(Stage(image, name))
        elif not result:
            if instruction.keyword != "ARG":
                raise ValueError(f"line {instruction.line}: only ARG may come before FROM")
            name, _, default = instruction.arguments.partition("=")
            arguments[name] = default
        else:
            result[-1].instructions.append(instruction)
    return arguments, result


def final_stage(path: Path = DOCKERFILE) -> Stage:
    return stages(path.read_text(encoding="utf-8"))[1][-1]
