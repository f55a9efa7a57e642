"""A grassroots union moved to another sector: the totals of the reports holding its
lines follow (``Report.totals`` is by sector), each with a history record, so the
sector table "as of" today shows it under its new sector and any earlier day as it was."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from unions.models import Unit, UnitKind

from .models import Report
from .totals import totals_of


@receiver(pre_save, sender=Unit)
def _remember_sector(sender, instance: Unit, raw=False, **kwargs):
    if raw or instance.pk is None or instance.kind != UnitKind.GRASSROOTS:
        return
    instance._sector_before = Unit.objects.filter(pk=instance.pk).values_list("sector", flat=True).first()


@receiver(post_save, sender=Unit)
def _retotal_on_sector_change(sender, instance: Unit, created=False, raw=False, **kwargs):
    before = getattr(instance, "_sector_before", None)
    if raw or created or before is None or before == instance.sector:
        return
    instance._sector_before = instance.sector
    reports = list(Report.objects.filter(lines__grassroots=instance).distinct())
    totals = totals_of([r.pk for r in reports])
    for report in reports:
        report.totals = totals[report.pk]
        report.save(update_fields=["totals"])  # with its history record; not a new version of the report
