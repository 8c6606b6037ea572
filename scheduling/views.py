"""Pages of the train-your-colleague days: agenda, session, bookings, attendees, calendars, pledges, coverage and
evaluation. The rules are in booking.py, pledges.py, fees.py and evaluations.py; these views only call them.
"""

from __future__ import annotations

import hashlib

import rules
from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from courses.models import CoursePage
from scheduling import booking as booking_service
from scheduling import calendars, evaluations, exports, fees, offers, pledges
from scheduling.forms import (
    AgendaFilterForm,
    BookForm,
    EvaluationForm,
    PledgeForm,
    month_label,
    month_value,
    parse_month,
)
from scheduling.models import Booking, CalendarFeed, Pledge, SchedulingSettings, SeatOffer, Session, SessionFee
from trainingnet import page_cache
from trainingnet.models import Province
from trainingnet.permissions import permission_required

AGENDA_PAGE_SIZE = 20


def _topic_lookup() -> str | None:
    """The ORM path from a session to its course's topics, if the course page has topics."""

    try:
        CoursePage._meta.get_field("topics")
    except Exception:  # noqa: BLE001 - the field belongs to the course catalogue
        return None
    return "course__topics"


def agenda_sessions():
    return (Session.objects.upcoming().with_counts()
            .select_related("course", "municipality", "training_day__province", "training_day__host_municipality")
            .order_by("starts_at", "pk"))


@require_GET
def agenda(request):
    form = AgendaFilterForm(request.GET or None)
    sessions = agenda_sessions()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["provincie"]:
            sessions = sessions.filter(training_day__province=data["provincie"])
        month = parse_month(data["maand"])
        if month:
            sessions = sessions.filter(training_day__date__year=month.year, training_day__date__month=month.month)
        if data["onderwerp"] and _topic_lookup():
            sessions = sessions.filter(**{_topic_lookup(): data["onderwerp"]}).distinct()
        if data["soort"]:
            sessions = sessions.filter(kind=data["soort"])
    elif form.is_bound:
        sessions = sessions.none()
    province = form.cleaned_data["provincie"] if form.is_bound and form.is_valid() else None
    page_cache.tag(request, *page_cache.agenda_tags(province.cbs_code if province else ""))
    page = Paginator(sessions, AGENDA_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "scheduling/agenda.html", {
        "form": form, "page_obj": page, "sessions": page.object_list, "query": query.urlencode(),
        "provinces": Province.objects.order_by("name"),
    })


def _session_or_404(pk: int) -> Session:
    return get_object_or_404(
        Session.objects.with_counts().select_related(
            "course", "trainer", "municipality", "training_day__province", "training_day__host_municipality"),
        pk=pk)


def booking_fee(session: Session):
    """What the booker agrees to with the checkbox: the session's fee, unless a colleague already agreed to it."""
    return 0 if fees.agreed_fee(session) else fees.fee_for(session)


@require_GET
def session_detail(request, pk: int):
    session = _session_or_404(pk)
    user = request.user
    my_booking = None
    my_offer = None
    problem = booking_service.booking_closed_reason(session)
    if user.is_authenticated:
        my_booking = session.bookings.active().filter(user=user).first()
        problem = problem or booking_service.eligibility_problem(session, user)
        if my_booking is not None and my_booking.status == Booking.Status.WAITING:
            my_offer = my_booking.offers.open().first()
    page_cache.tag(request, f"user:{session.trainer_id}")  # the trainer is named on the page
    agreed = fees.agreed_fee(session)
    return render(request, "scheduling/session_detail.html", {
        "session": session,
        "day": session.training_day,
        "seats_left": session.seats_left,
        "fee": agreed.amount if agreed else fees.fee_for(session),
        "fee_text": fees.session_fee_text(session),
        "fee_agreed": agreed is not None,
        "my_booking": my_booking,
        "my_offer": my_offer,
        "offer_paths": offers.offer_paths(my_offer) if my_offer else None,
        "late_cancellation": (booking_service.late_cancellation_message(session)
                              if my_booking and booking_service.past_cancellation_deadline(my_booking) else ""),
        "problem": problem,
        "form": BookForm(session=session, fee=booking_fee(session)),
        "can_see_attendees": user.has_perm("scheduling.see_attendees", session),
        "course_url": session.course.get_url(request),
    })


@login_required
@require_POST
def book(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    form = BookForm(request.POST, session=session, fee=booking_fee(session))
    if not form.is_valid():
        messages.error(request, _("Vink aan dat uw gemeente akkoord gaat met de vergoeding."))
        return redirect(session)
    try:
        result = booking_service.book(session.pk, request.user)
    except booking_service.BookingError as error:
        messages.error(request, error.message)
    else:
        if result.status == Booking.Status.CONFIRMED:
            messages.success(request, _("U heeft een plaats. De bevestiging met de agenda-afspraak staat in uw "
                                        "mailbox."))
        else:
            messages.warning(request, _("De sessie is vol: u staat op de wachtlijst. Komt er een plaats vrij, "
                                        "dan bieden we haar u per e-mail aan."))
    return redirect(session)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    """GET asks "are you sure?" (a page of its own, no JavaScript needed); POST cancels."""
    booking = get_object_or_404(Booking.objects.select_related("session", "session__training_day",
                                                               "session__trainer"), pk=pk)
    back = "mijn-boekingen" if request.GET.get("next", request.POST.get("next")) == "mijn-boekingen" else ""
    if request.method == "GET":
        if not request.user.has_perm("scheduling.manage_booking", booking):
            raise Http404
        late = booking_service.past_cancellation_deadline(booking, by=request.user)
        return render(request, "scheduling/cancel_confirm.html", {
            "booking": booking, "session": booking.session, "next": back,
            "may_cancel": booking_service.may_cancel(booking, by=request.user),
            "late_cancellation": booking_service.late_cancellation_message(booking.session) if late else "",
            "back_url": "/agenda/mijn-boekingen/" if back else booking.session.get_absolute_url(),
        })
    try:
        booking_service.cancel(booking.pk, request.user)
    except booking_service.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Uw boeking is geannuleerd."))
    if back:
        return redirect("scheduling:my_bookings")
    return redirect(booking.session)


@login_required
@require_GET
def my_bookings(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    # Only the columns the page shows: a whole Wagtail CoursePage (and four more objects) per booking cost ~10 ms.
    fee = SessionFee.objects.filter(session=OuterRef("session"), municipality=OuterRef("municipality"))
    offer = SeatOffer.objects.open().filter(booking=OuterRef("pk"))
    bookings = list(Booking.objects.filter(user=request.user).select_related("session")
                    .only("status", "session__starts_at", "session__ends_at", "session__status")
                    .annotate(course_title=F("session__course__title"),
                              session_fee=Subquery(fee.values("amount")[:1]),
                              offer_expires_at=Subquery(offer.values("expires_at")[:1]))
                    .order_by("-session__starts_at", "-pk"))
    now = timezone.now()
    settings = SchedulingSettings.load()
    for booking in bookings:
        booking.cancellable = booking_service.may_cancel(booking, now, settings=settings)
        booking.fee_label = fees.euro(booking.session_fee) if booking.session_fee else ""
    return render(request, "scheduling/my_bookings.html", {
        "upcoming": [b for b in reversed(bookings) if b.session.ends_at >= now],
        "past": [b for b in bookings if b.session.ends_at < now],
        "feed_url": calendars.absolute_url(feed.get_absolute_url()),
        "now": now,
    })


@login_required
@require_POST
def renew_feed(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed.renew()
    messages.success(request, _("Uw agenda-link is vernieuwd. De oude link werkt niet meer; abonneer uw agenda "
                                "op de nieuwe link."))
    return redirect("scheduling:my_bookings")


@login_required
@require_http_methods(["GET", "POST"])
def attendees(request, pk: int):
    session = _session_or_404(pk)
    if not request.user.has_perm("scheduling.see_attendees", session):
        raise PermissionDenied
    if request.method == "POST":
        try:
            booking_id = int(request.POST.get("booking", ""))
            present = {"aanwezig": True, "afwezig": False}[request.POST.get("status", "")]
            if not session.bookings.filter(pk=booking_id).exists():
                raise KeyError
        except (KeyError, ValueError):
            messages.error(request, _("Kies een deelnemer en aanwezig of afwezig."))
        else:
            try:
                booking_service.mark_attendance(booking_id, present, request.user)
            except booking_service.BookingError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Aanwezigheid opgeslagen."))
        return redirect("scheduling:session_attendees", pk=session.pk)
    bookings = list(session.bookings.active().select_related("user", "municipality").order_by("created_at", "pk"))
    open_offers = {o.booking_id: o for o in offers.open_offers(session)}
    for booking in bookings:
        booking.open_offer = open_offers.get(booking.pk)
    evaluation_list = list(session.evaluations.order_by("-created_at"))
    return render(request, "scheduling/attendees.html", {
        "session": session,
        "seated": [b for b in bookings if b.holds_seat],
        "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
        "may_mark": timezone.localdate(session.starts_at) <= timezone.localdate(),
        "summary": evaluations.summarise(session.evaluations.all()),
        "comments": [e for e in evaluation_list if e.comments],
    })


@login_required
@require_GET
@permission_required("scheduling.see_own_sessions")
def my_sessions(request):
    """The trainer's own sessions (coordinators: all), with bookings and evaluation averages."""
    sessions = (Session.objects.with_counts()
                .select_related("course", "training_day__province", "municipality").order_by("-starts_at", "-pk"))
    if not rules.has_perm("scheduling.see_coverage", request.user):  # coordinators see every session
        sessions = sessions.filter(trainer=request.user)
    page = Paginator(sessions, 25).get_page(request.GET.get("pagina"))
    summaries = evaluations.session_summaries(s.pk for s in page.object_list)
    rows = [(s, summaries.get(s.pk)) for s in page.object_list]
    return render(request, "scheduling/my_sessions.html", {"rows": rows, "page_obj": page})


def _calendar_response(request, calendar: calendars.CalendarFile, filename: str,
                       cache_control: str = "") -> HttpResponse:
    """A calendar file as calendar apps poll it: GET and HEAD, with ETag and Last-Modified, and 304 Not Modified
    when the app's copy (If-None-Match, or else If-Modified-Since) is still the current one."""
    response = HttpResponse(calendar.content, content_type=calendars.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = quote_etag(hashlib.sha256(calendar.content).hexdigest()[:32])
    last_modified = None
    if calendar.last_modified:
        last_modified = int(calendar.last_modified.timestamp())
        response["Last-Modified"] = http_date(last_modified)
    if cache_control:
        response["Cache-Control"] = cache_control
    return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified, response=response)


@require_safe
def session_ics(request, pk: int):
    """The public file of one session (without the online link)."""
    session = get_object_or_404(Session.objects.select_related(
        "course", "trainer", "municipality", "training_day__province", "training_day__host_municipality"), pk=pk)
    return _calendar_response(request, calendars.session_calendar(session), f"sessie-{session.pk}.ics")


@require_safe
def province_ics(request, code: str):
    province = get_object_or_404(Province, cbs_code=code.upper())
    return _calendar_response(request, calendars.province_calendar(province), f"trainingnet-{province.slug}.ics")


@require_safe
def personal_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    # Private (never in a shared cache: the address is secret), but apps may keep a copy and ask whether it changed.
    return _calendar_response(request, calendars.personal_calendar(feed.user), "mijn-trainingen.ics",
                              cache_control="private, no-cache")


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("scheduling.make_pledge")
def pledge_create(request):
    user = request.user
    municipality = user.municipality
    allowed = pledges.may_pledge_for(user, municipality)
    form = PledgeForm(request.POST or None, municipality=municipality) if allowed else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            pledges.pledge(user, data["maand"], data["provincie"], data["dagen"], data["opmerking"])
        except pledges.PledgeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Dank u wel! Uw toezegging voor %(month)s is genoteerd.")
                             % {"month": month_label(data["maand"])})
            return redirect("scheduling:pledge_create")
    own = (Pledge.objects.filter(municipality=municipality).select_related("province", "trainer")
           .order_by("-month") if municipality else Pledge.objects.none())
    return render(request, "scheduling/pledge_form.html", {
        "form": form, "allowed": allowed, "municipality": municipality, "pledges": own[:24],
    })


@login_required
@require_GET
@permission_required("scheduling.see_coverage")
def coverage(request):
    month = parse_month(request.GET.get("maand"))
    if month is None and request.GET.get("maand"):
        messages.warning(request, _("Die maand bestaat niet. U ziet de dekking van deze maand."))
    month = month or timezone.localdate().replace(day=1)
    rows = pledges.coverage(month)
    return render(request, "scheduling/coverage.html", {
        "rows": rows, "month": month, "month_label": month_label(month),
        "previous": month_value(month - relativedelta(months=1)), "next": month_value(month + relativedelta(months=1)),
        "short": [row for row in rows if not row.covered],
        "target": rows[0].target if rows else 2,
    })


@require_http_methods(["GET", "POST"])
def evaluation(request, token: str):
    booking = evaluations.booking_for_token(token)
    if booking is None:
        return render(request, "scheduling/evaluation_invalid.html", status=404)
    if evaluations.already_evaluated(booking):
        return render(request, "scheduling/evaluation_done.html", {"session": booking.session,
                                                                          "again": True})
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluations.submit(booking, **form.cleaned_data)
        except evaluations.EvaluationError:
            pass
        return render(request, "scheduling/evaluation_done.html", {"session": booking.session})
    return render(request, "scheduling/evaluation_form.html", {"form": form, "session": booking.session,
                                                                      "booking": booking})


def province_agenda_sessions(province, limit: int = 5) -> list[Session]:
    """Upcoming sessions of a province for its page (one query)."""
    return list(agenda_sessions().filter(training_day__province=province)[:limit])


def course_upcoming_sessions(course, limit: int = 10) -> list[Session]:
    return list(agenda_sessions().filter(course=course)[:limit])



def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@require_http_methods(["GET", "POST"])
def seat_offer(request, token: str):
    """The answer to a seat offered from the waiting list, through the signed link in the mail: a page with one
    button (mail scanners open links; only the button acts). Works without logging in; the link works once."""
    try:
        offer, action = offers.read_token(token)
    except offers.OfferError as error:
        return _private(render(request, "scheduling/seat_offer.html", {"error": error.message}, status=404))
    if request.method == "POST":
        try:
            if action == "accept":
                offers.accept(offer.pk)
                messages.success(request, _("De plaats is van u. De bevestiging met de agenda-afspraak staat in uw "
                                            "mailbox."))
            else:
                offers.decline(offer.pk)
                messages.success(request, _("Dank u wel voor uw antwoord. De plaats gaat naar de volgende op de "
                                            "wachtlijst."))
        except offers.OfferError as error:
            messages.error(request, error.message)
        return redirect(request.path)
    now = timezone.now()
    offer.refresh_from_db()
    if offer.is_open and offer.expires_at <= now:
        offers.expire_offers(now)
        offer.refresh_from_db()
    session = offer.booking.session
    return _private(render(request, "scheduling/seat_offer.html", {
        "offer": offer, "action": action, "session": session, "day": session.training_day,
        "answered": "" if offer.is_open else offers.answered_message(offer),
        "fee_text": fees.session_fee_text(session),
    }))


@login_required
@require_GET
def attendees_csv(request, pk: int):
    session = _session_or_404(pk)
    if not request.user.has_perm("scheduling.see_attendees", session):
        raise PermissionDenied
    day = timezone.localdate(session.starts_at)
    return _csv_response(exports.as_csv(exports.attendee_rows(session)), f"deelnemers-sessie-{session.pk}-{day}.csv")


def _fee_month(request):
    month = parse_month(request.GET.get("maand"))
    if month is None and request.GET.get("maand"):
        messages.warning(request, _("Die maand bestaat niet. U ziet de vergoedingen van deze maand."))
    return month or timezone.localdate().replace(day=1)


@login_required
@require_GET
@permission_required("scheduling.see_fees")
def fee_list(request):
    """The coordinators' list of the fees of tailored sessions in a month, as they are invoiced."""
    month = _fee_month(request)
    lines = fees.month_fees(month)
    return render(request, "scheduling/fee_list.html", {
        "lines": [(line, fees.fee_text(line.fee.amount, line.fee.municipality.name)) for line in lines],
        "total": sum((line.fee.amount for line in lines), fees.FREE),
        "month": month, "month_label": month_label(month), "month_value": month_value(month),
        "previous": month_value(month - relativedelta(months=1)), "next": month_value(month + relativedelta(months=1)),
    })


@login_required
@require_GET
@permission_required("scheduling.see_fees")
def fee_csv(request):
    month = _fee_month(request)
    return _csv_response(exports.as_csv(exports.fee_rows(fees.month_fees(month))),
                         f"trainingnet-vergoedingen-{month_value(month)}.csv")
