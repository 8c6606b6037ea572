"""Demo content of the network registry: the home page, one account per role, the mail domains of the demo
municipalities, and one person who asks for membership (coordinator@ decides in the admin).

Every part adds its own `demo.py` with a `load() -> None` function; `manage.py load_demo_data` calls them in the
order of INSTALLED_APPS. Each one is idempotent, so running the command again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from trainingnet import membership, roles
from trainingnet.models import HomePage, MailDomain, Membership, Municipality, User

DEMO_PASSWORD = "demo-Trainingnet-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    municipality_code: str
    job_title: str
    roles: tuple[str, ...]
    superuser: bool = False
    requests: str = ""  # CBS code of a municipality this person asks membership of (no role until approved)

    @property
    def description(self) -> str:
        if self.requests:
            return "geen rol: vraagt lidmaatschap aan (coordinator@ beslist)"
        return ", ".join(self.roles) or "superuser (technisch beheer)"


DEMO_ACCOUNTS = [
    DemoAccount("coordinator@trainingnet.example", "Carla", "de Coördinator", "GM0518",
                "Programmacoördinator VNG", (roles.COORDINATOR,)),
    DemoAccount("trainer@trainingnet.example", "Tim", "Trainer", "GM0772",
                "Adviseur online communicatie, gemeente Eindhoven", (roles.TRAINER,)),
    DemoAccount("expert@trainingnet.example", "Eva", "Expert", "GM0114",
                "Webcare-coördinator, gemeente Emmen", (roles.EXPERT, roles.TRAINER)),
    DemoAccount("medewerker@trainingnet.example", "Mila", "Medewerker", "GM1714",
                "Communicatieadviseur, gemeente Sluis", (roles.MUNICIPAL_STAFF,)),
    DemoAccount("beheer@trainingnet.example", "Bas", "Beheerder", "GM0518",
                "Technisch beheer", (), superuser=True),
    DemoAccount("aanvrager@trainingnet.example", "Anton", "Aanvrager", "", "Adviseur (extern)", (),
                requests="GM1714"),
]

# A verified address on these domains makes a person staff of the municipality (trainingnet/membership.py).
DEMO_MAIL_DOMAINS = {"GM1714": "sluis.nl", "GM0772": "eindhoven.nl", "GM0114": "emmen.nl", "GM0518": "denhaag.nl"}

HOME_INTRO = (
    "Ambtenaren voor ambtenaren, zij aan zij. De gemeenten met 100.000 of meer inwoners stellen één medewerker "
    "één dag per maand beschikbaar om collega's van kleinere gemeenten in hun provincie te trainen in sociale media, "
    "en houden een flexibele schil van experts achter de hand voor acute hulp en ondersteuning bij implementaties."
)
HOME_BODY = (
    "<p>Bijna alle gemeenten zijn aanwezig op sociale media, maar alleen aanwezig zijn is niet genoeg: de kern van "
    "sociale media is interactie. Veel kleinere gemeenten hebben weinig capaciteit en ervaring. De grote gemeenten "
    "hebben die kennis wel en delen die hier: in trainingen, materialen, een kennisbank en directe hulp.</p>"
)


def ensure_home_page() -> HomePage:
    """The site's root page: a HomePage directly under Wagtail's root, served by the default Site."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(
            title="Samen sterker op sociale media", slug="trainingnet", intro=HOME_INTRO, body=HOME_BODY,
        ))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Trainingnet")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Trainingnet"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def ensure_account(account: DemoAccount) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User.objects.create_user(
            email=account.email, password=DEMO_PASSWORD, first_name=account.first_name,
            last_name=account.last_name, job_title=account.job_title,
            municipality=Municipality.objects.filter(cbs_code=account.municipality_code).first(),
            is_superuser=account.superuser, is_staff=account.superuser,
        )
    EmailAddress.objects.get_or_create(user=user, email=account.email, defaults={"verified": True, "primary": True})
    for role in account.roles:
        roles.grant_role(user, role)
    if user.municipality and not user.memberships.exists():
        Membership.objects.create(user=user, municipality=user.municipality, status=Membership.Status.APPROVED,
                                  proof=Membership.Proof.COORDINATOR, decided_at=timezone.now())
    if account.requests and not user.memberships.exists():
        membership.request_membership(user, Municipality.objects.get(cbs_code=account.requests))
    return user


@transaction.atomic
def load() -> None:
    ensure_home_page()
    for code, domain in DEMO_MAIL_DOMAINS.items():
        MailDomain.objects.get_or_create(domain=domain,
                                         defaults={"municipality": Municipality.objects.get(cbs_code=code)})
    for account in DEMO_ACCOUNTS:
        ensure_account(account)
