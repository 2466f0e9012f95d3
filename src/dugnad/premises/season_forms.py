"""Input shapes of the season allocation pages (rules live in ``season.py``)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dugnad.directory.models import Organisation
from dugnad.premises.models import (
    AllocationAdjustment,
    PriorityCriterion,
    SeasonApplication,
    Space,
)
from dugnad.premises.season_models import Weekday


class SpaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.building.name}: {obj.name}"


class SpacesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.building.name}: {obj.name}"


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RoundForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_("E.g. Sports halls 2027–2028.")
    )
    season_start = forms.DateField(
        label=_("Season starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    season_end = forms.DateField(
        label=_("Season ends"), widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Application deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Applications are accepted until the end of this day."),
    )
    day_start = forms.TimeField(
        label=_("Daily hours from"), initial=datetime.time(8), widget=_time_input()
    )
    day_end = forms.TimeField(
        label=_("Daily hours to"), initial=datetime.time(23), widget=_time_input()
    )
    spaces = SpacesChoiceField(
        label=_("Spaces"), queryset=Space.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["spaces"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 (declared above)
        field.queryset = spaces

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("deadline"):
            zone = ZoneInfo(settings.TIME_ZONE)
            data["deadline_at"] = datetime.datetime.combine(
                data["deadline"], datetime.time(23, 59, 59), tzinfo=zone
            )
        return data


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    activity = forms.CharField(
        label=_("Activity"), max_length=150, help_text=_("E.g. handball training for girls 10–12.")
    )
    age_group = forms.ChoiceField(label=_("Target age group"), choices=SeasonApplication.AgeGroup)
    members = forms.IntegerField(label=_("Number of members"), min_value=0, max_value=1_000_000)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = organisations


class WishForm(forms.Form):
    """One wanted slot. Nothing is preselected, so an untouched extra form stays empty."""

    space = SpaceChoiceField(label=_("Space"), queryset=Space.objects.none())
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=[("", "---------"), *Weekday.choices], coerce=int
    )
    start_time = forms.TimeField(label=_("From"), widget=_time_input())
    end_time = forms.TimeField(label=_("To"), widget=_time_input())
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("1 is your most important wish (1 if empty)."),
    )
    alternatives = SpacesChoiceField(
        label=_("Acceptable alternatives"),
        queryset=Space.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("space", "alternatives"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
            field.queryset = spaces

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The booking must end after it starts."))
        return data


WishFormSet = forms.formset_factory(WishForm, extra=5, max_num=40, validate_max=True)


class PrioritiesForm(forms.Form):
    """One position field per criterion; blank leaves it out."""

    def __init__(self, *args: Any, current: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in PriorityCriterion.Kind.choices:
            self.fields[kind] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=len(PriorityCriterion.Kind.choices),
                required=False,
                initial=current.index(kind) + 1 if kind in current else None,
            )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        positions = [(v, k) for k, v in data.items() if v is not None]
        if len({v for v, _k in positions}) != len(positions):
            raise forms.ValidationError(_("Give each criterion its own position."))
        data["kinds"] = [k for _v, k in sorted(positions)]
        return data


class AdjustForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Change"), choices=AllocationAdjustment.Action, widget=forms.RadioSelect
    )
    space = SpaceChoiceField(label=_("Space"), queryset=Space.objects.none(), required=False)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "---------"), *Weekday.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    start_time = forms.TimeField(label=_("From"), widget=_time_input(), required=False)
    end_time = forms.TimeField(label=_("To"), widget=_time_input(), required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded, and shown to the applicant in the decision."),
    )

    def __init__(self, *args: Any, spaces: QuerySet[Space], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["space"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = spaces
