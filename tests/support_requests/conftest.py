import pytest

from trainingnet.models import Municipality


@pytest.fixture
def emmen(db):
    return Municipality.objects.get(cbs_code="GM0114")
