"""One module per hiding place; the order they run in is deck/pipeline.py's STEPS."""
