"""What each paper form asks, group by group, top to bottom (the Tab order follows this order)."""

from __future__ import annotations

from ui.forms.fields import FieldSpec
from ui.tr import QT_TRANSLATE_NOOP

F = FieldSpec
Groups = list[tuple[str, list[FieldSpec]]]

AREA = [
    F("township_code", QT_TRANSLATE_NOOP("Fields", "Township"), "township", required=True),
    F("village_code", QT_TRANSLATE_NOOP("Fields", "Village (community)"), "village"),
    F("grid_code", QT_TRANSLATE_NOOP("Fields", "Grid"), "grid"),
]

SUBJECT: Groups = [
    (
        QT_TRANSLATE_NOOP("Fields", "Subject"),
        [
            F("kind", QT_TRANSLATE_NOOP("Fields", "Kind"), "enum", "SubjectKind", required=True),
            F("name", QT_TRANSLATE_NOOP("Fields", "Name"), "text", required=True),
            F("credit_code", QT_TRANSLATE_NOOP("Fields", "Unified social credit code"), "text"),
            F("id_number", QT_TRANSLATE_NOOP("Fields", "ID number"), "text"),
            F("legal_representative", QT_TRANSLATE_NOOP("Fields", "Legal representative"), "text"),
            F("phone", QT_TRANSLATE_NOOP("Fields", "Phone"), "text"),
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Location and business"),
        [
            *AREA,
            F("address", QT_TRANSLATE_NOOP("Fields", "Address"), "text"),
            F("business_scope", QT_TRANSLATE_NOOP("Fields", "Business scope"), "multiline"),
        ],
    ),
]

SURVEY: Groups = [
    (
        QT_TRANSLATE_NOOP("Fields", "Screening"),
        [
            F("subject_id", QT_TRANSLATE_NOOP("Fields", "Subject involved"), "subject", required=True),
            F("survey_date", QT_TRANSLATE_NOOP("Fields", "Survey date"), "date", required=True),
            F("screeners", QT_TRANSLATE_NOOP("Fields", "Screeners"), "names", required=True),
            F("methods", QT_TRANSLATE_NOOP("Fields", "Methods"), "multi", "screening_methods"),
            *AREA,
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Findings"),
        [
            F("key_domains", QT_TRANSLATE_NOOP("Fields", "Key domains"), "multi", "key_domains"),
            F(
                "four_features",
                QT_TRANSLATE_NOOP("Fields", "Four features"),
                "checks",
                "four_features_checklist",
            ),
            F("promotion_channel", QT_TRANSLATE_NOOP("Fields", "Promotion channel"), "text"),
            F("promised_return", QT_TRANSLATE_NOOP("Fields", "Promised return"), "text"),
            F("estimated_participants", QT_TRANSLATE_NOOP("Fields", "Estimated participants"), "int"),
            F("estimated_amount_fen", QT_TRANSLATE_NOOP("Fields", "Estimated amount"), "money"),
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Conclusion"),
        [
            F("risk_level", QT_TRANSLATE_NOOP("Fields", "Risk level"), "enum", "RiskLevel", required=True),
            F("conclusion", QT_TRANSLATE_NOOP("Fields", "Conclusion"), "multiline"),
        ],
    ),
]

CLUE: Groups = [
    (
        QT_TRANSLATE_NOOP("Fields", "Clue"),
        [
            F("source", QT_TRANSLATE_NOOP("Fields", "Source"), "code", "clue_sources", required=True),
            F("received_date", QT_TRANSLATE_NOOP("Fields", "Received on"), "date", required=True),
            F("informant_name", QT_TRANSLATE_NOOP("Fields", "Informant (confidential)"), "text"),
            F("informant_phone", QT_TRANSLATE_NOOP("Fields", "Informant's phone"), "text"),
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Subject and facts"),
        [
            F("subject_id", QT_TRANSLATE_NOOP("Fields", "Subject record"), "subject"),
            F("subject_name", QT_TRANSLATE_NOOP("Fields", "Subject name"), "text", required=True),
            F("facts", QT_TRANSLATE_NOOP("Fields", "Main facts"), "multiline", required=True),
            F("participants", QT_TRANSLATE_NOOP("Fields", "Participants"), "int"),
            F("amount_fen", QT_TRANSLATE_NOOP("Fields", "Amount involved"), "money"),
            F("key_domains", QT_TRANSLATE_NOOP("Fields", "Key domains"), "multi", "key_domains"),
            F("key_case_flags", QT_TRANSLATE_NOOP("Fields", "Key case flags"), "checks", "key_case_flags"),
            F("area_type", QT_TRANSLATE_NOOP("Fields", "Area type"), "code", "key_area_types"),
            *AREA,
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Handling"),
        [
            F("lead_unit", QT_TRANSLATE_NOOP("Fields", "Lead unit"), "unit"),
            F("responsible_units", QT_TRANSLATE_NOOP("Fields", "Responsible units"), "units"),
            F("deadline", QT_TRANSLATE_NOOP("Fields", "Deadline"), "date"),
        ],
    ),
]

VISIT: Groups = [
    (
        QT_TRANSLATE_NOOP("Fields", "Visit"),
        [
            F("visited_at", QT_TRANSLATE_NOOP("Fields", "Date and time"), "datetime", required=True),
            F("visit_type", QT_TRANSLATE_NOOP("Fields", "Visit type"), "enum", "VisitType", required=True),
            F("visitors", QT_TRANSLATE_NOOP("Fields", "Visitors (two or more)"), "names", required=True),
            F("visited_party", QT_TRANSLATE_NOOP("Fields", "Visited party"), "text", required=True),
            F("visited_phone", QT_TRANSLATE_NOOP("Fields", "Visited party's phone"), "text"),
            F("place", QT_TRANSLATE_NOOP("Fields", "Place"), "text"),
            *AREA,
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Record"),
        [
            F("content", QT_TRANSLATE_NOOP("Fields", "Content"), "multiline", required=True),
            F("findings", QT_TRANSLATE_NOOP("Fields", "Findings"), "multiline"),
            F("public_requests", QT_TRANSLATE_NOOP("Fields", "Requests from the public"), "multiline"),
            F("follow_up", QT_TRANSLATE_NOOP("Fields", "Follow-up"), "multiline"),
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Fields", "Reach and links"),
        [
            F("materials_handed_out", QT_TRANSLATE_NOOP("Fields", "Materials handed out"), "int"),
            F("people_reached", QT_TRANSLATE_NOOP("Fields", "People reached"), "int"),
            F("clue_id", QT_TRANSLATE_NOOP("Fields", "Linked clue"), "clue"),
            F("subject_id", QT_TRANSLATE_NOOP("Fields", "Linked subject"), "subject"),
        ],
    ),
]

FORMS: dict[str, Groups] = {"subject": SUBJECT, "survey": SURVEY, "clue": CLUE, "visit": VISIT}
# Fields that are not record columns: the clue's informant is sealed separately.
INFORMANT_FIELDS = {"informant_name": "name", "informant_phone": "phone"}
