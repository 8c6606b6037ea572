"""Pages of passing a training on: the sessions a person attended, the doorgeefpakket of one of them (guide,
download, what was passed on, the forms), and the coordinators' reach figures. The rules are in passing_on.py,
package.py, practice.py and reach.py; these views only call them.

A booking of someone else, or one not marked present, is "not found" (404) for everyone who may not see it: the page
does not tell an outsider that the booking exists.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cascade import package, passing_on, practice, reach
from cascade.forms import PassingOnFormFields, PracticeExampleForm
from cascade.models import PassingOn, PracticeExample
from scheduling.models import Booking
from trainingnet.permissions import permission_required


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _booking_for(request, booking_id: int, permission: str) -> Booking:
    """The booking, when this person may (`permission`); otherwise not found."""
    booking = (Booking.objects.select_related("session__course", "session__training_day__province", "municipality",
                                              "user").filter(pk=booking_id).first())
    if booking is None or not request.user.has_perm(permission, booking):
        raise Http404
    return booking


@login_required
@require_safe
def mine(request):
    """Doorgeven: every session the person was marked present at, with how often they passed it on."""
    return _private(render(request, "cascade/mine.html",
                           {"bookings": list(passing_on.attended_bookings(request.user))}))


def _booking_page(request, booking: Booking, *, passing_form=None, practice_form=None):
    may_record = request.user.has_perm("cascade.record_passing_on", booking)
    items = package.package_items(booking)
    context = {
        "booking": booking, "session": booking.session, "items": items, "steps": package.GUIDE_STEPS,
        "may_record": may_record,
        "passings_on": list(PassingOn.objects.filter(booking=booking)),
        "examples": list(PracticeExample.objects.filter(booking=booking)),
        "passing_form": passing_form or (PassingOnFormFields(booking=booking, initial={
            "date": timezone.localdate()}) if may_record else None),
        "practice_form": practice_form or (PracticeExampleForm() if may_record else None),
    }
    return _private(render(request, "cascade/booking.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def booking_page(request, booking_id: int):
    """The doorgeefpakket of one attended session; the participant records a passing-on here (POST)."""
    booking = _booking_for(request, booking_id, "cascade.see_package")
    if request.method != "POST":
        return _booking_page(request, booking)
    if not request.user.has_perm("cascade.record_passing_on", booking):
        raise Http404
    form = PassingOnFormFields(request.POST, booking=booking)
    if form.is_valid():
        try:
            passing_on.record(booking, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Vastgelegd: u gaf de training door aan %(count)s collega's. Dank u wel!")
                             % {"count": form.cleaned_data["colleagues"]})
            return redirect("cascade:booking", booking_id=booking.pk)
    return _booking_page(request, booking, passing_form=form)


@login_required
@require_POST
def practice_example(request, booking_id: int):
    """A practice example of the participant, with their explicit consent to publish it (or not)."""
    booking = _booking_for(request, booking_id, "cascade.record_passing_on")
    form = PracticeExampleForm(request.POST)
    if form.is_valid():
        practice.record(booking, **form.cleaned_data)
        messages.success(request, _("Uw praktijkvoorbeeld is opgeslagen. Dank u wel!"))
        return redirect("cascade:booking", booking_id=booking.pk)
    return _booking_page(request, booking, practice_form=form)


@login_required
@require_safe
def package_zip(request, booking_id: int):
    """The doorgeefpakket as one zip, streamed: the guide and the course's materials."""
    booking = _booking_for(request, booking_id, "cascade.see_package")
    items = package.package_items(booking)
    response = StreamingHttpResponse(package.stream_zip(booking, items), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{package.zip_name(booking)}"'
    return _private(response)


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else formats.number_format(value, digits)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{formats.number_format(value * 100, 0)}%"


@permission_required("cascade.see_reach")
@require_safe
def reach_page(request):
    """Coordinators: the reach multiplier, the share passed on and the maturity change, per province and course."""
    tables = []
    for per, (title, _key, _label) in reach.GROUPINGS.items():
        rows = reach.reach_table(per)
        heading, caption = reach.HEADINGS[per]
        tables.append({"per": per, "title": title, "heading": heading, "caption": caption, "rows": rows,
                       "totals": reach.network_totals(rows)})
    return render(request, "cascade/reach.html", {"tables": tables})


@permission_required("cascade.see_reach")
@require_safe
def reach_csv(request, per: str):
    if per not in reach.GROUPINGS:
        raise Http404
    title = reach.GROUPINGS[per][0]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([title, _("Deelnemers aanwezig"), _("Doorgegeven door"), _("Collega's bereikt"),
                     _("Reikwijdte per deelnemer"), _("Aandeel doorgegeven"),
                     _("Verandering fase, gemeenten die doorgaven"), _("Gemeenten met meting (doorgegeven)"),
                     _("Verandering fase, gemeenten die niet doorgaven"), _("Gemeenten met meting (niet)")])
    for row in reach.reach_table(per):
        writer.writerow([row.label, row.participants, row.passed_on, row.colleagues, _number(row.multiplier, 2),
                         _percent(row.share), _number(row.change_with, 2), row.measured_with,
                         _number(row.change_without, 2), row.measured_without])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="trainingnet-doorgeven-{per}-'
                                       f'{timezone.localdate():%Y-%m-%d}.csv"')
    return _private(response)
