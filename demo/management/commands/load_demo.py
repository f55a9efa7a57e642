"""``python manage.py load_demo``: the illustrative Lai Châu 2025 campaign and its
reports (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaign.models import Campaign
from demo.data import FEDERATION_CODE, PASSWORD, PLAN_DATE, PLAN_NUMBER
from demo.loader import DemoConflict, load_demo
from demo.reports import load_demo_reports


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu minh họa: LĐLĐ tỉnh Lai Châu, các công đoàn cấp trên trước và sau 01/07/2025, "
        "các công đoàn cơ sở, chiến dịch theo Kế hoạch 143/KH-LĐLĐ và người dùng thử (mật khẩu "
        f"{PASSWORD}). Chạy lại nhiều lần không thay đổi gì. Chỉ dùng khi phát triển."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Nạp cả khi DEBUG tắt (vd. máy trình diễn). Không bao giờ dùng trên cơ sở dữ liệu thật.",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG đang tắt: dữ liệu minh họa tạo tài khoản quản trị với mật khẩu công khai, "
                "không nạp vào cơ sở dữ liệu thật. Nếu đây là máy trình diễn, thêm --allow-without-debug."
            )
        try:
            with transaction.atomic():
                result = load_demo()
                campaign = Campaign.objects.get(
                    federation__code=FEDERATION_CODE, plan_number=PLAN_NUMBER, year=PLAN_DATE.year
                )
                reports = load_demo_reports(campaign)
                result.changes["report"] += reports
        except DemoConflict as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()) if result.changed else result.summary())
        if reports:
            self.stdout.write(f"Đã tạo {reports} báo cáo minh họa của các đơn vị.")
