"""Signing in with an organisation's own account (OpenID Connect) through django-allauth."""
