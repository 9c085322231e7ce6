from django.urls import path

from . import passwords, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("verify/", views.verify_view, name="verify"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("tokens/", views.api_tokens, name="tokens"),
    path("password/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path("password/forgot/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path("password/forgot/sent/", passwords.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path("password/reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
