"""Errors of review reports and the audit log (core/messages_reports.py) reach the window in
Russian by code, their names whole: a path or step named with the words of the English templates
stays a name; the differences of a refused plan are translated each on its own."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import _ENGLISH, Message
from schemadesk.core.messages_reports import say
from schemadesk.core.report.errors import ReviewMismatch, ReviewReason
from schemadesk.ui.core_texts import message_text, problem_text
from schemadesk.ui.core_texts.problems_reports import REPORT_TEXTS
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.ui.test_structured_messages import CYRILLIC, problem_names
from tests.ui.test_translations_problems import _translated
from tests.until import until

# Words of the templates below, as names: they must stay names, never be read as the sentence.
REPORT_PIECES = ["the report's manifest is damaged", " (", "difference(s)", "; and 3 more", ": "]
hostile = st.lists(st.sampled_from(REPORT_PIECES), max_size=2).flatmap(
    lambda pieces: problem_names.map(lambda name: "".join([*pieces, name]))
)


def _fields(code: str) -> list[str]:
    return list(dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(_ENGLISH[code]) if f))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_report_and_audit_errors_keep_hostile_names_whole(
    russian: None, data: st.DataObject
) -> None:
    """Every code of a report or audit error, raised as the code raises it, shown as the
    window's error box shows it: in Russian, every name in it whole, nested messages (a
    manifest's own error, an SQL difference, each difference of a refused plan) translated."""
    for code in sorted(REPORT_TEXTS):
        params: dict[str, Any] = {}
        names: list[str] = []
        nested: list[str] = []  # the Russian a nested message must bring
        for field in _fields(code):
            name = data.draw(hostile, label=f"{code}.{field}")
            if field == "why" and data.draw(st.booleans()):  # a manifest's own error
                params[field] = Message("manifest-key-type", {"key": repr(name), "type": "int"})
                nested.append("имеет тип int")
            elif field == "how":
                params[field] = Message("sql-line", {"line": 3, "planned": name, "reviewed": "x"})
                nested.append("строка 3: ")
            elif field == "differences":  # each said on its own, joined by "; "
                params[field] = (
                    say("diff-removed", step=name),
                    say("rollout-changed", target="eu", file=name, planned="ab", reviewed="cd"),
                )
                nested += ["проверен, но больше не запланирован", "изменился после проверки"]
            elif field == "more":
                params[field] = data.draw(st.sampled_from(["", Message("rollout-more", {"n": 7})]))
                nested += ["; и ещё 7"] if params[field] else []
                continue
            else:
                params[field] = name
            names.append(name)
        text = say(code, **params)
        error = (ConfigError if code.startswith("audit") else ReviewMismatch)(
            text, *([ReviewReason.EDITED] if not code.startswith("audit") else [])
        )
        shown = message_text(error)
        assert str(error) == text  # the command line's English, as before
        assert problem_text(text) == shown
        assert CYRILLIC.search(shown), (code, shown)
        for piece in (*names, *nested):
            assert piece in shown, (code, piece, shown)


def test_every_report_and_audit_error_is_russian_throughout(russian: None) -> None:
    """No English phrase is left in any of them (names aside)."""
    nested: dict[str, Any] = {
        "why": Message("manifest-more"),
        "how": Message("sql-whitespace"),
        "differences": (say("diff-order"), say("diff-added", step="app/1.sql")),
        "more": Message("rollout-more", {"n": 2}),
    }
    for code in sorted(REPORT_TEXTS):
        params = {f: nested.get(f, "/x/r.html" if f == "path" else "x") for f in _fields(code)}
        shown = message_text(ConfigError(say(code, **params)))
        assert _translated(shown), (code, shown)


@pytest.mark.ui
def test_a_tampered_or_unreadable_review_report_shows_its_error_in_russian(
    russian: None, main_window: MainWindow, ui_loop: UiLoop, tmp_path: Path
) -> None:
    """Read by a task of the window (as the window's own reads run), the refusal reaches the
    error box in Russian, the hostile file name whole: the said text travels through the
    task's failure signal with its message."""
    from schemadesk.core.report import read_report, review_of, write_report
    from tests.audit.conftest import make_action

    folder = tmp_path / "a: b, not {path} (no manifest in it)"
    folder.mkdir()
    report = folder / "the report's manifest is damaged; 2 difference(s).md"
    write_report(review_of(make_action()), report)
    report.write_text(report.read_text(encoding="utf-8").replace("sales", "sa1es", 1))
    unreadable = folder / "x: cannot read.html"
    unreadable.write_bytes(b"\xff\xfe not utf-8")

    async def read(path: Path) -> None:
        read_report(path)

    expected = {
        report: f"{report}: видимый текст отчёта изменён после записи (его SHA-256 не совпадает "
        "с записанным вместе с манифестом)",
        unreadable: f"{unreadable}: не удаётся прочитать отчёт о проверке: 'utf-8' codec can't "
        "decode byte 0xff in position 0: invalid start byte",
    }
    for path, russian_text in expected.items():
        main_window.error_box = None
        main_window.tasks.start("review", read(path))
        ui_loop.run(until(lambda: main_window.error_box is not None))
        box = main_window.error_box
        assert box is not None
        assert box.text() == russian_text
        box.close()


@pytest.mark.parametrize(
    ("mutate", "said", "russian_why"),
    [
        (lambda m: m.update(extra=1), "manifest-more", "в нём больше или иное, чем описывает"),
        (lambda m: m.pop("title"), "manifest-no-key", "нет ключа 'title'"),
        (lambda m: m.update(locks=[1]), "manifest-non-text", "'locks' содержит нетекстовый"),
    ],
)
def test_a_damaged_manifest_carries_its_own_error_nested(
    russian: None, tmp_path: Path, mutate: Any, said: str, russian_why: str
) -> None:
    """The manifest's own error (a ValueError raised with a said text) is nested as a message,
    so the window translates it too, not only the sentence around it."""
    import json

    from schemadesk.core.report import read_report, review_of, write_report
    from schemadesk.core.report.envelope import MD_MANIFEST
    from tests.audit.conftest import make_action

    report = tmp_path / "r.md"
    write_report(review_of(make_action()), report)
    head, _, tail = report.read_text(encoding="utf-8").partition(MD_MANIFEST)
    envelope = json.loads(tail.split("```json\n", 1)[1].split("\n```", 1)[0])
    mutate(envelope["manifest"])
    report.write_text(f"{head}{MD_MANIFEST}\n```json\n{json.dumps(envelope)}\n```\n")
    with pytest.raises(ReviewMismatch) as caught:
        read_report(report)
    assert caught.value.said is not None
    assert caught.value.said.code == "report-damaged-why"
    why = caught.value.said.params["why"]
    assert isinstance(why, Message)
    assert why.code == said
    assert str(caught.value).startswith(f"{report}: the report's manifest is damaged (")
    shown = message_text(caught.value)
    assert shown.startswith(f"{report}: манифест отчёта повреждён ({russian_why}"), shown


@pytest.mark.ui
def test_the_rollout_view_shows_a_refused_targets_file_in_russian(
    russian: None, main_window: MainWindow, tmp_path: Path
) -> None:
    """View ▸ Rollout…, a targets file that is not there: the refusal in Russian, its hostile
    name whole (the view once showed the English as written)."""
    from schemadesk.ui.rollout_view import RolloutDialog

    menus = [m.menu() for m in main_window.menuBar().actions() if m.menu() is not None]
    entries = [a for menu in menus for a in menu.actions()]
    next(a for a in entries if a.text().replace("&", "") == "Раскатка…").trigger()
    dialog = main_window.findChild(RolloutDialog)
    assert dialog is not None
    missing = tmp_path / "a: b, not {path}: no such targets file.toml"
    dialog.path.setText(str(missing))
    dialog.plan_button.click()
    assert dialog.summary.text() == f"{missing}: файл целей не найден"
