"""Fuzzing the yearly measurement: the coordinators' import (Wagtail admin) and a municipality's consent to the
public benchmark.

The import is all or nothing: a post either imports every line of the file (and logs it) or saves nothing. The
consent form either records the decision (given, or withdrawn) or changes nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity.models import BenchmarkConsent, Measurement, MeasurementImport
from tests.factories.maturity import PhaseRuleFactory
from tests.fuzz.support import FUZZ, SPECIAL, assert_no_server_error, client_for, form_data, fuzzes, sent, undone

pytestmark = pytest.mark.django_db

LINES = ["GM1714,Sluis,2025,36.5", "GM0014;Groningen;2025;72,5", "GM9999,Nergens,2025,50", "GM1714,Sluis,2999,50",
         "GM1714,Sluis,2025,101", "GM1714,Sluis,2025,NaN", "GM1714,Sluis,2025,1e3", "GM1714,,2025,", ",,,",
         "gemeentecode,gemeente,jaar,score", "\ufeffgemeentecode;jaar;score", "GM0014,Groningen,2025,0",
         "GM0014,Groningen,2025,100.0", "GM0014,Groningen,2025,24.99", '"GM0014","Gro,ningen",2025,"50"']


def csv_text() -> st.SearchStrategy[str]:
    header = st.sampled_from(["gemeentecode,gemeente,jaar,score", "gemeentecode;gemeente;jaar;score",
                              "\ufeffgemeentecode,jaar,score", "code,jaar,score", ""])
    body = st.lists(st.one_of(st.sampled_from(LINES), st.sampled_from(SPECIAL), st.text(max_size=40)), max_size=6)
    return st.builds(lambda h, lines: "\n".join([h, *lines]), header, body)


@fuzzes("measurement_admin:index")
@FUZZ
@given(data=st.data())
def test_an_import_saves_every_line_or_nothing(world, data):
    rule = PhaseRuleFactory()
    text = data.draw(csv_text())
    posted = data.draw(form_data({"rule": str(rule.pk), "content": text, "action": "import"},
                                 {"rule": [str(rule.pk), "0", "x"], "action": ["import", "preview"]}))
    with undone():
        before = (Measurement.objects.count(), MeasurementImport.objects.count())
        response = client_for(world.coordinator).post("/admin/jaarmeting/", posted)
        assert_no_server_error(response)
        after = (Measurement.objects.count(), MeasurementImport.objects.count())
        if response.status_code == 302:
            log = MeasurementImport.objects.get()
            assert sent(posted, "action") == "import" and log.imported_by == world.coordinator
            assert after[0] == before[0] + log.created and after[1] == before[1] + 1
            assert all(1 <= m.phase <= 4 and 0 <= m.score <= 100 for m in Measurement.objects.all())
        else:
            assert response.status_code == 200 and after == before


@fuzzes("maturity:benchmark_consent")
@FUZZ
@given(data=form_data({"decision": "geven", "confirm": "on"},
                      {"decision": ["geven", "intrekken", "GEVEN", ""], "confirm": ["on", "", "off", "0"]}))
def test_consent_is_recorded_as_decided_or_left_alone(world, data):
    with undone():
        response = client_for(world.staff).post(f"/volwassenheid/gemeenten/{world.sluis.cbs_code}/benchmark/", data)
        assert_no_server_error(response)
        assert response.status_code == 302
        consent = BenchmarkConsent.objects.filter(municipality=world.sluis).first()
        given_now = consent is not None and consent.is_given
        if given_now:
            assert sent(data, "decision") == "geven" and consent.given_by == world.staff
        if sent(data, "decision") == "geven" and sent(data, "confirm") == "on":
            assert given_now
        if sent(data, "decision") != "geven":
            assert not given_now
