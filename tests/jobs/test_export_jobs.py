"""A synthesis table made by the worker, over HTTP: asked for, followed, downloaded, read back.

The worker is the real one (``manage.py db_worker --batch``, the database backend):
the file it stores must be the table the page's direct download gives.
"""

import datetime
import io
import re
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from jobs import tasks
from jobs.models import ExportJob, ExportKind, JobStatus
from jobs.services import export_request

from .conftest import run_worker

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Tổng hợp"
# The reports are submitted today (the figures count from the moment they were submitted).
TODAY = timezone.localdate()
AS_OF = f"{TODAY:%d/%m/%Y}"


def _ask(client, province, persona: str) -> ExportJob:
    """``persona`` asks for the province's table as of today, as the dashboard's button does."""
    client.force_login(getattr(province, persona))
    response = client.post(reverse("jobs:synthesis_request"), {"campaign": province.campaign.pk, "as_of": AS_OF})
    assert response.status_code == 302, response.content[:300]
    return ExportJob.objects.get(pk=int(re.search(r"/xuat/(\d+)/$", response["Location"]).group(1)))


def _cells(content: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(content), read_only=True)[SHEET].iter_rows(values_only=True))


def _row(cells, label):
    return next(row for row in cells if len(row) > 1 and row[1] == label)


def test_a_table_made_by_the_worker_is_the_table_the_page_downloads(client, reported):
    job = _ask(client, reported, "board")
    assert (job.status, job.kind, job.requested_by) == (JobStatus.QUEUED, ExportKind.SYNTHESIS_XLSX, reported.board)
    assert job.params == {
        "campaign": reported.campaign.pk, "root": reported.federation.pk, "as_of": TODAY.isoformat(), "format": "xlsx"
    }
    assert DBTaskResult.objects.filter(pk=job.task_id, status="READY").exists()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.error == "" and job.finished_at is not None
    page = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Đã xong" in page and "Tải tệp về" in page and 'http-equiv="refresh"' not in page
    background = client.get(reverse("jobs:download", args=[job.pk]))
    assert background.status_code == 200 and background["Content-Type"] == XLSX
    direct = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": AS_OF})
    # Same name (the cut-off and the fingerprint of the figures), same cells.
    assert background["Content-Disposition"] == direct["Content-Disposition"]
    assert re.search(rf'filename="tong-hop-thang-cao-diem-2025-den-{TODAY:%d-%m-%Y}-[0-9A-F-]+\.xlsx"', background["Content-Disposition"])
    cells = _cells(background.content)
    assert cells == _cells(direct.content)
    # Tam Đường's May: 10 + 4 new members, 6 of them women, against its target of 120.
    assert _row(cells, "LĐLĐ huyện Tam Đường")[2:5] == (120, 14, None)
    assert _row(cells, "TỔNG CỘNG TOÀN TỈNH")[5] == 20
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"


def test_the_status_page_reloads_itself_while_the_file_is_being_made(client, reported):
    job = _ask(client, reported, "viewer")
    response = client.get(reverse("jobs:status", args=[job.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Đang chờ trong hàng đợi" in page and "Trang này tự cập nhật vài giây một lần" in page
    assert "Liên đoàn Lao động tỉnh Lai Châu" in page and AS_OF in page
    assert "Yêu cầu đã chờ hơn 5 phút" not in page
    # Downloading before the file is made leads back to the status page.
    early = client.get(reverse("jobs:download", args=[job.pk]))
    assert early.status_code == 302 and early["Location"] == reverse("jobs:status", args=[job.pk])


def test_a_job_waiting_long_says_the_worker_may_not_be_running(client, reported):
    job = _ask(client, reported, "staff")
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=6))
    page = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Yêu cầu đã chờ hơn 5 phút. Có thể tiến trình xử lý nền chưa chạy: hãy báo quản trị viên." in page


def test_a_job_that_fails_records_why_in_vietnamese(client, reported, monkeypatch):
    def broken(params):
        raise RuntimeError("disk full")

    monkeypatch.setitem(tasks.EXPORTERS, ExportKind.SYNTHESIS_XLSX, broken)
    job = _ask(client, reported, "board")
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.content is None
    assert job.error == "Không tạo được tệp do lỗi của hệ thống. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên."
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"
    page = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Không tạo được" in page and job.error in page and 'http-equiv="refresh"' not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 302


def test_a_job_whose_unit_is_gone_says_so(reported):
    job = export_request(
        user=reported.board, kind=ExportKind.SYNTHESIS_XLSX,
        params={"campaign": reported.campaign.pk, "root": 999_999, "as_of": "2025-07-31", "format": "xlsx"},
    )
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Không tạo được tệp: chiến dịch hoặc đơn vị của yêu cầu không còn trong hệ thống."


def test_a_queue_that_does_not_answer_fails_the_job_at_once(client, reported, monkeypatch):
    def unreachable(self, task, args, kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(DatabaseBackend, "enqueue", unreachable)
    job = _ask(client, reported, "board")
    assert job.status == JobStatus.FAILED and job.task_id == ""
    assert job.error.startswith("Chưa đưa được yêu cầu vào hàng đợi: hệ thống xử lý nền không trả lời.")


def test_another_users_job_is_a_404(client, reported):
    job = _ask(client, reported, "staff")
    run_worker()
    client.force_login(reported.board)
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:status", args=[job.pk + 1000])).status_code == 404
    client.force_login(reported.staff)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_the_list_shows_only_ones_own_jobs(client, reported):
    staffs, boards = _ask(client, reported, "staff"), _ask(client, reported, "board")
    page = client.get(reverse("jobs:list")).content.decode()  # the board's
    assert reverse("jobs:status", args=[boards.pk]) in page
    assert reverse("jobs:status", args=[staffs.pk]) not in page
    assert "Bảng tổng hợp (Excel)" in page


@pytest.mark.parametrize("persona", ["reporter_tan_phong", "outsider"])
def test_only_those_who_read_the_figures_may_ask(client, reported, persona):
    client.force_login(getattr(reported, persona))
    response = client.post(reverse("jobs:synthesis_request"), {"as_of": AS_OF})
    assert response.status_code == 403 and not ExportJob.objects.exists()


def test_asking_needs_a_post_with_the_csrf_token(reported):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reported.board)
    assert client.get(reverse("jobs:synthesis_request")).status_code == 405
    assert client.post(reverse("jobs:synthesis_request"), {"as_of": AS_OF}).status_code == 403
    assert not ExportJob.objects.exists()


def test_a_bad_day_is_refused(client, reported):
    client.force_login(reported.board)
    response = client.post(reverse("jobs:synthesis_request"), {"as_of": "31/13/2025"})
    assert response.status_code == 400 and "dd/mm/yyyy" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_the_dashboard_offers_the_background_table(client, reported):
    client.force_login(reported.board)
    page = client.get(reverse("reporting:dashboard"), {"as_of": AS_OF}).content.decode()
    assert f'action="{reverse("jobs:synthesis_request")}"' in page
    assert f'name="as_of" value="{AS_OF}"' in page


def test_old_finished_jobs_are_pruned_with_their_files(client, reported):
    old, waiting = _ask(client, reported, "board"), _ask(client, reported, "board")
    run_worker()
    recent = _ask(client, reported, "board")
    run_worker()
    month_ago = timezone.now() - datetime.timedelta(days=31)
    ExportJob.objects.filter(pk=old.pk).update(created_at=month_ago)
    ExportJob.objects.filter(pk=waiting.pk).update(created_at=month_ago, status=JobStatus.QUEUED)  # not finished: kept
    out = StringIO()
    call_command("prune_export_jobs", "--days", "30", stdout=out)
    assert "Đã xóa 1 yêu cầu xuất tệp." in out.getvalue()
    assert set(ExportJob.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
