from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("verify/", views.verify_view, name="verify"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("tokens/", views.api_tokens, name="tokens"),
]
