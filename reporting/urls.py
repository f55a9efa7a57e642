from django.urls import path

from reporting.views import dashboard, exports, figures, final, grassroots, missing, national, reports, review, uploads

app_name = "reporting"

urlpatterns = [
    path("bang-dieu-khien/", dashboard.dashboard, name="dashboard"),
    path("toan-quoc/", national.national_dashboard, name="national"),
    path("toan-quoc/tong-hop.xlsx", national.national_xlsx, name="national_xlsx"),
    path("thieu-bao-cao/", missing.missing_reports, name="missing"),
    path("bang-dieu-khien/nguon-so-lieu/", figures.figure_lines, name="figure_lines"),
    path("kiem-tra-so-lieu/", figures.fingerprint_check, name="fingerprint_check"),
    path("cdcs-moi/", figures.foundings, name="foundings"),
    path("thieu-bao-cao/nhac/", missing.send_missing_reminders, name="remind"),
    path("thieu-bao-cao/mo-nhap-lieu/", missing.open_missing_entry, name="open_missing"),
    path("bao-cao/", reports.report_list, name="list"),
    path("bao-cao/tuan-nay/", reports.this_week, name="this_week"),
    path("bao-cao/<int:unit_id>/<int:period_id>/", reports.report_page, name="report"),
    path("bao-cao/<int:unit_id>/<int:period_id>/cdcs-moi/", grassroots.grassroots_new, name="grassroots_new"),
    path(
        "bao-cao/<int:unit_id>/<int:period_id>/cdcs-moi/<int:grassroots_id>/",
        grassroots.grassroots_edit,
        name="grassroots_edit",
    ),
    path("bao-cao/<int:unit_id>/<int:period_id>/de-nghi-mo/", review.entry_request, name="entry_request"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tra-lai/", review.report_return, name="return"),
    path("bao-cao/<int:unit_id>/<int:period_id>/duyet/", review.report_approve, name="approve"),
    path("bao-cao/<int:unit_id>/<int:period_id>/mo-lai/", review.report_reopen, name="reopen"),
    path("bao-cao/<int:unit_id>/<int:period_id>/lich-su/", review.report_history, name="history"),
    path("bao-cao/<int:unit_id>/<int:period_id>/mau-excel/", uploads.template_download, name="template"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tai-len/", uploads.upload_preview, name="upload"),
    path("bao-cao/<int:unit_id>/<int:period_id>/tai-len/xac-nhan/", uploads.upload_confirm, name="upload_confirm"),
    path("tong-hop.xlsx", exports.synthesis_xlsx, name="synthesis_xlsx"),
    path("tong-hop/<int:unit_id>.xlsx", exports.unit_synthesis_xlsx, name="unit_synthesis_xlsx"),
    path("tong-ket/", final.final_document_edit, name="final_edit"),
    path("tong-ket/bao-cao.pdf", final.final_report_pdf, name="final_pdf"),
    path("bao-cao/<int:unit_id>/<int:period_id>/bao-cao.pdf", final.unit_report_pdf, name="unit_pdf"),
]
