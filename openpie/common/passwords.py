"""The password hash: Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).

Django's default Argon2 settings (100 MiB, 2 passes, 8 lanes) start eight threads and touch 100 MiB
for every sign-in; on a 2-core server a morning's sign-ins held every worker for seconds (measured:
docs/performance.md). OWASP's Password Storage Cheat Sheet gives m=19 MiB, t=2, p=1 as the minimum
configuration for Argon2id, which is what this uses. Stored hashes carry their own parameters, so
older ones still verify, and Django re-hashes each at its next sign-in (``must_update``).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
