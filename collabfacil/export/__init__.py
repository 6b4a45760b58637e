"""Printing a workshop: the PDF action plan, the actions as CSV, a Markdown summary.

No Qt here; every export takes a ``WorkshopData`` and writes its file atomically.
"""
