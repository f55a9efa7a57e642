"""How the campaign's numbers are written, everywhere (pages, PDF, Excel text):
head-counts grouped the Vietnamese way ("1.582"), percentages with one decimal
and a comma ("85,3"). Official documents are Vietnamese whatever the user's
interface language, so these always write Vietnamese."""

from decimal import Decimal

from django.utils import formats, translation

# The Excel cell format of a percentage (the value is 0–100 with one decimal,
# rounded by ``stats.percent``): shown with one decimal, as ``percent_text``.
PERCENT_XLSX_FORMAT = '0.0"%"'


def number(value: int | None) -> str:
    """1582 → "1.582"; None → "–"."""
    if value is None:
        return "–"
    with translation.override("vi"):
        return formats.number_format(value, use_l10n=True, force_grouping=True)


def percent_text(value: Decimal | float | None, *, language: str = "vi") -> str:
    """85.3 → "85,3"; 100 → "100,0"; None → "–". The value is already rounded
    half up by ``stats.percent``; this only writes it (in ``language``: pages
    pass the user's, documents keep Vietnamese)."""
    if value is None:
        return "–"
    with translation.override(language):
        return formats.number_format(Decimal(str(value)), 1, use_l10n=True, force_grouping=True)
