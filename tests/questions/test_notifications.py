"""Who hears of a question or an answer, when (at once, in the daily digest, never), and that mails never expose an
anonymous asker."""

import pytest
from django.core.management import call_command

from questions import notifications, threads
from questions.models import Notice
from questions.tasks import send_daily_digests_task
from questions.vocabulary import MailFrequency
from tests.factories.courses import course
from tests.factories.experts import ExpertFactory
from tests.factories.questions import QuestionFactory
from tests.factories.trainingnet import TopicFactory, UserFactory
from trainingnet import roles
from trainingnet.models import Municipality, OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home):
    webcare, other = TopicFactory(name="Webcare Q"), TopicFactory(name="Andere Q")
    expert = UserFactory(roles=[roles.EXPERT], email="eva@emmen.example")
    ExpertFactory(user=expert, topics=[webcare])
    elsewhere = UserFactory(roles=[roles.EXPERT], email="ander@expert.example")
    ExpertFactory(user=elsewhere, topics=[other])
    unlisted = UserFactory(roles=[roles.EXPERT], email="stil@expert.example")
    ExpertFactory(user=unlisted, topics=[webcare], listing_consent=False)
    trainer = UserFactory(roles=[roles.TRAINER], email="tim@eindhoven.example")
    page = course(topics=[webcare])
    page.trainers.set([trainer])
    page.save()
    asker = UserFactory(roles=[roles.MUNICIPAL_STAFF], email="mila@dewolden.example", first_name="Mila",
                        last_name="Vos", municipality=Municipality.objects.get(cbs_code="GM1690"))
    return {"webcare": webcare, "expert": expert, "trainer": trainer, "asker": asker}


def mails_to(address: str) -> list[OutgoingMail]:
    return [mail for mail in OutgoingMail.objects.order_by("pk") if address in mail.to]


def test_a_question_goes_to_the_experts_and_trainers_of_its_topics_only(people):
    threads.ask(people["asker"], title="Storm op Facebook", text="Help", topics=[people["webcare"]],
                anonymous=False)
    addressed = {address for mail in OutgoingMail.objects.all() for address in mail.to}
    assert addressed == {"eva@emmen.example", "tim@eindhoven.example"}
    mail = mails_to("eva@emmen.example")[0]
    assert "Storm op Facebook" in mail.subject and "Mila Vos, De Wolden" in mail.body


def test_mails_about_an_anonymous_question_name_neither_asker_nor_municipality(people):
    threads.ask(people["asker"], title="Gevoelige vraag", text="Help", topics=[people["webcare"]], anonymous=True)
    mails = list(OutgoingMail.objects.all())
    assert mails
    for mail in mails:
        text = mail.subject + mail.body
        assert "Mila" not in text and "Vos" not in text and "De Wolden" not in text
        assert "Anoniem, provincie Drenthe" in mail.body


def test_the_asker_hears_of_an_answer_but_not_of_their_own(people):
    question = QuestionFactory(asker=people["asker"], topics=[people["webcare"]])
    threads.answer(question, people["expert"], "Zo doen wij het.")
    assert len(mails_to("mila@dewolden.example")) == 1
    threads.answer(question, people["asker"], "Dank!")  # (only possible for askers with a role that answers)
    assert len(mails_to("mila@dewolden.example")) == 1


def test_daily_digest_collects_and_sends_once_and_never_means_never(people):
    notifications.set_frequency(people["expert"], MailFrequency.DAILY)
    notifications.set_frequency(people["trainer"], MailFrequency.NEVER)
    for title in ("Eerste vraag", "Tweede vraag"):
        threads.ask(people["asker"], title=title, text="Help", topics=[people["webcare"]], anonymous=True)
    assert not OutgoingMail.objects.exists()
    assert Notice.objects.filter(user=people["expert"], sent_at__isnull=True).count() == 2
    assert not Notice.objects.filter(user=people["trainer"]).exists()

    call_command("send_question_digests")
    digest = mails_to("eva@emmen.example")
    assert len(digest) == 1 and "Eerste vraag" in digest[0].body and "Tweede vraag" in digest[0].body
    assert "Mila" not in digest[0].body and "De Wolden" not in digest[0].body
    assert send_daily_digests_task.enqueue().return_value == 0  # nothing new: no second mail
    assert len(mails_to("eva@emmen.example")) == 1
    assert not mails_to("tim@eindhoven.example")


def test_a_hidden_question_is_left_out_of_the_digest(people, coordinator):
    notifications.set_frequency(people["expert"], MailFrequency.DAILY)
    question = threads.ask(people["asker"], title="Verborgen", text="Help", topics=[people["webcare"]],
                           anonymous=False)
    threads.hide_question(question, coordinator, "Dubbel")
    assert notifications.send_daily_digests() == 0
    assert not mails_to("eva@emmen.example")


def test_the_mail_names_every_topic_of_the_question(people):
    beleid = TopicFactory(name="Beleid Q")
    threads.ask(people["asker"], title="Storm op Facebook", text="Help", topics=[people["webcare"], beleid],
                anonymous=False)
    body = mails_to("eva@emmen.example")[0].body
    assert "stelt het netwerk een vraag over Beleid Q, Webcare Q:" in body


def test_an_expert_who_asks_about_their_own_topic_is_not_mailed_their_own_question(people):
    """Eva knows webcare and asks about it herself: the trainer hears of it, she does not."""
    threads.ask(people["expert"], title="Wie weet meer?", text="Help", topics=[people["webcare"]], anonymous=False)
    assert mails_to("tim@eindhoven.example")
    assert not mails_to("eva@emmen.example")
