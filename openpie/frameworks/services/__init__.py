"""Writes for frameworks: framework files (``files``: import, publish) and each organisation's
customisation (``wording``)."""

from openpie.frameworks.services.files import framework_import, framework_publish
from openpie.frameworks.services.wording import (
    guidance_set,
    local_element_add,
    local_element_remove,
    local_element_update,
    relationship_words_set,
    unit_elements_choose,
    wording_set,
)

__all__ = [
    "framework_import",
    "framework_publish",
    "guidance_set",
    "local_element_add",
    "local_element_remove",
    "local_element_update",
    "relationship_words_set",
    "unit_elements_choose",
    "wording_set",
]
