"""The volunteering demo: Bærum's needs, loaded twice without duplicates."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dugnad.people.models import User
from dugnad.volunteering import demo
from dugnad.volunteering.models import Need, Shift

pytestmark = pytest.mark.django_db


def test_demo_needs_load_twice_and_the_coordinator_sees_them() -> None:
    call_command("load_demo", quiet_logins=True)
    needs, shifts = Need.objects.count(), Shift.objects.count()
    assert needs == len(demo.NEEDS)
    call_command("load_demo", quiet_logins=True)
    assert (Need.objects.count(), Shift.objects.count()) == (needs, shifts)
    homework = Need.objects.get(title__startswith="Leksehjelp")
    assert homework.requires_politiattest
    assert homework.organisation is not None
    visiting = Need.objects.get(title="Besøksvenn på Lindelia")
    assert not visiting.requires_politiattest
    assert visiting.district is not None
    assert visiting.district.name == "Bekkestua"

    client = Client(HTTP_HOST="baerum.localhost")
    assert "Besøksvenn på Lindelia" in client.get(reverse("volunteering:index")).content.decode()
    client.force_login(User.objects.get(email="koordinator@baerum.demo"))
    page = client.get(reverse("volunteering:need-volunteers", args=[visiting.pk]))
    assert page.status_code == 200
    assert "innbygger@baerum.demo" in page.content.decode()


def test_programme_demo_loads_twice() -> None:
    from dugnad.volunteering.models import Callout, MentorPair, Responder

    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)
    ambassadors = Responder.objects.filter(is_health_ambassador=True)
    assert {code for r in ambassadors for code in r.languages} >= {"ar", "so", "ti", "pl", "ur"}
    assert MentorPair.objects.count() == 2
    callout = Callout.objects.get(title="Sjåfører til vaksinesenteret i Sandvika")
    assert callout.recipients.filter(answer="yes").exists()
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(User.objects.get(email="koordinator@baerum.demo"))
    assert client.get(reverse("volunteering:mentor-coordinate")).status_code == 200
    assert (
        "Fatima Al-Sayed" in client.get(reverse("volunteering:mentor-coordinate")).content.decode()
    )
    assert client.get(reverse("volunteering:callout", args=[callout.pk])).status_code == 200
    assert client.get(reverse("volunteering:overview")).status_code == 200


def test_demo_volunteers_have_profiles_and_hours() -> None:
    from dugnad.volunteering.models import ShiftSignup, VolunteerProfile

    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)
    retiree = VolunteerProfile.objects.get(person__email="pensjonist@baerum.demo")
    assert retiree.suits == ["seniors"]
    assert [d.name for d in retiree.districts.all()] == ["Bekkestua"]
    assert VolunteerProfile.objects.filter(languages__icontains="so").exists()
    assert ShiftSignup.objects.exclude(hours_confirmed_at=None).count() == len(demo.HOURS)
