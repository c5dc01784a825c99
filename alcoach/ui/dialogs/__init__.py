"""Dialogs for editing programmes, sets and members (never used for routine in-meeting capture)."""
