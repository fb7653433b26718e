"""PySide6 widgets, dialogs and Qt item models. Calls storage and exports services; builds no SQL itself."""
