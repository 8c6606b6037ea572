"""The Wagtail user admin with the Trainingnet profile fields (municipality, job title).

Coordinators grant roles here: the Roles tab lists the four groups of trainingnet.roles.
"""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from trainingnet.forms import municipality_field

PROFILE_FIELDS = ("municipality", "job_title")


class TrainingnetUserCreationForm(UserCreationForm):
    municipality = municipality_field(required=False)

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class TrainingnetUserEditForm(UserEditForm):
    municipality = municipality_field(required=False)

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return TrainingnetUserEditForm if for_update else TrainingnetUserCreationForm
