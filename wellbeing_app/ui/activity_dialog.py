"""Add or edit one of your own offline activities, checked like the shipped catalog's."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.core.activities import (
    CATEGORIES,
    MAX_ACTIVITY_MINUTES,
    MAX_TITLE_LENGTH,
    OUTDOORS_KINDS,
    SOCIAL_KINDS,
    TIMES_OF_DAY,
    Activity,
    new_custom_activity,
)
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.ui.activity_models import OUTDOORS_TEXT, SOCIAL_TEXT, theme_text
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core
from wellbeing_app.ui.limit_dialog import error_label, show_error, toggle_button

# English sources, translated where shown (context "ActivityDialog").
ENERGY_TEXT = {
    1: QT_TRANSLATE_NOOP("ActivityDialog", "Low: restful"),
    2: QT_TRANSLATE_NOOP("ActivityDialog", "Some"),
    3: QT_TRANSLATE_NOOP("ActivityDialog", "High: gets you moving"),
}


class ActivityDialog(QDialog):
    """Returns the activity through ``activity()`` once saved; problems show as one sentence."""

    def __init__(
        self,
        taken_ids: Collection[str],
        existing: Activity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Edit your activity") if existing else self.tr("Add your own activity")
        )
        self._taken_ids = taken_ids
        self._existing = existing
        self._activity: Activity | None = None

        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("Water the plants, play the guitar, phone Gran…"))
        self.title.setMaxLength(MAX_TITLE_LENGTH + 20)  # long enough to be told it is too long
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        for category in CATEGORIES:
            self.theme.addItem(theme_text(category), category)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName(self.tr("Minutes it takes"))
        self.minutes.setRange(0, MAX_ACTIVITY_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(15)
        self.social = QComboBox()
        self.social.setAccessibleName(self.tr("With whom"))
        for kind in SOCIAL_KINDS:
            self.social.addItem(
                QCoreApplication.translate("ActivityTableModel", SOCIAL_TEXT[kind]), kind
            )
        self.social.setCurrentIndex(self.social.findData("either"))
        self.outdoors = QComboBox()
        self.outdoors.setAccessibleName(self.tr("Where"))
        for kind in OUTDOORS_KINDS:
            self.outdoors.addItem(
                QCoreApplication.translate("ActivityTableModel", OUTDOORS_TEXT[kind]), kind
            )
        self.outdoors.setCurrentIndex(self.outdoors.findData("either"))
        self.energy = QComboBox()
        self.energy.setAccessibleName(self.tr("Energy it asks for"))
        for level, text in ENERGY_TEXT.items():
            self.energy.addItem(self.tr(text), level)
        self.energy.setCurrentIndex(1)
        self.times = QButtonGroup(self)
        self.times.setExclusive(False)
        times_row = QHBoxLayout()
        times_row.setSpacing(4)
        for number, time_of_day in enumerate(TIMES_OF_DAY):
            button = toggle_button(
                translate_core(time_of_day).title(),
                self.tr("Suits the {time_of_day}").format(time_of_day=translate_core(time_of_day)),
            )
            button.setChecked(True)
            self.times.addButton(button, number)
            times_row.addWidget(button)
        times_row.addStretch(1)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(self.tr("One kind sentence, if you like."))
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)
        self.error = error_label()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Takes about:"), self.minutes)
        form.addRow(self.tr("With:"), self.social)
        form.addRow(self.tr("Where:"), self.outdoors)
        form.addRow(self.tr("Energy:"), self.energy)
        form.addRow(self.tr("Suits the:"), times_row)
        form.addRow(self.tr("Description:"), self.description)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        if existing is not None:
            self._fill(existing)

    def _fill(self, activity: Activity) -> None:
        self.title.setText(activity.title)
        self.theme.setCurrentIndex(self.theme.findData(activity.category))
        self.minutes.setValue(activity.minutes)
        self.social.setCurrentIndex(self.social.findData(activity.social))
        self.outdoors.setCurrentIndex(self.outdoors.findData(activity.outdoors))
        self.energy.setCurrentIndex(self.energy.findData(activity.energy))
        for button in self.times.buttons():
            button.setChecked(TIMES_OF_DAY[self.times.id(button)] in activity.times)
        self.description.setPlainText(activity.description)

    def accept(self) -> None:
        times = [TIMES_OF_DAY[self.times.id(b)] for b in self.times.buttons() if b.isChecked()]
        try:
            activity = new_custom_activity(
                self.title.text(),
                str(self.theme.currentData()),
                self.minutes.value(),
                social=str(self.social.currentData()),
                outdoors=str(self.outdoors.currentData()),
                energy=int(self.energy.currentData()),
                times=times,
                description=self.description.toPlainText(),
                taken_ids=self._taken_ids,
                activity_id=None if self._existing is None else self._existing.id,
            )
        except InvalidInput as error:
            show_error(self.error, error)
            return
        show_error(self.error, None)
        self._activity = activity
        super().accept()

    def activity(self) -> Activity | None:
        return self._activity
