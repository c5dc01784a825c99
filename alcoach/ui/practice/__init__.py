"""The coach's practice records in the window: the hours log, hand-added hours and targets."""
