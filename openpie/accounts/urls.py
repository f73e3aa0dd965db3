from django.contrib.auth import views as auth_views
from django.urls import path

from openpie.accounts import views
from openpie.accounts.views import language, mfa, passkeys, sessions

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("language/", language.choose, name="language"),
    path("sign-in/code/", mfa.verify, name="mfa-verify"),
    path("sign-in/passkey/", passkeys.sign_in, name="passkey-sign-in"),
    path("sign-in/passkey/options/", passkeys.options, name="passkey-options"),
    path("sign-out/", sessions.sign_out, name="sign-out"),
    path("account/", views.profile, name="profile"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("account/two-step/set-up/", mfa.setup, name="mfa-setup"),
    path("account/two-step/recovery-codes/", mfa.recovery_codes, name="mfa-recovery-codes"),
    path("account/two-step/turn-off/", mfa.remove, name="mfa-remove"),
    path("account/passkeys/add/", passkeys.add, name="passkey-add"),
    path("account/passkeys/<int:pk>/remove/", passkeys.remove, name="passkey-remove"),
    path("account/session/", sessions.session_status, name="session-status"),
    path("account/session/extend/", sessions.session_extend, name="session-extend"),
    path("account/tokens/new/", views.api_token_new, name="token-new"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="token-revoke"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
