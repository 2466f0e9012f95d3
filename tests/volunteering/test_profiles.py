"""Volunteer profiles and contact consents with their history."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dugnad.municipalities.models import Municipality
from dugnad.people.models import User
from dugnad.volunteering import profiles
from dugnad.volunteering.models import ContactConsent, VolunteerProfile
from tests.factories import DistrictFactory
from tests.volunteering.test_views import client_for

pytestmark = pytest.mark.django_db


def test_consent_is_timestamped_withdrawable_and_kept(volunteer: User) -> None:
    profiles.set_consents(person=volunteer, topics=["sms", "new_needs"])
    assert profiles.has_consent(volunteer, "sms")
    profiles.set_consents(person=volunteer, topics=["new_needs"])
    assert not profiles.has_consent(volunteer, "sms")
    profiles.set_consents(person=volunteer, topics=["new_needs", "sms"])
    sms = ContactConsent.objects.filter(person=volunteer, topic="sms").order_by("given_at", "pk")
    assert sms.count() == 2
    assert sms[0].withdrawn_at is not None
    assert sms[1].withdrawn_at is None
    assert ContactConsent.objects.filter(person=volunteer, topic="new_needs").count() == 1


def test_profile_page_saves_the_profile(baerum: Municipality, volunteer: User) -> None:
    bekkestua = DistrictFactory.create(municipality=baerum, name="Bekkestua", slug="bekkestua")
    client: Client = client_for(volunteer)
    url = reverse("volunteering:profile")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "interests": ["visiting"],
            "skills": "Sykepleier",
            "languages": ["ar", "no"],
            "districts": [bekkestua.pk],
            "evening": ["1"],
            "morning": ["0", "4"],
            "suits": ["seniors"],
            "consents": ["sms"],
        },
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(person=volunteer)
    assert profile.languages == ["ar", "no"]
    assert profile.availability == ["0-morning", "1-evening", "4-morning"]
    assert list(profile.districts.all()) == [bekkestua]
    assert profiles.has_consent(volunteer, "sms")
    body = client.get(url).content.decode()
    assert "Consent history" in body
    assert 'value="1" id="id_evening_1" checked' in body


def test_profile_and_consents_are_exported_and_erased(volunteer: User) -> None:
    from dugnad.people.services import export_personal_data
    from dugnad.volunteering.privacy import erase_volunteering

    profiles.save_profile(
        person=volunteer,
        fields={"languages": ["so"], "availability": ["2-evening", "bad"]},
        districts=[],
        consents=["new_needs"],
    )
    data = export_personal_data(user=volunteer)["volunteering"]
    assert data["profile"]["languages"] == ["so"]
    assert data["profile"]["availability"] == ["2-evening"]
    assert data["contact_consents"][0]["topic"] == "new_needs"
    erase_volunteering(volunteer)
    assert not VolunteerProfile.objects.exists()
    assert not ContactConsent.objects.exists()
