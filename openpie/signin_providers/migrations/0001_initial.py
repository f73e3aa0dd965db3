# The model that was accounts.SignInProvider, on its table accounts_signinprovider (kept, with its rows):
# only Django's idea of where the model lives changes. A new database gets the table from accounts 0005.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0007_sign_in_providers_moved'),
        ('organisations', '0003_organisation_research_kind_and_level_names'),
        ('socialaccount', '0006_alter_socialaccount_extra_data'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SignInProvider',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email_domains', models.JSONField(blank=True, default=list)),
                        ('password_allowed', models.BooleanField(default=True, help_text="Whether the organisation's people may still sign in with a password.")),
                        ('default_role', models.CharField(blank=True, max_length=30)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('app', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='openpie_provider', to='socialaccount.socialapp')),
                        ('default_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.unit')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sign_in_providers', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'accounts_signinprovider',
                        'ordering': ['organisation', 'created_at'],
                        'verbose_name': 'sign-in provider',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
