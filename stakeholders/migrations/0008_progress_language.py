"""The language a progress update's narrative and a review's comment are written in, recorded
when they are written. Rows written before stay blank: their language was not recorded.

Adding a column is an ALTER TABLE, which the append-only triggers of 0006 (row triggers on UPDATE
and DELETE) do not see; PostgreSQL adds a column with a constant default without rewriting rows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0007_affiliation_position_translated"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressupdate",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("fr", "French"), ("ar", "Arabic"), ("en", "English")],
                default="",
                max_length=2,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="progressreview",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("fr", "French"), ("ar", "Arabic"), ("en", "English")],
                default="",
                max_length=2,
                verbose_name="language",
            ),
        ),
    ]
