"""Section builders shared by several documents: header, participation, actions, learnings."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from alcoach.data.reports import ActionLine, LearningLine, ParticipationLine, ReportHeader
from alcoach.export.flow import empty_section, heading, key_values, para, table
from alcoach.export.long_text import Overflow, paras
from alcoach.export.page import DocumentInfo
from alcoach.formatting import format_date, questions_per_statement
from alcoach.vocabulary import LEVEL_LABELS, status_label


def footer_text(header: ReportHeader) -> str:
    parts = [header.set_name]
    if header.date is not None:
        parts.append(format_date(header.date, header.date_style))
    return " · ".join(p for p in parts if p)


def document_info(
    kind: str, header: ReportHeader, subject: str, footer: str = "", confidential: str = ""
) -> DocumentInfo:
    """PDF metadata written by us (so an anonymised document carries no member's name)."""
    day = format_date(header.date, header.date_style)
    title = " — ".join(p for p in (kind, header.set_name, day) if p)
    return DocumentInfo(
        title=title,
        author=header.coach_name or "alcoach",
        subject=subject,
        footer=footer or footer_text(header),
        confidential=confidential,
    )


def title_block(
    kind: str, header: ReportHeader, width: float, extra: Sequence[tuple[str, str]] = ()
) -> list[Flowable]:
    subtitle = " · ".join(p for p in (header.set_name, header.programme_name) if p)
    pairs = [
        ("Date", format_date(header.date, header.date_style)),
        ("Meeting", header.title),
        ("Place", header.location),
        ("Coach", header.coach_name),
        *extra,
    ]
    return [
        para(kind, "title"),
        para(subtitle, "subtitle"),
        key_values(pairs, width),
        Spacer(1, 4),
    ]


RATIO_NOTE = (
    "Q : S is questions (insightful ones included) per statement; "
    "“all Q”: questions but no statement; “–”: neither."
)


def ratio(line: ParticipationLine) -> str:
    """Questions per statement, written as the meeting window writes it."""
    return questions_per_statement(line.question + line.insightful, line.statement)


def participation_table(lines: Sequence[ParticipationLine], width: float) -> list[Flowable]:
    """The counts per member, and under them the one line that says what Q : S means."""
    number = 0.13 * width
    return [
        table(
            ["Member", "Questions", "Insightful", "Statements", "Skill seen", "Q : S"],
            [
                [
                    line.member,
                    str(line.question),
                    str(line.insightful),
                    str(line.statement),
                    str(line.skill),
                    ratio(line),
                ]
                for line in lines
            ],
            [width - 5 * number, number, number, number, number, number],
            right_columns=(1, 2, 3, 4, 5),
            plain_columns=(1, 2, 3, 4, 5),
        ),
        Spacer(1, 2),
        para(RATIO_NOTE, "muted"),
    ]


def skill_notes(lines: Sequence[ParticipationLine]) -> list[Flowable]:
    story: list[Flowable] = []
    for line in lines:
        for note in line.skill_notes:
            story.extend(paras(f"{line.member}: {note}", "note"))
    return story


def _owned(a: ActionLine) -> str:
    return f"the action of {a.owner}" if a.owner else "an action"


def actions_reported_table(
    rows: Sequence[ActionLine], width: float, date_style: str
) -> list[Flowable]:
    """The table, then any text too long for it in full (see long_text.Overflow)."""
    overflow = Overflow("Actions reported back in full")
    cells = [
        [
            a.owner or "–",
            overflow.cell(a.text, _owned(a).capitalize()),
            format_date(a.committed_on, date_style),
            format_date(a.due, date_style),
            status_label(a.status),
            overflow.cell(a.note, f"Report-back on {_owned(a)}"),
        ]
        for a in rows
    ]
    widths = [0.14 * width, 0.29 * width, 0.12 * width, 0.12 * width, 0.11 * width, 0.22 * width]
    return [
        table(["Owner", "Action", "Committed", "Due", "Outcome", "Report-back"], cells, widths),
        *overflow.flowables(),
    ]


def actions_committed_table(
    rows: Sequence[ActionLine], width: float, date_style: str
) -> list[Flowable]:
    """The table, then any text too long for it in full (see long_text.Overflow)."""
    overflow = Overflow("Actions committed in full")
    cells = [
        [
            a.owner or "–",
            overflow.cell(a.text, _owned(a).capitalize()),
            format_date(a.due, date_style),
            status_label(a.status),
        ]
        for a in rows
    ]
    return [
        table(
            ["Owner", "Action", "Due", "Status"],
            cells,
            [0.18 * width, 0.58 * width, 0.12 * width, 0.12 * width],
        ),
        *overflow.flowables(),
    ]


def learnings_section(
    rows: Sequence[LearningLine], width: float, date_style: str, dated: bool = False
) -> list:
    if not rows:
        return empty_section("Learnings")
    story: list[Flowable] = [heading("Learnings")]
    for level, label in LEVEL_LABELS.items():
        chosen = [r for r in rows if r.level == level]
        others = [r for r in rows if r.level not in LEVEL_LABELS]
        if level == "organisation":
            chosen += others
        if not chosen:
            story += empty_section(label, 2)
            continue
        block: list[Flowable] = [heading(label, 2)]
        overflow = Overflow(f"{label} learnings in full")
        header = ["Date"] if dated else []
        header += ["Who", "Learning", "How it will be applied"]
        widths = [0.12 * width] if dated else []
        rest = width - sum(widths)
        widths += [0.18 * rest, 0.46 * rest, 0.36 * rest]
        block.append(
            table(
                header,
                [
                    ([format_date(r.meeting_date, date_style)] if dated else [])
                    + [
                        r.member or ("The set" if level != "individual" else "–"),
                        overflow.cell(r.text, f"Learning of {r.member or 'the set'}"),
                        overflow.cell(r.application, f"How {r.member or 'the set'} will apply it"),
                    ]
                    for r in chosen
                ],
                widths,
            )
        )
        block += overflow.flowables()
        story.extend(block)
    return story
