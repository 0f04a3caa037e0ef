"""The layers of DESIGN.md, checked on the source: arrows point down, one owner for each rule.

telegram -> usecases -> domain / storage / content. The Telegram layer decodes, calls one use
case and renders; it opens no transaction, runs no SQL and assigns no row's fields. These
checks read the code (imports and assignments), so a shortcut fails here before review.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bot"

FORBIDDEN_IMPORTS = {
    "domain": ("telegram", "sqlalchemy", "bot.telegram", "bot.storage", "bot.usecases"),
    "content": ("telegram", "sqlalchemy", "bot.telegram", "bot.storage", "bot.usecases"),
    "storage": ("telegram", "bot.telegram", "bot.usecases"),
    "usecases": ("telegram", "bot.telegram"),
    "telegram": ("sqlalchemy", "bot.storage"),
}
"""What each layer may not import. The Telegram layer reaches storage only through use cases."""

ALLOWED_STORAGE_IMPORTS = {"bot.storage.database"}
"""The session factory type: handlers hand it to use cases, they never open a session."""


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_IMPORTS))
def test_layers_import_only_downwards(layer: str) -> None:
    wrong = [
        f"{_name(path)} imports {module}"
        for path in _modules(layer)
        for module in _imported(_tree(path))
        if any(module == f or module.startswith(f"{f}.") for f in FORBIDDEN_IMPORTS[layer])
        and not any(module.startswith(allowed) for allowed in ALLOWED_STORAGE_IMPORTS)
    ]
    assert wrong == []


def test_the_telegram_layer_opens_no_transaction_and_runs_no_sql() -> None:
    calls = {"begin", "begin_nested", "execute", "scalar", "scalars", "commit", "flush", "add"}
    wrong = [
        f"{_name(path)}:{node.lineno} calls .{node.func.attr}()"
        for path in _modules("telegram")
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in calls
        and not _is_ptb_call(node.func)
    ]
    assert wrong == []


def _is_ptb_call(func: ast.Attribute) -> bool:
    """`application.add_handlers(...)` and friends are PTB's, not a session's."""
    return isinstance(func.value, ast.Name) and func.value.id in {"application", "buffer"}


def test_the_telegram_layer_assigns_no_fields_of_rows() -> None:
    """Handlers render results; changing state is a use case's job (only `self.x = ...` in a
    class of the Telegram layer's own, such as the rate limiter, is allowed)."""
    wrong = [
        f"{_name(path)}:{target.lineno} assigns {ast.unparse(target)}"
        for path in _modules("telegram")
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for part in ast.walk(target)
        if isinstance(part, ast.Attribute)
        and isinstance(part.ctx, ast.Store)
        and not (isinstance(part.value, ast.Name) and part.value.id == "self")
    ]
    assert wrong == []


def test_no_module_reaches_into_another_modules_private_names() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and _private(node.module):
                wrong.append(f"{_name(path)} imports the private module {node.module}")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot"):
                wrong += [
                    f"{_name(path)} imports {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in _imported_modules(tree)
            ):
                wrong.append(f"{_name(path)}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert wrong == []


def _private(module: str) -> bool:
    """`telegram._utils.types`: a library's internals, free to change in any release."""
    return any(part.startswith("_") and not part.startswith("__") for part in module.split("."))


def _imported_modules(tree: ast.Module) -> set[str]:
    """Local names bound to modules of ours (`from bot.storage import routines`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot")
        ) or isinstance(node, ast.Import):
            names.update(alias.asname or alias.name for alias in node.names)
    return names
