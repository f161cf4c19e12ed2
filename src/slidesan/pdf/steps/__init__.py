"""One module per place a PDF hides something; the order lives in pdf/pipeline.py."""
