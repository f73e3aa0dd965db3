"""Every link made before short codes gets one (codes.new_short_code; kept here so the migration stays fixed)."""

import secrets

from django.db import migrations

ALPHABET = "ACDEFHJKMNPRTWXY3479"


def give_codes(apps, schema_editor):
    link_model = apps.get_model("participation", "ParticipationLink")
    taken = set(link_model.objects.exclude(short_code=None).values_list("short_code", flat=True))
    for link in link_model.objects.filter(short_code=None):
        code = ""
        while not code or code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add(code)
        link.short_code = code
        link.save(update_fields=["short_code"])


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_link_short_code_and_scale")]

    operations = [migrations.RunPython(give_codes, migrations.RunPython.noop)]
