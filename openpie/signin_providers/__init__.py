"""Signing in with an organisation's own account (OpenID Connect or SAML 2.0) through django-allauth.

It sits above onboarding: a provider belongs to an organisation and a first sign-in through it joins
people to the organisation's units. Accounts, below, does not import it: the sign-in form and the account
page ask it through ``openpie.accounts.slots``, which this app fills in its ``AppConfig.ready()``.
"""
