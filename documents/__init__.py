"""Official Thai documents: HTML templates printed to PDF by headless Chromium, and DOCX."""
