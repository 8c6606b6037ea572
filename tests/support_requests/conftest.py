import pytest

from trainingnet.models import Municipality


@pytest.fixture
def emmen(db):
    """Emmen, the only 100.000+ municipality of Drenthe, taking part in the network."""
    Municipality.objects.filter(cbs_code="GM0114").update(takes_part=True)
    return Municipality.objects.get(cbs_code="GM0114")
