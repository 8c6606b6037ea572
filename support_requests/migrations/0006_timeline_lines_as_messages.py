"""Timeline lines written before 0005 held finished text in the language of whoever wrote them ("Hulpvraag
ontvangen.", "Support request received."). Each line whose text is one of the timeline's messages, in Dutch or in
English, becomes that message with its parameters, so every reader sees it in their own language; the requester and
the system as actor become a role. Any other text (a coordinator's note) stays as it was. The messages are copied
here as they were worded at the time, so this migration keeps working when their wording changes later."""

import re

from django.db import migrations

# message identifier -> (Dutch, English) as written before 0005; "%(note)s" is what a person typed after it
OLD_TEXTS = {
    "received": ("Hulpvraag ontvangen.", "Support request received."),
    "searching": ("Er wordt een expert gezocht.", "Looking for an expert."),
    "expert_asked": ("%(expert)s gevraagd (laag %(tier)d); link geldig tot %(until)s.",
                     "%(expert)s asked (tier %(tier)d); link valid until %(until)s."),
    "chosen_by_hand_not_a_candidate": (
        "Met de hand gekozen: %(expert)s. Reden: %(reason)s (geen kandidaat: %(why)s)",
        "Chosen manually: %(expert)s. Reason: %(reason)s (not a candidate: %(why)s)"),
    "chosen_by_hand": ("Met de hand gekozen: %(expert)s. Reden: %(reason)s",
                       "Chosen manually: %(expert)s. Reason: %(reason)s"),
    "widened_by_hand": ("Met de hand verbreed naar laag %(tier)d.", "Manually widened to tier %(tier)d."),
    "taken_over": ("Overgenomen door %(who)s; de escalatie stopt.", "Taken over by %(who)s; the escalation stops."),
    "expert_helps": ("%(expert)s helpt u.", "%(expert)s will help you."),
    "expert_declined": ("%(expert)s kan niet helpen.%(note)s", "%(expert)s cannot help.%(note)s"),
    "invitation_expired": ("Verzoek aan %(expert)s verlopen zonder antwoord.",
                           "Request to %(expert)s expired without an answer."),
    "no_candidate": ("Geen nieuwe kandidaat binnen laag %(tier)d; coördinatoren gewaarschuwd.",
                     "No new candidate within tier %(tier)d; coordinators alerted."),
    "overdue": ("Termijn verstreken (%(countdown)s); coördinatoren gewaarschuwd.",
                "Deadline passed (%(countdown)s); coordinators alerted."),
    "widened_automatically": ("Acute vraag automatisch verbreed naar laag %(tier)d.",
                              "Acute request automatically widened to tier %(tier)d."),
    "still_no_expert": (
        "Nog steeds geen expert na de laatste laag: waarschuwing %(n)d aan de coördinatoren en de coördinator van dienst.",
        "Still no expert after the last tier: alert %(n)d to the coordinators and the coordinator on duty."),
    "still_overdue": ("Nog steeds te laat: dagelijkse herinnering aan de coördinatoren.",
                      "Still overdue: daily reminder to the coordinators."),
    "reopened": ("Heropend: volgens de aanvrager is het probleem niet opgelost.%(note)s",
                 "Reopened: according to the requester, the problem has not been resolved.%(note)s"),
    "feedback_given": ("Aanvrager gaf feedback.", "Requester gave feedback."),
    "partnership_recorded": ("Samenwerking vastgelegd: %(p)s.", "Partnership recorded: %(p)s."),
}
OLD_ROLES = {
    "aanvrager": ("Aanvrager", "Requester"),
    "systeem": ("Systeem", "System"),
    "systeem-na-afwijzing": ("Systeem (na afwijzing)", "System (after a decline)"),
    "systeem-na-verlopen-link": ("Systeem (na verlopen link)", "System (after an expired link)"),
    "systeem-escalatie": ("Systeem (escalatie)", "System (escalation)"),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")


def pattern(text: str) -> re.Pattern:
    """A regular expression that reads the parameters back out of a text made from `text`."""
    out, end = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(re.escape(text[end:match.start()]))
        name, kind = match.groups()
        out.append(rf"(?P<{name}>\d+)" if kind == "d" else (rf"(?P<{name}>(?: .*)?)" if name == "note" else
                                                            rf"(?P<{name}>.+?)"))
        end = match.end()
    out.append(re.escape(text[end:]))
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


PATTERNS = [(message, pattern(text)) for message, texts in OLD_TEXTS.items() for text in texts]
ROLES = {label: role for role, labels in OLD_ROLES.items() for label in labels}


def as_message(note: str) -> tuple[str, dict, str] | None:
    for message, regex in PATTERNS:
        found = regex.match(note)
        if found:
            values = found.groupdict()
            typed = (values.pop("note", "") or "").strip()
            params = {key: int(value) if key in ("tier", "n") else value for key, value in values.items()}
            return message, params, typed
    return None


def forwards(apps, schema_editor):
    TimelineEntry = apps.get_model("support_requests", "TimelineEntry")
    for entry in TimelineEntry.objects.filter(message="").iterator():
        fields = []
        found = as_message(entry.note) if entry.note else None
        if found:
            entry.message, entry.params, entry.note = found
            fields += ["message", "params", "note"]
        if entry.actor_label in ROLES and not entry.actor_role:
            entry.actor_role, entry.actor_label = ROLES[entry.actor_label], ""
            fields += ["actor_role", "actor_label"]
        if fields:
            entry.save(update_fields=fields)


def backwards(apps, schema_editor):
    """Back to finished Dutch text, as the timeline was written before."""
    TimelineEntry = apps.get_model("support_requests", "TimelineEntry")
    for entry in TimelineEntry.objects.exclude(message="").iterator():
        dutch = OLD_TEXTS.get(entry.message, ("",))[0]
        values = {key: value.get("nl", "") if isinstance(value, dict) else value
                  for key, value in (entry.params or {}).items()}
        values["note"] = f" {entry.note}" if entry.note else ""
        try:
            text = dutch % values if dutch else entry.note
        except (KeyError, TypeError, ValueError):
            text = entry.note
        if "%(note)s" not in dutch and entry.note and dutch:
            text = f"{text} {entry.note}"
        entry.note, entry.message, entry.params = text, "", {}
        entry.save(update_fields=["note", "message", "params"])
    for role, (dutch, _english) in OLD_ROLES.items():
        TimelineEntry.objects.filter(actor_role=role).update(actor_role="", actor_label=dutch)


class Migration(migrations.Migration):

    dependencies = [
        ("support_requests", "0005_timeline_messages"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
