"""The files the app hands out. Every exporter returns an ``Export`` — file name,
content type, bytes — to the view, as pretix's exporters do; the view only
sends it (``reporting.views.common.download``).

safe_xlsx  — the formula-safe workbook helper every Excel writer uses
template   — the pre-filled report template a unit downloads and uploads back
sheets     — write-only sheets with the synthesis tables' styles
synthesis  — the province's synthesis table (one row per reporting unit)
unit_xlsx  — a reporting unit's table (one row per grassroots union)
pdf        — rendering with WeasyPrint, the Vietnamese wording of the documents
pdf_tables — the tables printed in the documents
final_report, unit_report — the two PDF documents
"""

from dataclasses import dataclass

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: bytes
