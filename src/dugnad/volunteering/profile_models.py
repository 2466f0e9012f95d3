"""A volunteer's profile (what they like, speak, where and when they can help)
and what they have agreed to be contacted about.

Kept apart from :mod:`dugnad.volunteering.models` (which imports this module)
so that the needs and the people who fill them stay readable on their own.
A profile belongs to the person, not to one municipality: districts are the
only municipal part.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Interest(models.TextChoices):
    """Kinds of volunteer work, for profiles and needs."""

    VISITING = "visiting", _("Visiting and company")
    WALKS = "walks", _("Walks and outdoor trips")
    ACTIVITIES = "activities", _("Activities and events")
    DRIVING = "driving", _("Driving and transport")
    HOMEWORK = "homework", _("Homework help")
    LANGUAGE = "language", _("Language practice")
    DIGITAL = "digital", _("Digital help")
    PRACTICAL = "practical", _("Practical help")
    CULTURE = "culture", _("Culture and sport")
    MENTORING = "mentoring", _("Mentoring")


class Language(models.TextChoices):
    """Languages a volunteer speaks; the codes are ISO 639-1."""

    NORWEGIAN = "no", _("Norwegian")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    POLISH = "pl", _("Polish")
    UKRAINIAN = "uk", _("Ukrainian")
    TIGRINYA = "ti", _("Tigrinya")
    URDU = "ur", _("Urdu")
    PERSIAN = "fa", _("Persian")
    SPANISH = "es", _("Spanish")


# Words in a need's free-text "languages" field that name a language, in
# Norwegian and English, so existing needs match without a new field.
LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {
    Language.NORWEGIAN: ("norsk", "norwegian"),
    Language.ENGLISH: ("engelsk", "english"),
    Language.ARABIC: ("arabisk", "arabic"),
    Language.SOMALI: ("somali",),
    Language.POLISH: ("polsk", "polish"),
    Language.UKRAINIAN: ("ukrainsk", "ukrainian"),
    Language.TIGRINYA: ("tigrinja", "tigrinya"),
    Language.URDU: ("urdu",),
    Language.PERSIAN: ("persisk", "farsi", "persian", "dari"),
    Language.SPANISH: ("spansk", "spanish"),
}


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


def part_of_day(hour: int) -> str:
    """Morning is before 12, afternoon 12–17, evening from 17."""
    if hour < 12:
        return PartOfDay.MORNING
    if hour < 17:
        return PartOfDay.AFTERNOON
    return PartOfDay.EVENING


def slot(weekday: int, part: str) -> str:
    """An availability code: ``"1-evening"`` is Tuesday evening (0 = Monday)."""
    return f"{weekday}-{part}"


class ContactTopic(models.TextChoices):
    """What a volunteer may be contacted about."""

    NEW_NEEDS = "new_needs", _("New volunteer tasks that suit me (e-mail)")
    VOLUNTEER_CENTRE = "volunteer_centre", _("The volunteer centre may call or write to me")
    CALL_OUTS = "call_outs", _("Call-outs when the municipality needs volunteers at short notice")
    SMS = "sms", _("Text messages (SMS), such as shift reminders")


class VolunteerProfile(models.Model):
    """What a person tells coordinators and the recommendations about themselves."""

    person = models.OneToOneField(
        "people.User",
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("volunteer"),
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    skills = models.TextField(_("skills and experience"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    districts = models.ManyToManyField(
        "municipalities.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    availability = models.JSONField(
        _("availability"), default=list, blank=True, help_text="Codes like '1-evening'."
    )
    suits = models.JSONField(_("I am"), default=list, blank=True, help_text="Codes of Suits.")
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return str(self.person)


class ContactConsentQuerySet(models.QuerySet["ContactConsent"]):
    def active(self) -> ContactConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class ContactConsent(models.Model):
    """A consent to be contacted about one topic, given at a time and perhaps
    withdrawn later. Rows are never deleted while the account lives, so the
    history of what a person agreed to, and when, is kept."""

    person = models.ForeignKey(
        "people.User",
        on_delete=models.CASCADE,
        related_name="contact_consents",
        verbose_name=_("volunteer"),
    )
    topic = models.CharField(_("topic"), max_length=32, choices=ContactTopic.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ContactConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact consent")
        verbose_name_plural = _("contact consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "topic"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_topic",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.topic}"
