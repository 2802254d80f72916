"""A fork server for the SIGKILL harness (tests/crash/test_sigkill.py).

Starting Python and importing the CLI costs about a second, which a hundred
kills cannot afford. This process pays it once, then forks one child per run:
the child is a real, separate process that runs `helsestudio.cli.main.main`
exactly as the command line would, and is killed with SIGKILL from here.
The kill comes from this process (the child's parent) rather than from the
test, because only the parent can be sure the pid has not been reaped and
reused.

Protocol, one JSON object per line each way:
  in:  {"argv": [...], "env": {...}, "kill_after": seconds or null, "log": path}
  out: {"killed": bool, "status": exit code or -signal, "elapsed": seconds}
Run it as `python -m tests.crash.driver`; it exits when stdin closes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

POLL = 0.0005  # how finely the kill moment is hit; 0.5 ms is far below one statement


def _warm_imports() -> None:
    """Everything the three operations touch, imported once before forking."""
    import helsestudio.cli.main as cli_main
    import helsestudio.services.certificates
    import helsestudio.services.ics_import
    import helsestudio.services.migrate
    import helsestudio.services.participant_import  # noqa: F401

    cli_main.build_parser()  # imports every command module


def _child(argv: list[str], env: dict[str, str], log: str) -> None:
    from helsestudio.cli.main import main

    os.environ.update(env)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:  # noqa: BLE001 - a child must never return into the server loop
        code = 99
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _status(raw: int) -> int:
    return -os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else os.WEXITSTATUS(raw)


def _run(command: dict) -> dict:
    kill_after = command.get("kill_after")
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(command["argv"], command.get("env", {}), command["log"])
    killed = False
    while True:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if kill_after is not None and time.perf_counter() - started >= kill_after:
            os.kill(pid, signal.SIGKILL)
            _, raw = os.waitpid(pid, 0)
            killed = _status(raw) == -signal.SIGKILL
            break
        time.sleep(POLL)
    return {"killed": killed, "status": _status(raw), "elapsed": time.perf_counter() - started}


def main() -> None:
    _warm_imports()
    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(_run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
