from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.models import Municipality
from dugnad.people.models import ROLE_SCOPES, Role, User


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    field_order = ["full_name", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs.pop("placeholder", None)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted."),
        required=True,
    )


def scope_choices(municipality: Municipality) -> list[tuple[str, list[tuple[str, str]]]]:
    """Objects a scoped role can be held on, grouped by kind, as "app.model:pk" values.

    Models are looked up by name so that ``people`` never imports the modules
    above it.
    """
    groups = []
    for app_label, model_name in sorted(set(ROLE_SCOPES.values())):
        model = apps.get_model(app_label, model_name)
        objects = model._default_manager.filter(municipality=municipality).order_by("name")
        options = [(f"{app_label}.{model_name}:{obj.pk}", str(obj)) for obj in objects]
        if options:
            groups.append((str(model._meta.verbose_name).capitalize(), options))
    return groups


class RoleAssignmentForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    scope = forms.ChoiceField(
        label=_("Held on"),
        required=False,
        help_text=_(
            "Organisation roles are held on an organisation, booking managers on a building "
            "and volunteer coordinators on a service. Leave empty for the other roles."
        ),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        scope_field = self.fields["scope"]
        assert isinstance(scope_field, forms.ChoiceField)  # noqa: S101
        scope_field.choices = [
            ("", _("The whole municipality")),
            *scope_choices(municipality),
        ]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if not User.objects.filter(email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(
                _(
                    "No one has an account with this e-mail address. "
                    "Ask the person to register first."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        value = cleaned.get("scope") or ""
        cleaned["scope_object"] = None
        if value:
            label, _sep, pk = value.partition(":")
            app_label, _dot, model_name = label.partition(".")
            model = apps.get_model(app_label, model_name)
            cleaned["scope_object"] = model._default_manager.filter(
                municipality=self.municipality, pk=pk
            ).first()
        return cleaned

    @property
    def person(self) -> User:
        return User.objects.get(email__iexact=self.cleaned_data["email"])
