"""The meeting room: timer, phase strip, room clock, intervention log and ratings, roster, problem,
actions, learnings, feedback and coach notes; models beside their widgets.
"""
