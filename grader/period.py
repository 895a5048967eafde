"""The plan period the trainer sets for the course: one setting, read everywhere a period is stated or checked.

The setting lives in ``course_settings.yaml`` in the course folder (beside ``nbgrader_config.py``)::

    ky_ke_hoach:
      bat_dau: 01/01/2027
      ket_thuc: 31/12/2028

It is whole calendar years (from 1 January to 31 December), two years or more, since the exercises ask for
a province's plan for the coming years. Who reads it:

- the release (:class:`grader.cli.release.WritePeriod`, an nbgrader preprocessor of ``generate_assignment``)
  fills the placeholders of :data:`PLACEHOLDERS` in every cell of the released notebooks, and so writes the
  period into the self-check cell's ``dat_ky_ke_hoach(...)`` call: the trainee's kernel (and the grading
  kernel, which cannot see the course folder) take the period from the notebook;
- the grader's process takes it from the course folder when it loads the hidden criteria
  (:func:`grader.assignments.load_hidden`);
- the exercises' rules (:mod:`grader.assignments`), the hidden criteria and the worked examples
  (:mod:`grader.examples`) read :func:`current` each time they judge or are built;
- the trainee's copy of a lesson that writes plans (lesson 05: its worked plan, its examples and its
  ``dat_ky_ke_hoach(...)`` call, written for :data:`SOURCE`) is moved to the setting when the workspace is
  prepared (:func:`move_lesson_text`, from :func:`grader.launch.prepare_workspace`).

The worked examples and the exercises' solutions are written for :data:`SOURCE` and shifted by whole years
(:func:`shift_years`) to the period in force.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SETTINGS_FILE = "course_settings.yaml"
_DEFAULT_COURSE = Path(__file__).resolve().parent.parent / "exercises"
_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
MAX_YEARS = 5


class PeriodError(ValueError):
    """The period setting cannot be used (English, for the trainer or maintainer)."""


@dataclass(frozen=True)
class Period:
    """A plan period of whole calendar years: ``start`` is a 1 January, ``end`` a 31 December."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if (self.start.month, self.start.day) != (1, 1) or (self.end.month, self.end.day) != (12, 31):
            raise PeriodError(f"the plan period must run from 1 January to 31 December, not {self.text}")
        years = self.end.year - self.start.year + 1
        if not 2 <= years <= MAX_YEARS:
            raise PeriodError(f"the plan period must last 2 to {MAX_YEARS} whole years, not {self.text}")

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year

    @property
    def label(self) -> str:
        """``2027-2028``, as a plan's title names its period."""
        return f"{self.first_year}-{self.last_year}"

    @property
    def text(self) -> str:
        """``01/01/2027 - 31/12/2028``, as a plan's ``Thời gian`` line writes it."""
        return f"{day(self.start)} - {day(self.end)}"

    def substitutions(self) -> dict[str, str]:
        """The value of each placeholder of :data:`PLACEHOLDERS` for this period."""
        return {
            "ky_bat_dau": day(self.start),
            "ky_ket_thuc": day(self.end),
            "ky_nam": self.label,
            "nam_1": str(self.first_year),
            "nam_2": str(self.first_year + 1),
        }

    def fill(self, text: str) -> str:
        """``text`` with every placeholder (``{{ky_bat_dau}}``...) replaced by this period's value."""
        values = self.substitutions()
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


# The placeholders a source notebook may hold; the release fills them (see Period.substitutions).
PLACEHOLDERS: tuple[str, ...] = ("ky_bat_dau", "ky_ket_thuc", "ky_nam", "nam_1", "nam_2")
_PLACEHOLDER = re.compile(r"\{\{(" + "|".join(PLACEHOLDERS) + r")\}\}")

# The period the worked examples and the exercises' solutions are written for (the shipped setting).
SOURCE = Period(dt.date(2027, 1, 1), dt.date(2028, 12, 31))

_active: Period | None = None


def day(d: dt.date) -> str:
    """``01/01/2027``: a date as the course writes it."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def parse_day(value: object) -> dt.date:
    """A date written ``dd/mm/yyyy`` (or a YAML date) as a :class:`datetime.date`; raises :class:`PeriodError`."""
    if isinstance(value, dt.date):
        return value
    match = _DAY.match(str(value))
    if not match:
        raise PeriodError(f"{value!r} is not a date written dd/mm/yyyy")
    d, m, y = (int(g) for g in match.groups())
    try:
        return dt.date(y, m, d)
    except ValueError as exc:
        raise PeriodError(f"{value!r} is not a date: {exc}") from exc


def read_settings(path: Path | str) -> Period:
    """The period of a ``course_settings.yaml`` file; raises :class:`PeriodError` naming the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        section = data["ky_ke_hoach"]
        return Period(parse_day(section["bat_dau"]), parse_day(section["ket_thuc"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, PeriodError) as exc:
        raise PeriodError(f"{path}: the plan period (ky_ke_hoach: bat_dau, ket_thuc) cannot be read: {exc}") from exc


def course_period(course_root: Path | str) -> Period:
    """The period set in ``<course_root>/course_settings.yaml``, or :data:`SOURCE` where the file is absent."""
    path = Path(course_root) / SETTINGS_FILE
    return read_settings(path) if path.is_file() else SOURCE


def _default_course() -> Path:
    env = os.environ.get("NGOAIVU_COURSE")
    return Path(env) if env else _DEFAULT_COURSE


def current() -> Period:
    """The period in force: the one activated in this process (by the released notebook or the grading path),
    else the setting of the default course folder (``$NGOAIVU_COURSE`` or the repository's ``exercises/``),
    else :data:`SOURCE` (a folder this process cannot read, as in the grading kernel, counts as absent)."""
    if _active is not None:
        return _active
    try:
        return course_period(_default_course())
    except (PeriodError, OSError):
        return SOURCE


def activate(period: Period | None) -> None:
    """Put ``period`` in force in this process (``None``: back to the course setting)."""
    global _active
    _active = period


def shift_years(text: str, period: Period | None = None) -> str:
    """``text`` (written for :data:`SOURCE`) with every year from 2000 to 2099 moved by the same number of years,
    so that it falls in ``period`` (default: :func:`current`) as it fell in :data:`SOURCE`."""
    offset = (period or current()).first_year - SOURCE.first_year
    if not offset:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)


# A lesson's call that puts the period of its worked plans in force (lesson 05's first code cell).
_SETTING_CALL = re.compile(r'dat_ky_ke_hoach\(\s*"[^"]*"\s*,\s*"[^"]*"\s*\)')


def writes_plans(text: str) -> bool:
    """True if a lesson's text puts a plan period in force (``dat_ky_ke_hoach("…", "…")``): its worked plans
    are then written for :data:`SOURCE` and follow the setting through :func:`move_lesson_text`."""
    return bool(_SETTING_CALL.search(text))


def move_lesson_text(text: str, period: Period | None = None) -> str:
    """A lesson's text written for :data:`SOURCE` (its worked plans, their dates, the examples of its prose)
    moved to ``period`` (default: :func:`current`), as the release moves an exercise: the years of SOURCE shift
    by whole years (:func:`shift_years`), and no other year, so the articles' dates (2023, 11/02/2024...) stay;
    the ``dat_ky_ke_hoach("…", "…")`` call is given ``period``'s own first and last day."""
    chosen = period or current()
    offset = chosen.first_year - SOURCE.first_year
    if offset:
        years = range(SOURCE.first_year, SOURCE.last_year + 1)
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + offset) if int(m.group(1)) in years else m.group(1), text)
    return _SETTING_CALL.sub(f'dat_ky_ke_hoach("{day(chosen.start)}", "{day(chosen.end)}")', text)


def dat_ky_ke_hoach(bat_dau: str = "{{ky_bat_dau}}", ket_thuc: str = "{{ky_ket_thuc}}") -> None:
    """Put in force the period written in a released notebook (its self-check cell calls this).

    In a source notebook the arguments are still placeholders: then the course setting is in force."""
    if _PLACEHOLDER.search(bat_dau) or _PLACEHOLDER.search(ket_thuc):
        activate(None)
        return
    activate(Period(parse_day(bat_dau), parse_day(ket_thuc)))
