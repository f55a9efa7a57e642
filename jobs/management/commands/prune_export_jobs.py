"""``python manage.py prune_export_jobs``: delete finished export jobs and their files after a while.

Meant for a daily cron job beside django-tasks' own ``prune_db_task_results``.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs.services import jobs_prune


class Command(BaseCommand):
    help = "Xóa các yêu cầu xuất tệp đã xong (hoặc không tạo được) cũ hơn số ngày cho trước, cùng tệp của chúng."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help=_("Giữ các yêu cầu của bấy nhiêu ngày gần nhất."))

    def handle(self, *args, days=30, **options):
        deleted = jobs_prune(older_than=datetime.timedelta(days=days))
        self.stdout.write(
            ngettext("Đã xóa %(count)s yêu cầu xuất tệp.", "Đã xóa %(count)s yêu cầu xuất tệp.", deleted) % {"count": deleted}
        )
