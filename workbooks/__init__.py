"""Spreadsheet files in and out, shared by every app that reads or writes them: an upload
checked as an archive before it is opened (``archive``), text written so it never becomes a
formula (``safe_xlsx``). Django only; no app of the project below it."""
