"""The log file beside the database: the details (tracebacks) of what went wrong, kept for whoever
helps the coach, while the coach reads one sentence that names this file.

`use_log_file(data_dir)` is called once by the window and by the command line. It costs nothing
at start-up: logging.handlers (some 3 ms of imports) is loaded and the file opened only when the
first record is written. The file is rotated: LOG_FILE_NAME and at most BACKUP_COUNT older files
of about MAX_BYTES each.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

LOG_FILE_NAME = "alcoach.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
LOGGER_NAME = "alcoach"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


class PrivateFormatter(logging.Formatter):
    """Tracebacks without the exceptions' messages: a message may quote what a coach typed (a
    note, a name), and the log must never hold that. The frames and the exceptions' types stay,
    which is what whoever helps the coach needs to find the place."""

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's, with the message
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:
        import traceback

        _, exc, _ = ei
        parts: list[str] = []
        seen: set[int] = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            frames = "".join(traceback.format_tb(exc.__traceback__))
            name = type(exc).__qualname__
            parts.append(f"Traceback (most recent call last):\n{frames}{name} (message not logged)")
            exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        return "\n\nwhile handling, or caused by:\n".join(reversed(parts))


class _LazyRotatingFileHandler(logging.Handler):
    """A RotatingFileHandler made on the first record (importing logging.handlers only then)."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            try:
                self._file = RotatingFileHandler(
                    self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
                )
            except OSError:
                self.handleError(record)  # a read-only data folder must not stop the app
                return
            from alcoach.privacy import make_private

            make_private(self.path)
            self._file.setFormatter(PrivateFormatter(_FORMAT))
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


_handler: _LazyRotatingFileHandler | None = None


def use_log_file(data_dir: Path) -> Path:
    """Send alcoach's log records (INFO and above) to LOG_FILE_NAME in `data_dir`; return its
    path. Calling it again with another folder moves the log there."""
    global _handler
    path = Path(data_dir) / LOG_FILE_NAME
    if _handler is not None and _handler.path == path:
        return path
    logger = logging.getLogger(LOGGER_NAME)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler = _LazyRotatingFileHandler(path)
    logger.addHandler(_handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def stop_log_file() -> None:
    """Close the log file and stop writing to it (when the store closes)."""
    global _handler
    if _handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(_handler)
        _handler.close()
        _handler = None


def log_file() -> Path | None:
    """The log file in use, or None before use_log_file."""
    return None if _handler is None else _handler.path


def log_failure(what: str, exc: BaseException) -> Path | None:
    """Write `what` and the traceback of `exc` to the log; the log's path (None: no log file set,
    then the details go to stderr as before)."""
    if _handler is None:
        import traceback

        print(f"alcoach: {what}", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
        return None
    log.error("%s", what, exc_info=(type(exc), exc, exc.__traceback__))
    return _handler.path


def explain_unexpected(failed: str, try_this: str, exc: BaseException) -> str:
    """Log `exc` with its traceback; return one sentence for the coach that says what `failed`
    ("the meeting summary could not be made"), what to try and where the details are."""
    path = log_failure(f"{failed}: {type(exc).__name__}", exc)
    where = f"; the details are in {path}" if path else ""
    return f"{failed[:1].upper()}{failed[1:]} because of an unexpected error; {try_this}{where}."
