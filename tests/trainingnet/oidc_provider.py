"""A municipality's identity provider for the single sign-on test: django-oauth-toolkit's OpenID Connect provider,
mounted at /o/ next to the site in the live server (`urlpatterns`). Its accounts are the people of `DIRECTORY`: the
account that logs in at the provider → the claims the provider hands out (name and the municipality's address)."""

from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator

import trainingnet.urls

DIRECTORY: dict[str, dict] = {}


class MunicipalityIdentityValidator(OAuth2Validator):
    def get_additional_claims(self, request):
        return {**DIRECTORY.get(request.user.email, {}), "email_verified": True}


urlpatterns = [path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
               *trainingnet.urls.urlpatterns]
