"""What happens in the demo programme's three meetings: plain data that alcoach.data.demo plays.

Members are named by their index in MEMBERS. Phases are indexes into the built-in 90-minute
agenda (0 opening, 1 skills, 2 report-back, 3 problem presented, 4 questioning,
5 problem-statement rounds, 6 strategies and actions, 7 closing reflection).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROGRAMME_NAME = "Demo — Northbridge Health leadership programme"
SPONSOR = "Dr Helen Marsh, Chief Nurse, Northbridge Health"
PROGRAMME_NOTES = (
    "Sample data added by alcoach so you can look around. None of these people or meetings are "
    "real; delete the programme, its set and meetings whenever you like."
)
ORGANISATION = "Northbridge Health NHS Trust"
CONSENT_HOW = "signed consent form at the first meeting"
CONSENT_WORDING = "Northbridge Action Learning consent, version 1"
BRIEF = (
    "Older patients leave the wards days after they are medically fit, and one in five of them "
    "comes back within 30 days.",
    "Every delayed day costs a bed the emergency department is waiting for, and a frail patient "
    "loses strength in hospital.",
    "A discharge lounge (used little) and a weekly bed meeting (it reports, nobody decides).",
    "Three options the wards can try within a quarter, and one of them piloted on Ward 7.",
    "Fewer readmissions within 30 days, and discharges before noon on most days.",
)
SET_NAME = "Demo set: Harbour"
CADENCE = "every four weeks, 90 minutes"
GROUND_RULES = (
    "Statements only in answer to a question.\n"
    "What is said in the set stays in the set.\n"
    "The coach may intervene at any time.\n"
    "Phones away; we start and end on time."
)

# name, role, organisation, leadership skill
MEMBERS: tuple[tuple[str, str, str, str], ...] = (
    ("Amara Okonkwo", "Ward Manager, Ward 7", "Northbridge General Hospital", "Listening"),
    (
        "Zoë Łukasiewicz",
        "Head of Physiotherapy",
        "Northbridge Community Services",
        "Asking open questions",
    ),
    ("李明 (Li Ming)", "Data & Analytics Lead", "Northbridge Health Trust", "Systems thinking"),
    ("Rafael Gómez", "Estates Operations Manager", "Northbridge Health Trust", "Being concise"),
    (
        "Priya Raghunathan",
        "Consultant Geriatrician",
        "Northbridge General Hospital",
        "Giving feedback",
    ),
    (
        "Aroha Ngata",
        "Patient Experience Lead",
        "Northbridge Health Trust",
        "Challenging assumptions",
    ),
)

RATING_QUESTION = "How are we doing as a group, 1 to 10?"


@dataclass(frozen=True)
class Say:
    """One intervention: `bank` means the text is a question from the built-in bank."""

    phase: int
    minute: float
    text: str
    members: tuple[int, ...] = ()
    response: str = ""
    bank: bool = False


def ask(
    phase: int, minute: float, text: str, members: tuple[int, ...] = (), response: str = ""
) -> Say:
    return Say(phase, minute, text, members, response, bank=True)


@dataclass(frozen=True)
class Problem:
    presenter_text: str
    round1: dict[int, str]
    poll1: dict[int, str]
    round2: dict[int, str]
    poll2: dict[int, str]
    agreed: str


@dataclass(frozen=True)
class MeetingScript:
    days_before_today: int
    title: str
    location: str
    presenter: int
    absent: tuple[int, ...]
    phase_minutes: tuple[float, ...]
    pause: tuple[int, float, float]  # phase, minute into it, length in minutes
    interventions: tuple[Say, ...]
    ratings: dict[int, int]  # member -> 1..10, for the RATING_QUESTION intervention
    tallies: dict[int, tuple[int, int, int]]  # member -> questions, statements, insightful
    skill_seen: dict[int, str]
    problem: Problem
    report_back: tuple[tuple[str, str], ...]  # status, note for the previous meeting's actions
    actions: tuple[tuple[int, str, int], ...]  # owner, text, due in days after the meeting
    learnings: tuple[tuple[str, int | None, str, str], ...]  # level, member, text, application
    feedback: dict[int, tuple[str, str, str, str]]  # strengths, suggestions, self, coach notes
    coach_notes: str
    afterwards: tuple[str, ...] = field(default=())


# The scripts are data tables; kept compact by hand rather than one argument per line.
# fmt: off
MEETING_1 = MeetingScript(
    days_before_today=59,
    title="Discharges delayed on Ward 7",
    location="Northbridge General, Seminar Room 2",
    presenter=0,
    absent=(),
    phase_minutes=(4, 3, 5, 5, 38, 11, 9, 15),
    pause=(4, 20, 8),
    interventions=(
        ask(0, 1, "What would make this session worth your time today?", (),
            "Amara: leaving with one thing to try on Monday."),
        ask(0, 3, "Which ground rule do we most need to remember today?", (),
            "Questions first; statements only in answer to a question."),
        ask(1, 1, "Which leadership skill will you practise in this meeting?"),
        ask(3, 4, "What is the problem, in one sentence?", (0,),
            "Fit patients wait more than a day to leave Ward 7."),
        ask(4, 6, "Are we asking questions or making statements right now?", (3,),
            "Rafael noticed he had offered two solutions in a row."),
        ask(4, 13, "What kinds of questions have we been asking?", (),
            "Mostly 'why' questions about the ward; few about Amara herself."),
        ask(4, 19, RATING_QUESTION, (), "From 3 to 9: Li Ming felt talked over."),
        Say(4, 26, "Li Ming, you said 3. What would make it a 6?", (2,),
            "More silence after a question; fewer questions stacked together."),
        Say(4, 31, "What are we assuming about the consultants' ward rounds?", (),
            "That they cannot move. Nobody has asked them."),
        ask(4, 36, "What could we do better?", (),
            "Let Amara finish answering before the next question."),
        ask(5, 2, "Could each of you write down the problem as you now understand it?"),
        ask(5, 9, "Do we agree on the problem?", (), "Not in round 1; yes in round 2."),
        ask(6, 2, "What strategies do we see for this problem?", (),
            "An earlier ward round; a discharge lounge; pharmacy ordering the day before."),
        ask(6, 6, "What will you do before we meet again?", (0,), "Two actions, see below."),
        ask(7, 2, "Presenter, how has the set helped you today?", (0,),
            "'I came with a beds problem and I leave with a conversations problem.'"),
        ask(7, 6, "What did we do well today?", (), "We were patient with the silence."),
        ask(7, 10, "Where did you use your leadership skill in this session?"),
        Say(7, 13, "What did we learn about how Northbridge makes decisions?", (),
            "Discharge sits between three teams & no one owns the whole day."),
    ),
    ratings={0: 8, 1: 7, 2: 3, 3: 9, 4: 7, 5: 6},
    tallies={0: (2, 6, 0), 1: (9, 2, 2), 2: (5, 1, 1), 3: (4, 7, 0), 4: (7, 3, 1), 5: (6, 2, 2)},
    skill_seen={
        1: "Asked 'what would your patients say?' instead of suggesting a fix.",
        2: "Linked pharmacy, transport and ward rounds into one picture.",
        5: "Asked whether 'medically fit' means the same to everyone.",
    },
    problem=Problem(
        presenter_text="Too many patients on Ward 7 who are medically fit wait more than a day "
        "to go home.",
        round1={
            1: "The ward cannot discharge before midday because the ward round ends late.",
            2: "We do not know where the discharge day is lost.",
            3: "Transport is booked too late in the day.",
        },
        poll1={0: "close", 1: "no", 2: "close", 3: "no", 4: "close", 5: "no"},
        round2={
            4: "Amara carries discharge decisions alone, without the consultants and pharmacy "
            "in the conversation.",
            5: "Nobody owns the whole discharge day, so each team optimises its own part.",
        },
        poll2={0: "yes", 1: "yes", 2: "yes", 3: "yes", 4: "yes", 5: "close"},
        agreed="How might Amara get the consultants, pharmacy and transport to share one plan "
        "for each patient's discharge day?",
    ),
    report_back=(),
    actions=(
        (0, "Ask the two consultants whether the Tuesday and Thursday ward rounds could start "
            "at 08:30.", 14),
        (0, "Map one week of discharges on Ward 7: where does each one wait, and for whom?", 21),
        (2, "Pull three months of Ward 7 discharge times for Amara.", 7),
    ),
    learnings=(
        ("individual", 0, "I try to fix discharges myself instead of asking for help.",
         "Ask one consultant for help this week."),
        ("team", None, "We jump to solutions when the problem feels familiar.",
         "Count our statements before the first rating."),
        ("organisation", None, "Discharge is owned by three teams and by none of them.",
         "Raise with the sponsor at the programme review."),
    ),
    feedback={
        0: ("Listened to every question before answering; asked for a pause when she needed it.",
            "Say what you heard before you answer.", "I interrupted less than usual.",
            "Visibly tired; check in with her about workload."),
        1: ("Nine questions, two of them insightful.", "Let a question land before the next.",
            "I asked better questions after the rating.", ""),
        2: ("Drew the whole system on the flipchart.", "Speak up earlier; your 3 mattered.",
            "I was quiet at first.", "Follow up on feeling talked over."),
        3: ("Energy and practical knowledge.", "Turn the solution into a question first.",
            "Too many statements, I know.", ""),
        4: ("Clear, kind feedback to Amara at the close.", "Give one piece of feedback earlier.",
            "Good.", ""),
        5: ("Challenged 'medically fit' — the turning point.", "Keep going; say it sooner.",
            "I held back in the first half.", ""),
    },
    coach_notes="Li Ming's 3 beside Rafael's 9 was the moment of the meeting; explored it and "
    "the group slowed down. Rafael dominates when he knows the answer. Amara may be close "
    "to burn-out — private conversation before next time? <not for the report>",
)

MEETING_2 = MeetingScript(
    days_before_today=31,
    title="Estates repairs backlog & the 'fix it twice' habit",
    location="Northbridge Health HQ, Room 4.12",
    presenter=3,
    absent=(5,),
    phase_minutes=(3, 2, 9, 4, 36, 10, 11, 14),
    pause=(4, 24, 10),
    interventions=(
        ask(0, 1, "What do you need to set aside to be fully present here?"),
        ask(2, 1, "What action did you commit to last time, and what happened?", (0,),
            "Both consultants agreed to try 08:30 on Thursdays."),
        ask(2, 6, "What did you learn from taking the action?", (0,),
            "Asking was easier than she feared."),
        ask(3, 3, "What is the problem, in one sentence?", (3,),
            "The same repairs come back again and again."),
        ask(4, 5, "Why is this a problem for you now?", (3,), "The board asked for a plan."),
        Say(4, 12, "Rafael, you have answered three questions with 'it depends'. On what?", (3,),
            "On who reports the fault, it turns out."),
        ask(4, 18, RATING_QUESTION, (), "All between 6 and 8: comfortable, maybe too comfortable."),
        Say(4, 30, "Which assumption have we not questioned yet?", (),
            "That 'fixed' means the same to the wards and to the estates team."),
        ask(4, 35, "What are we doing well?", (), "Short questions; Rafael answering briefly."),
        ask(5, 1, "Could each of you write down the problem as you now understand it?"),
        ask(5, 8, "Do we agree on the problem?", (), "Yes, in round 2."),
        ask(6, 3, "What is the first small step you could take this week?", (3,),
            "Walk the worst sites with the supervisors."),
        ask(6, 8, "Who do you need to talk to first?", (3,),
            "The two supervisors, then Zoë's teams."),
        ask(7, 2, "What was most useful for you in this session?", (),
            "Rafael: hearing 'fixed' means four different things."),
        ask(7, 7, "What could we do better next time?", (), "Start on time."),
        ask(7, 11, "What one word sums up this session for you?", (),
            "Clearer · lighter · 🙂 · curious · grounded"),
    ),
    ratings={0: 7, 1: 7, 2: 6, 3: 8, 4: 7},
    tallies={0: (6, 2, 1), 1: (8, 1, 2), 2: (7, 2, 1), 3: (3, 4, 0), 4: (6, 2, 1)},
    skill_seen={
        3: "Answered in one sentence, three times in a row.",
        0: "Summarised Rafael's answer before asking the next question.",
        4: "Told Zoë exactly which question helped and why.",
    },
    problem=Problem(
        presenter_text="My team repairs the same things again and again.",
        round1={
            0: "Faults are reported in a way that hides the cause.",
            1: "The supervisors are measured on speed, not on repairs that last.",
        },
        poll1={0: "close", 1: "close", 2: "no", 3: "no", 4: "close"},
        round2={
            2: "There is no shared definition of 'fixed' between the wards and estates.",
            4: "Rafael needs the people who report faults to help define 'fixed'.",
        },
        poll2={0: "yes", 1: "yes", 2: "yes", 3: "yes", 4: "yes"},
        agreed="How can Rafael make 'fixed' mean the same thing to his supervisors, the wards "
        "and the board?",
    ),
    report_back=(
        ("done", "Both consultants agreed to try an 08:30 ward round on Thursdays."),
        ("partly", "Mapped four days out of seven; the weekend is still missing."),
        ("done", "Shared the dashboard; Amara used it for her map."),
    ),
    actions=(
        (3, "Walk the three worst repeat-repair sites with the two supervisors and ask what "
            "'fixed' means to them.", 14),
        (3, "Propose a 'right first time' measure to the estates board.", 21),
        (1, "Introduce Rafael to the physio team leads who log the most repair requests.", 7),
    ),
    learnings=(
        ("individual", 3, "Short answers got me better questions.",
         "Try one-sentence answers in the board meeting."),
        ("team", None, "A comfortable rating can hide that we are avoiding the hard question.",
         "Ask 'what are we avoiding?' when ratings are all 6-8."),
        ("organisation", None, "Measures of speed push teams to repair the same fault twice.",
         "Share with the sponsor as an example for the programme review."),
    ),
    feedback={
        0: ("Summarised before asking.", "Ask about feelings, not only facts.", "Better.", ""),
        1: ("Two insightful questions that changed the problem.", "Slow down a little.",
            "I liked my questions today.", ""),
        2: ("Spoke early this time.", "Say when you disagree.", "I felt heard.",
            "Much more present than last time."),
        3: ("Concise answers throughout — your chosen skill.", "Ask for help earlier.",
            "I talked less and got more.", "Watch for defensiveness about the board."),
        4: ("Specific, timely feedback.", "Try giving feedback to the presenter mid-way.",
            "Feedback is getting easier.", ""),
    },
    coach_notes="Ratings all 6-8: comfortable. Next time ask what we are avoiding. Aroha sent "
    "apologies (clinic).",
)

MEETING_3 = MeetingScript(
    days_before_today=3,
    title="Frail older patients returning within 30 days",
    location="Northbridge General, Seminar Room 2",
    presenter=4,
    absent=(),
    phase_minutes=(4, 3, 10, 5, 45, 12, 9, 9),
    pause=(4, 28, 6),
    interventions=(
        ask(0, 2, "Which leadership skill will you practise in this meeting?"),
        ask(2, 1, "What action did you commit to last time, and what happened?", (3,),
            "Walked the sites; the board paper is drafted but not presented."),
        ask(2, 7, "What got in the way of the action?", (3,), "The board meeting was postponed."),
        ask(3, 3, "What is the problem, in one sentence?", (4,),
            "Frail patients come back within 30 days and we do not know why."),
        ask(4, 4, "What would happen if nothing changed?", (4,),
            "More winter pressure; families losing trust."),
        ask(4, 11, "Who else owns part of this problem?", (), "GPs, community teams, families."),
        ask(4, 17, RATING_QUESTION, (), "From 2 to 9 — Rafael said 2."),
        Say(4, 22, "Rafael, you said 2. What would the set need to do for it to be a 5?", (3,),
            "Stop talking about the hospital; ask about the first days at home."),
        Say(4, 34, "What are we not asking about?", (),
            "What patients and families experience after they leave."),
        Say(4, 41, "We have a few minutes of questioning left and the closing reflection is "
            "at risk. What matters most now?", (), "Move to the problem statement."),
        ask(5, 2, "Could each of you write down the problem as you now understand it?"),
        ask(5, 10, "Do we agree on the problem?", (), "Close in round 1; yes in round 2."),
        ask(6, 3, "What will you do before we meet again?", (4,), "Two actions."),
        ask(7, 1, "Presenter, how has the set helped you today?", (4,),
            "'I had the numbers; now I have questions for families.'"),
        ask(7, 5, "What did we do well today?", (), "Listened to a low rating and changed course."),
        ask(7, 8, "What have you learned about yourself today?"),
    ),
    ratings={0: 8, 1: 9, 2: 8, 3: 2, 4: 9, 5: 7},
    tallies={0: (7, 1, 2), 1: (8, 2, 2), 2: (6, 1, 1), 3: (5, 3, 1), 4: (2, 5, 0), 5: (7, 1, 3)},
    skill_seen={
        5: "Asked 'who decided that 30 days is the right measure?'",
        3: "Gave his low rating in one sentence, with the reason.",
        1: "Asked only open questions for the whole questioning phase.",
        4: "Told Rafael his rating was the most useful thing said today.",
    },
    problem=Problem(
        presenter_text="Frail older patients come back within 30 days and we do not know why.",
        round1={
            0: "Discharge plans stop at the hospital door.",
            5: "We measure readmissions, not what patients experience at home.",
        },
        poll1={0: "close", 1: "close", 2: "yes", 3: "close", 4: "close", 5: "yes"},
        round2={3: "Priya needs to hear from families what the first three days are like."},
        poll2={0: "yes", 1: "yes", 2: "yes", 3: "yes", 4: "yes", 5: "yes"},
        agreed="How can Priya learn, from patients and families, what happens in the first "
        "three days at home?",
    ),
    report_back=(
        ("done", "Walked all three sites; 'fixed' meant four different things."),
        ("not_done", "The board meeting was postponed; the paper is drafted."),
        ("partly", "Introduced Rafael to one of the two team leads."),
    ),
    actions=(
        (4, "Review the last twenty readmissions with the community frailty team.", 14),
        (4, "Ask three families what happened in the first 72 hours at home.", 21),
        (5, "Share the patient-experience comments about discharge with Priya.", 7),
    ),
    learnings=(
        ("individual", 4, "I trust numbers more than stories, and miss what families know.",
         "Start the readmission review with one family's account."),
        ("individual", 3, "Saying a low number out loud helped the whole set.",
         "Say what I really think earlier in meetings at work."),
        ("team", None, "A wide spread in the rating is worth stopping for.",
         "Always ask the lowest and highest scorer first."),
        ("organisation", None, "Readmission targets hide the patient's experience at home.",
         "Offer the sponsor a one-page summary of the three presenters' findings."),
    ),
    feedback={
        0: ("Asked Priya about herself, not only the ward data.", "Keep going.", "Good.", ""),
        1: ("Only open questions: your skill, practised all meeting.", "Try one silent minute.",
            "I am proud of today.", ""),
        2: ("The data question at the right moment.", "Offer your view when asked.", "OK.", ""),
        3: ("Your honest 2 changed the meeting.", "Say it even sooner.",
            "I was nervous saying it.", "Check he felt safe afterwards."),
        4: ("Open to a reframed problem.", "Give feedback to Rafael on his courage.",
            "I learned the most I have in the programme.", ""),
        5: ("Challenged the 30-day measure itself.", "Link your challenge to a question.",
            "Felt confident.", ""),
    },
    coach_notes="Questioning overran; closing reflection squeezed to 9 minutes — protect it "
    "next time. Rafael's 2 beside several 9s: explored it, turning point. Ask Rafael how he "
    "felt about saying it.",
    afterwards=("Rafael stayed after to say he felt safe giving the 2; follow up by email.",),
)
# fmt: on

MEETINGS: tuple[MeetingScript, ...] = (MEETING_1, MEETING_2, MEETING_3)
