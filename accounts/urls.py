from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("tokens/", views.api_tokens, name="tokens"),
]
