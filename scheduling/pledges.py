"""Pledges and coverage: does every province get its trainers this month?

The proposal asks at least two municipalities of 100 000+ inhabitants per province to lend one employee one day a
month (a *toezegging*). A province is *covered* in a month when at least `lender_target` (a site setting, 2) distinct
municipalities have a live pledge (toegezegd, bevestigd or uitgevoerd; not vervallen) to serve it.

A lender is a 100.000+ municipality, or a smaller municipality that volunteers trainers. It serves its own province,
or a neighbouring province that has too few lenders of its own. With the CBS data Zeeland has no large municipality
and Groningen, Fryslân, Drenthe and Flevoland have one: they can only reach the target with help from outside
(neighbouring provinces or volunteering smaller municipalities).

For each province that falls short the coordinator gets candidate lenders: the large municipalities of the
neighbouring provinces and the volunteering smaller municipalities of the province itself, minus those that already
pledged to it that month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from scheduling.models import Pledge, SchedulingSettings, first_of_month
from trainingnet import roles
from trainingnet.models import Municipality, Province

LIVE_STATUSES = (Pledge.Status.PLEDGED, Pledge.Status.CONFIRMED, Pledge.Status.DONE)


@dataclass
class ProvinceCoverage:
    province: Province
    month: datetime.date
    target: int
    lenders: list[Municipality] = field(default_factory=list)
    own_large: list[Municipality] = field(default_factory=list)
    candidates: list[Municipality] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lenders)

    @property
    def covered(self) -> bool:
        return self.count >= self.target

    @property
    def short_by(self) -> int:
        return max(0, self.target - self.count)

    @property
    def needs_outside_help(self) -> bool:
        """Fewer large municipalities of its own than the target: the province cannot make it alone."""
        return len(self.own_large) < self.target


def coverage(month: datetime.date) -> list[ProvinceCoverage]:
    """Coverage of every province in one month, in a fixed number of queries (five)."""
    month = first_of_month(month)
    target = SchedulingSettings.load().lender_target
    provinces = list(Province.objects.prefetch_related("neighbours").order_by("name"))
    possible = list(Municipality.objects.active().lenders().select_related("province").order_by("name"))
    by_pk = {m.pk: m for m in possible}
    pledged: dict[int, set[int]] = {}
    extra_ids: set[int] = set()
    for province_id, municipality_id in (Pledge.objects.filter(month=month, status__in=LIVE_STATUSES)
                                         .values_list("province_id", "municipality_id")):
        pledged.setdefault(province_id, set()).add(municipality_id)
        if municipality_id not in by_pk:
            extra_ids.add(municipality_id)
    if extra_ids:  # a lender that no longer qualifies (population changed): still counted, it did pledge
        by_pk.update({m.pk: m for m in Municipality.objects.select_related("province").filter(pk__in=extra_ids)})

    result = []
    for province in provinces:
        neighbour_ids = {n.pk for n in province.neighbours.all()}
        lender_ids = pledged.get(province.pk, set())
        own_large = [m for m in possible if m.province_id == province.pk and m.is_large]
        candidates = [m for m in possible if m.pk not in lender_ids and (
            (m.is_large and m.province_id in neighbour_ids)
            or (not m.is_large and m.volunteers_trainers and m.province_id == province.pk)
            or (m.is_large and m.province_id == province.pk))]
        # Own large municipalities first, then volunteering small ones, then the neighbours' large ones.
        candidates.sort(key=lambda m: (0 if m.province_id == province.pk and m.is_large
                                       else 1 if m.province_id == province.pk else 2, -m.population))
        result.append(ProvinceCoverage(
            province=province, month=month, target=target,
            lenders=sorted((by_pk[i] for i in lender_ids), key=lambda m: m.name),
            own_large=own_large, candidates=candidates,
        ))
    return result


def lenders_per_province(month: datetime.date) -> dict[str, int]:
    """The number of lending municipalities of every province in one month (CBS code: count, 0 without pledges):
    the distinct municipalities with a live pledge to it, as `coverage` counts them, without building the lists of
    lenders and candidates (one query; for the figures of the dashboard)."""
    live = Q(pledges__month=first_of_month(month), pledges__status__in=LIVE_STATUSES)
    return dict(Province.objects.annotate(n=Count("pledges__municipality", filter=live, distinct=True))
                .values_list("cbs_code", "n"))


class PledgeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def may_pledge_for(user, municipality: Municipality | None) -> bool:
    """A trainer pledges for their own municipality, when that municipality can lend trainers."""
    return bool(municipality and user.is_authenticated and user.municipality_id == municipality.pk
                and roles.is_trainer(user)
                and municipality.may_lend_trainers)


def servable_provinces(municipality: Municipality) -> list[Province]:
    """Its own province first, then the neighbouring provinces."""
    own = municipality.province
    return [own, *own.neighbours.order_by("name")]


def pledge(user, month: datetime.date, province: Province | None = None, days: int = 1, note: str = "") -> Pledge:
    """A trainer pledges a day (or more) in a month for their own municipality."""
    municipality = user.municipality
    if not may_pledge_for(user, municipality):
        raise PledgeError(_("Alleen trainers van een gemeente met 100.000+ inwoners, of van een gemeente die "
                            "vrijwillig trainers uitleent, kunnen een toezegging doen."))
    province = province or municipality.province
    if province not in servable_provinces(municipality):
        raise PledgeError(_("U kunt toezeggen voor uw eigen provincie of een buurprovincie."))
    month = first_of_month(month)
    with transaction.atomic():
        if Pledge.objects.filter(municipality=municipality, month=month, province=province,
                                 status__in=LIVE_STATUSES).exists():
            raise PledgeError(_("Uw gemeente heeft voor deze maand al een toezegging voor %(province)s.")
                              % {"province": province.name})
        return Pledge.objects.create(municipality=municipality, trainer=user, month=month, province=province,
                                     days=days, note=note)
