"""The shape of volunteering input and its messages; the rules live in services."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.models import District, Municipality
from dugnad.people.models import User
from dugnad.volunteering.models import ContactTopic, Interest, Language, Need, Suits


class NeedForm(forms.ModelForm):
    """What a coordinator says about a need."""

    suits = forms.MultipleChoiceField(
        label=_("Suits"),
        choices=Suits.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.MultipleChoiceField(
        label=_("Kind of work"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "why",
            "district",
            "address",
            "is_remote",
            "suits",
            "minimum_age",
            "languages",
            "requires_driving_licence",
            "requires_politiattest",
            "politiattest_renewal_years",
            "contact_name",
            "contact_email",
            "contact_phone",
            "auto_accept",
            "interests",
            "escalate_after_days",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "why": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.in_municipality(municipality)  # type: ignore[attr-defined]
        self.fields["minimum_age"].widget.attrs["max"] = 120
        self.fields["politiattest_renewal_years"].required = False
        self.fields["politiattest_renewal_years"].widget.attrs.update(min=1, max=10)

    def clean_politiattest_renewal_years(self) -> int:
        years: int | None = self.cleaned_data.get("politiattest_renewal_years")
        if years is None:
            return 3
        if not 1 <= years <= 10:
            raise forms.ValidationError(_("Give a number of years between 1 and 10."))
        return years

    def clean_minimum_age(self) -> int | None:
        age: int | None = self.cleaned_data.get("minimum_age")
        if age is not None and age > 120:
            raise forms.ValidationError(_("Give an age between 0 and 120."))
        return age


class ShiftForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=1)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(k) is not None for k in ("date", "start", "end")):
            zone = timezone.get_current_timezone()
            starts = datetime.datetime.combine(data["date"], data["start"], tzinfo=zone)
            ends = datetime.datetime.combine(data["date"], data["end"], tzinfo=zone)
            if ends <= starts:
                self.add_error("end", _("The shift must end after it starts."))
            elif starts <= timezone.now():
                self.add_error("date", _("The shift must start in the future."))
            data["starts_at"], data["ends_at"] = starts, ends
        return data


class PolitiattestForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Volunteer"), queryset=User.objects.none())
    checked_on = forms.DateField(
        label=_("Certificate shown on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only that it was shown is recorded. Do not keep the certificate or a copy."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda u: u.full_name or u.email  # type: ignore[attr-defined]


class NeedFilterForm(forms.Form):
    bydel = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    passer = forms.ChoiceField(
        label=_("Suits"), choices=[("", _("Anyone")), *Suits.choices], required=False
    )
    fjern = forms.BooleanField(label=_("Can be done remotely"), required=False)

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bydel"].queryset = District.objects.in_municipality(municipality)  # type: ignore[attr-defined]
        self.fields["bydel"].empty_label = _("All districts")  # type: ignore[attr-defined]


def _weekday_choices() -> list[tuple[str, Any]]:
    from django.utils.dates import WEEKDAYS

    return [(str(day), WEEKDAYS[day]) for day in range(7)]


class ProfileForm(forms.Form):
    """A volunteer's own profile, and what they may be contacted about."""

    interests = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(
        label=_("Skills and experience"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a driving licence, first aid, or work you have done."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Where can you help?"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    morning = forms.MultipleChoiceField(
        label=_("Mornings you are free"),
        choices=_weekday_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    afternoon = forms.MultipleChoiceField(
        label=_("Afternoons you are free"),
        choices=_weekday_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evening = forms.MultipleChoiceField(
        label=_("Evenings you are free"),
        choices=_weekday_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    suits = forms.MultipleChoiceField(
        label=_("Tasks for"),
        choices=Suits.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We show tasks meant for people like you first."),
    )
    consents = forms.MultipleChoiceField(
        label=_("You may contact me about"),
        choices=ContactTopic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You can withdraw a consent at any time by unticking it."),
    )

    PARTS = ("morning", "afternoon", "evening")

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.in_municipality(municipality)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, profile: Any, consents: set[str]) -> dict[str, Any]:
        if profile is None:
            return {"consents": sorted(consents)}
        initial: dict[str, Any] = {
            "interests": profile.interests,
            "skills": profile.skills,
            "languages": profile.languages,
            "districts": list(profile.districts.all()),
            "suits": profile.suits,
            "consents": sorted(consents),
        }
        for part in cls.PARTS:
            initial[part] = [c.split("-")[0] for c in profile.availability if c.endswith(part)]
        return initial

    def availability(self) -> list[str]:
        return [f"{day}-{part}" for part in self.PARTS for day in self.cleaned_data.get(part, [])]


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.25"), max_value=24, decimal_places=2, max_digits=5
    )
