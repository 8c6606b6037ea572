"""The other parts of the platform that maturity and the dashboard read, when they exist.

Courses, the scheduler and support requests are built alongside; their models are looked up here, in one place,
and every caller treats `None` as "this part is not there (yet)".
"""

from __future__ import annotations

from django.apps import apps
from django.db import models


def optional_model(app_label: str, model_name: str) -> type[models.Model] | None:
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def course_page_model() -> type[models.Model] | None:
    return optional_model("courses", "CoursePage")


def booking_model() -> type[models.Model] | None:
    return optional_model("scheduling", "Booking")
