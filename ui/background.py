"""Running slow read-only queries (counts, dashboard figures) off the GUI thread.

Each job opens its own read transaction (the engine's pool gives it its own connection), and its result
comes back to the GUI thread through a queued signal. `wait_for_background()` is called before the
database closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_pending: set[_Relay] = set()


class _Relay(QObject):
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception:  # a failed count must not take the app down; it is logged as a bug
            log.exception("background query failed")
            result = None
        self.relay.done.emit(result)


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None], owner: QObject) -> None:
    """Calls `work()` on a worker thread, then `on_done(result)` on the GUI thread (None if it failed),
    unless `owner` (the widget that asked) has been deleted meanwhile."""
    relay = _Relay()
    # The GUI thread keeps the relay alive until Qt has deleted it there: were the worker's reference the
    # last one, the relay would be deleted on the worker thread (Qt forbids that).
    _pending.add(relay)
    relay.destroyed.connect(lambda _obj=None: _pending.discard(relay))

    def deliver(result: Any) -> None:
        relay.deleteLater()
        if shiboken6.isValid(owner):
            on_done(result)

    relay.done.connect(deliver)
    QThreadPool.globalInstance().start(_Job(work, relay))


def wait_for_background(timeout_ms: int = 30_000) -> None:
    QThreadPool.globalInstance().waitForDone(timeout_ms)
