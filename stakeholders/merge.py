"""Merging two records of the same person: one is kept, the other's links move to it.

`plan_merge` says what a merge would do (the preview); `merge_people` does it in one
transaction. The kept record keeps its values and takes the other's where its own are blank;
its consents stay its own (a merge never extends a consent). Affiliations, designations to sign,
working-group memberships and the account move to the kept person; where the kept person already
has the same one, the two collapse into one. A signature is never changed or deleted, so two
designations for the same party that are both signed cannot be merged, nor two accounts.
Links that other apps add to a person later (registrations…) move too.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Affiliation, Person, Signatory, WorkingGroupMember

FILLED_FIELDS = ["first_name_ar", "last_name_ar", "gender", "email", "phone"]


class MergeError(Exception):
    """The two records cannot be merged; the messages say why."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass
class MergePlan:
    keep: Person
    other: Person
    filled: list = field(default_factory=list)  # [(field, value taken from the other)]
    moved: list = field(default_factory=list)  # objects that will point to the kept person
    collapsed: list = field(default_factory=list)  # [(the other's object, the kept one)]
    user: object = None  # the other's account, moving to the kept person
    others: list = field(default_factory=list)  # [(relation's verbose name, number of rows)]
    problems: list = field(default_factory=list)

    @property
    def is_possible(self):
        return not self.problems


def plan_merge(keep, other):
    """What merging `other` into `keep` would do, changing nothing."""
    plan = MergePlan(keep, other)
    if keep.pk == other.pk:
        plan.problems.append(_("A person cannot be merged with themselves."))
        return plan
    plan.filled = [
        (name, getattr(other, name))
        for name in FILLED_FIELDS
        if not getattr(keep, name) and getattr(other, name)
    ]
    _plan_affiliations(plan)
    _plan_signatories(plan)
    _plan_memberships(plan)
    _plan_user(plan)
    _plan_other_relations(plan)
    return plan


def _plan_affiliations(plan):
    kept = {(a.organisation_id, a.position): a for a in plan.keep.affiliations.all()}
    for affiliation in plan.other.affiliations.select_related("organisation"):
        twin = kept.get((affiliation.organisation_id, affiliation.position))
        if twin:
            plan.collapsed.append((affiliation, twin))
        else:
            plan.moved.append(affiliation)


def _plan_signatories(plan):
    signed = set(
        Signatory.objects.filter(
            person__in=[plan.keep, plan.other], signature__isnull=False
        ).values_list("pk", flat=True)
    )
    kept = {s.party_id: s for s in plan.keep.signatories.all()}
    for signatory in plan.other.signatories.select_related("party__protocol"):
        twin = kept.get(signatory.party_id)
        if twin is None:
            plan.moved.append(signatory)
        elif signatory.pk in signed and twin.pk in signed:
            plan.problems.append(
                _("Both people signed %(protocol)s for the same party.")
                % {"protocol": signatory.party.protocol.reference}
            )
        elif signatory.pk in signed:
            # The signed designation stays; the kept person's unsigned one goes.
            plan.moved.append(signatory)
            plan.collapsed.append((twin, signatory))
        else:
            plan.collapsed.append((signatory, twin))


def _plan_memberships(plan):
    kept = {m.group_id: m for m in plan.keep.working_groups.all()}
    for membership in plan.other.working_groups.select_related("group"):
        twin = kept.get(membership.group_id)
        if twin:
            plan.collapsed.append((membership, twin))
        else:
            plan.moved.append(membership)


def _plan_user(plan):
    if plan.other.user_id and plan.keep.user_id:
        plan.problems.append(
            _("Both people have an account: unlink one of them from its account first.")
        )
    elif plan.other.user_id:
        plan.user = plan.other.user


HANDLED_RELATIONS = {"affiliations", "signatories", "working_groups"}


def _other_relations():
    """The links to a person that other apps define (a registration's person…)."""
    return [
        relation
        for relation in Person._meta.related_objects
        if relation.get_accessor_name() not in HANDLED_RELATIONS
    ]


def _plan_other_relations(plan):
    for relation in _other_relations():
        if relation.many_to_many:
            count = getattr(plan.other, relation.get_accessor_name()).count()
        else:
            count = relation.related_model._base_manager.filter(
                **{relation.field.name: plan.other}
            ).count()
            if relation.one_to_one and count and _has_one(plan.keep, relation):
                plan.problems.append(
                    _("Both people have a %(relation)s.")
                    % {"relation": relation.related_model._meta.verbose_name}
                )
        if count:
            plan.others.append((relation.related_model._meta.verbose_name_plural, count))


def _has_one(person, relation):
    return relation.related_model._base_manager.filter(**{relation.field.name: person}).exists()


@transaction.atomic
def merge_people(keep, other):
    """Merges `other` into `keep` and deletes `other`; returns the plan it carried out."""
    locked = Person.objects.select_for_update().in_bulk([keep.pk, other.pk])
    keep, other = locked[keep.pk], locked[other.pk]
    plan = plan_merge(keep, other)
    if not plan.is_possible:
        raise MergeError(plan.problems)
    for dropped, twin in plan.collapsed:
        _collapse(dropped, twin)
    for item in plan.moved:
        type(item).objects.filter(pk=item.pk).update(person=keep)
    for relation in _other_relations():
        _move_relation(relation, other, keep)
    for name, value in plan.filled:
        setattr(keep, name, value)
    if plan.user:
        other.user = None
        other.save(update_fields=["user"])
        keep.user = plan.user
    keep.save()
    other.delete()
    return plan


def _collapse(dropped, twin):
    """Keeps `twin`, completed with what `dropped` adds, and deletes `dropped`."""
    if isinstance(dropped, Affiliation):
        twin.is_focal_point |= dropped.is_focal_point
        twin.is_signatory |= dropped.is_signatory
        twin.since = min(filter(None, [twin.since, dropped.since]), default=None)
        twin.until = None if not (twin.until and dropped.until) else max(twin.until, dropped.until)
    elif isinstance(dropped, Signatory):
        twin.title = twin.title or dropped.title
    elif isinstance(dropped, WorkingGroupMember):
        twin.role = twin.role or dropped.role
        twin.organisation_id = twin.organisation_id or dropped.organisation_id
    dropped.delete()
    twin.save()


def _move_relation(relation, other, keep):
    accessor = relation.get_accessor_name()
    if relation.many_to_many:
        getattr(keep, accessor).add(*getattr(other, accessor).all())
        getattr(other, accessor).clear()
        return
    try:
        with transaction.atomic():
            relation.related_model._base_manager.filter(**{relation.field.name: other}).update(
                **{relation.field.name: keep}
            )
    except IntegrityError:
        raise MergeError(
            [
                _("The two people's %(relation)s cannot be merged.")
                % {"relation": relation.related_model._meta.verbose_name_plural}
            ]
        ) from None
