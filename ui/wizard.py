"""First run: a wizard that asks the level, the unit and the first user, then shows the recovery key once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

ERROR_STYLE = "color: #c0392b;"


class SetupWizard(QWizard):
    """Creates the installation (`init_installation`) and shows its recovery key with a print button."""

    installed = Signal()

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        from models.enums import Level
        from storage.profile import default_profile

        self.db_path = db_path
        self.profile = default_profile()
        self.recovery_key = ""
        self.setWindowTitle(self.tr("Grid Ledger: first-time set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(560, 420)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

        # Page 1: level and unit.
        unit_page = _UnitPage(self)
        unit_page.setTitle(self.tr("Where do you work?"))
        unit_page.setSubTitle(self.tr("Choose the level of this computer and your unit."))
        self.levels = QButtonGroup(self)
        level_box = QWidget()
        level_row = QVBoxLayout(level_box)
        level_row.setContentsMargins(0, 0, 0, 0)
        for i, (level, text) in enumerate(
            (
                (Level.GRID, self.tr("Grid worker (grid)")),
                (Level.TOWNSHIP, self.tr("Township liaison (township)")),
                (Level.COUNTY, self.tr("County office (county)")),
            )
        ):
            radio = QRadioButton(text)
            radio.setProperty("level", level.value)
            self.levels.addButton(radio, i)
            level_row.addWidget(radio)
        self.levels.button(0).setChecked(True)
        self.township = QComboBox()
        for area in self.profile.townships:
            self.township.addItem(f"{area.name}（{area.code}）", area.code)
        self.grid_code = QLineEdit()
        self.grid_code.setPlaceholderText(self.tr("Village and grid number, e.g. 001-01"))
        self.unit_error = QLabel()
        self.unit_error.setStyleSheet(ERROR_STYLE)
        self.unit_error.setWordWrap(True)
        form = QFormLayout(unit_page)
        form.addRow(self.tr("Level"), level_box)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("Village and grid"), self.grid_code)
        form.addRow("", self.unit_error)
        self.levels.idToggled.connect(self._level_changed)

        # Page 2: the first user.
        person_page = _PersonPage(self)
        self.person_page = person_page

        # Page 3: the recovery key, shown once.
        key_page = QWizardPage()
        key_page.setTitle(self.tr("Your recovery key"))
        key_page.setSubTitle(
            self.tr(
                "Print or copy this key and keep it safe. It is shown only once; with it you can "
                "recover your data if you forget your password."
            )
        )
        self.key_label = QLabel()
        mono = QFont("monospace")
        mono.setPointSize(14)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key_label.setFont(mono)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_key)
        key_layout = QVBoxLayout(key_page)
        key_layout.addWidget(self.key_label)
        key_layout.addWidget(self.print_button, alignment=Qt.AlignmentFlag.AlignCenter)

        self.addPage(unit_page)
        self.addPage(person_page)
        self.key_page_id = self.addPage(key_page)
        self.accepted.connect(self.installed.emit)

    def _level_changed(self, button_id: int, checked: bool) -> None:
        if checked:
            level = self.level()
            self.township.setEnabled(level != "county")
            self.grid_code.setEnabled(level == "grid")

    def level(self) -> str:
        button = self.levels.checkedButton()
        return str(button.property("level")) if button is not None else "grid"

    def unit_code(self) -> str:
        from models.enums import Level

        level = Level[self.level().upper()]
        if level is Level.COUNTY:
            return self.profile.county_code
        township = str(self.township.currentData())
        if level is Level.TOWNSHIP:
            return township
        return township + self.grid_code.text().strip()

    def check_unit(self) -> bool:
        from models.enums import Level
        from storage.accounts import resolve_unit
        from storage.errors import UserFacingError

        try:
            resolve_unit(self.profile, Level[self.level().upper()], self.unit_code())
        except UserFacingError as exc:
            self.unit_error.setText(str(exc))
            return False
        self.unit_error.clear()
        return True

    def create_installation(self, name: str, phone: str, password: str) -> str | None:
        """Creates the installation; returns an error message, or None when done."""
        from models.enums import Level
        from storage.accounts import init_installation
        from storage.errors import UserFacingError

        try:
            result = init_installation(
                self.db_path,
                level=Level[self.level().upper()],
                unit_code=self.unit_code(),
                name=name,
                phone=phone,
                password=password,
                profile=self.profile,
            )
        except UserFacingError as exc:
            return str(exc)
        self.recovery_key = result.recovery_key
        self.key_label.setText(result.recovery_key)
        return None

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setPlainText(self.tr("Grid Ledger recovery key") + "\n\n" + self.recovery_key)
            doc.print_(printer)


class _UnitPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        return self._wizard.check_unit()


class _PersonPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("About you"))
        self.setSubTitle(
            self.tr("Your name is your user name. The password must have at least 8 characters.")
        )
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("13800138000")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile phone"), self.phone)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password2)
        form.addRow("", self.error)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._wizard.recovery_key:
            return True  # already created (the user went back and forward again)
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("The two passwords do not match."))
            return False
        problem = self._wizard.create_installation(self.name.text(), self.phone.text(), self.password.text())
        if problem is not None:
            self.error.setText(problem)
            return False
        self.error.clear()
        return True
