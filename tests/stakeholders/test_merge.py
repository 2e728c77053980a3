import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from documents.models import Document
from stakeholders.merge import MergeError, merge_people, plan_merge
from stakeholders.models import (
    Affiliation,
    Party,
    Person,
    Protocol,
    ProtocolText,
    Signatory,
    Signature,
    WorkingGroup,
    WorkingGroupMember,
)

pytestmark = pytest.mark.django_db

MERGE = "/admin/registry/people/merge/"


@pytest.fixture
def protocol(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    protocol = Protocol.objects.create(reference="TN-GT-2024", title="Groupe de travail")
    document = Document.objects.create(
        title="Texte", file=ContentFile(b"%PDF-1.4 texte", name="texte.pdf")
    )
    ProtocolText.objects.create(
        protocol=protocol, language="fr", document=document, sha256="a" * 64
    )
    return protocol


@pytest.fixture
def make_signatory(protocol, make_organisation):
    def make(person, party=None, signed=False, **fields):
        party = party or Party.objects.create(protocol=protocol, organisation=make_organisation())
        signatory = Signatory.objects.create(party=party, person=person, **fields)
        if signed:
            Signature.objects.create(
                signatory=signatory,
                signed_at=timezone.now(),
                method=Signature.Method.WET_INK,
                text=protocol.texts.get(),
                text_sha256="a" * 64,
            )
        return signatory

    return make


@pytest.fixture
def twins(make_person):
    """Two records of the same woman: the one to keep, and a duplicate."""
    keep = make_person("Amel", "Ben Ali", email="amel@example.org")
    other = make_person(
        "Amel", "Ben Ali", first_name_ar="أمل", last_name_ar="بن علي", phone="+216 98 000 000"
    )
    return keep, other


def test_merge_moves_affiliations_and_collapses_the_same_one(
    twins, make_organisation, make_affiliation
):
    keep, other = twins
    ministry, union = make_organisation("Ministère"), make_organisation("Syndicat")
    kept = make_affiliation(
        person=keep, organisation=ministry, position="Directrice", since=datetime.date(2022, 1, 1)
    )
    make_affiliation(
        person=other,
        organisation=ministry,
        position="Directrice",
        is_focal_point=True,
        since=datetime.date(2020, 1, 1),
    )
    moved = make_affiliation(person=other, organisation=union, position="Membre")

    merge_people(keep, other)

    assert not Person.objects.filter(pk=other.pk).exists()
    assert Affiliation.objects.count() == 2
    kept.refresh_from_db(), moved.refresh_from_db()
    assert kept.is_focal_point
    assert kept.since == datetime.date(2020, 1, 1)
    assert moved.person == keep


def test_merge_fills_blank_fields_and_keeps_the_kept_persons_values_and_consents(
    twins, make_person
):
    keep, other = twins
    other.email = "autre@example.org"
    other.consents_to_listing = True
    other.save()

    merge_people(keep, other)

    keep.refresh_from_db()
    assert keep.email == "amel@example.org"
    assert (keep.first_name_ar, keep.last_name_ar) == ("أمل", "بن علي")
    assert keep.phone == "+216 98 000 000"
    assert not keep.consents_to_listing


def test_merge_moves_signatories_and_working_group_memberships(
    twins, protocol, make_signatory, make_organisation
):
    keep, other = twins
    signatory = make_signatory(other, signed=True)
    group = WorkingGroup.objects.create(protocol=protocol, name="Groupe statistiques")
    WorkingGroupMember.objects.create(group=group, person=keep)
    WorkingGroupMember.objects.create(
        group=group, person=other, role="Rapporteuse", organisation=make_organisation()
    )

    merge_people(keep, other)

    signatory.refresh_from_db()
    assert signatory.person == keep
    assert signatory.signature.method == Signature.Method.WET_INK
    [membership] = WorkingGroupMember.objects.all()
    assert (membership.person, membership.role) == (keep, "Rapporteuse")
    assert membership.organisation is not None


def test_merge_keeps_the_signed_designation_of_the_same_party(twins, make_signatory):
    keep, other = twins
    unsigned = make_signatory(keep)
    signed = make_signatory(other, party=unsigned.party, signed=True, title="Ministre")

    merge_people(keep, other)

    assert list(Signatory.objects.all()) == [signed]
    signed.refresh_from_db()
    assert signed.person == keep


def test_merge_collapses_two_unsigned_designations_of_the_same_party(twins, make_signatory):
    keep, other = twins
    kept = make_signatory(keep)
    make_signatory(other, party=kept.party, title="Directrice générale")

    merge_people(keep, other)

    [signatory] = Signatory.objects.all()
    assert (signatory.pk, signatory.person, signatory.title) == (
        kept.pk,
        keep,
        "Directrice générale",
    )


def test_merge_refuses_two_signatures_for_the_same_party_and_changes_nothing(
    twins, make_signatory, make_affiliation
):
    keep, other = twins
    kept = make_signatory(keep, signed=True)
    make_signatory(other, party=kept.party, signed=True)
    make_affiliation(person=other)

    with pytest.raises(MergeError) as error:
        merge_people(keep, other)

    problem = "Both people signed %(protocol)s for the same party."
    with translation.override("fr"):  # the site's language, active outside a request
        expected = translation.gettext(problem) % {"protocol": "TN-GT-2024"}
    assert expected != problem % {"protocol": "TN-GT-2024"}
    assert expected in error.value.problems
    assert Person.objects.count() == 2
    assert other.affiliations.count() == 1


def test_merge_moves_the_account_to_the_person_kept(twins, make_user):
    keep, other = twins
    account = make_user(email="amel@example.org")
    other.user = account
    other.save()

    merge_people(keep, other)

    keep.refresh_from_db()
    assert keep.user == account
    account.refresh_from_db()
    assert account.person == keep


def test_merge_refuses_two_people_with_an_account_each(twins, make_user):
    keep, other = twins
    keep.user = make_user(email="one@example.org")
    keep.save()
    other.user = make_user(email="two@example.org")
    other.save()

    plan = plan_merge(keep, other)

    assert not plan.is_possible
    with pytest.raises(MergeError):
        merge_people(keep, other)
    assert Person.objects.count() == 2


def test_a_person_cannot_be_merged_with_themselves(make_person):
    person = make_person()

    assert not plan_merge(person, person).is_possible


def test_plan_merge_changes_nothing(twins, make_affiliation):
    keep, other = twins
    affiliation = make_affiliation(person=other)

    plan = plan_merge(keep, other)

    assert plan.moved == [affiliation]
    assert ("phone", "+216 98 000 000") in plan.filled
    affiliation.refresh_from_db()
    assert affiliation.person == other


# Through the admin


def test_merge_page_suggests_duplicates_then_previews_then_merges(
    staff_client, twins, make_affiliation, make_organisation
):
    keep, other = twins
    make_affiliation(person=other, organisation=make_organisation("Ministère"), position="DG")

    page = staff_client.get(MERGE, {"keep": keep.pk}).text
    assert f'href="?keep={keep.pk}&amp;other={other.pk}"' in page

    preview = staff_client.get(MERGE, {"keep": keep.pk, "other": other.pk})
    assert "Amel Ben Ali — Ministère" in preview.text
    assert "+216 98 000 000" in preview.text
    assert Person.objects.count() == 2

    response = staff_client.post(MERGE, {"keep": keep.pk, "other": other.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/registry/people/inspect/{keep.pk}/"
    assert list(Person.objects.all()) == [keep]
    assert keep.affiliations.get().position == "DG"


def test_merge_page_shows_why_a_merge_is_impossible_and_offers_no_button(
    staff_client, twins, make_user
):
    keep, other = twins
    keep.user, other.user = make_user(email="one@example.org"), make_user(email="two@example.org")
    keep.save(), other.save()

    preview = staff_client.get(
        MERGE, {"keep": keep.pk, "other": other.pk}, headers={"accept-language": "en"}
    )
    refused = staff_client.post(MERGE, {"keep": keep.pk, "other": other.pk})

    assert "Both people have an account" in preview.text
    assert 'method="post"' not in preview.text
    assert refused.status_code == 200
    assert Person.objects.count() == 2


def test_merge_needs_the_change_and_delete_permissions_on_people(client, make_admin_user, twins):
    keep, other = twins
    client.force_login(
        make_admin_user(permissions=["stakeholders.view_person", "stakeholders.change_person"])
    )

    assert client.get(MERGE).status_code in (302, 403)
    response = client.post(MERGE, {"keep": keep.pk, "other": other.pk})

    assert response.status_code in (302, 403)
    assert Person.objects.count() == 2


@pytest.mark.parametrize("token", ["²", "١٢", "9" * 30])
def test_merge_page_with_a_keep_that_is_no_id_suggests_nothing_rather_than_failing(
    staff_client, twins, token
):
    response = staff_client.get(MERGE, {"keep": token})

    assert response.status_code == 200
    assert "?keep=" not in response.text
