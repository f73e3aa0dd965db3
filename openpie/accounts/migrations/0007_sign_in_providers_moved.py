# Sign-in providers moved to their own app (signin_providers), above onboarding. Only Django's idea of
# the model moves: the table accounts_signinprovider and its rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_person_language'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='SignInProvider')],
            database_operations=[],
        ),
    ]
