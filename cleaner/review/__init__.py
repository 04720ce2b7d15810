"""The review model behind ``wirefix review``: changes, decisions, undo and the saved text.

    changes   the changes and their options, built from one traced run of the fix loop
    session   a story under review: decisions, the audit log, undo, preview and save
    diff      word-level diffs for the app

Plain Python, no Textual: the app in ``wirefix.tui`` draws a ``ReviewSession`` and calls it.
"""
from .changes import (CHOICE_ALTERNATIVE, CHOICE_DEFAULT, CHOICE_EDITED, FIX, FLAG, Change,
                      Offer, Option, Place, State, build_changes)
from .diff import word_diff
from .session import AcceptedFixes, Filter, Outcome, ReviewSession, StoryChangedOnDisk

__all__ = [
    "AcceptedFixes", "CHOICE_ALTERNATIVE", "CHOICE_DEFAULT", "CHOICE_EDITED", "Change",
    "FIX", "FLAG", "Filter", "Offer", "Option", "Outcome", "Place", "ReviewSession", "State",
    "StoryChangedOnDisk", "build_changes", "word_diff",
]
