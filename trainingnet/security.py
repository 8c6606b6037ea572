"""The Content Security Policy: strict on the public site, with inline styles and scripts allowed only in the
Wagtail admin (whose editor needs them)."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_RELAXATION = {"script-src": ["'unsafe-inline'", "'unsafe-eval'"], "style-src": ["'unsafe-inline'"],
                    "img-src": ["data:", "blob:"], "font-src": ["data:"]}


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIXES):
            parts.update = {**(parts.update or {}), **ADMIN_RELAXATION}
        return parts
