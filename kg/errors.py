"""Errors a user can act on.

Every error the tool expects (bad input, missing store, unknown query...) is a ``GazetteKGError``:
the CLI prints its message on one line and exits non-zero, and the build skips the offending file
and goes on. Anything else escaping is a bug. Messages say what went wrong, where (path, and line
when known) and what to do about it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class GazetteKGError(Exception):
    """Base class: an expected failure, reported as a message rather than a traceback."""


class InputError(GazetteKGError):
    """An input file cannot be used as text: missing, unreadable, undecodable, binary or empty."""

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        line: int | None = None,
        byte_offset: int | None = None,
        hint: str = "check the file, or re-save it as UTF-8 text",
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.byte_offset = byte_offset
        self.hint = hint
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}; {hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments do not survive the default pickling (e.g. from a worker process).
        kwargs = {"line": self.line, "byte_offset": self.byte_offset, "hint": self.hint}
        return (_rebuild, (type(self), self.path, self.reason, kwargs))


class ExtractionError(GazetteKGError):
    """A file that decoded as text but in which no gazette document was recognised."""

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        hint: str = "check that the file is a 政报 issue converted from PDF to text, or leave it out",
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.path}: {reason}; {hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.path, self.reason, {"hint": self.hint}))


class StoreError(GazetteKGError):
    """The knowledge-graph store cannot be opened, read or written."""


class QueryError(GazetteKGError):
    """A query cannot be run: unknown named query, bad parameter, or a refused update."""


class ValidationError(GazetteKGError):
    """The graph (or a shape file) cannot be validated."""


def _rebuild(cls: Any, path: Path, reason: str, kwargs: dict[str, Any]) -> GazetteKGError:
    """Unpickle an error that has keyword arguments by calling its constructor again."""
    error: GazetteKGError = cls(path, reason, **kwargs)
    return error


class NotFoundError(GazetteKGError):
    """What the user asked for (a person, a post …) is not in the store; the message suggests near names."""


class EndpointError(GazetteKGError):
    """A remote SPARQL endpoint refused, failed or could not be reached; the message names it."""


class TruncatedResultError(EndpointError):
    """The endpoint cut the result short (Virtuoso's ResultSetMaxRows): an incomplete answer is not returned."""


class BuildError(GazetteKGError):
    """A build cannot run as asked: a bad option (``jobs`` below 1) or an executor that cannot be used."""


class WorkerError(BuildError):
    """An extraction worker died (killed, out of memory) or its executor failed; nothing was written."""


class ExportError(GazetteKGError):
    """The export cannot be written: the output path is unusable or the disk refused."""


class VizError(GazetteKGError):
    """A picture cannot be drawn or saved: bad argument, unknown focus, unwritable path."""
