"""Starting the window: platform checks, opening the store, backups, and `--startup-check`.

Nothing here imports reportlab or jsonschema: start-up time is benchmarked.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from alcoach.errors import AlcoachError, FolderInUseError, PassphraseNeeded

_IMPORTED_AT = time.perf_counter()
STARTUP_CHECK_TIMEOUT_MS = 60_000
# After the first paint, how long the window waits before it listens for a second window (a
# second start sooner than that says alcoach is open there, without bringing this one forward).
SERVER_DELAY_MS = 300
# ALCOACH_STARTUP_TRACE=1 makes --startup-check print where its milliseconds went, phase by phase.
_TRACE: list[tuple[str, int]] | None = [] if os.environ.get("ALCOACH_STARTUP_TRACE") else None


def mark(label: str, at_ms: int | None = None) -> None:
    """Note a start-up phase's end (only when tracing), now or at `at_ms` since the start."""
    if _TRACE is not None:
        _TRACE.append((label, ms_since_process_start() if at_ms is None else at_ms))


# The libraries Qt's xcb platform plugin loads that minimal Linux installs often lack, with the
# Debian/Ubuntu package that provides each. Since Qt 6.5 libxcb-cursor is needed as well.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def _loadable(soname: str) -> bool:
    import ctypes  # only where Qt would use xcb: not on the start-up path otherwise

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages() -> list[str]:
    """Debian packages to install so that Qt's xcb plugin loads (empty when all is there)."""
    return [package for soname, package in XCB_LIBRARIES.items() if not _loadable(soname)]


def _uses_xcb(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    # Qt picks Wayland on its own in a Wayland session without X11; xcb otherwise.
    return bool(environ.get("DISPLAY")) or not environ.get("WAYLAND_DISPLAY")


def platform_problem() -> str | None:
    """One sentence saying what to install, or None when Qt can start."""
    if not _uses_xcb():
        return None
    missing = missing_xcb_packages()
    if not missing:
        if not os.environ.get("DISPLAY"):
            return (
                "alcoach needs a graphical display and none was found (DISPLAY is not set); "
                "start it from a desktop session."
            )
        return None
    return (
        "alcoach cannot open its window because system libraries for the X11 display are "
        f"missing; install them with: sudo apt-get install {' '.join(missing)}"
    )


def ms_since_process_start() -> int:
    """Milliseconds since this process started (from /proc on Linux, else since import)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5); fields[0] is field 3
        hz = os.sysconf("SC_CLK_TCK")
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
        elapsed = now - start_ticks / hz
        if 0 <= elapsed < 600:
            return round(elapsed * 1000)
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return round((time.perf_counter() - _IMPORTED_AT) * 1000)


def _fail(message: str, *, gui: bool) -> int:
    print(f"alcoach: {message}", file=sys.stderr)
    if gui:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "alcoach cannot open its data", message)
    return 1


def run_app(
    data_dir: str | None, startup_check: bool = False, passphrase_file: str | None = None
) -> int:
    """Open the window on the data folder (an encrypted one's passphrase from `passphrase_file`,
    or asked in a dialog); returns the process exit code."""
    problem = platform_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    # Start-up makes some hundred thousand objects (Qt's Python enums, peewee's models, the
    # window), and the cycle collector walked the growing heap about eighty times on the way:
    # 15 ms of a 300 ms start. It resumes once the window has painted.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_window(
            data_dir, startup_check, resume_collector=collecting, passphrase_file=passphrase_file
        )
    finally:
        if collecting:
            gc.enable()


def _window_ask(passphrase_file: str | None):
    """How the window gets an encrypted folder's passphrase: a file's first line, or the dialog
    (imported only when a folder is encrypted)."""
    if passphrase_file:
        from alcoach.data.unlock import from_secret
        from alcoach.secret_input import secret_from_file

        return from_secret(secret_from_file(passphrase_file, "passphrase"))

    def ask(folder: Path, said: str) -> str | None:
        from alcoach.ui.dialogs.passphrase_dialog import ask_in_window

        return ask_in_window(folder, said)

    return ask


def _run_window(
    data_dir: str | None,
    startup_check: bool,
    *,
    resume_collector: bool,
    passphrase_file: str | None = None,
) -> int:
    mark("interpreter and cli")
    # alcoach.ui first: its guards for PySide6 apply to all that is imported after it
    import alcoach.ui  # noqa: F401, I001
    from PySide6.QtWidgets import QApplication

    mark("import Qt")
    from alcoach.data.paths import resolve_data_dir
    from alcoach.data.store import open_store

    mark("import data layer")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("alcoach")
    app.setOrganizationName("alcoach")
    app.setApplicationDisplayName("alcoach")
    mark("QApplication")
    from alcoach.ui.kit.migration_progress import MigrationProgressDialog

    migrating = MigrationProgressDialog()
    try:
        folder = resolve_data_dir(data_dir)
        # The full integrity check reads the whole file: it runs after the window shows, unless
        # the last session was killed (then before opening, as for a migration).
        store = open_store(
            folder, defer_check=True, progress=migrating, ask=_window_ask(passphrase_file)
        )
    except FolderInUseError:
        return _already_open(folder, gui=not startup_check)
    except PassphraseNeeded as exc:  # the coach chose Quit: no second box to close
        print(f"alcoach: {exc}", file=sys.stderr)
        return 1
    except AlcoachError as exc:
        return _fail(str(exc), gui=not startup_check)
    finally:
        migrating.close()

    from alcoach.logfile import stop_log_file, use_log_file

    use_log_file(store.data_dir)  # the file is opened only when something is logged
    mark("open store")
    from alcoach.ui.kit.context import AppContext
    from alcoach.ui.kit.tasks import wait_for_background
    from alcoach.ui.shell.main_window import MainWindow

    mark("import window")

    ctx = AppContext(data_dir=store.data_dir, db_path=store.db_path)
    outcome: dict[str, object] = {"code": 0}
    try:
        window = MainWindow(ctx)
        mark("build window")
        window.restore_or_open_latest()
        mark("open meeting")
        window.show()
        mark("show")
        if store.journal_note:  # said once: this folder cannot keep SQLite's write-ahead log
            ctx.bus.status_message.emit(store.journal_note)
        if store.privacy_note:  # said once: the folder was open to other users until now
            ctx.bus.status_message.emit(store.privacy_note)

        def after_first_paint() -> None:
            from PySide6.QtCore import QTimer

            if resume_collector:
                # What start-up made lives as long as the window: frozen, the cycle collector's
                # full passes skip it. Unfrozen, each full pass walked it all with the GIL held,
                # 50-60 ms in which an export's thread stopped the window (the responsiveness
                # benchmark's longest gaps).
                gc.freeze()
                gc.enable()
            _check_then_back_up(store, window, outcome)
            if not startup_check and not outcome.get("damaged"):  # benchmark, smoke check
                from alcoach.ui.shell.first_run import offer_first_run

                outcome["first run"] = offer_first_run(window, ctx)
            if os.environ.get("ALCOACH_QUIT_AFTER_PAINT") and not startup_check:
                # the benchmark's real start and quit: closed as a coach closes it
                print(f"real-start ok {ms_since_process_start()}", flush=True)
                QTimer.singleShot(0, window.close)
            # QtNetwork's import (some milliseconds) waits until the first frames are out too
            QTimer.singleShot(
                SERVER_DELAY_MS, window, lambda: _answer_second_windows(window, outcome)
            )

        check_and_back_up = _after_first_paint(window, after_first_paint)
        if startup_check:
            _arm_startup_check(app, window, outcome)
        code = app.exec()
        check_and_back_up()  # closed before it ran (or before it was drawn): it runs now
        wait_for_background()
        _dispose(app, window)
        if not startup_check and not outcome.get("damaged"):
            from alcoach.data.backup import backup_now

            try:
                backup_now(store.db_path, reason="close")
            except AlcoachError as exc:
                print(f"alcoach: {exc}", file=sys.stderr)
    finally:
        store.close()
        stop_log_file()
    if startup_check:
        return int(outcome["code"])  # type: ignore[call-overload]
    return code


def _answer_second_windows(window, outcome: dict[str, object]) -> None:
    """Listen for a second alcoach on this folder (alcoach.ui.shell.single_window)."""
    from alcoach.ui.shell.single_window import WindowServer

    if "server" not in outcome:
        server = outcome["server"] = WindowServer(window, window.ctx.data_dir)
        if server.problem:
            window.ctx.bus.status_message.emit(server.problem)


def _already_open(folder: Path, *, gui: bool) -> int:
    """Another process holds the folder: bring its window forward if it has one, and say so."""
    from alcoach.ui.shell.single_window import ask_first_window_forward

    if ask_first_window_forward(folder):
        message = f"alcoach is already open on {folder}; its window was brought to the front."
    else:
        message = (
            f"alcoach is already open on {folder} in another window or a command that is still "
            "running; close it, then start alcoach again."
        )
    print(f"alcoach: {message}", file=sys.stderr)
    if gui:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(None, "alcoach is already open", message)
    return 1


def _dispose(app, window) -> None:
    """Delete the closed window now, with its panels' timers: when run_app is called inside a
    longer-lived process (the tests), nothing of it may keep reading a store that is closed."""
    from PySide6.QtCore import QEvent

    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _after_first_paint(window, work):
    """Run `work` once the window has been drawn (so that it never delays the first picture),
    or after two seconds if the window is never drawn (started minimised, say). Returns a
    function that runs it now unless it has run (for a window closed before either)."""
    from PySide6.QtCore import QTimer

    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            work()

    # a zero timer set during the paint runs once the whole paint pass is over
    window.first_painted.connect(lambda: QTimer.singleShot(0, run))
    QTimer.singleShot(2000, run)
    return run


def _check_then_back_up(store, window, outcome: dict[str, object]) -> None:
    """Off the UI thread: the deferred integrity check, then the day's backup (never a backup of
    a damaged file: it would push a sound one out of the rotation)."""
    from alcoach.data.backup import backup_if_due
    from alcoach.data.identify import integrity_problem
    from alcoach.data.lock import require_folder
    from alcoach.ui.kit.tasks import run_in_background

    pending = store.integrity_pending
    db_path, data_dir = store.db_path, store.data_dir

    def work() -> str | None:
        require_folder(data_dir, "The daily backup")
        problem = integrity_problem(db_path) if pending else None
        if problem is None:
            backup_if_due(db_path)
        return problem

    def done(problem: str | None) -> None:
        if problem is not None:
            outcome["damaged"] = True
            store.refuse_writes()
            show_damage(window, problem)

    run_in_background(
        work,
        on_success=done,
        on_failure=lambda exc: window.ctx.bus.status_message.emit(f"Backup failed: {exc}"),
    )


def show_damage(window, problem: str) -> None:
    """The file failed its integrity check after the window opened: say so in the status bar and
    in a message that does not block the window; nothing is written from now on."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    text = f"{problem} alcoach has stopped saving to it."
    window.ctx.bus.save_failed.emit(text)
    box = QMessageBox(QMessageBox.Icon.Warning, "alcoach found damage in its data", text)
    box.setParent(window, Qt.WindowType.Dialog)
    box.setObjectName("damage_message")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


def _trace_text(trace: list[tuple[str, int]]) -> str:
    lines, before = [], 0
    for label, at in trace:
        lines.append(f"startup-trace {label}: {at - before} ms (at {at})")
        before = at
    peak = peak_rss_kb()
    if peak is not None:
        lines.append(f"startup-peak-rss-kb {peak}")
    return "\n".join(lines)


def peak_rss_kb() -> int | None:
    """This process's peak resident memory so far (VmHWM, Linux), or None where unknown.

    Read from inside: a parent's wait4 figure also counts the memory of the process that
    started it, up to the moment it started (Linux keeps the larger across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _arm_startup_check(app, window, outcome: dict[str, object]) -> None:
    """Print `startup-check ok <ms>` once the window has painted its meeting; quit either way."""
    from PySide6.QtCore import QTimer

    from alcoach.data.meetings import latest_meeting

    expected = window.current_meeting_id
    if expected is None:
        latest = latest_meeting()
        expected = latest.id if latest else None

    finished = False

    def check() -> None:
        nonlocal finished
        # Qt paints a window as the platform exposes it: once exposed, it has painted.
        handle = window.windowHandle()
        if not window.isVisible() or handle is None or not handle.isExposed():
            QTimer.singleShot(0, check)
            return
        if window.current_meeting_id != expected:
            outcome["code"] = 2
            print(
                f"startup-check failed: meeting {window.current_meeting_id} is open, "
                f"expected {expected}",
                file=sys.stderr,
            )
        else:
            shown_ms = ms_since_process_start()
            mark("first paint", shown_ms)
            print(f"startup-check ok {shown_ms}", flush=True)
            if _TRACE is not None:
                print(_trace_text(_TRACE), flush=True)
        finished = True
        window.running.quit_without_asking()  # a check, not a coach: running meetings run on
        window.close()
        app.quit()

    def give_up() -> None:
        # In a longer-lived process (the tests) the application outlives this check: a minute
        # later it must not quit whatever event loop is running then.
        if finished:
            return
        outcome["code"] = 3
        print("startup-check failed: the window did not show within a minute", file=sys.stderr)
        app.quit()

    QTimer.singleShot(0, check)
    QTimer.singleShot(STARTUP_CHECK_TIMEOUT_MS, give_up)
