"""The application log: unexpected exceptions with their traceback, secrets masked.

One rotating file in the data folder (``logs/schemadesk.log``; ``SCHEMADESK_DATA_DIR`` moves
it, as it moves the audit log), configured once by whichever front end starts. Every module
logs through ``logging.getLogger(__name__)``; the file handler's formatter masks passwords in
the whole formatted record, traceback included, so an exception whose message carries a
conninfo or a ``PASSWORD '...'`` literal never writes the secret to disk.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from typing import Final

from schemadesk.core.profiles import default_data_dir
from schemadesk.core.secrets import mask_secrets as redact_sql  # (core.audit imports engines)

LOGGER: Final = "schemadesk"  # the package's loggers are its children
MAX_BYTES: Final = 1_000_000
BACKUPS: Final = 3  # schemadesk.log.1 … .3: a few megabytes at most
_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """Where the log file is (it may not exist yet: nothing unexpected happened)."""
    return default_data_dir() / "logs" / "schemadesk.log"


class MaskingFormatter(logging.Formatter):
    """A formatter whose output (message, arguments and traceback) has secrets masked."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_sql(super().format(record))


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """Rotating file created with mode 0600: a traceback names hosts, roles and paths."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed leaves it untyped
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def configure_logging(path: Path | None = None) -> Path:
    """Send the package's warnings and errors to the rotating file at ``path`` (default:
    ``log_path()``); calling it again replaces the earlier file handler. Returns the path."""
    path = log_path() if path is None else path
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, _PrivateRotatingFile):
            logger.removeHandler(handler)
            handler.close()
    # delay: the file (and its folder) appear with the first record, not at every start.
    handler = _PrivateRotatingFile(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(MaskingFormatter(_FORMAT))
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def masked_details(exc: BaseException) -> str:
    """The traceback of ``exc`` as text, secrets masked: what "Copy details" copies."""
    return redact_sql("".join(traceback.format_exception(exc)))


def one_line(exc: BaseException) -> str:
    """``Type: first line of the message``, masked: what a person sees of a bug."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return redact_sql(f"{type(exc).__name__}: {first}" if first else type(exc).__name__)
