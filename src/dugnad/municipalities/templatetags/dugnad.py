"""Template helpers for the shell: Designsystemet form widgets with the ARIA
wiring that pages need without JavaScript."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def ds_widget(field: BoundField) -> SafeString:
    widget = field.field.widget
    attrs: dict[str, str | bool] = {}
    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "ds-input"
        attrs["type"] = "checkbox"
    elif isinstance(widget, forms.Select):
        attrs["class"] = "ds-input"
    else:
        attrs["class"] = "ds-input"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
