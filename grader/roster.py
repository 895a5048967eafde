"""The class roster: student id, full name and province, read from the instructor's CSV.

nbgrader's student record has no place for a province, so ``ngoaivu setup``
stores the names in the gradebook (``last_name`` = family name, ``first_name`` =
middle and given names, the Vietnamese order) and keeps a normalised copy of the
whole roster as ``roster.csv`` in the course folder; ``export`` and ``report``
read the province from there.

The whole file is validated before anything is written: one bad row stops the
import with every problem listed, by line number.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from grader.messages import t

# Accepted header spellings (compared after lower-casing, trimming and folding spaces/dashes to "_").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "student_id", "student", "ma", "mã", "ma_hoc_vien", "mã_học_viên"),
    "full_name": ("full_name", "name", "fullname", "ho_ten", "họ_tên", "ho_va_ten", "họ_và_tên"),
    "province": ("province", "tinh", "tỉnh", "tinh_thanh", "tỉnh_thành", "tinh_thanh_pho", "tỉnh_thành_phố"),
}
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class RosterError(ValueError):
    """The roster cannot be imported; ``problems`` lists every reason (in the current locale)."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{t('roster.not_imported', path=str(path))}\n{listing}")


@dataclass(frozen=True)
class Student:
    id: str
    full_name: str
    province: str

    @property
    def family_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.split() else ""

    @property
    def given_names(self) -> str:
        return " ".join(self.full_name.split()[1:])


def _norm_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFC", name).strip().lower())


def _clean(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def parse_roster(path: Path) -> list[Student]:
    """Read and validate a roster CSV (UTF-8, with or without BOM; comma, semicolon or tab separated)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(path, [t("roster.missing_file")]) from None
    except UnicodeDecodeError:
        raise RosterError(path, [t("roster.not_utf8")]) from None
    if not text.strip():
        raise RosterError(path, [t("roster.empty")])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader)
    columns: dict[str, int] = {}
    normalised = [_norm_header(h) for h in header]
    for key, aliases in COLUMN_ALIASES.items():
        for i, name in enumerate(normalised):
            if name in aliases:
                columns[key] = i
                break
    missing = [k for k in COLUMN_ALIASES if k not in columns]
    if missing:
        found = ", ".join(repr(h) for h in header)
        raise RosterError(path, [t("roster.missing_column", column=k, found=found) for k in missing])
    problems: list[str] = []
    students: list[Student] = []
    seen: dict[str, int] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(t("roster.row_length", line=line_no, values=len(row), columns=len(header)))
            continue
        sid, name, province = (_clean(row[columns[k]]) for k in ("id", "full_name", "province"))
        if not sid:
            problems.append(t("roster.empty_id", line=line_no))
        elif not STUDENT_ID.match(sid):
            problems.append(t("roster.bad_id", line=line_no, id=sid))
        elif sid in seen:
            problems.append(t("roster.duplicate_id", line=line_no, id=sid, first=seen[sid]))
        else:
            seen[sid] = line_no
        if not name:
            problems.append(t("roster.empty_name", line=line_no, id=sid) if sid
                            else t("roster.empty_name_row", line=line_no))
        if not province:
            problems.append(t("roster.empty_province", line=line_no, id=sid) if sid
                            else t("roster.empty_province_row", line=line_no))
        students.append(Student(sid, name, province))
    if not students and not problems:
        problems.append(t("roster.no_students"))
    if problems:
        raise RosterError(path, problems)
    return students


def write_roster(path: Path, students: list[Student]) -> None:
    """Write the normalised roster (atomically)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "full_name", "province"])
        for s in sorted(students, key=lambda s: s.id):
            writer.writerow([s.id, s.full_name, s.province])
    tmp.replace(path)


def read_roster(path: Path) -> dict[str, Student]:
    """The course's stored roster by student id (empty if ``setup`` was never given one)."""
    if not path.is_file():
        return {}
    return {s.id: s for s in parse_roster(path)}
