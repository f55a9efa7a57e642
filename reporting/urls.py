from django.urls import path

from . import views_dashboard, views_exports, views_figures, views_final, views_reminders, views_reports

app_name = "reporting"

urlpatterns = [
    path("bang-dieu-khien/", views_dashboard.dashboard, name="dashboard"),
    path("thieu-bao-cao/", views_reminders.missing_reports, name="missing"),
    path("bang-dieu-khien/nguon-so-lieu/", views_figures.figure_lines, name="figure_lines"),
    path("kiem-tra-so-lieu/", views_figures.fingerprint_check, name="fingerprint_check"),
    path("cdcs-moi/", views_figures.foundings, name="foundings"),
    path("thieu-bao-cao/nhac/", views_reminders.send_missing_reminders, name="remind"),
    path("thieu-bao-cao/mo-nhap-lieu/", views_reminders.open_missing_entry, name="open_missing"),
    path("bao-cao/", views_reports.report_list, name="list"),
    path("bao-cao/tuan-nay/", views_reports.this_week, name="this_week"),
    path("bao-cao/<int:unit_id>/<int:period_id>/", views_reports.report_page, name="report"),
    path("bao-cao/<int:unit_id>/<int:period_id>/cdcs-moi/", views_reports.grassroots_new, name="grassroots_new"),
    path(
        "bao-cao/<int:unit_id>/<int:period_id>/cdcs-moi/<int:grassroots_id>/",
        views_reports.grassroots_edit,
        name="grassroots_edit",
    ),
    path("bao-cao/<int:unit_id>/<int:period_id>/de-nghi-mo/", views_reports.entry_request, name="entry_request"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tra-lai/", views_reports.report_return, name="return"),
    path("bao-cao/<int:unit_id>/<int:period_id>/duyet/", views_reports.report_approve, name="approve"),
    path("bao-cao/<int:unit_id>/<int:period_id>/mo-lai/", views_reports.report_reopen, name="reopen"),
    path("bao-cao/<int:unit_id>/<int:period_id>/lich-su/", views_reports.report_history, name="history"),
    path("bao-cao/<int:unit_id>/<int:period_id>/mau-excel/", views_reports.template_download, name="template"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tai-len/", views_reports.upload_preview, name="upload"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tai-len/xac-nhan/", views_reports.upload_confirm, name="upload_confirm"),
    path("tong-hop.xlsx", views_exports.synthesis_xlsx, name="synthesis_xlsx"),
    path("tong-hop/<int:unit_id>.xlsx", views_exports.unit_synthesis_xlsx, name="unit_synthesis_xlsx"),
    path("tong-ket/", views_final.final_document_edit, name="final_edit"),
    path("tong-ket/bao-cao.pdf", views_final.final_report_pdf, name="final_pdf"),
    path("bao-cao/<int:unit_id>/<int:period_id>/bao-cao.pdf", views_final.unit_report_pdf, name="unit_pdf"),
]
