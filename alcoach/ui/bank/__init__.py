"""The question bank dock and its model.
"""
