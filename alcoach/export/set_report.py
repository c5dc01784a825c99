"""The set progress report: attendance, actions, participation over time, problems, learnings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.platypus import Flowable, Spacer

from alcoach.data.reports import ParticipationLine, SetProgressReport
from alcoach.export.flow import empty_section, heading, para, table
from alcoach.export.long_text import Overflow
from alcoach.export.options import ExportOptions
from alcoach.export.page import build_pdf, frame_width
from alcoach.export.sections import document_info, learnings_section, title_block
from alcoach.export.trend_chart import trend_chart
from alcoach.formatting import format_date, format_day_month
from alcoach.vocabulary import STATUS_LABELS, status_label

COLUMNS_PER_TABLE = 10
MARKS = {"presenter": "P", "present": "✓", "absent": "–"}


def _period(report: SetProgressReport) -> str:
    dates = [m.date for m in report.meetings]
    start = report.date_from or (min(dates) if dates else None)
    end = report.date_to or (max(dates) if dates else None)
    style = report.header.date_style
    if start is not None and end is not None:
        return f"{format_date(start, style)} to {format_date(end, style)}"
    if start is not None:  # a range that holds no meeting yet, open at its end
        return f"from {format_date(start, style)}"
    return f"up to {format_date(end, style)}" if end is not None else ""


def _meetings(report: SetProgressReport, width: float) -> list[Flowable]:
    if not report.meetings:
        return empty_section("Meetings")
    story: list[Flowable] = [heading("Meetings")]
    style = report.header.date_style
    rows = [
        [format_date(m.date, style), m.title, ", ".join(m.presenters) or "–"]
        for m in report.meetings
    ]
    return [
        *story,
        table(
            ["Date", "Title", "Presenter"],
            rows,
            [0.14 * width, 0.56 * width, 0.3 * width],
        ),
    ]


def _column_date(day: dt.date, style: str) -> str:
    """A date over a narrow column: day and month on one line, the year below."""
    return f"{format_day_month(day, style)}\n{day.year}"


def _attendance(report: SetProgressReport, width: float) -> list[Flowable]:
    if not report.meetings or not report.attendance:
        return empty_section("Attendance")
    story: list[Flowable] = [heading("Attendance")]
    story.append(para("P presenter · ✓ present · – absent", "muted"))
    total = len(report.meetings)
    for start in range(0, total, COLUMNS_PER_TABLE):
        chunk = range(start, min(start + COLUMNS_PER_TABLE, total))
        header = [
            "Member",
            *(_column_date(report.meetings[i].date, report.header.date_style) for i in chunk),
            "Attended",
        ]
        rows = [
            [
                row.member,
                *(MARKS.get(row.marks[i], row.marks[i]) for i in chunk),
                f"{sum(1 for m in row.marks if m != 'absent')} of {total}",
            ]
            for row in report.attendance
        ]
        last = 0.12 * width
        # a meeting's column as in a full table (at most twice that when there are few), and the
        # names take the rest: every table is as wide as the text column
        full = (width - 0.22 * width - last) / COLUMNS_PER_TABLE
        cell = min((width - 0.22 * width - last) / len(chunk), 2 * full)
        member_width = width - last - cell * len(chunk)
        story.append(
            table(
                header,
                rows,
                [member_width, *([cell] * len(chunk)), last],
                right_columns=(len(chunk) + 1,),
                plain_columns=tuple(range(1, len(chunk) + 2)),
            )
        )
        story.append(Spacer(1, 4))
    return story


def _actions(report: SetProgressReport, width: float) -> list[Flowable]:
    if not report.actions:
        return empty_section("Actions and how they ended")
    story: list[Flowable] = [heading("Actions and how they ended")]
    counts = Counter(a.status for a in report.actions)
    story.append(
        para(
            f"{len(report.actions)} actions: "
            + ", ".join(f"{label} {counts.get(key, 0)}" for key, label in STATUS_LABELS.items()),
            "note",
        )
    )
    overflow = Overflow("Actions in full")
    rows = []
    for a in report.actions:
        whose = f"the action of {a.owner}" if a.owner else "an action"
        rows.append(
            [
                format_date(a.committed_on, report.header.date_style),
                a.owner or "–",
                overflow.cell(a.text, whose.capitalize()),
                format_date(a.due, report.header.date_style),
                status_label(a.status),
                overflow.cell(a.note, f"Report-back on {whose}"),
            ]
        )
    story.append(
        table(
            ["Committed", "Owner", "Action", "Due", "Outcome", "Report-back"],
            rows,
            [0.12 * width, 0.14 * width, 0.29 * width, 0.12 * width, 0.11 * width, 0.22 * width],
        )
    )
    return story + overflow.flowables()


def _sum(cells: tuple[ParticipationLine | None, ...]) -> tuple[int, int, int, int]:
    present = [c for c in cells if c is not None]
    return (
        sum(c.question for c in present),
        sum(c.insightful for c in present),
        sum(c.statement for c in present),
        sum(c.skill for c in present),
    )


def _chart_dates(report: SetProgressReport) -> list[str]:
    """Day and month under the chart, and the year too when the meetings span more than one."""
    style = report.header.date_style
    if len({m.date.year for m in report.meetings}) <= 1:
        return [format_day_month(m.date, style) for m in report.meetings]
    return [format_date(m.date, style) for m in report.meetings]


def _participation(report: SetProgressReport, width: float) -> list[Flowable]:
    if not report.participation or not report.meetings:
        return empty_section("Participation over time")
    # the caption goes under the chart, so the heading is followed by the chart itself and
    # keeps it (a chart cannot split) even when the chart takes more than half a page
    story: list[Flowable] = [
        heading("Participation over time"),
        trend_chart(report.participation, _chart_dates(report), width),
        Spacer(1, 2),
        para(
            "Each member keeps one line style in both panels; a gap in a line is a meeting "
            "the member was not at.",
            "muted",
        ),
        Spacer(1, 4),
    ]
    number = 0.13 * width
    rows = [[s.member, *(str(v) for v in _sum(s.per_meeting))] for s in report.participation]
    story.append(
        table(
            ["Member", "Questions", "Insightful", "Statements", "Skill seen"],
            rows,
            [width - 4 * number, number, number, number, number],
            right_columns=(1, 2, 3, 4),
            plain_columns=(1, 2, 3, 4),
        )
    )
    return story


def _problems(report: SetProgressReport, width: float) -> list[Flowable]:
    if not report.agreed_problems:
        return empty_section("Problems worked on")
    story: list[Flowable] = [heading("Problems worked on")]
    overflow = Overflow("Problems in full")
    rows = []
    for p in report.agreed_problems:
        date = format_date(p.meeting_date, report.header.date_style)
        whose = f"The problem presented by {p.presenter}" if p.presenter else "The problem"
        whose += f" on {date}" if date else ""
        rows.append(
            [
                date,
                p.presenter or "–",
                overflow.cell(p.first_statement, f"{whose}, as first stated") or "–",
                overflow.cell(p.text, f"{whose}, as agreed") or "Not agreed",
            ]
        )
    return [
        *story,
        table(
            ["Date", "Presenter", "As first stated", "As agreed"],
            rows,
            [0.12 * width, 0.16 * width, 0.36 * width, 0.36 * width],
        ),
        *overflow.flowables(),
    ]


def _brief(report: SetProgressReport) -> list[Flowable]:
    """The sponsor's brief, after the key figures: what the set was asked to work on."""
    if not report.brief:
        return []
    story: list[Flowable] = [heading("The sponsor's brief")]
    if report.sponsor:
        story.append(para(f"Sponsor: {report.sponsor}", "label"))
    for title, text in report.brief:
        story += [heading(title, 2, keep=[body := para(text, "note")]), body]
    return story


def render(report: SetProgressReport, options: ExportOptions) -> bytes:
    width = frame_width(options)
    extra = [("Period", _period(report)), ("Meetings", str(len(report.meetings)))]
    story = title_block("Set progress report", report.header, width, extra)
    story += _brief(report)
    story += _meetings(report, width)
    story += _attendance(report, width)
    story += _actions(report, width)
    story += _participation(report, width)
    story += _problems(report, width)
    story += learnings_section(report.learnings, width, report.header.date_style, dated=True)
    return build_pdf(
        story,
        document_info(
            "Set progress report",
            report.header,
            "Action Learning set progress report",
            footer=" · ".join(p for p in (report.header.set_name, _period(report)) if p),
        ),
        options,
    )
