"""The form's words: a label for each field and, where it helps, a hint in plain words."""

from __future__ import annotations

from generator.policies import REVIEW_DAYS

LABELS: dict[tuple[str, str], str] = {
    ("Session", "minute_taker"): "Minute-taker",
    ("Session", "context"): "Context (step 1: what shaped the week)",
    ("Session", "leads"): "Leads (step 2: the onion)",
    ("Session", "actions"): "Actions (step 3)",
    ("Session", "raci"): "RACI (step 4: who does what)",
    ("Session", "plan"): "Plan (step 4)",
    ("Session", "follow_up"): "Follow-up (step 5: earlier actions)",
    ("Session", "notes"): "Notes (Markdown)",
    ("Action", "what"): "What",
    ("Action", "id"): "Action id",
    ("RaciRow", "R"): "Responsible (R)",
    ("RaciRow", "A"): "Accountable (A)",
    ("RaciRow", "C"): "Consulted (C)",
    ("RaciRow", "I"): "Informed (I)",
    ("PlanTask", "days"): "Working days",
    ("PlanTask", "after"): "Starts after tasks",
    ("FollowUp", "action"): "Earlier action",
    ("LeadGroup", "ready_by"): "Ready by",
    ("LeadGroup", "assigned_to"): "Assigned to",
    ("PlaybookMeta", "handover_checklist"): "Handover checklist",
    ("Tier", "first_touch_hours"): "First touch within (hours)",
    ("Tier", "follow_up_hours"): "Follow-ups after (hours)",
    ("MqlVersion", "sla_hours"): "Sales first contact within (hours)",
}

# What one item of a list is called: "Add action".
SINGULAR = {
    "AgendaItem": "agenda item",
    "ContextItem": "fact",
    "LeadGroup": "lead group",
    "Action": "action",
    "RaciRow": "RACI row",
    "PlanTask": "task",
    "FollowUp": "follow-up",
}

HINTS: dict[tuple[str, str], str] = {
    ("Session", "date"): "The day of the session. The file name starts with it.",
    ("Session", "facilitators"): "The team leads who run the session.",
    ("Session", "minute_taker"): "Who writes these minutes; must also be among the attendees.",
    ("Session", "attendees"): "Everyone present: remove who is absent, add guests.",
    ("Session", "follow_up"): "Every action still open, with its current status. "
    "Update each status and remove the entries nobody discussed.",
    ("Action", "id"): "Optional: leave it empty to number the actions a1, a2, ... in order.",
    ("Action", "owner"): "No action without an owner.",
    ("Action", "due"): "No action without a due date.",
    ("RaciRow", "A"): "Exactly one person is accountable.",
    ("RaciRow", "R"): "At least one person or team does the work.",
    ("PlanTask", "id"): "A short name for the task, used by 'Starts after tasks'.",
    ("PlanTask", "start"): "Needed unless the task starts after other tasks.",
    ("PlanTask", "after"): "The short names (ids) of tasks of this plan that must end first.",
    ("LeadGroup", "ring"): "Core: urgent, with momentum; middle: this month; outer: nurture.",
    (
        "PlaybookMeta",
        "reviewed",
    ): f"When the playbook was last reviewed; reviews are due every {REVIEW_DAYS} days.",
}


def label(model: str, field: str) -> str:
    """The field's label: a chosen word, else its name in sentence case."""
    return LABELS.get((model, field)) or field.replace("_", " ").capitalize()


def hint(model: str, field: str) -> str | None:
    return HINTS.get((model, field))
