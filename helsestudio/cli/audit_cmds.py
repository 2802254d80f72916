"""`helsestudio audit verify`: is the audit log's hash chain whole?"""

from __future__ import annotations

import argparse

from helsestudio.cli.common import Run, group, leaf
from helsestudio.services import audit_chain

EXIT_BROKEN = 1


def register(sub: argparse._SubParsersAction) -> None:
    leaf(group(sub, "audit", "revisjonsloggen"), "verify",
         "kontroller at ingen oppføring i revisjonsloggen er slettet eller endret", verify_cmd)


def verify_cmd(run: Run) -> int:
    with run.ctx.db.read() as session:
        result = audit_chain.verify(session)
    data = {"ok": result.ok, "entries": result.entries, "head_hash": result.head_hash,
            "broken": None if result.ok else {
                "id": result.broken_id, "seq": result.broken_seq, "problem": result.problem}}
    if result.ok:
        # The newest hash, worth writing down elsewhere: rewriting the whole chain would change it.
        run.emit(data, f"ok, {result.entries} oppføringer (siste kjedehash {result.head_hash[:16]}…)")
        return 0
    where = f"oppføring {result.broken_id}" + (f" (nr. {result.broken_seq} i kjeden)"
                                                if result.broken_seq is not None else "")
    message = (f"Revisjonsloggen er brutt ved {where}: {result.problem}. "
               f"{result.entries} oppføringer før den er i orden.")
    if run.json:
        run.emit(data, message)
    else:
        import sys

        print(message, file=sys.stderr)
    return EXIT_BROKEN
