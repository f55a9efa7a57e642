from django.urls import path

from . import views

app_name = "campaign"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tai-cau-truc/", views.restructuring, name="restructuring"),
    path("chi-tieu-don-vi/<int:unit_pk>/", views.unit_targets_current, name="unit_targets_current"),
    path("<int:pk>/sao-chep/", views.campaign_copy_view, name="copy"),
    path("<int:pk>/chi-tieu/", views.targets_view, name="targets"),
    path("<int:pk>/chi-tieu/<int:unit_pk>/", views.unit_targets_view, name="unit_targets"),
    path("<int:pk>/chi-tieu/mau.xlsx", views.targets_template, name="targets_template"),
    path("<int:pk>/chi-tieu/tai-len/", views.targets_upload, name="targets_upload"),
]
