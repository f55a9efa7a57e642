from django.urls import path

from . import views

app_name = "unions"

urlpatterns = [
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("moi-nguoi-dung/", views.invitations, name="invitations"),
]
