"""Membership of a municipality: proven, never typed.

A person is staff of a municipality (`User.municipality`, the role *Gemeentemedewerkers*) only with proof:

- a verified email address on one of the municipality's mail domains (`MailDomain`, kept by coordinators);
- a login through the municipality's own identity provider (single sign-on, `trainingnet/sign_on.py`);
- or a coordinator's approval of their request, in the Wagtail admin (*Netwerk → Lidmaatschappen*).

Anyone else (a private address, a consultant) *asks* for membership: at signup, or later on the account page.
Until a coordinator approves, the account has no role and sees what a visitor sees. Changing one's municipality is a
new request, not an edit: the old membership stays until the new one is approved, then it ends. The person gets a
mail when a coordinator approves or refuses; the coordinators get a mail for every new request of a verified person.
Bookings, requests and assessments take `User.municipality`, so they record the proven municipality.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from trainingnet import roles
from trainingnet.mail import queue_templated_mail
from trainingnet.models import MailDomain, Membership, Municipality, User

Status = Membership.Status
Proof = Membership.Proof


def mail_domain(address: str) -> str:
    """The domain of an address, lower case (`Anna@Sluis.NL` → `sluis.nl`)."""
    return address.rpartition("@")[2].strip().lower()


def municipality_for_address(address: str) -> Municipality | None:
    """The municipality whose mail domain the address is on, if any."""
    found = MailDomain.objects.filter(domain=mail_domain(address)).select_related("municipality").first()
    return found.municipality if found else None


def proven_by_address(user: User, municipality: Municipality) -> bool:
    """Whether one of the person's verified addresses is on a mail domain of the municipality."""
    domains = set(municipality.mail_domains.values_list("domain", flat=True))
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return any(mail_domain(address) in domains for address in addresses)


def open_request(user: User) -> Membership | None:
    return user.memberships.filter(status=Status.REQUESTED).select_related("municipality").first()


def is_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, verified=True).exists()


@transaction.atomic
def request_membership(user: User, municipality: Municipality) -> Membership | None:
    """Ask to be staff of a municipality. Proven at once by a verified address on its mail domain; otherwise an open
    request for the coordinators (one per person: a new choice replaces the open one). Choosing the municipality one
    already belongs to withdraws an open request."""
    if user.municipality_id == municipality.pk:
        user.memberships.filter(status=Status.REQUESTED).delete()
        return None
    membership = open_request(user)
    if membership is not None and membership.municipality_id == municipality.pk:
        return membership  # asked already: nothing new for the coordinators
    if membership is None:
        membership = Membership.objects.create(user=user, municipality=municipality)
    else:
        membership.municipality = municipality
        membership.save(update_fields=["municipality"])
    if proven_by_address(user, municipality):
        return approve(membership, proof=Proof.MAIL_DOMAIN, notify=False)
    if is_verified(user):
        mail_coordinators(membership)
    return membership


@transaction.atomic
def address_verified(user: User, address: str) -> Membership | None:
    """A person confirmed an address: on a municipality's mail domain it proves membership; otherwise an open request
    now goes to the coordinators."""
    municipality = municipality_for_address(address)
    if municipality is not None and user.municipality_id != municipality.pk:
        membership = open_request(user)
        if membership is None or membership.municipality_id != municipality.pk:
            membership = Membership.objects.create(user=user, municipality=municipality)
        return approve(membership, proof=Proof.MAIL_DOMAIN, notify=False)
    membership = open_request(user)
    if membership is not None:
        mail_coordinators(membership)
    return membership


@transaction.atomic
def signed_on(user: User, municipality: Municipality) -> Membership:
    """A login through the municipality's identity provider proves membership."""
    if user.municipality_id == municipality.pk and roles.is_municipal_staff(user):
        return user.memberships.filter(status=Status.APPROVED, municipality=municipality).first() or (
            Membership.objects.create(user=user, municipality=municipality, status=Status.APPROVED,
                                      proof=Proof.SIGN_ON, decided_at=timezone.now()))
    membership = open_request(user)
    if membership is None or membership.municipality_id != municipality.pk:
        membership = Membership.objects.create(user=user, municipality=municipality)
    return approve(membership, proof=Proof.SIGN_ON, notify=False)


@transaction.atomic
def approve(membership: Membership, by: User | None = None, proof: str = Proof.COORDINATOR,
            notify: bool = True) -> Membership:
    """The person is staff of the municipality from now on; an earlier membership ends."""
    membership = Membership.objects.select_for_update().select_related("user", "municipality").get(pk=membership.pk)
    user = membership.user
    user.memberships.filter(status=Status.APPROVED).exclude(pk=membership.pk).update(
        status=Status.ENDED, decided_at=timezone.now())
    membership.status, membership.proof = Status.APPROVED, proof
    membership.decided_at, membership.decided_by = timezone.now(), by
    membership.save(update_fields=["status", "proof", "decided_at", "decided_by"])
    user.municipality = membership.municipality
    user.save(update_fields=["municipality"])
    roles.grant_role(user, roles.MUNICIPAL_STAFF)
    if notify:
        queue_templated_mail([user.email], "trainingnet/mail/membership_approved", {"membership": membership})
    return membership


@transaction.atomic
def refuse(membership: Membership, by: User, reason: str = "") -> Membership:
    """The request is refused; an earlier membership (if any) stays as it was."""
    membership = Membership.objects.select_for_update().select_related("user", "municipality").get(pk=membership.pk)
    membership.status, membership.reason = Status.REFUSED, reason.strip()
    membership.decided_at, membership.decided_by = timezone.now(), by
    membership.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    queue_templated_mail([membership.user.email], "trainingnet/mail/membership_refused", {"membership": membership})
    return membership


def mail_coordinators(membership: Membership) -> None:
    queue_templated_mail(roles.coordinator_emails(), "trainingnet/mail/membership_requested", {
        "membership": membership,
        "admin_url": settings.SITE_URL.rstrip("/") + reverse("membership_admin:decide", args=[membership.pk]),
    })
