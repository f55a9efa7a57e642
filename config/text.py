"""Text as people mean it: every text a user or a file gives is stored in Unicode NFC. Phones and
spreadsheets often send decomposed text (NFD: "Lai Châu" as "a" + a combining circumflex), which
looks the same and compares different — two units of the same visible name, a code that is not
found. ``nfc_fields`` normalises an object's text fields; ``CheckedModel`` calls it before its
fields are validated (so uniqueness is checked on the normal form) and every save calls it
(``normalise_before_save``, a ``pre_save`` receiver for every model)."""

import unicodedata

from django.db import models


def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def nfc_fields(instance) -> None:
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(instance, field.attname, unicodedata.normalize("NFC", value))


def normalise_before_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        nfc_fields(instance)
