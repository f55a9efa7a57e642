"""``python manage.py send_reminders``: e-mail the units whose reports are missing.

Meant for a daily cron job. By default it reminds about every period already
due and not yet closed for entry (reminding about long-closed periods is
noise); ``--all`` includes closed periods, ``--period`` picks one period
(closed or not). In development mails are printed on the console; in
production they go through the SMTP server set in the environment. ``--queue``
hands the batch to the worker (``reporting.tasks.send_reminders_batch``) instead
of sending it here.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaign.models import Period
from campaign.selectors import campaign_current
from reporting.reminders import reminders_due, send_reminders
from reporting.tasks import send_reminders_batch


def _moment(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        raise CommandError(_("Thời điểm không hợp lệ: %(value)s (dạng 2025-07-08T09:00).") % {"value": value})
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Gửi e-mail nhắc các đơn vị chưa nộp báo cáo của chiến dịch hiện tại: mặc định mọi kỳ đã đến hạn "
        "nộp mà chưa khóa nhập liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", type=int, metavar="PERIOD_ID", help=_("Chỉ nhắc cho kỳ báo cáo này (mã số kỳ)."))
        parser.add_argument("--all", action="store_true", help=_("Nhắc cả các kỳ đã khóa nhập liệu."))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ liệt kê, không gửi thư."))
        parser.add_argument(
            "--queue", action="store_true", help=_("Đưa việc gửi thư vào hàng đợi để tiến trình chạy nền gửi.")
        )
        parser.add_argument(
            "--now", type=_moment, metavar="YYYY-MM-DDTHH:MM", help=_("Coi thời điểm này là hiện tại (để thử nghiệm).")
        )
        parser.add_argument(
            "--site-url",
            default=getattr(settings, "SITE_URL", "") or "",
            help=_("Địa chỉ trang web, để đường dẫn trong thư đầy đủ (vd. https://phongtrao.ldld-laichau.vn)."),
        )

    def handle(self, *args, period=None, all=False, dry_run=False, queue=False, now=None, site_url="", **options):
        now = now or timezone.now()
        campaign = campaign_current()
        if campaign is None:
            raise CommandError(_("Chưa có chiến dịch nào."))
        chosen = None
        if period is not None:
            chosen = Period.objects.filter(campaign=campaign, pk=period).first()
            if chosen is None:
                raise CommandError(
                    _("Không có kỳ báo cáo số %(id)s trong chiến dịch %(campaign)s.") % {"id": period, "campaign": campaign}
                )
            if chosen.due_at > now:
                raise CommandError(
                    _("Kỳ %(period)s chưa đến hạn nộp (%(due)s).")
                    % {"period": chosen.label, "due": formats.date_format(timezone.localtime(chosen.due_at), "SHORT_DATETIME_FORMAT")}
                )
        missing = reminders_due(campaign, now=now, period=chosen, include_closed=all)
        if not missing:
            self.stdout.write(_("Không có báo cáo nào còn thiếu."))
            return

        if dry_run:
            self.stdout.write(
                ngettext(
                    "Thử (không gửi thư): %(count)s báo cáo còn thiếu.",
                    "Thử (không gửi thư): %(count)s báo cáo còn thiếu.",
                    len(missing),
                )
                % {"count": len(missing)}
            )
            for item in missing:
                to = ", ".join(item.emails) or _("chưa có e-mail cán bộ báo cáo")
                self.stdout.write(f"- {item.unit.name} — {item.period.label} ({item.status_label}): {to}")
            return

        if queue:
            queued = send_reminders_batch.enqueue(
                campaign.pk, now.isoformat(), period_id=chosen.pk if chosen else None, include_closed=all, site_url=site_url
            )
            self.stdout.write(
                _("Đã đưa việc gửi thư nhắc cho %(count)s báo cáo còn thiếu vào hàng đợi (mã việc %(id)s).")
                % {"count": len(missing), "id": queued.id}
            )
            return

        result = send_reminders(missing, now=now, base_url=site_url)
        summary = ngettext(
            "Đã gửi %(count)s thư nhắc nhở.", "Đã gửi %(count)s thư nhắc nhở.", int(result)
        ) % {"count": int(result)}
        self.stdout.write(self.style.SUCCESS(summary) if result else summary)
        for item in result.sent_for:
            self.stdout.write(f"- {item.unit.name} — {item.period.label}: {', '.join(item.emails)}")
        if result.without_email:
            self.stdout.write(_("Đơn vị chưa có e-mail cán bộ báo cáo (chưa nhắc được):"))
            for item in result.without_email:
                self.stdout.write(f"- {item.unit.name} — {item.period.label}")
        if result.failed:
            for item in result.failed:
                self.stderr.write(f"- {item.unit.name} — {item.period.label}")
            raise CommandError(
                ngettext(
                    "Máy chủ thư không nhận %(count)s thư (xem nhật ký).",
                    "Máy chủ thư không nhận %(count)s thư (xem nhật ký).",
                    len(result.failed),
                )
                % {"count": len(result.failed)}
            )
