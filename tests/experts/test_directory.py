import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from experts.models import Expert, Shell
from tests.factories.experts import ExpertFactory
from tests.factories.trainingnet import TopicFactory, UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, Province

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@expert\.example")


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


@pytest.fixture
def directory():
    return {
        "rotterdam": ExpertFactory(name="Ria Rotterdam", municipality=municipality("Rotterdam"),
                                   levels=["acuut"], phone="010-1234567"),
        "eindhoven": ExpertFactory(name="Erik Eindhoven", municipality=municipality("Eindhoven"),
                                   levels=["implementatie"]),
        "groningen": ExpertFactory(name="Gea Groningen", municipality=municipality("Groningen"), levels=["acuut"]),
        "extern": ExpertFactory(name="Xander Extern", shell=Shell.EXTERNAL, municipality=None,
                                organisation="Bureau", serves_whole_country=True, levels=["acuut"], provinces=[]),
        "hidden": ExpertFactory(name="Zonder Toestemming", municipality=municipality("Utrecht"),
                                listing_consent=False),
    }


def names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/experts/\d+/">([^<]+)</a>', html)


def test_zeeland_member_sees_neighbouring_provinces_first(client, directory):
    client.force_login(UserFactory(municipality=municipality("Sluis"), roles=[roles.MUNICIPAL_STAFF]))
    listed = names(client.get("/experts/").content.decode())
    assert set(listed[:2]) == {"Ria Rotterdam", "Erik Eindhoven"}  # Zuid-Holland and Noord-Brabant border Zeeland
    assert listed.index("Gea Groningen") > 1
    assert "Zonder Toestemming" not in listed


def test_filters_by_level_shell_topic_and_text(client, directory):
    assert set(names(client.get("/experts/?niveau=acuut").content.decode())) == {
        "Ria Rotterdam", "Gea Groningen", "Xander Extern"}
    assert names(client.get("/experts/?schil=extern").content.decode()) == ["Xander Extern"]
    topic = TopicFactory(name="Crisiscommunicatie X", slug="crisis-x")
    directory["eindhoven"].topics.set([topic])
    directory["eindhoven"].save()
    assert names(client.get("/experts/?onderwerp=crisis-x").content.decode()) == ["Erik Eindhoven"]
    assert names(client.get("/experts/?q=groningen").content.decode()) == ["Gea Groningen"]
    html = client.get("/experts/?provincie=PV28").content.decode()  # Zuid-Holland: own experts and national ones
    assert set(names(html)) == {"Ria Rotterdam", "Xander Extern"}


def test_free_text_finds_every_word_in_the_name_bio_or_a_topic(client, directory):
    topic = TopicFactory(name="Webcare en klantcontact", slug="webcare-x")
    directory["eindhoven"].topics.set([topic])
    directory["eindhoven"].save()
    directory["groningen"].bio = "Ervaren in webcare voor gemeenten."
    directory["groningen"].save()

    assert set(names(client.get("/experts/?q=webcare").content.decode())) == {"Erik Eindhoven", "Gea Groningen"}
    assert names(client.get("/experts/?q=webcare+gea").content.decode()) == ["Gea Groningen"]
    assert names(client.get("/experts/?q=gea+webcare").content.decode()) == ["Gea Groningen"]  # the order of words
    assert names(client.get("/experts/?q=klantcontact+erik").content.decode()) == ["Erik Eindhoven"]
    html = client.get("/experts/?q=webcare").content.decode()
    assert "2 experts" in html and "Webcare en klantcontact (1)" in html


def test_facet_counts(client, directory):
    html = client.get("/experts/").content.decode()
    assert "Acute ondersteuning (3)" in html
    assert "Extern (gereduceerd tarief) (1)" in html


def test_no_contact_detail_reaches_an_anonymous_visitor(client, directory, home):
    expert = directory["rotterdam"]
    for url in ("/experts/", f"/experts/{expert.pk}/", "/experts/?niveau=acuut", "/experts/provincies/",
                "/provincies/zuid-holland/", "/"):
        html = client.get(url).content.decode()
        assert not EMAIL.search(html), url
        assert "010-1234567" not in html, url
    assert "Log in om contact op te nemen" in client.get(f"/experts/{expert.pk}/").content.decode()


def test_logged_in_member_sees_contact_details(client, directory):
    client.force_login(UserFactory(roles=[roles.MUNICIPAL_STAFF]))
    html = client.get(f"/experts/{directory['rotterdam'].pk}/").content.decode()
    assert directory["rotterdam"].email in html and "010-1234567" in html


def test_account_without_role_sees_no_contact_details(client, directory):
    client.force_login(UserFactory(roles=[]))
    assert not EMAIL.search(client.get("/experts/").content.decode())


def test_unlisted_expert_has_no_profile_page(client, directory):
    assert client.get(f"/experts/{directory['hidden'].pk}/").status_code == 404


def test_zeeland_has_no_intern_experts_and_the_overview_says_so(client, directory):
    html = client.get("/experts/provincies/").content.decode()
    zeeland_row = html.split("Zeeland</a>")[1].split("</tr>")[0]
    assert "geen eigen interne experts" in zeeland_row


def test_directory_query_count_does_not_grow_with_the_number_of_experts(client, directory,
                                                                         django_assert_num_queries):
    client.force_login(UserFactory(municipality=municipality("Sluis"), roles=[roles.MUNICIPAL_STAFF]))
    urls = ["/experts/", "/experts/?niveau=acuut&schil=intern", "/experts/?q=webcare&provincie=PV28",
            f"/experts/{directory['rotterdam'].pk}/"]
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)
    for province in Province.objects.all():
        for m in province.municipalities.large()[:1]:
            for _ in range(5):
                ExpertFactory(municipality=m, levels=["acuut"], topics=[TopicFactory()])
    for url in urls:
        with django_assert_num_queries(counts[url]):
            client.get(url)


def test_expert_edits_own_profile_but_not_shell_or_activation(client):
    user = UserFactory(roles=[roles.EXPERT])
    expert = ExpertFactory(user=user, active=False, municipality=municipality("Emmen"))
    client.force_login(user)
    assert client.get("/experts/mijn-profiel/").status_code == 200
    response = client.post("/experts/mijn-profiel/", {
        "name": "Eva Expert", "job_title": "Webcare", "email": "eva@emmen.example", "capacity_days_per_month": 2,
        "on_call": "on", "listing_consent": "on", "shell": "extern", "active": "on",
    })
    assert response.status_code == 302
    expert.refresh_from_db()
    assert (expert.name, expert.on_call, expert.listing_consent) == ("Eva Expert", True, True)
    assert expert.listing_consent_at is not None
    assert expert.shell == Shell.INTERN and expert.active is False


def test_user_without_expert_profile_gets_a_clear_page(client, staff_member):
    client.force_login(staff_member)
    response = client.get("/experts/mijn-profiel/")
    assert response.status_code == 404 and "Geen expertprofiel" in response.content.decode()


def test_intern_expert_needs_a_municipality():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Expert(name="X", shell=Shell.INTERN, email="x@x.example").full_clean()


def test_coordinator_manages_experts_in_the_admin(client, coordinator, directory):
    from django.contrib.auth.models import Group, Permission
    Group.objects.get(name=roles.COORDINATOR).permissions.add(
        *Permission.objects.filter(content_type__app_label="experts"))
    client.force_login(coordinator)
    html = client.get("/admin/snippets/experts/expert/", {"shell": "extern"}).content.decode()
    assert "Xander Extern" in html and "Ria Rotterdam" not in html


def test_expert_profile_in_the_data_export(client):
    user = UserFactory(roles=[roles.EXPERT])
    ExpertFactory(user=user, name="Eva", municipality=municipality("Emmen"))
    client.force_login(user)
    assert client.get("/accounts/mijn-gegevens/").json()["experts"]["expert_profile"]["name"] == "Eva"


def test_new_expert_serves_the_home_province_by_default_and_nationwide_experts_count_everywhere(client):
    expert = Expert(name="Nieuw", shell=Shell.INTERN, municipality=municipality("Almere"), email="n@x.example",
                    active=True, listing_consent=True)
    expert.save()
    assert list(Expert.objects.get(pk=expert.pk).provinces.values_list("name", flat=True)) == ["Flevoland"]
    ExpertFactory(name="Landelijk", shell=Shell.EXTERNAL, municipality=None, organisation="B",
                  serves_whole_country=True, provinces=[])
    html = client.get("/experts/").content.decode()
    assert ">Zeeland (1)</option>" in html and ">Flevoland (2)</option>" in html


def test_own_profile_puts_each_question_above_its_choices(client):
    user = UserFactory(roles=[roles.EXPERT])
    ExpertFactory(user=user)
    client.force_login(user)
    html = client.get("/experts/mijn-profiel/").content.decode()
    for name in ("topics", "levels", "provinces"):
        first_choice = html.index(f'name="{name}"')
        legend = html.rfind("<legend>", 0, first_choice)
        assert legend != -1 and "</fieldset>" not in html[legend:first_choice], f"{name}: no question above it"
        assert html.find("<legend>", first_choice) == -1 or "</fieldset>" in html[first_choice:html.find(
            "<legend>", first_choice)], f"{name}: its question comes after the choices"
    assert re.search(r"<legend>Onderwerpen", html)


def test_with_a_filter_every_facet_counts_only_the_experts_found(client, directory):
    """The counts beside the choices say how many of the experts found so far each choice would keep."""
    html = client.get("/experts/?niveau=implementatie").content.decode()
    assert names(html) == ["Erik Eindhoven"]
    for option in ("Ondersteuning bij implementatie (1)", "Acute ondersteuning (0)",
                   "Intern (100.000+ gemeente) (1)", "Extern (gereduceerd tarief) (0)",
                   ">Noord-Brabant (1)</option>", ">Zuid-Holland (0)</option>"):
        assert option in html, option


def test_a_long_pasted_text_searches_its_first_ten_words(client, directory):
    directory["groningen"].bio = "een twee drie vier vijf zes zeven acht negen tien"
    directory["groningen"].save()
    assert names(client.get("/experts/?q=een+twee+drie+vier+vijf+zes+zeven+acht+negen+tien+elf").content.decode()
                 ) == ["Gea Groningen"]


def test_the_province_choices_are_in_alphabetical_order(client, directory):
    html = client.get("/experts/").content.decode()
    select = re.search(r'<select id="e-provincie".*?</select>', html, re.S).group(0)
    shown = re.findall(r'<option value="PV\d+"[^>]*>([^<]+) \(\d+\)</option>', select)
    assert len(shown) == 12 and shown == sorted(shown, key=str.casefold)


def many_experts(count: int, bio: str) -> None:
    """`count` listed experts in Zeeland (Middelburg is not a 100.000+ municipality: external experts)."""
    zeeland = Province.objects.get(cbs_code="PV29")
    created = Expert.objects.bulk_create(Expert(
        name=f"Breed {index:04d}", email=f"breed{index}@expert.example", shell=Shell.EXTERNAL, bio=bio,
        organisation="Bureau", home_province=zeeland, active=True, listing_consent=True) for index in range(count))
    Expert.provinces.through.objects.bulk_create(Expert.provinces.through(expert_id=e.pk, province_id=zeeland.pk)
                                                 for e in created)


def test_a_search_that_finds_more_than_a_thousand_experts_says_so_and_offers_every_choice_uncounted(client):
    """Past 1 000 experts the directory stops counting (the page costs the same however many a broad word finds):
    the heading says "Meer dan 1.000 experts", every province and topic is still offered, without a number, and
    the first pages list the experts found."""
    many_experts(1_001, "Webcare voor gemeenten")
    response = client.get("/experts/?q=webcare")
    html = response.content.decode()
    assert "Meer dan 1.000 experts" in html and "kies een provincie, onderwerp of niveau" in html
    select = re.search(r'<select id="e-provincie".*?</select>', html, re.S).group(0)
    assert len(re.findall(r'<option value="PV\d+"[^>]*>[^<(]+</option>', select)) == 12  # all, no counts
    for choice in ("Webcare", "Acute ondersteuning", "Extern (gereduceerd tarief)"):  # topic, level, shell
        assert f">{choice}</option>" in html, choice
    assert len(names(html)) == 20 and response.context["page_obj"].paginator.num_pages == 50
    assert names(client.get("/experts/?q=webcare&pagina=50").content.decode())


def test_a_thousand_experts_found_are_still_counted(client):
    many_experts(1_000, "Webcare voor gemeenten")
    html = client.get("/experts/?q=webcare").content.decode()
    assert "1000 experts" in html or "1.000 experts" in html
    assert "Meer dan" not in html
    assert ">Zeeland (1000)</option>" in html and ">Fryslân (0)</option>" in html


def test_an_edited_bio_is_searched_at_once_and_the_old_words_are_gone(client, directory):
    """On PostgreSQL the words are a column the database computes on every write (experts/migrations/0006)."""
    expert = directory["groningen"]
    expert.bio = "Omgevingswet en participatie"
    expert.save()
    assert names(client.get("/experts/?q=omgevingswet").content.decode()) == ["Gea Groningen"]
    expert.bio = "Woordvoering bij crises"
    expert.save()
    assert names(client.get("/experts/?q=omgevingswet").content.decode()) == []
    assert names(client.get("/experts/?q=woordvoering").content.decode()) == ["Gea Groningen"]


def test_the_number_found_comes_with_the_facets_not_from_a_count_of_its_own(client, directory):
    """One query counts the experts found and every facet; the paginator does not count them again: a free-text
    search costs seven queries in all."""
    client.get("/experts/?q=adviseur")
    with CaptureQueriesContext(connection) as queries:
        client.get("/experts/?q=adviseur")
    assert not [q for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) AS")]
    assert len(queries.captured_queries) == 7
