from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.api import api_router
from trainingnet import views

urlpatterns = [
    # One way in: the login forms of Django's admin, Wagtail's admin and Wagtail's page privacy send to allauth's.
    path("django-admin/login/", views.login_elsewhere, name="django_admin_login"),
    path("admin/login/", views.login_elsewhere, name="wagtailadmin_login_elsewhere"),
    path("_util/login/", views.login_elsewhere, name="wagtailcore_login"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("accounts/profiel/", views.profile, name="account_profile"),
    path("accounts/mijn-gegevens/", views.download_personal_data, name="account_data_export"),
    path("accounts/verwijderen/", views.delete_own_account, name="account_delete"),
    path("accounts/", include("allauth.urls")),
    path("taal/<str:code>/", views.switch_language, name="switch_language"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("mijn/", views.my_trainingnet, name="my_trainingnet"),
    path("beheer-toegang/", views.admin_access, name="admin_access"),
    path("healthz/", views.healthz, name="healthz"),
    path("provincies/", views.province_list, name="province_list"),
    path("provincies/<slug:slug>/", views.province_detail, name="province_detail"),
    path("", include("courses.urls")),
    path("", include("scheduling.urls")),
    path("", include("experts.urls")),
    path("", include("support_requests.urls")),
    path("", include("maturity.urls")),
    path("", include("cascade.urls")),
    path("", include("dashboard.urls")),
    path("", include("questions.urls")),
]

if settings.DEBUG:
    urlpatterns += views.development_media_patterns()

urlpatterns.append(path("", include(wagtail_urls)))
