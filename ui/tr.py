"""Translation helpers: marking strings for pyside6-lupdate where tr() cannot be called yet."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for the catalog under `context`; translate it later with QCoreApplication.translate."""
    return text
