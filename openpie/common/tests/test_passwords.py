"""The password hash: Argon2id at OWASP's cost, and hashes made at Django's default cost still work."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher, make_password
from django.test import override_settings

HASHERS = ["openpie.common.passwords.Argon2Hasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_new_hashes_use_19_mib_two_passes_one_lane():
    encoded = make_password("a long pass phrase")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("a long pass phrase", encoded)
    assert not check_password("another phrase", encoded)


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_a_hash_at_djangos_default_cost_still_verifies_and_is_made_again():
    old = Argon2PasswordHasher().encode("a long pass phrase", Argon2PasswordHasher().salt())
    assert "m=102400,t=2,p=8" in old
    upgraded: list[str] = []
    assert check_password("a long pass phrase", old, setter=upgraded.append)
    assert upgraded == ["a long pass phrase"]  # Django re-hashes it at the new cost on sign-in
    assert not identify_hasher(make_password("a long pass phrase")).must_update(make_password("x"))
