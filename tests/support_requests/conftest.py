import pytest

from trainingnet.models import Municipality, Topic


@pytest.fixture
def emmen(db):
    return Municipality.objects.get(cbs_code="GM0114")


@pytest.fixture
def small_drenthe(db):
    return Municipality.objects.get(cbs_code="GM1690")  # De Wolden


@pytest.fixture
def intake_data(small_drenthe):
    topic = Topic.objects.order_by("name").first()
    return {
        "municipality": str(small_drenthe.pk), "kind": "hulp", "level": "acuut", "topics": [str(topic.pk)],
        "situation": "Een filmpje over de burgemeester gaat rond.", "help_wanted": "Hulp bij de eerste reactie.",
        "desired_start": "", "delivery": "beide", "contact_name": "Sanne Klein",
        "contact_email": "sanne@dewolden.example", "contact_phone": "0522-123456", "consent": "on", "website": "",
    }
