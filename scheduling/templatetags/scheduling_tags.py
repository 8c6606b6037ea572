"""Template tags of the scheduler for pages owned by others: the course page and the province page.

- `{% upcoming_sessions page %}` on a CoursePage: its upcoming sessions and the average evaluation (2 queries).
- `{% province_agenda province %}` on the province page (via CoursesConfig.province_sections): the next sessions
  in that province (1 query).
"""

from django import template

from scheduling.evaluations import course_summary
from scheduling.views import course_upcoming_sessions, province_agenda_sessions
from trainingnet import page_cache

register = template.Library()


@register.inclusion_tag("scheduling/includes/upcoming_sessions.html", takes_context=True)
def upcoming_sessions(context, page, limit: int = 10):
    page_cache.tag(context.get("request"), f"course:{page.pk}")
    return {"sessions": course_upcoming_sessions(page, limit), "summary": course_summary(page),
            "request": context.get("request"), "course": page}


@register.inclusion_tag("scheduling/includes/province_agenda_section.html", takes_context=True)
def province_agenda(context, province, limit: int = 5):
    page_cache.tag(context.get("request"), *page_cache.agenda_tags(province.cbs_code))
    return {"sessions": province_agenda_sessions(province, limit), "province": province,
            "request": context.get("request")}
