"""Plumbing every room of the window shares: the context and its change bus, saving without a Save
button, background tasks, commands (QActions), notices, Qt guards.
"""
