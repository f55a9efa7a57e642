"""The reporting app's pages, one module per topic (as zulip's zerver/views/).

home       — the start page of each role
dashboard  — the board's dashboard and its drill-down
figures    — tracing a figure to its report lines, the fingerprint check, new unions to confirm
common     — what the report pages share (a report URL, refusing entry, sending a file)
reports    — the reporter's list, the review list, this week, a report page
review     — return, approve, reopen; a request to open entry; a report's history
grassroots — registering and correcting the new grassroots unions of a report
uploads    — the pre-filled Excel template, upload preview and confirmation
missing    — the missing-reports list: reminders, opening entry for several units
exports    — the synthesis workbooks (province and unit)
final      — the final report's document form and the PDFs
emulation  — the emulation score with its parts, its formula, commendations and their Excel list
national   — the confederation's national dashboard and synthesis
"""
