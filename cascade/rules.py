"""Who may do what with passing a training on (checked with `user.has_perm(name, booking)`).

The doorgeefpakket of a booking is for the person who was there (marked present), the trainer of the session and the
coordinators; only the participant records what they passed on and their practice example. Coordinators see the
reach figures and turn a consented practice example into a knowledge-base article draft.
"""

import rules

from trainingnet.roles import is_coordinator


@rules.predicate
def was_present(user, booking) -> bool:
    """The person made this booking and the trainer marked them present."""
    return (booking is not None and user.is_authenticated and booking.user_id == user.pk
            and booking.status == booking.Status.ATTENDED)


@rules.predicate
def gave_the_session(user, booking) -> bool:
    return booking is not None and user.is_authenticated and booking.session.trainer_id == user.pk


@rules.predicate
def booking_was_attended(user, booking) -> bool:
    return booking is not None and booking.status == booking.Status.ATTENDED


rules.add_perm("cascade.see_package", booking_was_attended & (was_present | gave_the_session | is_coordinator))
rules.add_perm("cascade.record_passing_on", was_present)
rules.add_perm("cascade.see_reach", is_coordinator)
rules.add_perm("cascade.publish_practice", is_coordinator)
