"""The coaching log PDF: the coach's hours for a credential application (ICF's coaching log, WIAL's
documented hours). Per client organisation: dates, sessions, hours, paid or pro bono and group
size; then every session with the members named only where they agreed (otherwise counted), and
the progress towards each target.

Who is named follows the anonymise option: by default ("without_consent") only members who agreed
to be named in the coaching log, the others counted; "everyone" counts every member; "none" names
them all, as the coach chose. Names inside the texts a coach typed follow the same choice.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from alcoach.data.practice_records import CoachingLog, LogLine
from alcoach.export.anonymise import Anonymiser
from alcoach.export.flow import empty_section, heading, key_values, para, table
from alcoach.export.names import isolated
from alcoach.export.options import ExportOptions
from alcoach.export.page import DocumentInfo, build_pdf, frame_width
from alcoach.formatting import format_date, format_duration
from alcoach.vocabulary import hours_kind_label, role_label

WHO_IS_NAMED = {
    "without_consent": "Members are named only where they agreed to be named in this log; the "
    "others are counted.",
    "everyone": "Members are counted, not named.",
    "none": "Members are named as the coach chose.",
}


def hm(minutes: int) -> str:
    return format_duration(minutes * 60)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def members_cell(line: LogLine, mode: str) -> str:
    """Who attended, as the log may say it: names where allowed, the rest counted."""
    if not line.attendees:
        return "" if line.row.group_size is None else _plural(line.row.group_size, "member")
    shown = [
        isolated(a.name) for a in line.attendees
        if mode == "none" or (mode != "everyone" and a.named)
    ]  # fmt: skip
    others = len(line.attendees) - len(shown)
    if not shown:
        return _plural(others, "member")
    if not others:
        return ", ".join(shown)
    return ", ".join(shown) + f" and {_plural(others, 'other')}"


def _period(log: CoachingLog) -> str:
    which, style = log.which, log.date_style
    if which.start and which.end:
        return f"{format_date(which.start, style)} to {format_date(which.end, style)}"
    if which.start:
        return f"from {format_date(which.start, style)}"
    if which.end:
        return f"up to {format_date(which.end, style)}"
    return "all hours kept in alcoach"


def _summary(log: CoachingLog, width: float) -> list[Flowable]:
    every = log.every
    kinds = ", ".join(
        f"{hours_kind_label(kind).lower()} {hm(minutes)}"
        for kind, minutes in every.by_kind.items()
        if minutes
    )
    pairs = [
        ("Coach", " · ".join(p for p in (log.coach_name, log.credentials) if p)),
        ("Period", _period(log)),
        ("Programme", log.programme_name),
        ("Total", f"{hm(every.minutes)} hours ({kinds})" if kinds else "no hours"),
        ("Paid", f"{hm(every.paid_minutes)}; pro bono {hm(every.pro_bono_minutes)}"),
        (
            "Sessions",
            f"{every.meetings} meetings and {len(log.lines) - every.meetings} other entries",
        ),
        ("By year", " · ".join(f"{y}: {hm(t.minutes)}" for y, t in log.by_year.items())),
        ("Made on", format_date(log.made_on, log.date_style)),
    ]
    return [para("Coaching log", "title"), key_values(pairs, width), Spacer(1, 4)]


def _clients(log: CoachingLog, width: float) -> list[Flowable]:
    if not log.clients:
        return empty_section("Clients")
    style = log.date_style
    rows = [
        [
            c.client, format_date(c.first, style), format_date(c.last, style), str(c.sessions),
            "" if c.largest_group is None else str(c.largest_group), hm(c.minutes),
            hm(c.paid_minutes), hm(c.minutes - c.paid_minutes),
        ]
        for c in log.clients
    ]  # fmt: skip
    widths = [0.25, 0.12, 0.12, 0.11, 0.08, 0.1, 0.1, 0.12]
    return [
        heading("Clients"),
        table(
            ["Client", "First", "Last", "Sessions", "Group", "Hours", "Paid", "Pro bono"],
            rows,
            [w * width for w in widths],
            right_columns=(3, 4, 5, 6, 7),
            plain_columns=(1, 2, 3, 4, 5, 6, 7),
        ),
    ]


def _sessions(log: CoachingLog, width: float, mode: str, names: Anonymiser | None) -> list:
    if not log.lines:
        return empty_section("Sessions")

    def text(value: str) -> str:
        return names.text(value) if names is not None else value

    rows = []
    unfinished = False
    for line in log.lines:
        r = line.row
        what = r.set_name + (f": {r.description}" if r.description else "") if r.set_name else (
            r.description or hours_kind_label(r.kind))  # fmt: skip
        flag = " *" if r.open else ""
        unfinished |= r.open
        rows.append([
            format_date(r.date, log.date_style), text(what), text(members_cell(line, mode)),
            f"{role_label(r.role)}, {hours_kind_label(r.kind).lower()}",
            "paid" if r.paid else "pro bono", hm(r.minutes) + flag,
        ])  # fmt: skip
    widths = [0.12, 0.28, 0.24, 0.17, 0.09, 0.1]
    story = [
        heading("Sessions"),
        table(
            ["Date", "Set or what", "Members", "Role, kind", "Paid", "Hours"],
            rows,
            [w * width for w in widths],
            right_columns=(5,),
            plain_columns=(0, 5),
        ),
    ]
    note = WHO_IS_NAMED[mode]
    if unfinished:
        note += " * A meeting started and never ended, counted up to its last note."
    story.append(para(note, "muted"))
    return story


def _targets(log: CoachingLog, width: float) -> list[Flowable]:
    if not log.progress:
        return []
    rows = []
    for p in log.progress:
        spec = p.target
        name = spec.name + (f" ({spec.note})" if spec.note else "")
        if spec.expires is not None:
            when = format_date(spec.expires, log.date_style)
            name += f"; {'expired' if p.expired else 'expires'} {when}"
        rows.append([name, f"{p.minutes // 60:,} of {spec.total_minutes // 60:,} h",
                     "every requirement met" if p.met else ", ".join(p.missing)])  # fmt: skip
    return [
        heading("Targets"),
        table(
            ["Target", "Done", "Still missing"], rows, [0.42 * width, 0.16 * width, 0.42 * width]
        ),
    ]


def render(log: CoachingLog, options: ExportOptions) -> bytes:
    mode = options.anonymise_mode
    names = None
    if mode != "none":
        names = Anonymiser(log.roster, keep=log.named if mode == "without_consent" else ())
    width = frame_width(options)
    story: list[Flowable] = []
    story += _summary(log, width)
    story += _clients(log, width)
    story += _sessions(log, width, mode, names)
    story += _targets(log, width)
    footer = " · ".join(p for p in ("Coaching log", log.coach_name) if p)
    info = DocumentInfo(title="Coaching log", author=log.coach_name or "alcoach",
                        subject="Coaching hours", footer=footer)  # fmt: skip
    return build_pdf(story, info, options)
