"""Field widgets for each kind of field on the paper forms (kinds are named in ui/forms/specs.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from models.enums import RiskLevel, SubjectKind, VisitType
from ui.context import DeskContext
from ui.forms.fields import (
    CheckBoxesField,
    ChoiceField,
    DateField,
    DateTimeField,
    Field,
    FieldSpec,
    IntField,
    MoneyField,
    MultiCheckField,
    MultiLineField,
    NamesField,
    TextField,
)
from ui.forms.pickers import RefField

ENUMS: dict[str, Any] = {"SubjectKind": SubjectKind, "RiskLevel": RiskLevel, "VisitType": VisitType}
SIMPLE: dict[str, type[Field]] = {
    "text": TextField,
    "multiline": MultiLineField,
    "names": NamesField,
    "int": IntField,
    "money": MoneyField,
    "date": DateField,
    "datetime": DateTimeField,
}


def build_field(
    spec: FieldSpec, ctx: DeskContext, create_subject: Callable[[], uuid.UUID | None] | None = None
) -> Field:
    """The widget for one field; drop-downs and checklists come from the county profile."""
    ref = ctx.reference
    simple = SIMPLE.get(spec.kind)
    if simple is not None:
        return simple(spec)
    if spec.kind == "enum":
        return ChoiceField(spec, [(m.label, m.value) for m in ENUMS[spec.options or ""]])
    if spec.kind == "code":
        return ChoiceField(spec, [(x, x) for x in ref.codes(spec.options or "")], free_text=True)
    if spec.kind == "multi":
        return MultiCheckField(spec, ref.codes(spec.options or ""))
    if spec.kind == "checks":
        return CheckBoxesField(spec, ref.codes(spec.options or ""))
    if spec.kind == "township":
        return ChoiceField(spec, [(name, code) for code, name in ref.townships.items()])
    if spec.kind == "village":
        return ChoiceField(spec, [(f"{n}（{c}）", c) for c, n, _ in ref.villages], free_text=True)
    if spec.kind == "grid":
        return ChoiceField(spec, [(f"{n}（{c}）", c) for c, n, _ in ref.grids], free_text=True)
    if spec.kind == "unit":
        return ChoiceField(spec, [(u, u) for u in ref.units], free_text=True)
    if spec.kind == "units":
        return MultiCheckField(spec, ref.units)
    if spec.kind in ("subject", "clue"):
        return RefField(spec, ctx.db, spec.kind, create_subject if spec.kind == "subject" else None)
    raise ValueError(f"unknown field kind {spec.kind}")
