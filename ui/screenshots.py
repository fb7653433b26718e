"""Screenshots of the desk for a look by eye (not a test; images are not committed).

    QT_QPA_PLATFORM=offscreen GRIDLEDGER_PASSWORD=demo-pass-123 \
        .venv/bin/python -m ui.screenshots --db /tmp/ui-demo/g.db --out /tmp/shots
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    settle(app)
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    password = os.environ.get("GRIDLEDGER_PASSWORD", "")

    from ui.app import application, load_cjk_font, load_translations

    app = application()
    load_cjk_font(app)
    load_translations(app)
    from ui.signin import SignInWindow

    db_path = Path(args.db)
    signin = SignInWindow(db_path)
    signin.show()
    signin.password.setText("wrong-password")
    signin.attempt()
    shot(app, signin, out, "01-sign-in-wrong-password")
    signin.cooldown.stop()
    signin._end_cooldown()

    from storage.accounts import sign_in
    from ui.main_window import MainWindow

    signed = sign_in(db_path, password)
    window = MainWindow(signed)
    window.show()
    shot(app, window, out, "02-dashboard")
    for i, key in enumerate(("survey", "clue", "visit", "subject"), start=3):
        window.go_to(key)
        shot(app, window, out, f"{i:02d}-list-{key}")
    window.go_to("clue")
    page = window.list_page("clue")
    page.search.setText("高额回报为诱饵")
    page.apply_filter()
    shot(app, window, out, "07-list-clue-search")
    page.search.setText("")
    page.overdue.setChecked(True)
    shot(app, window, out, "08-list-clue-overdue")
    page.overdue.setChecked(False)

    bad = {
        "subject": ("id_number", "110105194912310021"),
        "survey": ("screeners", ""),
        "clue": ("facts", ""),
        "visit": ("visitors", "张伟"),
    }
    for i, (record_type, (field, text)) in enumerate(bad.items(), start=9):
        form = window.open_record(record_type, None)
        form.resize(900, 860)
        if record_type == "subject":
            form.fields["kind"].set_value("natural_person")
            form.fields["name"].set_value("刘建国")
        target = form.fields[field]
        target.set_value(text if field != "visitors" else [text])
        form.on_changed(field)
        if record_type == "clue":
            form.fields["received_date"].set_value(dt.date.today() + dt.timedelta(days=3))
            form.on_changed("received_date")
        shot(app, form, out, f"{i:02d}-form-{record_type}-error")
        form.dirty = False
        form.close()

    page.search.setText("张伟")  # two characters: the LIKE fallback
    page.apply_filter()
    shot(app, window, out, "08b-list-clue-search-short")
    page.search.setText("")
    clue_page = window.list_page("clue")
    clue_page.status.setCurrentIndex(clue_page.status.findData("closed"))
    clue_page.apply_filter()
    clue_id = clue_page.model.record_id(0)
    form = window.open_record("clue", clue_id)
    form.resize(1280, 860)
    shot(app, form, out, "13-clue-timeline")
    form.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
