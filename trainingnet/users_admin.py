"""The Wagtail user admin with the Trainingnet profile fields (municipality, job title).

Coordinators grant roles here: the Roles tab lists the four groups of trainingnet.roles. Only a superuser sees the
Administrator checkbox or changes a superuser's password or email address (`roles.may_grant_superuser`,
`roles.may_change_credentials`); those fields are left out of the form or disabled, so a posted value is ignored.
"""

from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from trainingnet import roles
from trainingnet.forms import municipality_field

PROFILE_FIELDS = ("municipality", "job_title")


class RoleRulesMixin:
    """Leaves out of the form what the editing user may not change."""

    def __init__(self, *args, editor=None, **kwargs):
        instance = kwargs.get("instance")
        self.credentials_locked = bool(instance is not None and instance.pk
                                       and not roles.may_change_credentials(editor, instance))
        super().__init__(*args, **kwargs)
        if not roles.may_grant_superuser(editor):
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"].queryset = Group.objects.filter(name__in=roles.ALL_ROLES).order_by("name")
        if self.credentials_locked:
            for name in ("email", "is_active", "groups"):
                if name in self.fields:
                    self.fields[name].disabled = True

    @property
    def password_enabled(self) -> bool:
        """No password fields on a superuser's form for someone who is not a superuser."""
        return not self.credentials_locked and super().password_enabled


class TrainingnetUserCreationForm(RoleRulesMixin, UserCreationForm):
    municipality = municipality_field(required=False)

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class TrainingnetUserEditForm(RoleRulesMixin, UserEditForm):
    municipality = municipality_field(required=False)

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class EditorFormKwargs:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}


class TrainingnetCreateView(EditorFormKwargs, CreateView):
    pass


class TrainingnetEditView(EditorFormKwargs, EditView):
    pass


class UserViewSet(WagtailUserViewSet):
    add_view_class = TrainingnetCreateView
    edit_view_class = TrainingnetEditView

    def get_form_class(self, for_update=False):
        return TrainingnetUserEditForm if for_update else TrainingnetUserCreationForm
