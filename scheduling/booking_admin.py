"""Coordinators book and cancel on someone's behalf, in the Wagtail admin (Collega-traindagen → Boeken namens iemand,
and "Annuleren namens deelnemer" on a booking).

Both go through `scheduling/booking.py` (book() and cancel()), so the same rules hold as on the site: eligibility,
the fair share, overlaps, the deadline, the waiting list and seat offers, and the person gets the same mails. Only
the cancellation deadline is for staff themselves: a coordinator cancels until the session starts.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from scheduling import booking as booking_service
from scheduling import fees
from scheduling.models import Booking, Session
from trainingnet.permissions import permission_required


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session: Session) -> str:
        start = timezone.localtime(session.starts_at)
        kind = (_("maatwerk %(name)s") % {"name": session.municipality.name} if session.is_tailored
                else session.training_day.province.name)
        return f"{start:%d-%m-%Y %H:%M} · {session.title} · {kind}"


class BookOnBehalfForm(forms.Form):
    session = SessionChoiceField(label=gettext_lazy("Sessie"), queryset=Session.objects.none(),
                                 error_messages={"required": gettext_lazy("Kies een sessie."),
                                                 "invalid_choice": gettext_lazy("Kies een sessie uit de lijst.")})
    email = forms.EmailField(label=gettext_lazy("E-mailadres van de deelnemer"), max_length=254,
                             error_messages={"required": gettext_lazy("Vul het e-mailadres van de deelnemer in."),
                                             "invalid": gettext_lazy("Vul een geldig e-mailadres in.")})
    accept_fee = forms.BooleanField(
        label=gettext_lazy("De gemeente van de deelnemer gaat akkoord met de vergoeding (alleen bij maatwerk)"),
        required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (Session.objects.upcoming()
                                           .select_related("course", "municipality", "training_day__province")
                                           .order_by("starts_at", "pk"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen actief account met dit e-mailadres."))
        return user

    def clean(self):
        cleaned = super().clean()
        session = cleaned.get("session")
        if session is not None and session.is_tailored and not fees.agreed_fee(session) and fees.fee_for(session):
            if not cleaned.get("accept_fee"):
                self.add_error("accept_fee", _("Deze maatwerksessie kost de gemeente %(fee)s. Vink aan dat de "
                                               "gemeente daarmee akkoord gaat.") % {
                    "fee": fees.fee_text(fees.fee_for(session), session.municipality.name)})
        return cleaned


@permission_required("scheduling.book_on_behalf")
@require_http_methods(["GET", "POST"])
def book_on_behalf(request):
    """Book a seat for someone (the same rules as on the site; the person gets the confirmation mail)."""
    initial = {}
    if request.GET.get("sessie", "").isdigit():
        initial["session"] = request.GET["sessie"]
    form = BookOnBehalfForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        session, person = form.cleaned_data["session"], form.cleaned_data["email"]
        try:
            result = booking_service.book(session.pk, person, by=request.user)
        except booking_service.BookingError as error:
            form.add_error(None, error.message)
        else:
            if result.status == Booking.Status.CONFIRMED:
                messages.success(request, _("%(person)s heeft een plaats in %(session)s; de bevestiging is gemaild.")
                                 % {"person": person.email, "session": session.title})
            else:
                messages.warning(request, _("%(session)s is vol: %(person)s staat op de wachtlijst en is gemaild.")
                                 % {"person": person.email, "session": session.title})
            return redirect("scheduling:session_attendees", pk=session.pk)
    return TemplateResponse(request, "scheduling/admin/book_on_behalf.html", {"form": form})


@permission_required("scheduling.book_on_behalf")
@require_http_methods(["GET", "POST"])
def cancel_on_behalf(request, pk: int):
    """Cancel someone's booking (until the session starts; the person gets the cancellation mail)."""
    booking = get_object_or_404(Booking.objects.select_related("user", "municipality", "session__course",
                                                               "session__training_day__province"), pk=pk)
    if request.method == "POST":
        try:
            booking_service.cancel(booking.pk, request.user)
        except booking_service.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De boeking van %(person)s is geannuleerd; de deelnemer is gemaild.") % {
                "person": booking.user.email if booking.user else _("(verwijderd account)")})
            return redirect("scheduling:session_attendees", pk=booking.session_id)
    return TemplateResponse(request, "scheduling/admin/cancel_on_behalf.html", {
        "booking": booking, "session": booking.session,
        "may_cancel": booking_service.may_cancel(booking, by=request.user),
    })


urlpatterns = [
    path("boeken-namens/", book_on_behalf, name="book_on_behalf"),
    path("boeking/<int:pk>/annuleren/", cancel_on_behalf, name="cancel_on_behalf"),
]
