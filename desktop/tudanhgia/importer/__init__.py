"""Bring an existing report (DOCX or text) into the structured form."""
