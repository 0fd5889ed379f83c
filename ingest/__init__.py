"""From a file to a validated Report: PDF reading, Thai repair, tables, normalisation, metadata.

This package knows nothing of the index or the UI.
"""
