from __future__ import annotations

import pytest

from dugnad.municipalities.models import Municipality
from dugnad.people.services import export_personal_data
from dugnad.volunteering.models import (
    Callout,
    CalloutRecipient,
    MentorPair,
    MentorProfile,
    Responder,
)
from dugnad.volunteering.programme_privacy import erase_programmes
from tests.factories import (
    CalloutRecipientFactory,
    MentorEvaluationFactory,
    MentorMeetingFactory,
    MentorPairFactory,
    ResponderFactory,
)

pytestmark = pytest.mark.django_db


def test_export_and_erase(baerum: Municipality) -> None:
    responder = ResponderFactory.create(municipality=baerum, languages=["so"])
    person = responder.person
    CalloutRecipientFactory.create(municipality=baerum, person=person, answer="yes")
    pair = MentorPairFactory.create(municipality=baerum, mentee__person=person)
    MentorMeetingFactory.create(municipality=baerum, pair=pair)
    MentorEvaluationFactory.create(municipality=baerum, pair=pair)
    data = export_personal_data(user=person)["volunteering_programmes"]
    assert data["call_out_registrations"][0]["languages"] == ["so"]
    assert data["call_outs_received"][0]["answer"] == "yes"
    assert data["mentor_profiles"][0]["side"] == "mentee"
    assert data["mentor_pairs"][0]["meetings"][0]["notes"]
    erase_programmes(person)
    assert not Responder.objects.exists()
    assert not CalloutRecipient.objects.exists()
    assert Callout.objects.exists()
    assert not MentorPair.objects.exists()
    assert MentorProfile.objects.get() == pair.mentor
