"""Input shapes of the directory's forms (rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dugnad.directory.models import IcnpoCategory, Organisation, TargetGroup
from dugnad.directory.queries import LANGUAGES
from dugnad.directory.validators import validate_organisation_number
from dugnad.municipalities.models import District, Municipality
from dugnad.people.models import Role


class ClaimByNumberForm(forms.Form):
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=11,
        help_text=_("Nine digits. You find it in the Brønnøysund registers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_organisation_number(self) -> str:
        number = self.cleaned_data["organisation_number"].replace(" ", "")
        validate_organisation_number(number)
        return number


class ClaimForm(forms.Form):
    role_in_organisation = forms.CharField(
        label=_("Your role in the organisation"),
        max_length=100,
        help_text=_("E.g. chair, secretary."),
    )
    message = forms.CharField(
        label=_("Message to the case officer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegisterOrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=11,
        required=False,
        help_text=_("Leave empty if the organisation is not registered in Brønnøysund."),
    )
    description = forms.CharField(
        label=_("What the organisation does"), widget=forms.Textarea(attrs={"rows": 4})
    )
    role_in_organisation = forms.CharField(
        label=_("Your role in the organisation"),
        max_length=100,
        help_text=_("E.g. chair, secretary."),
    )

    def clean_organisation_number(self) -> str:
        number = self.cleaned_data["organisation_number"].replace(" ", "")
        if number:
            validate_organisation_number(number)
        return number


class DecideClaimForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject. The person gets it by e-mail."),
    )


class ProfileForm(forms.ModelForm):
    """What an organisation keeps about itself."""

    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=IcnpoCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages used"),
        choices=list(LANGUAGES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    membership_fee_kroner = forms.DecimalField(
        label=_("Membership fee a year (NOK)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )
    social_links_text = forms.CharField(
        label=_("Social media links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "logo",
            "description",
            "street_address",
            "postal_code",
            "postal_place",
            "email",
            "phone",
            "website",
            "accessibility",
            "membership_fee_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.in_municipality(municipality)  # type: ignore[attr-defined]
        organisation: Organisation = self.instance
        if organisation.pk:
            self.initial.setdefault("categories", list(organisation.categories.all()))
            self.initial.setdefault("districts", list(organisation.districts.all()))
            self.initial.setdefault("target_groups", organisation.target_groups)
            self.initial.setdefault("languages", organisation.languages)
            self.initial.setdefault("social_links_text", "\n".join(organisation.social_links))
            if organisation.membership_fee_ore is not None:
                self.initial.setdefault(
                    "membership_fee_kroner", organisation.membership_fee_ore / 100
                )

    def clean_social_links_text(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["social_links_text"].splitlines()]
        validate = forms.URLField(assume_scheme="https").clean
        return [validate(link) for link in links if link]

    def changes(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        kroner = self.cleaned_data.get("membership_fee_kroner")
        data["membership_fee_ore"] = None if kroner is None else round(kroner * 100)
        data["target_groups"] = list(self.cleaned_data["target_groups"])
        data["languages"] = list(self.cleaned_data["languages"])
        data["social_links"] = self.cleaned_data["social_links_text"]
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("As"),
        choices=[
            (Role.ORGANISATION_MEMBER, _("Member")),
            (Role.ORGANISATION_ADMIN, _("Administrator (can edit the page and invite others)")),
        ],
        initial=Role.ORGANISATION_MEMBER,
        widget=forms.RadioSelect,
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the organisation hidden?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log and shown to the organisation's administrators."),
    )
