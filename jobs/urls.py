from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("tong-hop/", views.synthesis_request, name="synthesis_request"),
    path("toan-quoc/", views.national_request, name="national_request"),
    path("<int:job_id>/", views.job_status, name="status"),
    path("<int:job_id>/tai-ve/", views.job_download, name="download"),
]
