"""What every CLI command shares: the lazily opened context and output in text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when first used: starting the GUI should not wait for it
    from helsestudio.services.app import AppContext

Handler = Callable[["Run"], int]


@dataclass
class Run:
    """One invocation: parsed arguments, and the database opened on first use."""

    args: argparse.Namespace
    _ctx: AppContext | None = field(default=None, init=False)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            from helsestudio.services.app import AppContext

            self._ctx = AppContext.open(self.args.db)
        return self._ctx

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        """Print `data` as JSON with --json, otherwise the human text."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(text() if callable(text) else text)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    # --json is accepted both before and after the subcommand.
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="maskinlesbar utskrift (JSON)")


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def leaf(sub: argparse._SubParsersAction, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
    """A command that does one thing: accepts --json and runs `handler`."""
    parser = sub.add_parser(name, help=help_text)
    add_json_flag(parser)
    parser.set_defaults(handler=handler)
    return parser


def group(sub: argparse._SubParsersAction, name: str, help_text: str,
          metavar: str = "HANDLING") -> argparse._SubParsersAction:
    """A command group (`helsestudio course-type add …`): one of its actions is required."""
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar=metavar, required=True)
