"""The frame around the meeting: the main window, the workspace that holds the panels, the
navigator and search, the shortcuts sheet, the Data menu, window state.
"""
