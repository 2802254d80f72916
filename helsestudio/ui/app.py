"""Starting the GUI, and rendering the main window to a PNG for documentation and support."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

# benchmarks/bench_startup.py: print «painted» and exit at the first paint event (a zero
# timer would fire before the first paint, NOTES.md). «1»: the main window's first paint;
# «data»: the calendar's first paint after the week's bookings arrived.
STARTUP_PROBE = "HELSESTUDIO_STARTUP_PROBE"


def _exit_on_first_paint(widget) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                os._exit(0)
            return False

    widget._first_paint_probe = FirstPaint(widget)  # noqa: SLF001 - keep it alive
    widget.installEventFilter(widget._first_paint_probe)  # noqa: SLF001


def _probe_calendar_data(window) -> None:  # type: ignore[no-untyped-def]
    calendar = window.page("kalender")

    def loaded(_count: int) -> None:
        grid = calendar.view.time_grid
        _exit_on_first_paint(grid)
        grid.update()

    calendar.periodLoaded.connect(loaded)


def _application():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Helsestudio")
    app.setOrganizationName("Helsestudio")
    return app


def _open_and_back_up(db_arg: str | None) -> AppContext:
    """Worker thread: open (and if needed upgrade) the database, then today's local backup."""
    from helsestudio.services.app import AppContext

    ctx = AppContext.open(db_arg)
    try:
        from helsestudio.services.backup import rotate_daily

        rotate_daily(ctx.db)  # SQLite only; keeps 14 days (issue 7)
    except OSError as exc:  # a full disk must not keep the studio from working today
        print(f"Dagens sikkerhetskopi ble ikke laget: {exc}", file=sys.stderr)
    return ctx


def start(db_arg: str | None, screenshot: Path | None = None) -> int:
    """Show the main window at once, then open the database in the background.

    With `screenshot` the database is opened first (errors reach the CLI as one
    line, exit 2) and the picture shows the window with its data.
    """
    if screenshot is not None:
        from helsestudio.services.app import AppContext

        ctx = AppContext.open(db_arg)
        try:
            return run(ctx, screenshot)
        finally:
            ctx.close()
    app = _application()
    from helsestudio.ui.i18n import install_translator
    from helsestudio.ui.main_window import MainWindow
    from helsestudio.ui.tasks import run_task

    install_translator(app)
    window = MainWindow()
    probe = os.environ.get(STARTUP_PROBE)
    if probe == "1":
        _exit_on_first_paint(window)
    opened: list[AppContext] = []
    failure: list[int] = []

    def attach(ctx: AppContext) -> None:
        opened.append(ctx)
        window.attach(ctx)
        if probe == "data":  # the week's bookings arrive later, from a worker thread
            _probe_calendar_data(window)

    def failed(exc: Exception) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from helsestudio.ui.messages import describe

        # QCoreApplication.translate, not window.tr(): lupdate only reads translate() outside a class.
        translate = QCoreApplication.translate
        QMessageBox.critical(window, translate("MainWindow", "Kan ikke åpne databasen"), describe(exc) + "\n\n"
                             + translate("MainWindow", "Sjekk nettverket eller database-adressen (Innstillinger, "
                                         "--db eller HELSESTUDIO_DB) og start programmet på nytt."))
        failure.append(2)
        app.quit()

    window.show()
    run_task(lambda: _open_and_back_up(db_arg), attach, failed)
    code = app.exec()
    # Quitting closes the window, and the last window closing posts one more Quit that
    # outlives exec(): left queued, the next processEvents() would mark the application
    # as quitting for good and every later event loop would return at once (tests).
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    for ctx in opened:
        ctx.close()
    return failure[0] if failure else code


def run(ctx: AppContext, screenshot: Path) -> int:
    """Render the complete main window, with its data, to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application()
    from helsestudio.ui import tasks
    from helsestudio.ui.i18n import install_translator
    from helsestudio.ui.main_window import MainWindow

    install_translator(app)
    tasks.set_synchronous(True)  # the picture must show the data, not «loading…»
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    window.grab().save(str(screenshot), "PNG")
    window.close()
    return 0
