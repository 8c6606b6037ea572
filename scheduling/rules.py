"""Who may do what with the train-your-colleague days (checked with `user.has_perm(name, obj)`)."""

import rules

from trainingnet.roles import is_coordinator, is_trainer


@rules.predicate
def gives_the_session(user, session) -> bool:
    return session is not None and user.is_authenticated and session.trainer_id == user.pk


@rules.predicate
def made_the_booking(user, booking) -> bool:
    return booking is not None and user.is_authenticated and booking.user_id == user.pk


# The trainer of a session sees (and keeps) its attendee list; coordinators see every list.
rules.add_perm("scheduling.see_attendees", is_coordinator | gives_the_session)
# Staff cancel their own bookings; coordinators any booking.
rules.add_perm("scheduling.manage_booking", is_coordinator | made_the_booking)
rules.add_perm("scheduling.see_own_sessions", is_coordinator | is_trainer)
rules.add_perm("scheduling.make_pledge", is_trainer)
rules.add_perm("scheduling.see_coverage", is_coordinator)
# Coordinators book and cancel on someone's behalf (through the same rules) and see the fees to invoice.
rules.add_perm("scheduling.book_on_behalf", is_coordinator)
rules.add_perm("scheduling.see_fees", is_coordinator)
