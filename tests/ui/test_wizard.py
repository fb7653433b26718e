"""First run: the wizard creates the installation and shows the recovery key once, with a print button."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from storage.accounts import is_set_up, sign_in
from ui.wizard import SetupWizard


def test_wizard_creates_a_grid_installation(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "first.db"
    wizard = SetupWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.township.setCurrentIndex(wizard.township.findData("141123100"))
    wizard.grid_code.setText("001-01")
    wizard.next()
    assert wizard.currentPage() is wizard.person_page
    page = wizard.person_page
    page.name.setText("李娜")
    page.phone.setText("13900139000")
    page.password.setText("pass-word-123")
    page.password2.setText("pass-word-124")
    wizard.next()
    assert "不一致" in page.error.text() or "match" in page.error.text()
    page.password2.setText("pass-word-123")
    wizard.next()
    assert wizard.currentId() == wizard.key_page_id
    assert wizard.recovery_key and wizard.key_label.text() == wizard.recovery_key
    assert wizard.print_button.isVisible()
    assert is_set_up(path)
    signed = sign_in(path, "pass-word-123")
    assert signed.unit_code == "141123100001-01" and signed.actor.login == "李娜"
    signed.close()
    with qtbot.waitSignal(wizard.installed):
        wizard.accept()


def test_wizard_refuses_a_bad_unit_and_a_weak_password(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "second.db"
    wizard = SetupWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.grid_code.setText("")
    wizard.next()
    assert wizard.unit_error.text()  # a grid needs its village and grid number
    wizard.levels.button(1).setChecked(True)  # township
    assert not wizard.grid_code.isEnabled()
    wizard.next()
    page = wizard.person_page
    page.name.setText("王强")
    page.phone.setText("13700137000")
    page.password.setText("short")
    page.password2.setText("short")
    wizard.next()
    assert "8" in page.error.text()
    assert not is_set_up(path)
