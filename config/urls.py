from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import health
from reporting.views.home import home
from unions.views import PasswordChangeView, PasswordSetView, account

admin.site.site_header = _("Quản trị — Tháng cao điểm phát triển đoàn viên")
admin.site.site_title = _("Quản trị chiến dịch")
admin.site.index_title = _("Dữ liệu gốc")

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", account, name="account"),
    path("tai-khoan/mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path("dat-mat-khau/<uidb64>/<token>/", PasswordSetView.as_view(), name="password_set"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("don-vi/", include("unions.urls")),
    path("chien-dich/", include("campaign.urls")),
    path("", include("activities.urls")),
    path("xuat/", include("jobs.urls")),
    path("", include("reporting.urls")),
    path("", home, name="home"),
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
