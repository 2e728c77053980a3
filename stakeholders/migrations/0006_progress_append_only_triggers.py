"""Progress updates, their evidence and their reviews are append-only in the database too
(PostgreSQL only), as signatures are (0004).

One difference: their author, organisation and reviewer are kept with SET NULL when the account
or the organisation is deleted, so the trigger lets an UPDATE through when it only empties those
columns (named as the trigger's arguments) and changes nothing else.
"""

from django.db import migrations

# table -> the columns that ON DELETE SET NULL may empty
TABLES = {
    "stakeholders_progressupdate": ("author_id", "organisation_id"),
    "stakeholders_progressevidence": (),
    "stakeholders_progressreview": ("reviewer_id",),
}

CREATE = [
    """
    CREATE OR REPLACE FUNCTION stakeholders_refuse_change_but_set_null() RETURNS trigger AS $$
    DECLARE
        before jsonb;
        after jsonb;
        i integer;
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            before := to_jsonb(OLD);
            after := to_jsonb(NEW);
            FOR i IN 0 .. TG_NARGS - 1 LOOP
                IF after -> TG_ARGV[i] = 'null'::jsonb THEN
                    before := before - TG_ARGV[i];
                    after := after - TG_ARGV[i];
                END IF;
            END LOOP;
            IF before = after THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    *(
        f"""
        CREATE TRIGGER {table}_append_only
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION stakeholders_refuse_change_but_set_null({
            ", ".join(f"'{column}'" for column in columns)
        })
        """
        for table, columns in TABLES.items()
    ),
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS stakeholders_refuse_change_but_set_null()",
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
        ("stakeholders", "0005_recommendations"),
    ]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
