"""Export, preview and print: the export dialog, the worker that renders off the UI thread, the in-
app PDF preview.
"""
