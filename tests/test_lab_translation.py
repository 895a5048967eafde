"""The course's corrections to JupyterLab's Vietnamese language pack (issue 21, deliverable 5): the overrides the
lab plugin ``ngoaivu-translation`` applies are the catalogue's ``lab.*`` entries (grader/messages/lab.yaml), and
they leave the close dialog with three different words. Run this file with Python to write
``static/overrides.json`` from the catalogue."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script
    sys.path.insert(0, str(REPO))

from grader.messages import catalogue  # noqa: E402

EXTENSION = REPO / "jupyter" / "data" / "labextensions" / "ngoaivu-translation"
OVERRIDES = EXTENSION / "static" / "overrides.json"
PACK = "jupyterlab_language_pack_vi_VN"


def expected_overrides() -> dict[str, dict[str, str]]:
    """``{domain: {msgid: Vietnamese}}`` from the catalogue's ``lab.<domain>.<msgid>`` entries."""
    table: dict[str, dict[str, str]] = {}
    for key, entry in catalogue().items():
        if key.startswith("lab."):
            domain, msgid = key[len("lab."):].split(".", 1)
            if domain != "time":  # the English text is the msgid, or nbgrader's text, that the plugin replaces
                assert entry["en"] == msgid, key
            table.setdefault(domain, {})[msgid] = entry["vi"]
    return table


def _pack_translation(domain: str, msgid: str) -> str | None:
    import importlib

    pack = Path(importlib.import_module(PACK).__file__).parent
    data = json.loads((pack / "locale" / "vi_VN" / "LC_MESSAGES" / f"{domain}.json").read_text(encoding="utf-8"))
    value = data.get(msgid)
    return value[0] if isinstance(value, list) else value


def test_the_plugin_overrides_are_the_catalogue_entries() -> None:
    shipped = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert shipped == expected_overrides(), f"run `python {Path(__file__).relative_to(REPO)}` to rewrite {OVERRIDES}"
    build = json.loads((EXTENSION / "package.json").read_text())["jupyterlab"]["_build"]
    assert (EXTENSION / build["load"]).is_file()


def test_nbgrader_texts_replaced_are_nbgrader_s_own() -> None:
    """Every English text the plugin replaces in nbgrader's widgets is one nbgrader's lab extension writes (a text
    nbgrader no longer writes would be a dead entry), and the time format has both of its fields."""
    import importlib

    root = Path(importlib.import_module("nbgrader").__file__).parent.parent.parent.parent / "share" / "jupyter"
    bundles = sorted((Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
                      / "static").glob("*.js")) or sorted(root.glob("labextensions/@jupyter/nbgrader/static/*.js"))
    code = "".join(p.read_text(encoding="utf-8", errors="replace") for p in bundles)
    assert code, "nbgrader's lab extension is installed"
    for english in expected_overrides()["dom"]:
        assert english in code, english
    time = expected_overrides()["time"]
    assert time["zone"] == "Asia/Ho_Chi_Minh" and "{gio}" in time["local"] and "{ngay}" in time["local"]


def test_the_close_dialog_buttons_read_differently_with_the_overrides() -> None:
    """Cancel, Discard and Save of 'Save your work': the language pack alone gives two that read alike once
    Unicode-normalised and with the old/new tone placement ignored; the overrides give three different words."""
    import unicodedata

    def base(word: str) -> str:  # "Huỷ" and "Hủy" differ only in where the hook above goes
        return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))

    overrides = expected_overrides()["jupyterlab"]
    msgids = ("Cancel", "Discard", "Save")
    packed = [_pack_translation("jupyterlab", m) for m in msgids]
    assert len({base(w) for w in packed}) < 3, packed  # the pack's defect, if it is ever fixed this override can go
    shown = [overrides.get(m) or _pack_translation("jupyterlab", m) for m in msgids]
    assert len({base(w) for w in shown}) == 3, shown


if __name__ == "__main__":
    OVERRIDES.write_text(json.dumps(expected_overrides(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                         encoding="utf-8")
    print(f"wrote {OVERRIDES}")


def test_lessons_and_exercises_name_nbgrader_s_screens_as_the_trainee_sees_them():
    """A lesson or exercise that says where to click names the tab, menu, section or button with the words the
    course's lab shows (the catalogue's lab.dom.* Vietnamese, "Nộp bài (Submit)"), never nbgrader's English alone
    ("**Submit**", "**Released assignments**"), which the trainee's screen does not show."""
    import re

    import nbformat

    shown = {entry["en"]: entry["vi"] for key, entry in catalogue().items()
             if key.startswith("lab.dom.") and entry["en"] != entry["vi"]}
    notebooks = sorted((REPO / "course").glob("*.ipynb")) + sorted((REPO / "exercises" / "source").glob("*/*.ipynb"))
    english = []
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for bold in re.findall(r"\*\*(.+?)\*\*|(?<!\*)\*([^*]+)\*(?!\*)", cell.source):
                for piece in "".join(bold).split("→"):
                    if piece.strip() in shown:
                        english.append(f"{path.name}: {piece.strip()!r} (shown as {shown[piece.strip()]!r})")
    assert not english, "\n".join(english)
