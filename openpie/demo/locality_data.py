"""What the demo locality holds: its organisations, services, people, evidence and barriers (data only)."""

from __future__ import annotations

from openpie.demo.organisation import DemoPerson
from openpie.organisations.models import Role

COUNCIL_SLUG = "county-council-commissioning"
COUNCIL_NAME = "County Council Commissioning Team"
CHARITY_SLUG = "open-minds-mental-health"
CHARITY_NAME = "Open Minds Mental Health"

COMMISSIONER = DemoPerson("commissioner@openpie.example", "Cam Reed", Role.COMMISSIONER, COUNCIL_NAME)
CHARITY_LEAD = DemoPerson("charity@openpie.example", "Dana Kowalski", Role.PIE_LEAD, CHARITY_NAME)
LOCALITY_PEOPLE = [COMMISSIONER, CHARITY_LEAD]

# Riverside Housing Trust's other services: (locality, name, client group, service type).
RIVERSIDE_SERVICES = [
    ("North Locality", "Quayside Flats", "homelessness", "hostel"),
    ("North Locality", "Canal Street Hostel", "addiction", "hostel"),
    ("South Locality", "Elm Street Hostel", "homelessness", "hostel"),
    ("South Locality", "Southside Floating Support", "mixed", "floating_support"),
    ("South Locality", "Oak Lodge Young People's Service", "young_people", "hostel"),
    ("South Locality", "Riverside Women's Project", "domestic_abuse", "hostel"),
    ("South Locality", "The Foyer", "young_people", "housing_first"),
]
# Riverside's services with two years of rounds (Harbour House has its own story in ``rounds``).
RIVERSIDE_HISTORY = [
    "The Bridge Day Centre",
    "Street Outreach Team",
    "Willow Court",
    *(name for _locality, name, _group, _type in RIVERSIDE_SERVICES),
]
# The charity's tree: (locality, [(service, client group, service type)]).
CHARITY_TREE = [
    (
        "City Recovery Services",
        [
            ("Crisis House", "mental_health", "hostel"),
            ("Recovery College", "mental_health", "treatment"),
            ("Step-down Flats", "mental_health", "hostel"),
        ],
    ),
    (
        "Community Services",
        [
            ("Wellbeing Hub", "mental_health", "day_centre"),
            ("Peer Support Service", "mental_health", "outreach"),
            ("Dual Diagnosis Team", "addiction", "treatment"),
        ],
    ),
]
CHARITY_LEVELS = ["Area", "Service"]

CALL_MESSAGE = (
    "Ahead of the housing and mental health strategy, please share what holds your service back "
    "that is outside your control: the barriers in your latest round."
)

# Rounds: days before today each was held; the last one is open, the others closed.
ROUND_DAYS_AGO = (700, 520, 340, 60)
THEMES = (
    "psychological-awareness",
    "staff-training-and-support",
    "learning-and-enquiry",
    "spaces-of-opportunity",
    "the-three-rs",
)
# Evidence, in the words a team would use (relationships run through every theme).
EVIDENCE = {
    "psychological-awareness": (
        "Keyworkers talk through what lies behind behaviour, so residents feel listened to, not managed.",
        "We keep relationships going through setbacks: nobody is moved on after one bad week.",
    ),
    "staff-training-and-support": (
        "Monthly supervision asks how each relationship with a resident is going, not only about risks.",
        "New staff shadow a keyworker for a fortnight before working alone.",
    ),
    "learning-and-enquiry": (
        "Reflective practice every fortnight: last time, how to rebuild trust after an eviction warning.",
        "Residents helped design our survey on whether staff show respect and empathy.",
    ),
    "spaces-of-opportunity": (
        "The kitchen is open in the evenings so people can cook together and feel they belong.",
        "Residents chose the new lounge furniture; people stay and talk with staff there.",
    ),
    "the-three-rs": (
        "Rules are explained, not just posted; residents can ask for one to be reviewed.",
        "Our keyworker role now includes time simply to build rapport.",
    ),
}

# Barriers: (service, round index raising it, theme, kind key, text, funder, what happened).
# What happened, in order: ("respond", status, words) by the commissioner, ("agreed",) or ("made",)
# by the commissioner, ("resolved",) or ("gone",) by the service. Days between steps: ``STEP_DAYS``.
STEP_DAYS = 21
Story = list[tuple[str, ...]]
Barrier = tuple[str, int, str, str, str, str, Story]
BARRIERS: list[Barrier] = [
    (
        "Quayside Flats",
        0,
        "spaces-of-opportunity",
        "move-on-accommodation",
        "No one-bedroom flats to move on to: residents ready to leave wait over a year.",
        "County Council",
        [
            ("respond", "investigating", "We are counting who is waiting across every provider."),
            ("agreed",),
            ("made",),
            ("resolved",),
        ],
    ),
    (
        "Canal Street Hostel",
        0,
        "staff-training-and-support",
        "contract-or-funding-rules",
        "The contract pays for no training days, so night staff miss trauma-informed training.",
        "County Council",
        [
            ("respond", "action_agreed", "Training days will be costed into the contract from April."),
            ("agreed",),
            ("made",),
        ],
    ),
    (
        "Elm Street Hostel",
        0,
        "the-three-rs",
        "referral-thresholds-and-eligibility",
        "Mental health services will not see residents who are still drinking.",
        "NHS mental health trust",
        [("respond", "beyond_our_remit", "This sits with the NHS trust; we have passed it to them.")],
    ),
    (
        "Willow Court",
        0,
        "psychological-awareness",
        "other-agencies-capacity",
        "Community mental health team waiting lists are fourteen weeks.",
        "NHS mental health trust",
        [("respond", "noted", "Raised at the locality partnership board."), ("gone",)],
    ),
    (
        "Street Outreach Team",
        0,
        "spaces-of-opportunity",
        "move-on-accommodation",
        "No emergency beds for people found sleeping out after 10pm.",
        "County Council",
        [
            ("respond", "action_agreed", "A winter night shelter opens in November."),
            ("agreed",),
            ("made",),
            ("resolved",),
        ],
    ),
    (
        "The Bridge Day Centre",
        1,
        "staff-training-and-support",
        "staffing-and-recruitment",
        "Three of eight posts are vacant: agency staff do not know the people we work with.",
        "",
        [("respond", "noted", "We have asked every provider about vacancies.")],
    ),
    (
        "Southside Floating Support",
        1,
        "the-three-rs",
        "contract-or-funding-rules",
        "Support ends after twelve weeks whatever the person needs.",
        "County Council",
        [
            ("respond", "investigating", "We are reviewing the time limits in the floating support contract."),
            ("agreed",),
        ],
    ),
    (
        "Oak Lodge Young People's Service",
        1,
        "spaces-of-opportunity",
        "move-on-accommodation",
        "Young people leaving care cannot get onto the housing register until eighteen.",
        "County Council",
        [],
    ),
    (
        "Riverside Women's Project",
        1,
        "psychological-awareness",
        "other-agencies-capacity",
        "No specialist counselling for women who have survived abuse.",
        "County Council",
        [
            ("respond", "action_agreed", "A counselling service is in the new domestic abuse strategy."),
            ("agreed",),
            ("made",),
            ("resolved",),
        ],
    ),
    (
        "The Foyer",
        1,
        "learning-and-enquiry",
        "contract-or-funding-rules",
        "Monitoring asks only for outputs, so we cannot report what changes for young people.",
        "County Council",
        [("respond", "action_agreed", "We will co-design outcome measures with providers."), ("agreed",)],
    ),
    (
        "Crisis House",
        0,
        "the-three-rs",
        "referral-thresholds-and-eligibility",
        "Referrals are refused for anyone without a diagnosis.",
        "NHS mental health trust",
        [("respond", "investigating", "We are checking the referral criteria with the trust.")],
    ),
    (
        "Recovery College",
        0,
        "learning-and-enquiry",
        "contract-or-funding-rules",
        "Funding is year to year, so no course can be planned beyond March.",
        "County Council",
        [
            ("respond", "action_agreed", "A three-year grant agreement is being drafted."),
            ("agreed",),
            ("made",),
            ("resolved",),
        ],
    ),
    (
        "Step-down Flats",
        1,
        "spaces-of-opportunity",
        "move-on-accommodation",
        "People ready to leave hospital wait here for months with nowhere to move on to.",
        "County Council",
        [("respond", "noted", "Added to the move-on review.")],
    ),
    (
        "Wellbeing Hub",
        1,
        "staff-training-and-support",
        "staffing-and-recruitment",
        "We cannot recruit peer workers on the pay the grant allows.",
        "County Council",
        [("respond", "investigating", "We are comparing peer worker pay across the county.")],
    ),
    (
        "Peer Support Service",
        1,
        "psychological-awareness",
        "other-agencies-capacity",
        "GPs rarely refer: most do not know the service exists.",
        "",
        [("gone",)],
    ),
    (
        "Dual Diagnosis Team",
        2,
        "the-three-rs",
        "referral-thresholds-and-eligibility",
        "Drug services and mental health services each say the other should go first.",
        "County Council",
        [("respond", "action_agreed", "A joint protocol between the two services is agreed."), ("agreed",)],
    ),
    (
        "Quayside Flats",
        2,
        "the-three-rs",
        "contract-or-funding-rules",
        "Housing benefit rules stop residents taking on more than sixteen hours' work.",
        "DWP",
        [("respond", "beyond_our_remit", "This is national benefit policy; we have written to the DWP.")],
    ),
    (
        "Canal Street Hostel",
        2,
        "spaces-of-opportunity",
        "other-agencies-capacity",
        "The detox service has a ten-week wait, so the moment someone is ready passes.",
        "County Council",
        [("respond", "noted", "Included in the drug and alcohol needs assessment.")],
    ),
    (
        "Elm Street Hostel",
        2,
        "staff-training-and-support",
        "staffing-and-recruitment",
        "Sickness cover comes from agencies who have never met our residents.",
        "",
        [],
    ),
    (
        "Willow Court",
        3,
        "spaces-of-opportunity",
        "move-on-accommodation",
        "Nowhere to move on to with mental health support.",
        "County Council",
        [],
    ),
    (
        "Street Outreach Team",
        3,
        "the-three-rs",
        "referral-thresholds-and-eligibility",
        "People without a local connection are turned away from every hostel.",
        "County Council",
        [("respond", "investigating", "We are looking at the local connection rules with the housing team.")],
    ),
    (
        "Crisis House",
        3,
        "staff-training-and-support",
        "contract-or-funding-rules",
        "No budget for clinical supervision of support workers.",
        "NHS mental health trust",
        [],
    ),
    (
        "Recovery College",
        3,
        "spaces-of-opportunity",
        "other-agencies-capacity",
        "Buses stop at 7pm, so evening courses cannot reach people on the estates.",
        "County Council",
        [("respond", "noted", "Passed to the transport team.")],
    ),
    (
        "The Foyer",
        3,
        "psychological-awareness",
        "referral-thresholds-and-eligibility",
        "Young people turn eighteen and lose their social worker overnight.",
        "County Council",
        [],
    ),
]
