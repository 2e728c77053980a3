"""Signatures and audit-log rows are append-only in the database too (PostgreSQL only).

The models already refuse to change or delete them; these triggers also refuse raw SQL, other
programs and the Django admin's bulk actions. TRUNCATE is not refused: the test suite empties
tables with it, and whoever can truncate a table owns it and could drop a trigger anyway. The
audit log's hash chain is what shows such a change afterwards.
"""

from django.db import migrations

TABLES = ("stakeholders_signature", "stakeholders_protocolevent")

CREATE = [
    """
    CREATE OR REPLACE FUNCTION stakeholders_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    *(
        f"""
        CREATE TRIGGER {table}_append_only
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION stakeholders_refuse_change()
        """
        for table in TABLES
    ),
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS stakeholders_refuse_change()",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)  # RAISE uses %: no placeholders

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0003_registry_and_protocols"),
    ]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
