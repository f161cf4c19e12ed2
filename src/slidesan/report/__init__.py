"""Findings, the verdict, and the two views of a report (JSON and HTML)."""
