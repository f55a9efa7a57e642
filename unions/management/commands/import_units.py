"""A unit tree read from a file (Excel .xlsx or CSV, UTF-8) and written in one transaction:

    python manage.py import_units cay-don-vi.xlsx [--check]

Columns, found by their headers (Vietnamese, or the field names): Mã đơn vị (code), Tên đơn vị
(name), Loại đơn vị (kind), Mã đơn vị cấp trên (parent), Khu vực (sector), Hoạt động từ ngày
(active_from), Hoạt động đến ngày (active_to); dates dd/mm/yyyy. Parents may come after their
units in the file, or exist already. Every problem is listed by row; nothing is written unless
every row is right. ``--check`` reads and checks only."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from unions.setup import read_tree, tree_import
from workbooks.archive import UploadRejected


class Command(BaseCommand):
    help = "Nhập cây đơn vị từ tệp Excel hoặc CSV (mã, tên, loại, mã cấp trên, khu vực, hoạt động từ/đến)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .xlsx hoặc .csv")
        parser.add_argument("--check", action="store_true", help="Chỉ đọc và kiểm tra, không ghi.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        try:
            result = read_tree(path.read_bytes(), path.name)
        except UploadRejected as exc:
            raise CommandError(str(exc)) from exc
        if result.errors:
            raise CommandError("Không nhập gì. Các lỗi:\n" + "\n".join(result.errors))
        if options["check"]:
            self.stdout.write(self.style.SUCCESS(f"Tệp đúng: {len(result.rows)} đơn vị (chưa ghi)."))
            return
        try:
            count = tree_import(result.rows)
        except ValidationError as exc:
            raise CommandError("Không nhập gì. Các lỗi:\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {count} đơn vị."))
