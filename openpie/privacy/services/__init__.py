"""Data rights: a copy of everything about a person, erasure, and retention rules."""

from openpie.privacy.services.erasure import person_erase
from openpie.privacy.services.retention import retention_apply, retention_set
from openpie.privacy.services.subject_access import subject_access_data, subject_access_json, subject_access_pdf

__all__ = [
    "person_erase",
    "retention_apply",
    "retention_set",
    "subject_access_data",
    "subject_access_json",
    "subject_access_pdf",
]
