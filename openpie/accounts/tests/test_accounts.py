from django.core import mail
from django.urls import reverse

from openpie.accounts.models import ApiToken, User
from openpie.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from openpie.accounts.tests.factories import PASSWORD, UserFactory


def test_sign_in_by_email_and_out(client, db):
    UserFactory.create(email="jo@example.org")
    response = client.post(reverse("accounts:sign-in"), {"username": "jo@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("home:home")).status_code == 302


def test_a_wrong_password_says_so_and_keeps_the_email(client, db):
    UserFactory.create(email="jo@example.org")
    response = client.post(reverse("accounts:sign-in"), {"username": "jo@example.org", "password": "nope"})
    page = response.content.decode()
    assert "Enter a correct email address and password" in page
    assert 'value="jo@example.org"' in page


def test_passwords_are_hashed_with_argon2(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("argon@example.org", "a long passphrase here")
    assert user.password.startswith("argon2")


def test_password_reset_sends_a_working_link(client, db):
    UserFactory.create(email="jo@example.org")
    client.post(reverse("accounts:password-reset"), {"email": "jo@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "brand new passphrase", "new_password2": "brand new passphrase"},
    )
    assert User.objects.get(email="jo@example.org").check_password("brand new passphrase")


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True)
    assert "If the address belongs to an account" in response.content.decode()
    assert mail.outbox == []


def test_api_tokens_are_hashed_and_revocable(db):
    user = UserFactory.create()
    token, value = api_token_create(user=user, name="Reports")
    assert value.startswith(f"opie_{token.key}_")
    assert value.split("_", 2)[2] not in token.secret_hash
    assert api_token_authenticate(value=value) == user
    assert api_token_authenticate(value=value + "x") is None
    assert api_token_authenticate(value="opie_nothing_here") is None
    api_token_revoke(token=token)
    assert api_token_authenticate(value=value) is None


def test_creating_and_revoking_a_token_in_the_ui(client_for, db):
    user = UserFactory.create()
    client = client_for(user)
    page = client.post(reverse("accounts:token-new"), {"name": "Monthly report"}).content.decode()
    token = ApiToken.objects.get(user=user)
    assert f"opie_{token.key}_" in page
    assert "will not be shown again" in page
    other = UserFactory.create()
    assert client_for(other).post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 404
    client.post(reverse("accounts:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert not token.is_active


def test_an_empty_token_name_is_refused(client_for, db):
    user = UserFactory.create()
    page = client_for(user).post(reverse("accounts:token-new"), {"name": ""}).content.decode()
    assert "There is a problem" in page
    assert not ApiToken.objects.exists()
