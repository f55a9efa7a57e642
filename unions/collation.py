"""Vietnamese alphabetical order on both databases.

PostgreSQL sorts Vietnamese correctly with its ICU collation ``vi-x-icu``.
SQLite has no such collation, so we register one under the same name on each
new SQLite connection. Code then sorts with ``vi_collate("name")`` whatever
the database.
"""

import unicodedata

from django.db.models.functions import Collate

VI_COLLATION = "vi-x-icu"

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_PRIMARY = {ch: 1000 + i for i, ch in enumerate(_ALPHABET)}
# Letters with a modifier that makes them a letter of their own (ă, â, đ, ê, ô, ơ, ư).
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tones are secondary differences, in the traditional order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(text: str) -> tuple:
    """A key that orders strings as a Vietnamese dictionary does."""
    primary, secondary, tertiary = [], [], []
    for ch in unicodedata.normalize("NFC", text or ""):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        lower = base.lower()
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif (lower, mark) in _MODIFIED:
                lower = _MODIFIED[(lower, mark)]
        if lower in _PRIMARY:
            weight = _PRIMARY[lower]
        elif lower.isdigit():
            weight = 500 + int(lower) if lower.isascii() else 600
        else:
            weight = ord(lower) if ord(lower) < 500 else 2000 + ord(lower)
        primary.append(weight)
        secondary.append(tone)
        tertiary.append(1 if base.isupper() else 0)
    return (primary, secondary, tertiary)


def _sqlite_vi_collation(left: str, right: str) -> int:
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: teach SQLite the ``vi-x-icu`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, _sqlite_vi_collation)


def vi_collate(field: str) -> Collate:
    """An expression that orders ``field`` in Vietnamese order on either database."""
    return Collate(field, VI_COLLATION)
