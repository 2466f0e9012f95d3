"""People, their roles, and the audit trail of staff actions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dugnad.municipalities.tenancy import MunicipalityOwned, MunicipalityQuerySet


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Accounts are national (one per person across
    municipalities); what a person may do is given by roles per municipality.

    ``is_superuser`` marks a platform administrator.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
        default="nb",
    )
    home_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
        help_text=_("The municipality where the person registered."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("May log in to the technical administration site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("deleted and anonymised at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class Role(models.TextChoices):
    """The roles a person can hold. Roles are data: person × role × scope."""

    ORGANISATION_MEMBER = "organisation_member", _("Member of an organisation")
    ORGANISATION_ADMIN = "organisation_admin", _("Administrator of an organisation")
    CASE_OFFICER = "case_officer", _("Case officer for grants (saksbehandler)")
    BOOKING_MANAGER = "booking_manager", _("Booking manager for a building")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator for a service")
    PARTICIPATION_COORDINATOR = "participation_coordinator", _("Participation coordinator")
    POLITICIAN = "politician", _("Politician")
    MUNICIPAL_ADMIN = "municipal_admin", _("Municipal administrator")


# Which kind of object each scoped role is held on; roles not listed are held
# on the whole municipality.
ROLE_SCOPES: dict[str, tuple[str, str]] = {
    Role.ORGANISATION_MEMBER: ("directory", "organisation"),
    Role.ORGANISATION_ADMIN: ("directory", "organisation"),
    Role.BOOKING_MANAGER: ("premises", "building"),
    Role.VOLUNTEER_COORDINATOR: ("municipalities", "service"),
}


class RoleAssignmentQuerySet(MunicipalityQuerySet):
    def on(self, obj: models.Model) -> RoleAssignmentQuerySet:
        return self.filter(
            scope_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            scope_id=obj.pk,
        )


class RoleAssignment(MunicipalityOwned):
    """One role held by one person in one municipality, optionally on one object
    (an organisation, a building or a service)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    scope_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope type"),
    )
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    objects = RoleAssignmentQuerySet.as_manager()  # type: ignore[misc]  # narrower manager

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=models.Q(scope_type__isnull=True),
                name="role_unique_municipality_wide",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality", "scope_type", "scope_id"],
                condition=models.Q(scope_type__isnull=False),
                name="role_unique_scoped",
            ),
            models.CheckConstraint(
                condition=models.Q(scope_type__isnull=True, scope_id__isnull=True)
                | models.Q(scope_type__isnull=False, scope_id__isnull=False),
                name="role_scope_complete",
            ),
        ]
        indexes = [models.Index(fields=["user", "municipality"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def scope(self) -> models.Model | None:
        """The object the role is held on (loaded by :func:`with_scopes` for lists)."""
        if "_scope" not in self.__dict__:
            self.__dict__["_scope"] = None
            if self.scope_type_id is not None and self.scope_id is not None:
                model = ContentType.objects.get_for_id(self.scope_type_id).model_class()
                if model is not None:
                    self.__dict__["_scope"] = model._default_manager.filter(
                        pk=self.scope_id
                    ).first()
        scope: models.Model | None = self.__dict__["_scope"]
        return scope

    @property
    def scope_url(self) -> str | None:
        """The page of the object the role is held on, if it has one."""
        scope = self.scope
        get_url = getattr(scope, "get_absolute_url", None)
        return str(get_url()) if callable(get_url) else None


def with_scopes(assignments: list[RoleAssignment]) -> list[RoleAssignment]:
    """Load the objects a list of roles is held on: one query per kind, not per row."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for assignment in assignments:
        if assignment.scope_type_id is not None and assignment.scope_id is not None:
            wanted[assignment.scope_type_id].add(assignment.scope_id)
    loaded: dict[tuple[int, int], models.Model] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            for obj in model._default_manager.filter(pk__in=ids):
                loaded[(type_id, obj.pk)] = obj
    for assignment in assignments:
        key = (assignment.scope_type_id or 0, assignment.scope_id or 0)
        assignment.__dict__["_scope"] = loaded.get(key)
    return assignments


class AuditEntry(models.Model):
    """A staff action on other people's data (or on the platform), kept for review.

    ``municipality`` is empty for platform-wide actions, which is why this model
    is not :class:`MunicipalityOwned`; its list is for platform administrators.
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    subject = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries_about",
        verbose_name=_("whose data"),
    )
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
