"""Input shapes of the premises forms (rules live in services)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dugnad.directory.models import Organisation
from dugnad.municipalities.models import District
from dugnad.premises.models import Building, BuildingPhoto, Space


class BookingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    purpose = forms.CharField(
        label=_("What is the booking for?"),
        max_length=200,
        help_text=_("E.g. board meeting, choir practice."),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    commercial = forms.BooleanField(
        label=_("Commercial activity (sales, paid courses, private parties with a fee)"),
        required=False,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", _("The booking must end after it starts."))
            else:
                zone = ZoneInfo(settings.TIME_ZONE)
                data["start"] = datetime.datetime.combine(day, start, tzinfo=zone)
                data["end"] = datetime.datetime.combine(day, end, tzinfo=zone)
        return data


class SeriesForm(forms.Form):
    """A weekly booking: the weekday of the first date, every week to the last."""

    first_date = forms.DateField(
        label=_("First date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The booking repeats every week on this weekday."),
    )
    last_date = forms.DateField(
        label=_("Last date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = BookingForm.base_fields["start_time"]
    end_time = BookingForm.base_fields["end_time"]
    purpose = BookingForm.base_fields["purpose"]
    organisation = BookingForm.base_fields["organisation"]
    commercial = BookingForm.base_fields["commercial"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        first, last = data.get("first_date"), data.get("last_date")
        start, end = data.get("start_time"), data.get("end_time")
        if first and last and last < first:
            self.add_error("last_date", _("The last date must be after the first."))
        elif first and last and (last - first).days > 366:
            self.add_error("last_date", _("A series can last at most a year."))
        if start and end and end <= start:
            self.add_error("end_time", _("The booking must end after it starts."))
        return data


class PeriodForm(forms.Form):
    """A period of dates (``fra`` and ``til``) for reports."""

    fra = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    til = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", _("The last date must be after the first."))
        return data


class FreeSearchForm(forms.Form):
    """Search for free rooms (GET parameters in Norwegian, like ``uke``)."""

    dato = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    fra = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    til = forms.TimeField(
        label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    type = forms.ChoiceField(label=_("Kind of room"), required=False)
    kapasitet = forms.IntegerField(
        label=_("At least this many people"), required=False, min_value=1
    )
    fasilitet = forms.CharField(
        label=_("Facility or equipment"),
        required=False,
        max_length=100,
        help_text=_("E.g. piano, projector, kitchen."),
    )
    bydel = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["type"]
        assert isinstance(kind, forms.ChoiceField)  # noqa: S101 (declared above)
        kind.choices = [("", _("All")), *Space.Kind.choices]
        district = self.fields["bydel"]
        assert isinstance(district, forms.ModelChoiceField)  # noqa: S101 (declared above)
        district.queryset = districts

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day, start, end = data.get("dato"), data.get("fra"), data.get("til")
        if day and start and end:
            if end <= start:
                self.add_error("til", _("The booking must end after it starts."))
            else:
                zone = ZoneInfo(settings.TIME_ZONE)
                data["start"] = datetime.datetime.combine(day, start, tzinfo=zone)
                data["end"] = datetime.datetime.combine(day, end, tzinfo=zone)
        return data


class BuildingInformationForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["access_information", "universal_design"]
        widgets = {
            "access_information": forms.Textarea(attrs={"rows": 3}),
            "universal_design": forms.Textarea(attrs={"rows": 3}),
        }


class PhotoForm(forms.ModelForm):
    class Meta:
        model = BuildingPhoto
        fields = ["image", "alt_text"]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who asked gets it by e-mail."),
    )
