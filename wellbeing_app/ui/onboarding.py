"""First run: what Wellbeing records (and that nothing leaves the computer), then five choices.

Nothing is stored until Finish: then the counted apps, the reminder times, the country whose
crisis lines "Get help now" shows (defaulting from the system locale) and (if asked for)
starting at login are applied, ``completed`` is emitted, and ``first_limit()`` holds the daily
limit the person chose, if any, for the caller to store. Cancel changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wellbeing_app.core.classifier import CATEGORIES, Catalog
from wellbeing_app.core.crisis import INTERNATIONAL, CrisisCatalog, parse_crisis_catalog
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limits import MAX_LIMIT_MINUTES, new_limit
from wellbeing_app.core.models import DailyLimit, LimitKind
from wellbeing_app.core.settings import check_value, spec_for
from wellbeing_app.platform.autostart import Autostart, start_command
from wellbeing_app.platform.sessions import TrackingAdvice
from wellbeing_app.resources import read_text
from wellbeing_app.services.settings_service import SettingsService
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.ui.help_dialog import NOT_LISTED, crisis_html
from wellbeing_app.ui.i18n import QT_TRANSLATE_NOOP, translate_core
from wellbeing_app.ui.rule_editor import CommunityAppsModel
from wellbeing_app.ui.screen_fit import fit_to_screen
from wellbeing_app.ui.settings_widgets import (
    OptionalTimeControl,
    SettingControl,
    TimeListControl,
    note_label,
    problem_label,
    text_label,
)
from wellbeing_app.ui.tracking_status import advice_html

# English sources, translated where shown (context "OnboardingDialog").
_TITLES_SENTENCE = {
    "reduced": QT_TRANSLATE_NOOP(
        "OnboardingDialog",
        "Window titles are reduced to the program's name (like 'firefox'), so what you "
        "read or write is never kept.",
    ),
    "drop": QT_TRANSLATE_NOOP("OnboardingDialog", "Window titles are not kept at all."),
    "keep": QT_TRANSLATE_NOOP(
        "OnboardingDialog",
        "Window titles are kept in full (you chose this; Settings can reduce them to the "
        "program's name).",
    ),
}


def welcome_text(window_titles: str) -> str:
    """Exactly what is recorded and kept, in plain words."""
    titles = _TITLES_SENTENCE.get(window_titles, _TITLES_SENTENCE["reduced"])
    return QCoreApplication.translate(
        "OnboardingDialog",
        "<p>Wellbeing helps you notice the time you spend in online communities, keep the "
        "boundaries you choose, and look after how you feel.</p>"
        "<p><b>What it records</b></p><ul>"
        "<li>Which community app or site is in front (Discord, Reddit, Instagram…) and for how "
        "long, while you are at the computer. <b>Not</b> what you type, read or watch there.</li>"
        "<li>{titles}</li>"
        "<li>A daily total of your active computer time; other apps are not recorded unless you "
        "turn that on.</li>"
        "<li>The mood check-ins, gratitude notes and journal entries you choose to write.</li>"
        "</ul>"
        "<p><b>Nothing leaves this computer.</b> Wellbeing makes no network connections at all: "
        "no account, no cloud, no analytics. Everything stays in one file on this computer, "
        "which you can export or delete whenever you like.</p>",
    ).format(titles=QCoreApplication.translate("OnboardingDialog", titles))


def crisis_country_for(locale: QLocale, known: Collection[str]) -> str:
    """The ISO code of ``locale``'s territory when it has crisis lines, else "" (international)."""
    code = QLocale.territoryToCode(locale.territory()).upper()
    return code if code in known else ""


def _page(title: str, subtitle: str, *widgets: QWidget, stretch: bool = True) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return page


class OnboardingDialog(QWizard):
    """The first-run wizard. ``completed`` is emitted once Finish has applied the choices."""

    completed = Signal()

    def __init__(
        self,
        catalog: Catalog,
        settings: SettingsService,
        rules: RuleRepository,
        autostart: Autostart,
        parent: QWidget | None = None,
        *,
        command: Sequence[str] | None = None,
        locale: QLocale | None = None,
        tracking_advice: TrackingAdvice | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Wellbeing"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._catalog = catalog
        self._settings = settings
        self._rules = rules
        self._autostart = autostart
        self._command = list(command) if command is not None else start_command()
        self._previously_uncounted = rules.uncounted_apps()
        current = settings.settings

        self.welcome = QLabel(welcome_text(current.window_titles))
        self.welcome.setWordWrap(True)
        self.welcome.setTextFormat(Qt.TextFormat.RichText)
        self.welcome.setAccessibleName(self.tr("What Wellbeing records"))
        # On a desktop where tracking is limited (GNOME without the extension, an unknown
        # Wayland desktop), the person learns it before anything is recorded, with what to do.
        self.tracking_advice = QLabel(advice_html(tracking_advice) if tracking_advice else "")
        self.tracking_advice.setObjectName("welcomeTrackingAdvice")
        self.tracking_advice.setWordWrap(True)
        self.tracking_advice.setTextFormat(Qt.TextFormat.RichText)
        self.tracking_advice.setOpenExternalLinks(True)
        self.tracking_advice.setAccessibleName(self.tr("How Wellbeing sees your desktop"))
        self.tracking_advice.setVisible(tracking_advice is not None)
        self.welcome_page = _page(
            self.tr("Welcome"),
            self.tr("A private companion for your time online."),
            self.welcome,
            self.tracking_advice,
        )
        self.addPage(self.welcome_page)

        self.addPage(self._apps_page())
        self.addPage(self._limit_page())
        self.addPage(
            self._reminders_page(current.mood_reminder_times, current.gratitude_reminder_time)
        )
        crisis = parse_crisis_catalog(read_text("crisis_lines.json"))
        chosen = current.crisis_country or crisis_country_for(
            locale if locale is not None else QLocale.system(), crisis.names
        )
        self.country_page = self._country_page(crisis, chosen)
        self.addPage(self.country_page)

        self.start_at_login = QCheckBox(self.tr("Start Wellbeing when I log in"))
        self.start_at_login.setAccessibleName(self.tr("Start Wellbeing when I log in"))
        self.start_at_login.setToolTip(
            self.tr("Adds {location}; Settings can undo it.").format(location=autostart.location)
        )
        self.start_at_login.setChecked(False)
        self.start_error = problem_label()
        self.addPage(
            _page(
                self.tr("Start at login?"),
                self.tr("Optional, and off unless you turn it on."),
                text_label(
                    self.tr(
                        "Wellbeing only counts time while it is running. Starting it when you "
                        "log in keeps the picture complete and your reminders on time; it waits "
                        "quietly in the tray."
                    )
                ),
                self.start_at_login,
                self.start_error,
                note_label(self.tr("You can change all of this later in Settings.")),
            )
        )
        self._fit_to_screen(640, 560)

    def _fit_to_screen(self, width: int, height: int) -> None:
        # At 150 % or 200 % on a small screen the preferred size would not fit; the pages
        # scroll instead.
        fit_to_screen(self, width, height)

    # -- pages

    def _apps_page(self) -> QWizardPage:
        self.apps = CommunityAppsModel(self._catalog.apps, self._previously_uncounted, self)
        self.apps_view = QTreeView()
        self.apps_view.setModel(self.apps)
        self.apps_view.setHeaderHidden(True)
        self.apps_view.setAccessibleName(self.tr("Community apps that count"))
        self.apps_view.setToolTip(
            self.tr("Checked apps and sites count toward your time and limits.")
        )
        self.apps_view.expandAll()
        none_button = QPushButton(self.tr("Count none"))
        all_button = QPushButton(self.tr("Count all"))
        none_button.setAccessibleName(self.tr("Count none of the apps"))
        all_button.setAccessibleName(self.tr("Count all of the apps"))
        names = [app.name for app in self._catalog.apps]
        none_button.clicked.connect(lambda: self.apps.set_counted(names, False))
        all_button.clicked.connect(lambda: self.apps.set_counted(names, True))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        return _page(
            self.tr("Which apps count?"),
            self.tr(
                "Time counts when one of these is in front, as an app or a website. Clear any that "
                "are not a community for you, such as your work chat."
            ),
            self.apps_view,
            buttons,
            stretch=False,
        )

    def _limit_page(self) -> QWizardPage:
        self.set_limit = QCheckBox(self.tr("Set a daily limit now"))
        self.set_limit.setAccessibleName(self.tr("Set a daily limit now"))
        self.limit_target = QComboBox()
        self.limit_target.setAccessibleName(self.tr("Daily limit for"))
        self.limit_target.setToolTip(self.tr("A single app, or every app of one kind together."))
        for category in CATEGORIES:
            self.limit_target.addItem(
                self.tr("All {category} apps together").format(category=translate_core(category)),
                (category, "category"),
            )
        for app in sorted(self._catalog.apps, key=lambda a: a.name.casefold()):
            self.limit_target.addItem(app.name, (app.name, "app"))
        self.limit_minutes = QSpinBox()
        self.limit_minutes.setRange(5, MAX_LIMIT_MINUTES)
        self.limit_minutes.setSingleStep(5)
        self.limit_minutes.setValue(30)
        self.limit_minutes.setSuffix(self.tr(" min a day"))
        self.limit_minutes.setAccessibleName(self.tr("Daily limit in minutes"))
        self.limit_minutes.setToolTip(
            self.tr("When the time is up you get a kind prompt, not a lock.")
        )
        self.set_limit.toggled.connect(self.limit_target.setEnabled)
        self.set_limit.toggled.connect(self.limit_minutes.setEnabled)
        self.limit_target.setEnabled(False)
        self.limit_minutes.setEnabled(False)
        fields = QWidget()
        form = QFormLayout(fields)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("For:"), self.limit_target)
        form.addRow(self.tr("Up to:"), self.limit_minutes)
        return _page(
            self.tr("A first daily limit"),
            self.tr(
                "Optional. A limit is a budget you set for yourself: near it you get a heads-up, "
                "past it a gentle prompt with an offline idea."
            ),
            self.set_limit,
            fields,
            note_label(self.tr("You can add more limits, or change this one, whenever you like.")),
        )

    def _reminders_page(self, mood: Sequence[str], gratitude: str) -> QWizardPage:
        self.mood_times = TimeListControl(
            spec_for("mood_reminder_times"),
            self.tr("Mood reminders"),
            note=self.tr("A gentle nudge to log how you feel, at each of these times."),
        )
        self.gratitude_time = OptionalTimeControl(
            spec_for("gratitude_reminder_time"),
            self.tr("Gratitude reminder"),
            on_text=self.tr("Remind me at"),
            note=self.tr("An evening nudge to note a few good things."),
        )
        for control, value in ((self.mood_times, mood), (self.gratitude_time, gratitude)):
            control.show_value(value)
            control.edited.connect(self._on_reminder_edited)
        fields = QWidget()
        form = QFormLayout(fields)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Mood:"), self.mood_times)
        form.addRow(self.tr("Good things:"), self.gratitude_time)
        return _page(
            self.tr("Reminders"),
            self.tr(
                "Short check-ins help you see how time online and mood go together. Remove them "
                "all if you would rather not be reminded."
            ),
            fields,
        )

    def _country_page(self, crisis: CrisisCatalog, chosen: str) -> QWizardPage:
        self._crisis = crisis
        self.crisis_country = QComboBox()
        self.crisis_country.setAccessibleName(self.tr("Your country, for its crisis lines"))
        self.crisis_country.addItem(QCoreApplication.translate("HelpDialog", NOT_LISTED), "")
        for code in sorted(crisis.names, key=lambda c: crisis.names[c].casefold()):
            self.crisis_country.addItem(crisis.names[code], code)
        self.crisis_country.setCurrentIndex(max(self.crisis_country.findData(chosen), 0))
        self.crisis_preview = QLabel()
        self.crisis_preview.setWordWrap(True)
        self.crisis_preview.setTextFormat(Qt.TextFormat.RichText)
        self.crisis_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.crisis_preview.setOpenExternalLinks(True)
        self.crisis_preview.setAccessibleName(self.tr("Crisis lines for this country"))
        self.crisis_country.currentIndexChanged.connect(self._on_crisis_country_changed)
        self._on_crisis_country_changed()
        fields = QWidget()
        form = QFormLayout(fields)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Country:"), self.crisis_country)
        return _page(
            self.tr("Help when things get hard"),
            self.tr(
                "'Get help now' (F1, on every screen) lists people to talk to, any time. Which "
                "country are you in, so it can show the right numbers?"
            ),
            fields,
            self.crisis_preview,
            note_label(self.tr("You can change it later in Settings or in 'Get help now' itself.")),
        )

    def _on_crisis_country_changed(self, _index: int = 0) -> None:
        code = self.crisis_country.currentData()
        lines = self._crisis.lines.get(code) or self._crisis.lines[INTERNATIONAL]
        self.crisis_preview.setText(crisis_html(lines))

    def _on_reminder_edited(self, name: str, value: Any) -> None:
        control: SettingControl = (
            self.mood_times if name == "mood_reminder_times" else self.gratitude_time
        )
        try:
            control.show_value(check_value(spec_for(name), value))
        except InvalidInput as error:
            control.show_result(str(error))
            return
        control.show_result("")

    # -- the result

    def first_limit(self) -> DailyLimit | None:
        """The daily limit the person chose, or ``None`` when they set none."""
        if not self.set_limit.isChecked():
            return None
        target, kind = self.limit_target.currentData()
        limit_kind: LimitKind = "category" if kind == "category" else "app"
        return new_limit(target, limit_kind, self.limit_minutes.value())

    def mood_reminder_times(self) -> tuple[str, ...]:
        return tuple(self.mood_times.items())

    def gratitude_reminder_time(self) -> str:
        return self.gratitude_time.value()

    def chosen_crisis_country(self) -> str:
        """The country code chosen for crisis lines; "" for the international list."""
        return str(self.crisis_country.currentData())

    def accept(self) -> None:
        # Starting at login is the one step that can fail (a read-only folder); it goes first so
        # that a failure leaves everything as it was and the person can untick it and go on.
        if self.start_at_login.isChecked():
            try:
                self._autostart.enable(self._command)
            except (OSError, ValueError) as error:
                self.start_error.setText(
                    self.tr("Could not set up starting at login: {error}.").format(error=error)
                )
                self.start_error.setVisible(True)
                return
        for name in self.apps.uncounted():
            self._rules.set_counted(name, False)
        was_off = {name.casefold() for name in self._previously_uncounted}
        for name in self.apps.counted():
            if name.casefold() in was_off:
                self._rules.set_counted(name, True)
        self._settings.set("mood_reminder_times", self.mood_reminder_times())
        self._settings.set("gratitude_reminder_time", self.gratitude_reminder_time())
        self._settings.set("crisis_country", self.chosen_crisis_country())
        super().accept()
        self.completed.emit()
