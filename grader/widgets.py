"""ipywidgets quizzes for the lessons: multiple choice and matching, with instant Vietnamese feedback.

A :class:`Quiz` holds questions (:class:`Choice` or :class:`Matching`); its
logic (:meth:`Quiz.answer`, :meth:`Quiz.score`) is plain Python and tested
without a browser; :meth:`Quiz.widget` builds the interface.

Scoring and feedback: the FIRST answer to a question is what counts in the
score. A right answer shows the explanation and the source quote. A first wrong
answer says so and points to where the answer is (the hint, or the source's
article) without giving it away; only a second wrong try reveals the right
answer with its explanation and quote. A question flagged ``scenario`` asks the
trainee to decide in a situation a provincial officer meets (which focus area and
pillar, whom to ask, what to follow up, how to correct a draft); every other question
is labelled as recall. Widgets carry stable CSS classes
(``ngoaivu-quiz``, ``ngoaivu-question``, ``ngoaivu-check``, ``ngoaivu-feedback``,
``ngoaivu-score``) for the browser tests.

A quiz with an ``id`` whose questions have ids records each first answer
(:mod:`grader.quiz_log`): in the notebook's metadata, through the course's lab plugin,
and for the kernel session, so re-running the cell does not reset the first try.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import ipywidgets as w

from grader import quiz_log
from grader.display import source_line
from grader.knowledge import Citation
from grader.messages import t


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: ``options[answer]`` is right."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    citation: Citation | None = None
    scenario: bool = False
    hint: str | None = None
    id: str = ""  # stable id in the answer log ("cs.q2")


@dataclass(frozen=True)
class Matching:
    """Match each item to one of ``options``; ``answers[i]`` is the right option index of ``items[i]``."""

    prompt: str
    items: tuple[str, ...]
    options: tuple[str, ...]
    answers: tuple[int, ...]
    explanation: str
    citation: Citation | None = None
    scenario: bool = False
    hint: str | None = None
    id: str = ""  # stable id in the answer log ("fa.q6")


Question = Choice | Matching


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str  # plain text
    html: str


@dataclass
class Quiz:
    title: str
    questions: Sequence[Question]
    id: str = ""  # stable id in the answer log ("cs"); without it nothing is recorded
    _results: dict[int, bool] = field(default_factory=dict)  # the FIRST answer to each question
    _wrong_tries: dict[int, int] = field(default_factory=dict)
    _displayed: bool = False

    def __post_init__(self) -> None:
        """Take up the first answers already given (saved in the notebook, or earlier in this kernel)."""
        saved = quiz_log.recorded(self.id)
        for index, q in enumerate(self.questions):
            if q.id and q.id in saved:
                self._results[index] = saved[q.id].correct

    def first_tries(self) -> dict[str, quiz_log.FirstTry]:
        """The first answers recorded for this quiz's questions (this kernel session and the notebook)."""
        return quiz_log.recorded(self.id)

    # ----------------------------------------------------------------- logic
    def answer(self, index: int, choice: int | Sequence[int | None] | None) -> Feedback:
        """Record the trainee's answer to question ``index`` and return the feedback to show.

        Only the first complete answer counts in :meth:`score`. The right answer is revealed after the
        second wrong try, never after the first.
        """
        q = self.questions[index]
        if isinstance(q, Choice):
            if choice is None or not isinstance(choice, int):
                return self._feedback(None, t("quiz.pick_one"), q)
            correct = choice == q.answer
            wrong_items: list[str] = []
            given: quiz_log.Answer = choice
        else:
            picks = list(choice) if isinstance(choice, Sequence) else []
            if len(picks) != len(q.items) or any(p is None for p in picks):
                return self._feedback(None, t("quiz.match_all"), q)
            wrong_items = [q.items[i] for i, p in enumerate(picks) if p != q.answers[i]]
            correct = not wrong_items
            given = [p if isinstance(p, int) else None for p in picks]
        first = index not in self._results
        self._results.setdefault(index, correct)
        if first and q.id and quiz_log.remember(self.id, q.id, given, correct):
            quiz_log.publish(self.id, self.first_tries(), update=self._displayed)
            self._displayed = True
        if correct:
            verdict = t("quiz.right") if first else t("quiz.right_later")
            return self._feedback(True, verdict, q)
        self._wrong_tries[index] = self._wrong_tries.get(index, 0) + 1
        if self._wrong_tries[index] < 2:
            if isinstance(q, Choice):
                verdict = t("quiz.wrong_try_again")
            else:
                verdict = t("quiz.match_wrong_try_again", count=len(wrong_items), items="; ".join(wrong_items))
            return self._hint(verdict, q)
        if isinstance(q, Choice):
            verdict = t("quiz.wrong", answer=q.options[q.answer])
        else:
            key = "; ".join(f"{item} → {q.options[a]}" for item, a in zip(q.items, q.answers, strict=True))
            verdict = t("quiz.match_wrong", count=len(wrong_items), items="; ".join(wrong_items), answers=key)
        return self._feedback(False, verdict, q)

    def _hint(self, verdict: str, q: Question) -> Feedback:
        """After a first wrong try: where to look, not the answer."""
        where = q.hint or (t("quiz.hint_source", source=source_line(q.citation)) if q.citation else "")
        parts = [verdict] + ([where] if where else [])
        page = (f"<p style='color:#b00020;font-weight:bold;margin:4px 0'>{html.escape(verdict)}</p>"
                + (f"<p class='ngoaivu-hint' style='margin:4px 0'>{html.escape(where)}</p>" if where else ""))
        return Feedback(False, "\n".join(parts), page)

    def _feedback(self, correct: bool | None, verdict: str, q: Question) -> Feedback:
        if correct is None:
            return Feedback(False, verdict, f"<p class='ngoaivu-hint'>{html.escape(verdict)}</p>")
        parts = [verdict, q.explanation]
        colour = "#1b7f3b" if correct else "#b00020"
        page = (f"<p style='color:{colour};font-weight:bold;margin:4px 0'>{html.escape(verdict)}</p>"
                f"<p style='margin:4px 0'>{html.escape(q.explanation)}</p>")
        if q.citation is not None:
            src = source_line(q.citation)
            parts.append(f"“{q.citation.quote}” ({src})")
            page += (f"<blockquote style='border-left:3px solid #c8102e;margin:4px 0;padding:2px 8px'>"
                     f"“{html.escape(q.citation.quote)}”<br><small>{html.escape(src)}</small></blockquote>")
        return Feedback(bool(correct), "\n".join(parts), page)

    def score(self) -> tuple[int, int]:
        """(questions whose FIRST answer was right, number of questions)."""
        return sum(self._results.values()), len(self.questions)

    def scenario_count(self) -> int:
        """How many questions ask to apply the content to a situation."""
        return sum(1 for q in self.questions if q.scenario)

    def score_text(self) -> str:
        right, total = self.score()
        answered = len(self._results)
        key = "quiz.score_done" if answered == total else "quiz.score"
        return t(key, right=right, total=total, answered=answered)

    # ----------------------------------------------------------------- interface
    def widget(self) -> w.VBox:
        """The quiz as widgets: one box per question with a check button and feedback, and a score line."""
        score = w.HTML(f"<b>{html.escape(self.score_text())}</b>")
        score.add_class("ngoaivu-score")
        boxes: list[w.Widget] = [w.HTML(f"<h3>{html.escape(self.title)}</h3>")]
        for i, q in enumerate(self.questions):
            boxes.append(self._question_box(i, q, score))
        boxes.append(score)
        quiz = w.VBox(boxes)
        quiz.add_class("ngoaivu-quiz")
        return quiz

    def _question_box(self, index: int, q: Question, score: w.HTML) -> w.VBox:
        tag = t("quiz.scenario_tag") if q.scenario else t("quiz.recall_tag")
        label = f"{t('quiz.question', number=index + 1)} {tag}"
        header = w.HTML(f"<p><b>{html.escape(label)}</b> {html.escape(q.prompt)}</p>")
        feedback = w.HTML("")
        feedback.add_class("ngoaivu-feedback")
        button = w.Button(description=t("quiz.check"), button_style="primary")
        button.add_class("ngoaivu-check")
        layout = w.Layout(width="auto")
        if isinstance(q, Choice):
            picker = w.RadioButtons(options=[(o, k) for k, o in enumerate(q.options)], value=None, layout=layout)
            inputs: list[w.Widget] = [picker]

            def current() -> int | Sequence[int | None] | None:
                return picker.value
        else:
            empty = t("quiz.choose")
            drops = [w.Dropdown(options=[(empty, None)] + [(o, k) for k, o in enumerate(q.options)], value=None,
                                description="", layout=w.Layout(width="50%")) for _ in q.items]
            inputs = [w.HBox([w.HTML(f"<span style='display:inline-block;width:22em'>{html.escape(item)}</span>"),
                              d]) for item, d in zip(q.items, drops, strict=True)]

            def current() -> int | Sequence[int | None] | None:
                return [d.value for d in drops]

        def on_click(_: w.Button) -> None:
            result = self.answer(index, current())
            feedback.value = result.html
            score.value = f"<b>{html.escape(self.score_text())}</b>"

        button.on_click(on_click)
        box = w.VBox([header, *inputs, button, feedback])
        box.add_class("ngoaivu-question")
        return box

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())
        if self.id:  # the output the lab plugin copies into the notebook's metadata, updated on each first answer
            quiz_log.publish(self.id, self.first_tries(), update=False)
            self._displayed = True


def nop_bai_form(bai: str) -> w.Widget:
    """A small form for submitting exercise ``bai`` by e-mail (:func:`grader.submit.nop_bai`).

    Running the cell only shows the form (nothing is asked, so "run all" and grading never wait);
    the trainee types the trainee id and clicks the button, which saves ``<id>_<bai>.ipynb``.
    """
    from grader.submit import nop_bai

    student = w.Text(placeholder=t("submit.form_placeholder"), description="", layout=w.Layout(width="16em"))
    button = w.Button(description=t("submit.form_button"), layout=w.Layout(width="auto"))
    out = w.Output()

    def on_click(_: w.Button) -> None:
        out.clear_output()
        with out:
            nop_bai(student.value.strip() or None, bai=bai, hoi=_no_prompt)

    button.on_click(on_click)
    box = w.VBox([w.HTML(f"<b>{html.escape(t('submit.form_title'))}</b>"), w.HBox([student, button]), out])
    box.add_class("ngoaivu-submit")
    return box


def _no_prompt(_: str) -> str:
    """The form asks for the id in its text box, never with a prompt."""
    return ""
