from django.urls import path

from .views import enterprises, media, outreach

app_name = "activities"

urlpatterns = [
    path("doanh-nghiep/", enterprises.enterprise_list, name="enterprises"),
    path("doanh-nghiep/them/", enterprises.enterprise_new, name="enterprise_new"),
    path("doanh-nghiep/mau.xlsx", enterprises.enterprise_template, name="enterprise_template"),
    path("doanh-nghiep/nhap/", enterprises.enterprise_import, name="enterprise_import"),
    path("doanh-nghiep/muc-tieu/", enterprises.targets, name="targets"),
    path("doanh-nghiep/<int:pk>/", enterprises.enterprise_detail, name="enterprise"),
    path("doanh-nghiep/<int:pk>/sua/", enterprises.enterprise_edit, name="enterprise_edit"),
    path("doanh-nghiep/<int:pk>/khao-sat/", enterprises.visit_new, name="visit_new"),
    path("doan-van-dong/", outreach.team_list, name="teams"),
    path("doan-van-dong/them/", outreach.team_new, name="team_new"),
    path("doan-van-dong/<int:pk>/", outreach.team_detail, name="team"),
    path("doan-van-dong/<int:pk>/sua/", outreach.team_edit, name="team_edit"),
    path("doan-van-dong/<int:pk>/buoi/", outreach.outreach_visit_new, name="outreach_visit_new"),
    path("truyen-thong/", media.media_list, name="media"),
    path("truyen-thong/them/", media.media_new, name="media_new"),
    path("truyen-thong/<int:pk>/sua/", media.media_edit, name="media_edit"),
]
