"""The lines of a request's timeline, written in the language of whoever reads them.

The requester follows their request on the status page, coordinators and the assigned expert read the whole
timeline, and each of them reads it in their own interface language, whoever or whatever wrote the line: a Dutch
coordinator, an English expert, the escalation task at night. So what the platform says on the timeline is stored
as a message identifier with its parameters (`TimelineEntry.message` and `.params`), and put into words only when
a page or a mail shows it (`describe`). What a person typed (a coordinator's note, the reason to withdraw or to
decline, the requester's comment) is kept as typed (`TimelineEntry.note`) and shown after the message.

A parameter is a name, a number or a time (the same in every language), or, when it is itself interface text (a
countdown such as "2 u 5 min te laat", why an expert is not a candidate), that text in every interface language
(`in_every_language`). Lines written before messages were stored this way were turned into messages by migration
0005 where their text was one of these messages; any other old line is shown as it was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, tuple[Promise, ...]] = {
    "received": (_("Hulpvraag ontvangen."),),
    "searching": (_("Er wordt een expert gezocht."),),
    "expert_asked": (_("%(expert)s gevraagd (laag %(tier)d); link geldig tot %(until)s."),),
    "chosen_by_hand": (_("Met de hand gekozen: %(expert)s. Reden: %(reason)s"),),
    "chosen_by_hand_not_a_candidate": (_("Met de hand gekozen: %(expert)s. Reden: %(reason)s"),
                                       _("(geen kandidaat: %(why)s)")),
    "widened_by_hand": (_("Met de hand verbreed naar laag %(tier)d."),),
    "taken_over": (_("Overgenomen door %(who)s; de escalatie stopt."),),
    "expert_helps": (_("%(expert)s helpt u."),),
    "expert_declined": (_("%(expert)s kan niet helpen."),),
    "invitation_expired": (_("Verzoek aan %(expert)s verlopen zonder antwoord."),),
    "no_candidate": (_("Geen nieuwe kandidaat binnen laag %(tier)d; coördinatoren gewaarschuwd."),),
    "overdue": (_("Termijn verstreken (%(countdown)s); coördinatoren gewaarschuwd."),),
    "widened_automatically": (_("Acute vraag automatisch verbreed naar laag %(tier)d."),),
    "still_no_expert": (_("Nog steeds geen expert na de laatste laag: waarschuwing %(n)d aan de coördinatoren en "
                          "de coördinator van dienst."),),
    "still_overdue": (_("Nog steeds te laat: dagelijkse herinnering aan de coördinatoren."),),
    "reopened": (_("Heropend: volgens de aanvrager is het probleem niet opgelost."),),
    "feedback_given": (_("Aanvrager gaf feedback."),),
    "partnership_recorded": (_("Samenwerking vastgelegd: %(p)s."),),
}

Params = Mapping[str, object]


def check(message: str) -> str:
    """The message identifier itself, or ValueError when the timeline has no such message."""
    if message and message not in MESSAGES:
        raise ValueError(f"no timeline message {message!r}")
    return message


def in_every_language(make: Callable[[], object]) -> dict[str, str]:
    """A parameter that is interface text, made once in each interface language: {"nl": ..., "en": ...}."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found[code] = str(make())
    return found


def _in_reading_language(value: object) -> object:
    if not isinstance(value, dict):
        return value
    language = translation.get_language() or settings.LANGUAGE_CODE
    return value.get(language) or value.get(settings.LANGUAGE_CODE) or next(iter(value.values()), "")


def describe(message: str, params: Params | None, note: str = "") -> str:
    """The line in the active language: the message with its parameters, then what a person typed."""
    text = ""
    if message in MESSAGES:
        values = {key: _in_reading_language(value) for key, value in (params or {}).items()}
        try:
            text = " ".join(str(part) % values if "%(" in str(part) else str(part) for part in MESSAGES[message])
        except (KeyError, TypeError, ValueError):  # parameters removed (anonymised) or of an older shape
            text = ""
    return " ".join(part for part in (text, note) if part)
