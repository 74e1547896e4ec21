"""Well-being questionnaires, scored exactly as published. Results are screening, not diagnosis.

WHO-5 (World Health Organization Five Well-Being Index, 1998 version): five items answered 0
("at no time") to 5 ("all of the time") about the last two weeks. The raw score (0-25) is
multiplied by 4 for a percentage score (0-100). A score of 50 or below suggests low well-being
and is a reason to talk with a professional; a change of 10 percentage points is meaningful.
A score of 28 or below is the published cut-off for likely depression, and 50 or below the one
for poor well-being and screening for depression: Topp CW, Østergaard SD, Søndergaard S, Bech P.
"The WHO-5 Well-Being Index: a systematic review of the literature." Psychother Psychosom
2015;84:167-176.

PHQ-9 (Patient Health Questionnaire, depression module): Kroenke K, Spitzer RL, Williams JBW.
"The PHQ-9: validity of a brief depression severity measure." J Gen Intern Med 2001;16:606-613.
Nine items about the last 2 weeks, each 0 "Not at all", 1 "Several days", 2 "More than half the
days", 3 "Nearly every day"; the total (0-27) is their sum. "Scores of 5, 10, 15, and 20
represented mild, moderate, moderately severe, and severe depression", so the bands are 0-4
minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe. Item 9 asks about
thoughts of being better off dead or of self-harm: any answer above 0 calls for crisis resources,
whatever the total. A change of 5 points is taken as meaningful (Löwe B et al., "Monitoring
depression treatment outcomes with the Patient Health Questionnaire-9", Med Care
2004;42:1194-1201).

GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. "A brief measure for assessing generalized
anxiety disorder: the GAD-7." Arch Intern Med 2006;166:1092-1097. Seven items, same answers and
period; total 0-21; "scores of 5, 10, and 15 represent cut points for mild, moderate, and severe
anxiety", so 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe; 10 or more is the recommended
point for further evaluation. A change of 4 points is taken as meaningful (Toussaint A et al.,
J Affect Disord 2020;265:395-401).

Item wording follows the published PHQ-9 and GAD-7 forms (developed by Drs. Spitzer, Williams,
Kroenke and colleagues with an educational grant from Pfizer Inc.; "no permission required to
reproduce, translate, display or distribute"), checked against several public reproductions of
those forms (e.g. the NHS practice form at centralmedicalcentre-morden.nhs.uk/form/phq-9/). The
band quotes are from the PHQ-9 paper's abstract and the published GAD-7 scoring instructions.

Both forms end with a question that is not scored: how difficult the problems have made work,
home and getting along with people. It is passed as ``difficulty`` and stored as one extra answer
after the scored items (``CheckIn.answers[len(items)]``); ``raw_score`` never includes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import CheckIn


@dataclass(frozen=True, slots=True)
class Band:
    """A published score range and what it means in plain words.

    ``low`` and ``high`` are inclusive and on the questionnaire's own scale (the total for PHQ-9
    and GAD-7, the percentage for WHO-5). ``suggest_professional`` is true from the band on which
    talking to a doctor or therapist is the suggested next step.
    """

    label: str
    low: int
    high: int
    meaning: str
    suggest_professional: bool = False

    @property
    def range(self) -> str:
        return f"{self.low}-{self.high}"

    def __contains__(self, score: object) -> bool:
        return isinstance(score, int | float) and self.low <= score <= self.high


@dataclass(frozen=True, slots=True)
class Questionnaire:
    name: str
    title: str
    version: str
    items: tuple[str, ...]
    answers: tuple[str, ...]  # labels for answer values 0..n-1
    period: str
    bands: tuple[Band, ...] = ()
    follow_up: str = ""  # asked after the items, stored but never scored
    follow_up_answers: tuple[str, ...] = ()
    topic: str = ""  # what it screens for, in plain words


WHO5 = Questionnaire(
    name="WHO-5",
    title="WHO-5 Well-Being Index",
    version="1998",
    items=(
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ),
    answers=(
        "At no time",
        "Some of the time",
        "Less than half of the time",
        "More than half of the time",
        "Most of the time",
        "All of the time",
    ),
    period="Over the last two weeks",
    bands=(
        Band(
            "Low well-being",
            0,
            50,
            "Well-being has been low lately. Talking it over with a doctor or therapist could "
            "help.",
            suggest_professional=True,
        ),
        Band(
            "Above the cut-off",
            51,
            100,
            "Well-being is above the screening cut-off for low well-being.",
        ),
    ),
    topic="well-being",
)
WHO5_LOW_CUTOFF = 50  # percentage score at or below which well-being counts as low
WHO5_DEPRESSION_CUTOFF = 28  # percentage score at or below which depression is likely
WHO5_DEPRESSION_SOURCE = (
    "Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a systematic "
    "review of the literature. Psychother Psychosom 2015;84:167-176."
)
WHO5_MEANINGFUL_CHANGE = 10  # percentage points

_FREQUENCY = ("Not at all", "Several days", "More than half the days", "Nearly every day")
_DIFFICULTY = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)
_SEE_SOMEONE = "Talking to a doctor, therapist or counsellor about it is a good next step."
_SEE_SOMEONE_SOON = "Please talk to a doctor or mental-health professional soon."

PHQ9 = Questionnaire(
    name="PHQ-9",
    title="Patient Health Questionnaire (PHQ-9)",
    version="2001",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    answers=_FREQUENCY,
    period="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    bands=(
        Band("Minimal", 0, 4, "Few or no signs of low mood over the last two weeks."),
        Band(
            "Mild",
            5,
            9,
            "Some signs of low mood. Worth keeping an eye on; if it lingers or starts getting in "
            "the way, talking to someone can help.",
        ),
        Band(
            "Moderate",
            10,
            14,
            f"A fair number of signs of low mood, often enough to weigh on daily life. "
            f"{_SEE_SOMEONE}",
            suggest_professional=True,
        ),
        Band(
            "Moderately severe",
            15,
            19,
            f"Many signs of low mood, on most days. {_SEE_SOMEONE_SOON}",
            suggest_professional=True,
        ),
        Band(
            "Severe",
            20,
            27,
            "Signs of low mood on nearly every day, across most of the questions. Please talk to "
            "a doctor or mental-health professional as soon as you can.",
            suggest_professional=True,
        ),
    ),
    follow_up="If you checked off any problems, how difficult have these problems made it for "
    "you to do your work, take care of things at home, or get along with other people?",
    follow_up_answers=_DIFFICULTY,
    topic="low mood and depression",
)
PHQ9_SELF_HARM_ITEM = 9  # "Thoughts that you would be better off dead or of hurting yourself"
PHQ9_MEANINGFUL_CHANGE = 5  # points

GAD7 = Questionnaire(
    name="GAD-7",
    title="Generalized Anxiety Disorder scale (GAD-7)",
    version="2006",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    answers=_FREQUENCY,
    period="Over the last 2 weeks, how often have you been bothered by the following problems?",
    bands=(
        Band("Minimal", 0, 4, "Few or no signs of anxiety over the last two weeks."),
        Band(
            "Mild",
            5,
            9,
            "Some signs of anxiety. Worth keeping an eye on; if it lingers or starts getting in "
            "the way, talking to someone can help.",
        ),
        Band(
            "Moderate",
            10,
            14,
            f"A fair number of signs of anxiety, often enough to weigh on daily life. "
            f"{_SEE_SOMEONE}",
            suggest_professional=True,
        ),
        Band(
            "Severe",
            15,
            21,
            f"Signs of anxiety on most days, across most of the questions. {_SEE_SOMEONE_SOON}",
            suggest_professional=True,
        ),
    ),
    follow_up="If you checked any problems, how difficult have they made it for you to do your "
    "work, take care of things at home, or get along with other people?",
    follow_up_answers=_DIFFICULTY,
    topic="worry and anxiety",
)
GAD7_MEANINGFUL_CHANGE = 4  # points

QUESTIONNAIRES: dict[str, Questionnaire] = {q.name: q for q in (WHO5, PHQ9, GAD7)}


def questionnaire_named(name: str) -> Questionnaire:
    """The questionnaire called ``name`` ("WHO-5", "PHQ-9", "GAD-7"; case and spaces ignored)."""
    wanted = name.strip().upper().replace(" ", "")
    for questionnaire in QUESTIONNAIRES.values():
        if wanted in (questionnaire.name, questionnaire.name.replace("-", "")):
            return questionnaire
    known = ", ".join(QUESTIONNAIRES)
    raise InvalidInput(f"There is no questionnaire called '{name}'; known ones: {known}.")


def check_answers(questionnaire: Questionnaire, answers: Sequence[int]) -> tuple[int, ...]:
    top = len(questionnaire.answers) - 1
    if len(answers) != len(questionnaire.items):
        raise InvalidInput(
            f"{questionnaire.name} needs {len(questionnaire.items)} answers, got {len(answers)}."
        )
    for number, answer in enumerate(answers, 1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= top:
            raise InvalidInput(
                f"{questionnaire.name} answer {number} must be a whole number from 0 to {top}, "
                f"not {answer}."
            )
    return tuple(answers)


def _check_difficulty(questionnaire: Questionnaire, difficulty: int | None) -> tuple[int, ...]:
    if difficulty is None:
        return ()
    if not questionnaire.follow_up_answers:
        raise InvalidInput(f"{questionnaire.name} has no question about difficulty.")
    top = len(questionnaire.follow_up_answers) - 1
    if (
        isinstance(difficulty, bool)
        or not isinstance(difficulty, int)
        or not 0 <= difficulty <= top
    ):
        raise InvalidInput(
            f"The {questionnaire.name} difficulty answer must be a whole number from 0 to {top}, "
            f"not {difficulty}."
        )
    return (difficulty,)


def score_who5(at: datetime, answers: Sequence[int]) -> CheckIn:
    """Scores a WHO-5: raw 0-25 and percentage 0-100 (raw x 4)."""
    checked = check_answers(WHO5, answers)
    raw = sum(checked)
    return CheckIn(at, WHO5.name, WHO5.version, checked, raw, float(raw * 4))


def _score_total(
    questionnaire: Questionnaire, at: datetime, answers: Sequence[int], difficulty: int | None
) -> CheckIn:
    checked = check_answers(questionnaire, answers)
    extra = _check_difficulty(questionnaire, difficulty)
    raw = sum(checked)
    return CheckIn(at, questionnaire.name, questionnaire.version, checked + extra, raw, float(raw))


def score_phq9(at: datetime, answers: Sequence[int], difficulty: int | None = None) -> CheckIn:
    """Scores a PHQ-9: nine answers 0-3, total 0-27. ``difficulty`` (0-3) is stored, not scored.

    Check :func:`crisis_statement` on the result before showing any score.
    """
    return _score_total(PHQ9, at, answers, difficulty)


def score_gad7(at: datetime, answers: Sequence[int], difficulty: int | None = None) -> CheckIn:
    """Scores a GAD-7: seven answers 0-3, total 0-21. ``difficulty`` (0-3) is stored, not scored."""
    return _score_total(GAD7, at, answers, difficulty)


def score(
    name: str, at: datetime, answers: Sequence[int], difficulty: int | None = None
) -> CheckIn:
    """Scores the questionnaire called ``name``; ``InvalidInput`` names what does not fit."""
    questionnaire = questionnaire_named(name)
    if questionnaire is WHO5:
        _check_difficulty(WHO5, difficulty)
        return score_who5(at, answers)
    return _score_total(questionnaire, at, answers, difficulty)


def scored_answers(checkin: CheckIn) -> tuple[int, ...]:
    """The answers that count towards the score, without the difficulty answer."""
    return checkin.answers[: len(questionnaire_named(checkin.questionnaire).items)]


def difficulty_answer(checkin: CheckIn) -> str | None:
    """The stored answer to the unscored "how difficult" question, in words, if one was given."""
    questionnaire = questionnaire_named(checkin.questionnaire)
    extra = checkin.answers[len(questionnaire.items) :]
    if not extra or not 0 <= extra[0] < len(questionnaire.follow_up_answers):
        return None
    return questionnaire.follow_up_answers[extra[0]]


def needs_crisis_resources(checkin: CheckIn) -> bool:
    """True when PHQ-9 item 9 (thoughts of being better off dead or of self-harm) is above 0.

    The total does not matter: any such answer means crisis resources come first, before any
    score is shown.
    """
    if checkin.questionnaire != PHQ9.name or len(checkin.answers) < PHQ9_SELF_HARM_ITEM:
        return False
    return checkin.answers[PHQ9_SELF_HARM_ITEM - 1] > 0


def screening_band(checkin: CheckIn) -> Band:
    """The published band the check-in's score falls in."""
    questionnaire = questionnaire_named(checkin.questionnaire)
    for band in questionnaire.bands:
        if checkin.score in band:
            return band
    raise InvalidInput(
        f"A {questionnaire.name} score of {checkin.score:g} is outside the questionnaire's range."
    )


def who5_is_low(percentage: float) -> bool:
    return percentage <= WHO5_LOW_CUTOFF


def who5_depression_screen(score_percent: float) -> str | None:
    """What a WHO-5 score at or below the depression cut-off (28/100) means, with its advice.

    For the result screen and the report alike: screening wording, never a diagnosis, and in no
    grammatical person, so it reads the same to the person and to their clinician. ``None`` above
    the cut-off (29-50 is low well-being, said by :func:`who5_summary`, not likely depression).

    Raises:
        InvalidInput: a score outside 0-100.
    """
    if isinstance(score_percent, bool) or not 0 <= score_percent <= 100:
        raise InvalidInput(f"A WHO-5 score must be from 0 to 100, not {score_percent}.")
    if score_percent > WHO5_DEPRESSION_CUTOFF:
        return None
    return (
        f"A WHO-5 score of {WHO5_DEPRESSION_CUTOFF}/100 or below is the published screening "
        "cut-off for likely depression (Topp et al., 2015): a score this low is often seen with "
        "depression. It is a reason to talk with a doctor or therapist soon, not a diagnosis."
    )


def who5_summary(checkin: CheckIn, previous: CheckIn | None = None) -> str:
    """A screening result in plain words, never a diagnosis."""
    text = f"WHO-5 well-being: {checkin.score:.0f}/100 (raw {checkin.raw_score}/25)."
    depression = who5_depression_screen(checkin.score)
    if depression is not None:
        text += f" This is in the range of low well-being (50 or below). {depression}"
    elif who5_is_low(checkin.score):
        text += (
            " This is in the range of low well-being. It is a screening result, not a diagnosis;"
            " talking it over with a doctor or therapist could help."
        )
    else:
        text += " This is above the screening cut-off for low well-being (50)."
    if previous is not None:
        change = checkin.score - previous.score
        if abs(change) >= WHO5_MEANINGFUL_CHANGE:
            direction = "up" if change > 0 else "down"
            text += (
                f" That is {direction} {abs(change):.0f} points since last time,"
                " a meaningful change."
            )
    return text


CRISIS_FIRST = (
    "You said you have had thoughts of being better off dead or of hurting yourself. You do "
    "not have to carry that alone: please reach out now to someone you trust or to a crisis "
    "line under 'Get help now'."
)


def crisis_statement(checkin: CheckIn) -> str | None:
    """The PHQ-9 item-9 statement, or ``None`` when item 9 was answered "Not at all".

    It is shown first, with the crisis lines, and apart from the total's band: the summary never
    includes it, so no severity label can read as a grade of those thoughts.
    """
    return CRISIS_FIRST if needs_crisis_resources(checkin) else None


def offers_help_now(checkin: CheckIn) -> bool:
    """Whether the result screen puts a "Get help now" button beside the result.

    Any PHQ-9 item 9 above 0, and a WHO-5 at or below the depression cut-off (28). A WHO-5 of
    29-50 (low well-being) advises talking with a doctor or therapist instead: that is not a
    crisis, and "Get help now" stays one click away in the main window either way.
    """
    if needs_crisis_resources(checkin):
        return True
    return checkin.questionnaire == WHO5.name and who5_depression_screen(checkin.score) is not None


def _total_summary(
    questionnaire: Questionnaire, meaningful: int, checkin: CheckIn, previous: CheckIn | None
) -> str:
    if checkin.questionnaire != questionnaire.name:
        raise InvalidInput(
            f"This summary is for a {questionnaire.name}, not a {checkin.questionnaire}."
        )
    if previous is not None and previous.questionnaire != questionnaire.name:
        raise InvalidInput(
            f"A {questionnaire.name} can only be compared with an earlier {questionnaire.name}, "
            f"not a {previous.questionnaire}."
        )
    band = screening_band(checkin)
    top = (len(questionnaire.answers) - 1) * len(questionnaire.items)
    parts = [
        f"{questionnaire.name} ({questionnaire.topic} screening): {checkin.raw_score} of {top}, "
        f"in the range the questionnaire calls {band.label.lower()} ({band.range}).",
        band.meaning,
    ]
    if band.suggest_professional:
        parts.append("This is a screening result, not a diagnosis.")
    else:
        parts.append(
            "This is a screening result, not a diagnosis; if it does not match how you feel, or "
            "things get harder, talking to a doctor or therapist is always okay."
        )
    if previous is not None:
        change = checkin.raw_score - previous.raw_score
        if abs(change) >= meaningful:
            direction = "lower" if change < 0 else "higher"
            parts.append(
                f"That is {abs(change)} points {direction} than last time "
                f"({previous.raw_score}), a meaningful change."
            )
        else:
            parts.append(f"That is close to last time ({previous.raw_score}).")
    return " ".join(parts)


def phq9_summary(checkin: CheckIn, previous: CheckIn | None = None) -> str:
    """A PHQ-9 total's band in plain words, worded as screening.

    Never the item-9 statement: that is :func:`crisis_statement`, shown first and on its own.
    """
    return _total_summary(PHQ9, PHQ9_MEANINGFUL_CHANGE, checkin, previous)


def gad7_summary(checkin: CheckIn, previous: CheckIn | None = None) -> str:
    """A GAD-7 result in plain words, worded as screening."""
    return _total_summary(GAD7, GAD7_MEANINGFUL_CHANGE, checkin, previous)


_SUMMARIES: dict[str, Callable[[CheckIn, CheckIn | None], str]] = {
    WHO5.name: who5_summary,
    PHQ9.name: phq9_summary,
    GAD7.name: gad7_summary,
}


def summary(checkin: CheckIn, previous: CheckIn | None = None) -> str:
    """The plain-words summary for any questionnaire in ``QUESTIONNAIRES``."""
    return _SUMMARIES[questionnaire_named(checkin.questionnaire).name](checkin, previous)
