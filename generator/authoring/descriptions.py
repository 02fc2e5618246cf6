"""Hover help for the editor schemas: one line per field, in the contract's words."""

from __future__ import annotations

from typing import Any

from generator.policies import REVIEW_DAYS

TITLES: dict[str, tuple[str, str]] = {
    "session": (
        "Handover session",
        "One handover session: sessions/<YYYY>/<YYYY-MM-DD>[-<slug>].yaml",
    ),
    "playbook": ("Client playbook", "The front matter of playbooks/<id>.md"),
    "team": ("Team", "content/team.yaml: the teams, the people and the minute-taker rotation"),
    "mql": ("MQL definition", "content/mql.yaml: the MQL definition, versioned"),
    "funnel": ("Funnel", "content/funnel.yaml: the funnel stages and who governs each"),
    "glossary": ("Glossary", "content/glossary.yaml: terms explained wherever they appear"),
}

PERSON = "a person id from content/team.yaml"
PARTY = "person or team ids from content/team.yaml"
STATUS = "open | in-progress | blocked | done | dropped"

DESCRIPTIONS: dict[tuple[str, str], str] = {
    # content/team.yaml
    ("TeamFile", "teams"): "The teams.",
    ("TeamFile", "people"): "Everyone who takes part in the handover.",
    (
        "TeamFile",
        "rotation",
    ): "Minute-taker order (person ids); default: active people in file order.",
    ("Team", "id"): "Unique among teams and people.",
    ("Team", "name"): "The team's name.",
    ("Team", "lead"): f"The team lead, {PERSON}; leads facilitate the sessions.",
    ("Person", "id"): "Unique among teams and people.",
    ("Person", "name"): "Full name.",
    ("Person", "team"): "The person's team id.",
    ("Person", "role"): "Job title.",
    ("Person", "active"): "false once the person has left; default true.",
    # content/mql.yaml
    (
        "MqlFile",
        "versions",
    ): "At least one; effective dates unique. Add a version, never edit one in force.",
    ("MqlVersion", "effective"): "The date it takes effect (YYYY-MM-DD).",
    ("MqlVersion", "summary"): "Where it was agreed and what changed.",
    ("MqlVersion", "threshold"): "Score at which a lead becomes an MQL.",
    ("MqlVersion", "criteria"): "The scoring criteria, at least one.",
    ("MqlVersion", "disqualifiers"): "What rules a lead out whatever its score.",
    ("MqlVersion", "handover"): "What must travel with every lead to Sales.",
    ("MqlVersion", "sla_hours"): "Sales makes first contact within this many hours.",
    ("Criterion", "name"): "What earns (or costs) points.",
    ("Criterion", "kind"): "fit | behaviour",
    ("Criterion", "points"): "Points; may be negative.",
    # content/funnel.yaml
    ("FunnelFile", "stages"): "The stages, in funnel order.",
    ("FunnelFile", "alignment"): "Points where the teams share an interest.",
    (
        "FunnelFile",
        "channels",
    ): "Optional: the lead channels in use; a session's other channel is a warning.",
    (
        "FunnelFile",
        "return_reasons",
    ): "Optional: the reasons Sales gives when it returns a lead to Marketing.",
    ("ReturnReason", "id"): "Unique reason id (the code Sales records with the lead).",
    ("ReturnReason", "label"): "The reason in a few words.",
    ("ReturnReason", "next_step"): "What Marketing does with a lead returned for this reason.",
    ("Stage", "id"): "Unique stage id.",
    ("Stage", "name"): "The stage's name.",
    ("Stage", "owner"): "The team id that governs this stage.",
    ("Stage", "entry"): "When a lead enters the stage.",
    ("Stage", "exit"): "When a lead leaves the stage.",
    ("Alignment", "topic"): "What the teams share.",
    ("Alignment", "teams"): "Team ids, at least one.",
    ("Alignment", "note"): "How they share it.",
    # content/glossary.yaml
    ("GlossaryFile", "terms"): "Every term is explained wherever it appears on the site.",
    ("Term", "term"): "The term, unique (case-insensitive).",
    ("Term", "means"): "What it means, in one or two sentences.",
    # playbooks/<id>.md
    ("PlaybookMeta", "name"): "The playbook's name.",
    ("PlaybookMeta", "client"): "The client or segment it serves.",
    ("PlaybookMeta", "owner"): f"Who keeps it current, {PERSON}.",
    (
        "PlaybookMeta",
        "reviewed",
    ): f"Last review date (YYYY-MM-DD); a warning after {REVIEW_DAYS} days.",
    ("PlaybookMeta", "tiers"): "Contact cadence per tier.",
    ("PlaybookMeta", "stakeholders"): "Who decides, who influences.",
    ("PlaybookMeta", "seasons"): "Times of year that change how leads are handled.",
    ("PlaybookMeta", "handover_checklist"): "What Sales needs with every lead of this client.",
    ("PlaybookMeta", "tags"): "Keywords.",
    ("Tier", "name"): "The tier's name.",
    ("Tier", "when"): "Which leads belong to it.",
    ("Tier", "first_touch_hours"): "First contact within this many hours.",
    ("Tier", "follow_up_hours"): "Hours to each later follow-up.",
    ("Stakeholder", "role"): "Who, by role.",
    ("Stakeholder", "influence"): "decides | influences | informs",
    ("Season", "name"): "The season's name.",
    ("Season", "months"): "Month numbers, 1 to 12.",
    ("Season", "guidance"): "What to do differently.",
    # sessions/<YYYY>/<YYYY-MM-DD>[-<slug>].yaml
    ("Session", "date"): "The session's date (YYYY-MM-DD); the file name starts with it.",
    ("Session", "title"): "Optional; default derived from the date.",
    ("Session", "facilitators"): "The team leads who run the session (person ids), at least one.",
    ("Session", "minute_taker"): f"Who takes the minutes, {PERSON}; must be among the attendees.",
    ("Session", "attendees"): "Everyone present (person ids).",
    (
        "Session",
        "agenda",
    ): "Optional: the topics in order; no more than 15 minutes for each team in all.",
    ("Session", "context"): "Step 1, listen & prepare: what shaped the week.",
    ("Session", "leads"): "Step 2, organize & prioritize: lead groups in rings of urgency.",
    ("Session", "actions"): "Step 3: no action without an owner and a due date.",
    ("Session", "raci"): "Step 4: who is Responsible, Accountable, Consulted, Informed.",
    ("Session", "plan"): "Step 4: tasks and their order, for the critical path.",
    ("Session", "decisions"): "What the session decided, one line each.",
    ("Session", "follow_up"): "Step 5: progress on actions of earlier sessions.",
    ("Session", "notes"): "Free-form minutes in Markdown (write `notes: |` and indent).",
    ("Session", "tags"): "Keywords.",
    ("AgendaItem", "topic"): "What the team brings to the session.",
    ("AgendaItem", "team"): "The team id that brings it.",
    ("AgendaItem", "minutes"): "Minutes it takes, 1 or more.",
    ("ContextItem", "kind"): "absence | market | competitor | internal | other",
    ("ContextItem", "note"): "What happened, in a sentence.",
    ("LeadGroup", "source"): "Where the leads came from.",
    (
        "LeadGroup",
        "channel",
    ): "The channel, e.g. events, webinar, content (one of `channels` in content/funnel.yaml, when listed there).",
    ("LeadGroup", "count"): "How many leads (0 or more).",
    ("LeadGroup", "ring"): "core | middle | outer: urgency and momentum.",
    ("LeadGroup", "momentum"): "rising | steady | falling",
    ("LeadGroup", "playbook"): "The playbook id that applies (playbooks/<id>.md).",
    ("LeadGroup", "ready_by"): "When the group is ready for Sales (YYYY-MM-DD).",
    ("LeadGroup", "assigned_to"): "Person ids.",
    ("Action", "id"): "Optional; default a<position>, 1-based. Follow-ups cite <session id>/<id>.",
    ("Action", "what"): "The action, in a sentence.",
    ("Action", "team"): "The team id responsible.",
    ("Action", "owner"): f"The owner, {PERSON}.",
    ("Action", "due"): "Due date (YYYY-MM-DD).",
    ("Action", "status"): f"{STATUS}; default open.",
    ("RaciRow", "activity"): "The activity.",
    ("RaciRow", "R"): f"Responsible: {PARTY}, at least one.",
    ("RaciRow", "A"): f"Accountable: exactly one, {PERSON}.",
    ("RaciRow", "C"): f"Consulted: {PARTY}.",
    ("RaciRow", "I"): f"Informed: {PARTY}.",
    ("PlanTask", "id"): "Unique in the session; `after` cites it.",
    ("PlanTask", "task"): "The task.",
    ("PlanTask", "owner"): f"The owner, {PERSON}.",
    ("PlanTask", "days"): "Duration in working days (Monday to Friday), 1 or more.",
    ("PlanTask", "start"): "Earliest start (YYYY-MM-DD); required unless `after` is given.",
    ("PlanTask", "after"): "Task ids in this plan that must end first.",
    ("FollowUp", "action"): "<session id>/<action id> of an earlier session's action.",
    ("FollowUp", "status"): f"The action's status now: {STATUS}.",
    ("FollowUp", "note"): "What happened.",
}

EXTRA: dict[tuple[str, str], dict[str, Any]] = {
    ("FollowUp", "action"): {
        "pattern": r"^\d{4}-\d{2}-\d{2}(-[a-z0-9][a-z0-9-]*)?/[a-z0-9][a-z0-9-]*$",
        "patternErrorMessage": "write <session id>/<action id>, e.g. 2026-11-16-weekly/a1",
    },
}
