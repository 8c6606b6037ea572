"""What browser tests of maturity and the dashboard need from the migrations (Wagtail's root page, the role groups),
made sure of explicitly: after other transactional tests the serialized rollback does not always restore them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from tests.factories.trainingnet import home_page
from trainingnet import roles


@pytest.fixture
def site_home(db):
    for role in roles.ALL_ROLES:
        Group.objects.get_or_create(name=role)
    Locale.objects.get_or_create(language_code="nl")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="nl")))
    return home_page()
