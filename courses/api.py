"""The read-only JSON API of the catalogue (Wagtail API v2 at /api/v2/), for municipal intranets.

`/api/v2/pages/?type=courses.CoursePage&fields=summary,format,topic_names` lists the published courses.
Only live, public pages are served; materials that are for network members only are left out.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
