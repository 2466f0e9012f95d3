"""Forms of call-outs, health ambassadors, the Mentor programme and the overview."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.directory.queries import LANGUAGES
from dugnad.municipalities.models import District, Municipality, Service
from dugnad.volunteering.models import GoalsMet, MentorSide, Skill

LANGUAGE_CHOICES = [(code, label) for code, label in LANGUAGES.items()]


def _districts(field: forms.Field, municipality: Municipality | None) -> None:
    field.queryset = District.objects.in_municipality(municipality)  # type: ignore[attr-defined]


class ResponderForm(forms.Form):
    """What a person registers to be called out."""

    is_emergency_volunteer = forms.BooleanField(
        label=_("I can be called out as an emergency volunteer"), required=False, initial=True
    )
    is_health_ambassador = forms.BooleanField(
        label=_("I want to be a health ambassador (information in my languages)"),
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("What I can help with"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Where I can help"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to be asked anywhere in the municipality."),
    )
    by_email = forms.BooleanField(label=_("You may contact me by e-mail"), required=False)
    by_sms = forms.BooleanField(label=_("You may contact me by SMS"), required=False)
    phone = forms.CharField(label=_("Mobile number"), max_length=30, required=False)

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _districts(self.fields["districts"], municipality)


class CalloutForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills (any of)"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages (any of)"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts (any of)"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ambassadors_only = forms.BooleanField(
        label=_("Send to health ambassadors instead of emergency volunteers"), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _districts(self.fields["districts"], municipality)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The call-out must end after it starts."))
        return data


class AmbassadorSearchForm(forms.Form):
    sprak = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *LANGUAGE_CHOICES], required=False
    )
    bydel = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _districts(self.fields["bydel"], municipality)
        self.fields["bydel"].empty_label = _("All districts")  # type: ignore[attr-defined]


class OverviewFilterForm(forms.Form):
    fra = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    til = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    bydel = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    tjeneste = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _districts(self.fields["bydel"], municipality)
        self.fields["bydel"].empty_label = _("All districts")  # type: ignore[attr-defined]
        self.fields["tjeneste"].queryset = Service.objects.in_municipality(municipality)  # type: ignore[attr-defined]
        self.fields["tjeneste"].empty_label = _("All services and organisations")  # type: ignore[attr-defined]

    @staticmethod
    def default_period() -> tuple[datetime.date, datetime.date]:
        """Eight weeks back and eight weeks ahead, whole weeks from Monday."""
        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.weekday())
        return monday - datetime.timedelta(weeks=8), monday + datetime.timedelta(weeks=8, days=6)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fra"), data.get("til")
        if start and end:
            if end < start:
                self.add_error("til", _("The period must end after it starts."))
            elif (end - start).days > 366 * 2:
                self.add_error("til", _("Choose a period of at most two years."))
        return data


class MentorProfileForm(forms.Form):
    side = forms.ChoiceField(label=_("I want to be"), choices=MentorSide.choices)
    profession = forms.CharField(label=_("Profession or field"), max_length=150)
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.CharField(label=_("Interests"), max_length=300, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, municipality: Municipality | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _districts(self.fields["district"], municipality)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the mentorship? (1 = not at all, 5 = very)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    goals_met = forms.ChoiceField(
        label=_("Were your goals met?"), choices=GoalsMet.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
