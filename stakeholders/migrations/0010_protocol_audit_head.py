"""The protocols' audit log gets an anchor outside its table, and keyed hashes.

Each protocol row now holds its log's head: the number of events, the last one's hash and a
keyed seal over both (stakeholders/protocols.py). The events' hashes become HMAC-SHA256 under
AMEM_AUDIT_KEY (or a key derived from SECRET_KEY) instead of plain SHA-256.

The existing chains are rehashed here rather than verified with two hash functions: a row that
says which function hashed it could be rewritten to say "plain SHA-256" by whoever can write to
the table, which is what the key is there to stop. Only the part of a chain that verifies is
rehashed: from a row that did not match, nothing is touched, so that the row still shows as
the first one that does not match. The heads printed on certificates issued before this
migration no longer match the log.

The hash functions are copied here as they are at this migration, so that it always rehashes
the same way whatever stakeholders/protocols.py becomes.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

GENESIS = "0" * 64
TRIGGER = "stakeholders_protocolevent_append_only"


def canonical_json(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def payload(event, previous_hash):
    return canonical_json(
        {
            "previous_hash": previous_hash,
            "protocol": event.protocol_id,
            "at": event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "actor": event.actor_id,
            "action": event.action,
            "data": event.data,
        }
    )


def mac(purpose, message):
    return salted_hmac(
        f"stakeholders.audit-log.{purpose}",
        message,
        secret=settings.AMEM_AUDIT_KEY or settings.SECRET_KEY,
        algorithm="sha256",
    ).hexdigest()


def rehash(apps, schema_editor):
    Protocol = apps.get_model("stakeholders", "Protocol")
    ProtocolEvent = apps.get_model("stakeholders", "ProtocolEvent")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:  # the append-only trigger (0004) refuses the UPDATEs below
        schema_editor.execute(f"ALTER TABLE stakeholders_protocolevent DISABLE TRIGGER {TRIGGER}")
    for protocol in Protocol.objects.order_by("pk"):
        old_previous = new_previous = GENESIS
        intact = True
        count = 0
        for event in ProtocolEvent.objects.filter(protocol_id=protocol.pk).order_by("pk"):
            intact = (
                intact
                and event.previous_hash == old_previous
                and event.hash == hashlib.sha256(payload(event, old_previous)).hexdigest()
            )
            if intact:
                old_previous = event.hash
                new_hash = mac("event", payload(event, new_previous))
                ProtocolEvent.objects.filter(pk=event.pk).update(
                    previous_hash=new_previous, hash=new_hash
                )
                new_previous = new_hash
            else:
                new_previous = event.hash
            count += 1
        seal = canonical_json({"protocol": protocol.pk, "count": count, "head": new_previous})
        Protocol.objects.filter(pk=protocol.pk).update(
            audit_count=count, audit_head=new_previous, audit_seal=mac("anchor", seal)
        )
    if postgresql:
        schema_editor.execute(f"ALTER TABLE stakeholders_protocolevent ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0009_import_preview"),
    ]

    operations = [
        migrations.AddField(
            model_name="protocol",
            name="audit_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="audit log events"
            ),
        ),
        migrations.AddField(
            model_name="protocol",
            name="audit_head",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=64,
                verbose_name="hash of the last audit log event",
            ),
        ),
        migrations.AddField(
            model_name="protocol",
            name="audit_seal",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="audit log seal"
            ),
        ),
        # No way back: the plain SHA-256 hashes are gone once rehashed.
        migrations.RunPython(rehash, elidable=False),
    ]
