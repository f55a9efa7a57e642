from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.enterprise_list, name="enterprises"),
    path("them/", views.enterprise_new, name="enterprise_new"),
    path("mau.xlsx", views.enterprise_template, name="enterprise_template"),
    path("nhap/", views.enterprise_import, name="enterprise_import"),
    path("muc-tieu/", views.targets, name="targets"),
    path("<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("<int:pk>/sua/", views.enterprise_edit, name="enterprise_edit"),
    path("<int:pk>/khao-sat/", views.visit_new, name="visit_new"),
]
