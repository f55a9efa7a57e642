"""The first province and its first board member on a fresh install, without a Python shell:

    python manage.py setup_province --code LC --name "Liên đoàn Lao động tỉnh Lai Châu" \\
        --username lanhdao --email lanhdao@example.vn

The password is asked for twice (or read from ``SETUP_PASSWORD`` when there is no terminal, as
in a deployment script); the password validators apply. The board member is staff of the admin,
in the board's admin group, with the board's role on the province. Nothing is written on a refusal."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from unions.setup import province_setup


class Command(BaseCommand):
    help = "Tạo Liên đoàn Lao động tỉnh và người dùng đầu tiên của Thường trực (Ban Thường vụ)."

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Mã đơn vị của tỉnh (ví dụ LC).")
        parser.add_argument("--name", required=True, help="Tên Liên đoàn Lao động tỉnh.")
        parser.add_argument("--username", required=True, help="Tên đăng nhập của người dùng đầu tiên.")
        parser.add_argument("--email", default="", help="Thư điện tử của người dùng.")
        parser.add_argument("--first-name", default="", help="Tên.")
        parser.add_argument("--last-name", default="", help="Họ và tên đệm.")
        parser.add_argument("--parent", default="", help="Mã Tổng Liên đoàn (khi tỉnh thuộc một Tổng Liên đoàn đã có).")

    def _password(self) -> str:
        if os.environ.get("SETUP_PASSWORD"):
            return os.environ["SETUP_PASSWORD"]
        if not sys.stdin.isatty():
            raise CommandError("Không có mật khẩu: đặt biến môi trường SETUP_PASSWORD hoặc chạy lệnh trong terminal.")
        first = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first

    def handle(self, *args, **options):
        try:
            federation, user = province_setup(
                code=options["code"], name=options["name"], username=options["username"], email=options["email"],
                first_name=options["first_name"], last_name=options["last_name"], parent_code=options["parent"],
                password=self._password(),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {federation.name} (mã {federation.code}) và người dùng {user.username} của Thường trực."
        ))
