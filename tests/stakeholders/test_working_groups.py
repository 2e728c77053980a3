import pytest

from stakeholders.models import WorkingGroup, WorkingGroupMember

pytestmark = pytest.mark.django_db

GROUP_PERMISSIONS = [
    f"stakeholders.{action}_{model}"
    for action in ("add", "change", "view")
    for model in ("workinggroup", "workinggroupmember")
]


def test_staff_create_a_working_group_and_its_members_in_the_admin(
    client, make_admin_user, make_protocol, make_person, make_organisation
):
    protocol = make_protocol(signatories=1, status="signed")
    client.force_login(make_admin_user(permissions=GROUP_PERMISSIONS))

    response = client.post(
        "/admin/working_groups/new/",
        {
            "protocol": protocol.pk,
            "name_fr": "Groupe de travail sur les statistiques de la migration",
            "name_ar": "فريق العمل المعني بإحصاءات الهجرة",
            "name_en": "Working group on migration statistics",
            "mandate_fr": "Harmoniser les sources.",
            "mandate_ar": "",
            "mandate_en": "",
        },
    )
    assert response.status_code == 302
    group = WorkingGroup.objects.get(protocol=protocol)
    assert group.name_ar == "فريق العمل المعني بإحصاءات الهجرة"

    person = make_person("Amel", "Demo", consents_to_listing=True)
    response = client.post(
        "/admin/working_group_members/new/",
        {"group": group.pk, "person": person.pk, "organisation": "", "role": "Présidente"},
    )
    assert response.status_code == 302
    assert WorkingGroupMember.objects.get(group=group).person == person


def test_working_groups_are_not_open_to_staff_without_the_permissions(client, make_admin_user):
    client.force_login(make_admin_user())
    assert client.get("/admin/working_groups/").status_code in (302, 403)
