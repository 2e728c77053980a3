"""One agenda per workshop: its structure entered once, its texts in each language.

Until now modeltranslation kept three agendas (agenda_fr, agenda_ar, agenda_en), each with its
own dates, times, rooms and people. They merge into the one `agenda`: the French agenda gives
the structure; the Arabic and English sessions on the same day at the same start time (the
second session starting at 09:00 with the second at 09:00) give their texts (title, room,
description, day title, speakers' roles by position); a day or session only the Arabic or
English agenda has is kept, at its place by date or time, with its own structure. Page revisions
(drafts, history) are merged the same way, so that the editor opens the merged agenda.

Reversed, each language's agenda gets the sessions that have a title in that language.
The merge works on the raw JSON, with no reference to today's blocks: it must not change when
they do.
"""

import json
import uuid
from collections import Counter

import wagtail.fields
from django.db import migrations

LANGUAGES = ("fr", "ar", "en")
TEXTS = ("title", "room", "description")
EMPTY_SPEAKER = {"name": "", "role": ""}


def _items(values):
    """A ListBlock's raw items: current ({"type": "item", "value": …}) or older (bare values)."""
    return [
        value["value"] if isinstance(value, dict) and value.get("type") == "item" else value
        for value in values or []
    ]


def _listed(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _merged(lists, key):
    """[{language: item}] matching each language's items on `key` (and how many before had the
    same key). The first language's items come in its order; another's unmatched item comes
    before the first item with a later key."""
    merged, groups = [], {}
    for language, items in lists.items():
        seen = Counter()
        for item in items:
            found = key(item)
            identity = (found, seen[found])
            seen[found] += 1
            if identity in groups:
                groups[identity][language] = item
                continue
            groups[identity] = {language: item}
            later = (i for i, (other, _) in enumerate(merged) if other[0] > found)
            position = len(merged) if language == LANGUAGES[0] else next(later, len(merged))
            merged.insert(position, (identity, groups[identity]))
    return [group for _, group in merged]


def _first(group):
    """The language that gives the structure: French if it has the item, else Arabic, English."""
    return next(language for language in LANGUAGES if language in group)


def _speaker(group):
    """{language: old speaker} -> one speaker: the name as the structure gives it, each role."""
    group = {language: value for language, value in group.items() if value}
    base = group[_first(group)] if group else EMPTY_SPEAKER
    speaker = {"name": base.get("name") or ""}
    for language in LANGUAGES:
        speaker[f"role_{language}"] = (group.get(language) or {}).get("role") or ""
    return speaker


def _session(group):
    base = group[_first(group)]
    session = {"start": base.get("start"), "end": base.get("end"), "kind": base.get("kind")}
    for text in TEXTS:
        for language in LANGUAGES:
            session[f"{text}_{language}"] = (group.get(language) or {}).get(text) or ""
    session["moderator"] = _speaker(
        {language: value.get("moderator") for language, value in group.items()}
    )
    speakers = {language: _items(value.get("speakers")) for language, value in group.items()}
    count = max(len(items) for items in speakers.values())
    session["speakers"] = _listed(
        _speaker({language: items[n] for language, items in speakers.items() if n < len(items)})
        for n in range(count)
    )
    return session


def merge_agendas(agendas):
    """{"fr": [old raw days], "ar": […], "en": […]} -> the one agenda's raw days."""
    days = {
        language: [block for block in agendas.get(language) or [] if block.get("type") == "day"]
        for language in LANGUAGES
    }
    merged = []
    for group in _merged(days, key=lambda block: block["value"].get("date") or ""):
        base = group[_first(group)]
        values = {language: block["value"] for language, block in group.items()}
        day = {"date": base["value"].get("date")}
        for language in LANGUAGES:
            day[f"title_{language}"] = (values.get(language) or {}).get("title") or ""
        sessions = {language: _items(value.get("sessions")) for language, value in values.items()}
        day["sessions"] = _listed(_session(group) for group in _merged(sessions, key=_start))
        merged.append({"type": "day", "value": day, "id": base.get("id") or str(uuid.uuid4())})
    return merged


def _start(session):
    """ "09:00" of "09:00:00" (a TimeBlock's raw value) or of "09:00"."""
    return (session.get("start") or "")[:5]


def split_agenda(agenda, language):
    """The one agenda's raw days -> the old agenda of one language: its sessions titled in it."""
    days = []
    for block in agenda or []:
        value = block["value"]
        sessions = [
            {
                "start": session.get("start"),
                "end": session.get("end"),
                "kind": session.get("kind"),
                **{text: session.get(f"{text}_{language}") or "" for text in TEXTS},
                "moderator": _old_speaker(session.get("moderator"), language),
                "speakers": _listed(
                    _old_speaker(speaker, language) for speaker in _items(session.get("speakers"))
                ),
            }
            for session in _items(value.get("sessions"))
            if session.get(f"title_{language}")
        ]
        if sessions or value.get(f"title_{language}"):
            day = {
                "date": value.get("date"),
                "title": value.get(f"title_{language}") or "",
                "sessions": _listed(sessions),
            }
            days.append({"type": "day", "value": day, "id": block.get("id")})
    return days


def _old_speaker(speaker, language):
    speaker = speaker or {}
    return {"name": speaker.get("name") or "", "role": speaker.get(f"role_{language}") or ""}


def _raw(value):
    """A StreamField's raw list, from a model's value or a revision's (a JSON string, or a list)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return json.loads(value)
    if hasattr(value, "raw_data"):
        return list(value.raw_data)
    return list(value)


def _revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type)


def merge(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page in EventPage.objects.all():
        agendas = {language: _raw(getattr(page, f"agenda_{language}")) for language in LANGUAGES}
        agendas["fr"] = agendas["fr"] or _raw(page.agenda)
        EventPage.objects.filter(pk=page.pk).update(agenda=merge_agendas(agendas))
    for revision in _revisions(apps).iterator():
        content = revision.content
        agendas = {
            language: _raw(content.pop(f"agenda_{language}", None)) for language in LANGUAGES
        }
        agendas["fr"] = agendas["fr"] or _raw(content.get("agenda"))
        content["agenda"] = json.dumps(merge_agendas(agendas))
        revision.save(update_fields=["content"])


def split(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page in EventPage.objects.all():
        agenda = _raw(page.agenda)
        values = {f"agenda_{language}": split_agenda(agenda, language) for language in LANGUAGES}
        EventPage.objects.filter(pk=page.pk).update(agenda=values["agenda_fr"], **values)
    for revision in _revisions(apps).iterator():
        agenda = _raw(revision.content.get("agenda"))
        for language in LANGUAGES:
            revision.content[f"agenda_{language}"] = json.dumps(split_agenda(agenda, language))
        revision.content["agenda"] = revision.content["agenda_fr"]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    # 0004_certificate_signature was written first, on 0002: this one follows it, so that the
    # migrations stay one line (the lead may renumber).
    dependencies = [
        ("events", "0003_certificate_signature"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        # The new block definition first: the three old agendas are still there to read.
        migrations.AlterField(
            model_name='eventpage',
            name='agenda',
            field=wagtail.fields.StreamField([('day', 19)], blank=True, block_lookup={0: ('wagtail.blocks.DateBlock', (), {'label': 'Date'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. Day 1', 'label': 'French', 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. Day 1', 'label': 'Arabic', 'required': False}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. Day 1', 'label': 'English', 'required': False}), 4: ('wagtail.blocks.TimeBlock', (), {'label': 'Start'}), 5: ('wagtail.blocks.TimeBlock', (), {'label': 'End', 'required': False}), 6: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('opening', 'Opening'), ('plenary', 'Plenary'), ('panel', 'Panel'), ('working_group', 'Working group'), ('break', 'Break'), ('closing', 'Closing')], 'label': 'Kind'}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'French', 'required': False}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'Arabic', 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'English', 'required': False}), 10: ('wagtail.blocks.CharBlock', (), {'help_text': 'As the person writes it, in every language.', 'label': 'Name', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('name', 10), ('role_fr', 7), ('role_ar', 8), ('role_en', 9)]], {'label': 'Moderator', 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('name', 10), ('role_fr', 7), ('role_ar', 8), ('role_en', 9)]], {}), 13: ('wagtail.blocks.ListBlock', (12,), {'collapsed': True, 'default': [], 'label': 'Speakers or panellists'}), 14: ('wagtail.blocks.TextBlock', (), {'label': 'French', 'required': False}), 15: ('wagtail.blocks.TextBlock', (), {'label': 'Arabic', 'required': False}), 16: ('wagtail.blocks.TextBlock', (), {'label': 'English', 'required': False}), 17: ('wagtail.blocks.StructBlock', [[('start', 4), ('end', 5), ('kind', 6), ('title_fr', 7), ('title_ar', 8), ('title_en', 9), ('room_fr', 7), ('room_ar', 8), ('room_en', 9), ('moderator', 11), ('speakers', 13), ('description_fr', 14), ('description_ar', 15), ('description_en', 16)]], {}), 18: ('wagtail.blocks.ListBlock', (17,), {'label': 'Sessions'}), 19: ('wagtail.blocks.StructBlock', [[('date', 0), ('title_fr', 1), ('title_ar', 2), ('title_en', 3), ('sessions', 18)]], {})}, verbose_name='agenda'),
        ),
        migrations.RunPython(merge, split),
        migrations.RemoveField(model_name="eventpage", name="agenda_fr"),
        migrations.RemoveField(model_name="eventpage", name="agenda_ar"),
        migrations.RemoveField(model_name="eventpage", name="agenda_en"),
    ]
