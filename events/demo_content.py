"""The demo's workshops: the seed's items 2, 3, 5, 6, 7, 11 and 12 (with item 9's panels and item
8's concept note), in fr, ar and en.

Dates, times, venues and rooms are demo placeholders: the seed gives none. A workshop starts
`starts_in` days from today (negative: in the past) and lasts one day per agenda day.
Speakers are roles with their organisation, never named people. `related` lists the French slugs
of the publications and press releases (home/demo_publishing_content.py) about the workshop.
"""

from home.demo_publishing_content import concept_note_html


def t(fr, ar, en):
    """One text in the three languages."""
    return {"fr": fr, "ar": ar, "en": en}


def session(start, end, kind, title, room, moderator=None, speakers=(), description=None):
    """An agenda session; `moderator` and `speakers` are keys of SPEAKERS."""
    return {
        "start": start,
        "end": end,
        "kind": kind,
        "title": title,
        "room": room,
        "moderator": moderator,
        "speakers": speakers,
        "description": description,
    }


INDEX = {
    "title": t("Ateliers", "ورش العمل", "Workshops"),
    "slug": t("ateliers", "ورش-العمل", "workshops"),
    "introduction": t(
        "Les ateliers, séminaires et rencontres du projet AMEM, avec leurs programmes et leurs "
        "notes de cadrage.",
        "ورش عمل مشروع AMEM وندواته ولقاءاته، مع برامجها ومذكراتها المفاهيمية.",
        "The AMEM project’s workshops, seminars and meetings, with their agendas and concept "
        "notes.",
    ),
}

# Who speaks or moderates: a role and an organisation, in each language.
SPEAKERS = {
    "ilo_coordinator": t(
        "Coordonnateur·rice du projet AMEM, OIT",
        "منسق(ة) مشروع AMEM، منظمة العمل الدولية",
        "AMEM Project Coordinator, ILO",
    ),
    "ilo_representative": t(
        "Représentant·e de l’Organisation internationale du Travail (OIT)",
        "ممثل(ة) منظمة العمل الدولية",
        "Representative, International Labour Organization (ILO)",
    ),
    "ilo_migration": t(
        "Spécialiste migration de main-d’œuvre, OIT",
        "أخصائي(ة) هجرة اليد العاملة، منظمة العمل الدولية",
        "Labour Migration Specialist, ILO",
    ),
    "ilo_statistics": t(
        "Spécialiste statistiques du travail, OIT",
        "أخصائي(ة) إحصاءات العمل، منظمة العمل الدولية",
        "Labour Statistics Specialist, ILO",
    ),
    "ilo_lmis": t(
        "Spécialiste systèmes d’information sur le marché du travail, OIT",
        "أخصائي(ة) نظم معلومات سوق العمل، منظمة العمل الدولية",
        "Labour Market Information Systems Specialist, ILO",
    ),
    "ilo_standards": t(
        "Spécialiste des normes internationales du travail, OIT",
        "أخصائي(ة) معايير العمل الدولية، منظمة العمل الدولية",
        "International Labour Standards Specialist, ILO",
    ),
    "aics": t(
        "Représentant·e de l’Agence italienne pour la coopération au développement (AICS)",
        "ممثل(ة) الوكالة الإيطالية للتعاون الإنمائي (AICS)",
        "Representative, Italian Agency for Development Cooperation (AICS)",
    ),
    "consultant": t(
        "Consultant·e, auteur·rice de l’étude",
        "خبير(ة) استشاري(ة)، معدّ(ة) الدراسة",
        "Consultant, author of the study",
    ),
    "rapporteur": t("Rapporteur·e de l’atelier", "مقرر(ة) الورشة", "Workshop rapporteur"),
    "group_rapporteurs": t(
        "Rapporteur·e·s des groupes de travail",
        "مقررو مجموعات العمل",
        "Working group rapporteurs",
    ),
    "signatories": t(
        "Représentant·e·s des institutions signataires",
        "ممثلو المؤسسات الموقِّعة",
        "Representatives of the signatory institutions",
    ),
    # Statistics institutes of the four countries.
    "stats_tn": t(
        "Représentant·e de l’Institut national de la statistique (Tunisie)",
        "ممثل(ة) المعهد الوطني للإحصاء (تونس)",
        "Representative, National Institute of Statistics (Tunisia)",
    ),
    "stats_ma": t(
        "Représentant·e du Haut-Commissariat au Plan (Maroc)",
        "ممثل(ة) المندوبية السامية للتخطيط (المغرب)",
        "Representative, High Commission for Planning (Morocco)",
    ),
    "stats_mr": t(
        "Représentant·e de l’Agence nationale de la statistique et de l’analyse démographique "
        "et économique (Mauritanie)",
        "ممثل(ة) الوكالة الوطنية للإحصاء والتحليل الديموغرافي والاقتصادي (موريتانيا)",
        "Representative, National Agency for Statistics and Demographic and Economic Analysis "
        "(Mauritania)",
    ),
    "stats_ly": t(
        "Représentant·e du Bureau de la statistique et du recensement (Libye)",
        "ممثل(ة) مصلحة الإحصاء والتعداد (ليبيا)",
        "Representative, Bureau of Statistics and Census (Libya)",
    ),
    "migration_observatory_tn": t(
        "Représentant·e de l’Observatoire national de la migration (Tunisie)",
        "ممثل(ة) المرصد الوطني للهجرة (تونس)",
        "Representative, National Migration Observatory (Tunisia)",
    ),
    # Ministries, named by their remit as the seed names them.
    "employment_tn": t(
        "Représentant·e du ministère en charge de l’emploi (Tunisie)",
        "ممثل(ة) الوزارة المكلفة بالتشغيل (تونس)",
        "Representative, Ministry in charge of employment (Tunisia)",
    ),
    "employment_ma": t(
        "Représentant·e du ministère en charge de l’emploi (Maroc)",
        "ممثل(ة) الوزارة المكلفة بالتشغيل (المغرب)",
        "Representative, Ministry in charge of employment (Morocco)",
    ),
    "labour_ly": t(
        "Représentant·e du ministère en charge du travail (Libye)",
        "ممثل(ة) الوزارة المكلفة بالعمل (ليبيا)",
        "Representative, Ministry in charge of labour (Libya)",
    ),
    "labour_mr": t(
        "Représentant·e du ministère en charge du travail (Mauritanie)",
        "ممثل(ة) الوزارة المكلفة بالعمل (موريتانيا)",
        "Representative, Ministry in charge of labour (Mauritania)",
    ),
    "foreign_affairs_mr": t(
        "Représentant·e du ministère en charge des affaires étrangères (Mauritanie)",
        "ممثل(ة) الوزارة المكلفة بالشؤون الخارجية (موريتانيا)",
        "Representative, Ministry in charge of foreign affairs (Mauritania)",
    ),
    "social_security_tn": t(
        "Représentant·e d’une caisse de sécurité sociale (Tunisie)",
        "ممثل(ة) أحد صناديق الضمان الاجتماعي (تونس)",
        "Representative, social security fund (Tunisia)",
    ),
    # Social partners.
    "employers_tn": t(
        "Représentant·e d’une organisation d’employeurs (Tunisie)",
        "ممثل(ة) إحدى منظمات أصحاب العمل (تونس)",
        "Representative, employers’ organization (Tunisia)",
    ),
    "workers_tn": t(
        "Représentant·e d’une organisation de travailleurs (Tunisie)",
        "ممثل(ة) إحدى منظمات العمال (تونس)",
        "Representative, workers’ organization (Tunisia)",
    ),
    "workers_ma": t(
        "Représentant·e d’une organisation de travailleurs (Maroc)",
        "ممثل(ة) إحدى منظمات العمال (المغرب)",
        "Representative, workers’ organization (Morocco)",
    ),
    "employers_mr": t(
        "Représentant·e d’une organisation d’employeurs (Mauritanie)",
        "ممثل(ة) إحدى منظمات أصحاب العمل (موريتانيا)",
        "Representative, employers’ organization (Mauritania)",
    ),
    "workers_mr": t(
        "Représentant·e d’une organisation de travailleurs (Mauritanie)",
        "ممثل(ة) إحدى منظمات العمال (موريتانيا)",
        "Representative, workers’ organization (Mauritania)",
    ),
    "civil_society_mr": t(
        "Représentant·e d’une association de la diaspora mauritanienne",
        "ممثل(ة) إحدى جمعيات الجالية الموريتانية في الخارج",
        "Representative, Mauritanian diaspora association",
    ),
}

PLENARY = t("Salle plénière", "القاعة العامة", "Plenary room")
ROOM_A = t("Salle A", "القاعة أ", "Room A")
ROOM_B = t("Salle B", "القاعة ب", "Room B")
ROOM_C = t("Salle C", "القاعة ج", "Room C")
FOYER = t("Foyer", "البهو", "Foyer")
RESTAURANT = t("Restaurant", "المطعم", "Restaurant")

COFFEE = t("Pause-café", "استراحة قهوة", "Coffee break")
LUNCH = t("Déjeuner", "غداء", "Lunch")
OPENING = t("Séance d’ouverture", "الجلسة الافتتاحية", "Opening session")

TUNIS = {
    "time_zone": "Africa/Tunis",
    "venue": t("Cité de la culture", "مدينة الثقافة", "City of Culture"),
    "city": t("Tunis", "تونس", "Tunis"),
}
NOUAKCHOTT = {
    "time_zone": "Africa/Nouakchott",
    "venue": t(
        "Centre international de conférences de Nouakchott",
        "قصر المؤتمرات الدولي بنواكشوط",
        "Nouakchott International Conference Centre",
    ),
    "city": t("Nouakchott", "نواكشوط", "Nouakchott"),
}
INTERPRETATION_AR_FR = t(
    "Interprétation simultanée arabe–français",
    "ترجمة فورية بين العربية والفرنسية",
    "Simultaneous interpretation Arabic–French",
)

# Seeds items 9 (its panels) and 12 (its agenda): two days, following the workshop's title.
SUBREGIONAL_AGENDA = [
    {
        "title": t("Jour 1 — État des lieux", "اليوم الأول — الوضع الراهن", "Day 1 — Taking stock"),
        "sessions": [
            session(
                "09:00",
                "09:45",
                "opening",
                OPENING,
                PLENARY,
                moderator="ilo_coordinator",
                speakers=("employment_tn", "ilo_representative", "aics"),
                description=t(
                    "Accueil des participants à partir de 8 h 30.",
                    "استقبال المشاركين ابتداءً من الساعة 8:30.",
                    "Participants are welcomed from 8.30 a.m.",
                ),
            ),
            session(
                "09:45",
                "10:30",
                "plenary",
                t(
                    "Le projet AMEM et les objectifs de l’atelier",
                    "مشروع AMEM وأهداف الورشة",
                    "The AMEM project and the workshop’s objectives",
                ),
                PLENARY,
                speakers=("ilo_coordinator",),
                description=t(
                    "Le premier objectif spécifique du projet : améliorer la base de "
                    "connaissances sur la migration de travail (statistiques, données "
                    "administratives, recherche ciblée) pour renforcer les systèmes d’information "
                    "sur les marchés du travail.",
                    "الهدف المحدد الأول للمشروع: تحسين قاعدة المعارف المتعلقة بهجرة اليد العاملة "
                    "(الإحصاءات والبيانات الإدارية والبحوث الموجَّهة) لتعزيز نظم المعلومات "
                    "المتعلقة بأسواق العمل.",
                    "The project’s first specific objective: improving the knowledge base on "
                    "labour migration (statistics, administrative data, targeted research) to "
                    "strengthen labour market information systems.",
                ),
            ),
            session("10:30", "11:00", "break", COFFEE, FOYER),
            session(
                "11:00",
                "12:30",
                "panel",
                t(
                    "Panel 1 — Les statistiques de la migration de travail dans les quatre pays : "
                    "sources et état des lieux",
                    "حلقة النقاش 1 — إحصاءات هجرة اليد العاملة في البلدان الأربعة: المصادر "
                    "والوضع الراهن",
                    "Panel 1 — Labour migration statistics in the four countries: sources and "
                    "state of play",
                ),
                PLENARY,
                moderator="ilo_statistics",
                speakers=("stats_tn", "stats_ma", "stats_mr", "stats_ly"),
                description=t(
                    "Recensements, enquêtes emploi et enquêtes auprès des ménages : ce qu’ils "
                    "mesurent de la migration de travail, au départ comme à l’arrivée, et leurs "
                    "limites.",
                    "التعدادات ومسوح التشغيل والمسوح الأسرية: ما تقيسه من هجرة اليد العاملة، "
                    "مغادرةً ووفوداً، وحدودها.",
                    "Censuses, labour force surveys and household surveys: what they measure of "
                    "outward and inward labour migration, and their limits.",
                ),
            ),
            session("12:30", "14:00", "break", LUNCH, RESTAURANT),
            session(
                "14:00",
                "15:30",
                "panel",
                t(
                    "Panel 2 — Les données administratives : emploi, sécurité sociale, "
                    "services consulaires",
                    "حلقة النقاش 2 — البيانات الإدارية: التشغيل والضمان الاجتماعي والخدمات "
                    "القنصلية",
                    "Panel 2 — Administrative data: employment, social security, consular services",
                ),
                PLENARY,
                moderator="ilo_migration",
                speakers=(
                    "migration_observatory_tn",
                    "social_security_tn",
                    "employment_ma",
                    "labour_mr",
                ),
                description=t(
                    "Ce que les registres des administrations disent des travailleurs migrants, "
                    "et comment les rendre utilisables pour la statistique.",
                    "ما تكشفه سجلات الإدارات عن العمال المهاجرين، وكيفية جعلها قابلة للاستخدام "
                    "لأغراض الإحصاء.",
                    "What administrative records say about migrant workers, and how to make them "
                    "usable for statistics.",
                ),
            ),
            session("15:30", "15:45", "break", COFFEE, FOYER),
            session(
                "15:45",
                "16:45",
                "plenary",
                t(
                    "Les études nationales du projet AMEM : résultats et enseignements",
                    "الدراسات الوطنية لمشروع AMEM: النتائج والدروس المستفادة",
                    "The AMEM project’s national studies: findings and lessons",
                ),
                PLENARY,
                moderator="ilo_coordinator",
                speakers=("consultant",),
                description=t(
                    "Les systèmes de collecte de données de la migration de travail en Tunisie ; "
                    "les Mauritaniens à l’étranger ; l’accès des migrants au marché du travail "
                    "en Libye.",
                    "نظم جمع البيانات حول هجرة اليد العاملة في تونس؛ الموريتانيون في الخارج؛ وصول "
                    "المهاجرين إلى سوق العمل في ليبيا.",
                    "Labour migration data collection systems in Tunisia; Mauritanians abroad; "
                    "migrants’ access to the labour market in Libya.",
                ),
            ),
            session(
                "16:45",
                "17:00",
                "plenary",
                t("Synthèse de la journée", "خلاصة اليوم الأول", "Summary of the day"),
                PLENARY,
                speakers=("rapporteur",),
            ),
        ],
    },
    {
        "title": t(
            "Jour 2 — Amélioration et partage",
            "اليوم الثاني — التحسين والتبادل",
            "Day 2 — Improvement and sharing",
        ),
        "sessions": [
            session(
                "09:00",
                "09:15",
                "plenary",
                t("Rappel des travaux de la veille", "تذكير بأعمال اليوم الأول", "Recap of day 1"),
                PLENARY,
                speakers=("rapporteur",),
            ),
            session(
                "09:15",
                "10:45",
                "panel",
                t(
                    "Panel 3 — Intégrer la migration dans les systèmes d’information sur le "
                    "marché du travail",
                    "حلقة النقاش 3 — إدماج الهجرة في نظم معلومات سوق العمل",
                    "Panel 3 — Bringing migration into labour market information systems",
                ),
                PLENARY,
                moderator="ilo_lmis",
                speakers=("employment_tn", "employment_ma", "employers_tn", "workers_ma"),
                description=t(
                    "Indicateurs communs, tableaux de bord et usage des données par les "
                    "services de l’emploi et les partenaires sociaux.",
                    "مؤشرات مشتركة ولوحات متابعة واستخدام البيانات من قبل خدمات التشغيل والشركاء "
                    "الاجتماعيين.",
                    "Common indicators, dashboards, and use of the data by employment services "
                    "and the social partners.",
                ),
            ),
            session("10:45", "11:00", "break", COFFEE, FOYER),
            session(
                "11:00",
                "12:30",
                "panel",
                t(
                    "Panel 4 — Partager les données entre les pays du Maghreb",
                    "حلقة النقاش 4 — تبادل البيانات بين بلدان المغرب العربي",
                    "Panel 4 — Sharing data between the Maghreb countries",
                ),
                PLENARY,
                moderator="ilo_coordinator",
                speakers=("stats_tn", "stats_mr", "labour_ly", "ilo_migration"),
                description=t(
                    "Définitions harmonisées, échanges entre pays de départ et d’arrivée, "
                    "protection des données personnelles.",
                    "تعاريف موحّدة، والتبادل بين بلدان المنشأ وبلدان المقصد، وحماية البيانات "
                    "الشخصية.",
                    "Harmonized definitions, exchanges between countries of origin and "
                    "destination, personal data protection.",
                ),
            ),
            session("12:30", "14:00", "break", LUNCH, RESTAURANT),
            session(
                "14:00",
                "15:30",
                "working_group",
                t(
                    "Groupe de travail 1 — Améliorer les statistiques",
                    "مجموعة العمل 1 — تحسين الإحصاءات",
                    "Working group 1 — Improving statistics",
                ),
                ROOM_A,
                moderator="ilo_statistics",
            ),
            session(
                "14:00",
                "15:30",
                "working_group",
                t(
                    "Groupe de travail 2 — Valoriser les données administratives",
                    "مجموعة العمل 2 — الاستفادة من البيانات الإدارية",
                    "Working group 2 — Making use of administrative data",
                ),
                ROOM_B,
                moderator="ilo_lmis",
            ),
            session(
                "14:00",
                "15:30",
                "working_group",
                t(
                    "Groupe de travail 3 — Une feuille de route pour le partage des données",
                    "مجموعة العمل 3 — خارطة طريق لتبادل البيانات",
                    "Working group 3 — A roadmap for data sharing",
                ),
                ROOM_C,
                moderator="ilo_migration",
            ),
            session(
                "15:45",
                "16:30",
                "plenary",
                t(
                    "Restitution des groupes de travail",
                    "عرض نتائج مجموعات العمل",
                    "Reports from the working groups",
                ),
                PLENARY,
                speakers=("group_rapporteurs",),
            ),
            session(
                "16:30",
                "17:00",
                "closing",
                t(
                    "Recommandations et clôture de l’atelier",
                    "التوصيات واختتام الورشة",
                    "Recommendations and closing",
                ),
                PLENARY,
                speakers=("rapporteur", "ilo_representative", "employment_tn"),
            ),
        ],
    },
]


def one_day(opening, presentation, panel, panel_speakers, moderator, groups, closing):
    """A one-day workshop: opening, a study presented, a panel, group work, closing.

    `opening` and `panel_speakers` are tuples of SPEAKERS keys; the others are texts.
    """
    return [
        {
            "title": t("Programme de la journée", "برنامج اليوم", "Programme of the day"),
            "sessions": [
                session("09:00", "09:30", "opening", OPENING, PLENARY, speakers=opening),
                session(
                    "09:30", "10:30", "plenary", presentation, PLENARY, speakers=("consultant",)
                ),
                session("10:30", "10:45", "break", COFFEE, FOYER),
                session(
                    "10:45",
                    "12:30",
                    "panel",
                    panel,
                    PLENARY,
                    moderator=moderator,
                    speakers=panel_speakers,
                ),
                session("12:30", "14:00", "break", LUNCH, RESTAURANT),
                session("14:00", "15:30", "working_group", groups, ROOM_A, moderator=moderator),
                session("15:30", "16:00", "closing", closing, PLENARY, speakers=("rapporteur",)),
            ],
        }
    ]


CLOSING = t("Recommandations et clôture", "التوصيات والاختتام", "Recommendations and closing")

EVENTS = [
    {
        # Seed item 3. The seed names no country: Mauritania, whose legislation item 6 studies.
        "kind": "tripartite_seminar",
        "country": "MR",
        "axis": "governance",
        "starts_in": -300,
        "hours": ("09:00", "16:00"),
        "place": NOUAKCHOTT,
        "working_languages": ["fr", "ar"],
        "related": [],
        "text": {
            "title": t(
                "Séminaire tripartite sur l’état des lieux de la législation nationale relative à "
                "la migration de main-d’œuvre",
                "ندوة ثلاثية حول واقع التشريعات الوطنية المتعلقة بهجرة اليد العاملة",
                "Tripartite seminar on the state of national legislation on labour migration",
            ),
            "slug": t(
                "seminaire-tripartite-legislation-nationale-migration-main-d-oeuvre",
                "ندوة-ثلاثية-التشريعات-الوطنية-هجرة-اليد-العاملة",
                "tripartite-seminar-national-legislation-labour-migration",
            ),
            "summary": t(
                "Le gouvernement, les organisations d’employeurs et les organisations de "
                "travailleurs font ensemble l’état des lieux de la législation nationale relative "
                "à la migration de main-d’œuvre.",
                "تُجري الحكومة ومنظمات أصحاب العمل ومنظمات العمال معاً تقييماً لواقع التشريعات "
                "الوطنية المتعلقة بهجرة اليد العاملة.",
                "Government, employers’ organizations and workers’ organizations take stock "
                "together of national legislation on labour migration.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
        },
        "agenda": one_day(
            opening=("labour_mr", "employers_mr", "workers_mr", "ilo_representative"),
            presentation=t(
                "État des lieux de la législation nationale relative à la migration de "
                "main-d’œuvre",
                "واقع التشريعات الوطنية المتعلقة بهجرة اليد العاملة",
                "The state of national legislation on labour migration",
            ),
            panel=t(
                "La législation vue par les mandants tripartites",
                "التشريعات من منظور الهيئات المكوِّنة الثلاث",
                "The legislation as the tripartite constituents see it",
            ),
            panel_speakers=("labour_mr", "employers_mr", "workers_mr"),
            moderator="ilo_standards",
            groups=t(
                "Travaux en groupes : lacunes et priorités de réforme",
                "عمل في مجموعات: الثغرات وأولويات الإصلاح",
                "Group work: gaps and reform priorities",
            ),
            closing=CLOSING,
        ),
    },
    {
        # Seed item 5.
        "kind": "restitution_workshop",
        "country": "MR",
        "axis": "data",
        "starts_in": -240,
        "hours": ("09:00", "16:00"),
        "place": NOUAKCHOTT,
        "working_languages": ["fr", "ar"],
        "related": ["etude-mauritaniens-a-l-etranger"],
        "text": {
            "title": t(
                "Atelier de restitution de l’étude sur la présence, les conditions de vie et de "
                "travail des Mauritaniens à l’étranger (Côte d’Ivoire, France, Gambie, Mali et "
                "Sénégal)",
                "ورشة عمل لعرض نتائج الدراسة حول وجود الموريتانيين في الخارج وظروف معيشتهم "
                "وعملهم (كوت ديفوار وفرنسا وغامبيا ومالي والسنغال)",
                "Workshop presenting the findings of the study on the presence and the living and "
                "working conditions of Mauritanians abroad (Côte d’Ivoire, France, Gambia, Mali "
                "and Senegal)",
            ),
            "slug": t(
                "restitution-etude-mauritaniens-a-l-etranger",
                "عرض-نتائج-دراسة-الموريتانيين-في-الخارج",
                "findings-study-mauritanians-abroad",
            ),
            "summary": t(
                "Les résultats de l’étude sur la présence et les conditions de vie et de travail "
                "des Mauritaniens dans cinq pays de destination, présentés et discutés avec les "
                "institutions et les partenaires sociaux.",
                "عرض نتائج الدراسة حول وجود الموريتانيين وظروف معيشتهم وعملهم في خمسة بلدان مقصد "
                "ومناقشتها مع المؤسسات والشركاء الاجتماعيين.",
                "The findings of the study on the presence and the living and working conditions "
                "of Mauritanians in five countries of destination, presented and discussed with "
                "the institutions and the social partners.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
        },
        "agenda": one_day(
            opening=("foreign_affairs_mr", "labour_mr", "ilo_representative"),
            presentation=t(
                "Présentation de l’étude sur les Mauritaniens à l’étranger",
                "عرض الدراسة حول الموريتانيين في الخارج",
                "Presentation of the study on Mauritanians abroad",
            ),
            panel=t(
                "Les Mauritaniens en Côte d’Ivoire, en France, en Gambie, au Mali et au Sénégal : "
                "conditions de vie et de travail",
                "الموريتانيون في كوت ديفوار وفرنسا وغامبيا ومالي والسنغال: ظروف المعيشة والعمل",
                "Mauritanians in Côte d’Ivoire, France, Gambia, Mali and Senegal: living and "
                "working conditions",
            ),
            panel_speakers=("stats_mr", "foreign_affairs_mr", "workers_mr", "civil_society_mr"),
            moderator="ilo_migration",
            groups=t(
                "Travaux en groupes : recommandations pour la protection des Mauritaniens à "
                "l’étranger",
                "عمل في مجموعات: توصيات لحماية الموريتانيين في الخارج",
                "Group work: recommendations for protecting Mauritanians abroad",
            ),
            closing=CLOSING,
        ),
    },
    {
        # Seed item 11.
        "kind": "restitution_workshop",
        "country": "TN",
        "axis": "data",
        "starts_in": -120,
        "hours": ("09:00", "16:00"),
        "place": TUNIS,
        "working_languages": ["fr", "ar"],
        "related": ["etat-des-lieux-systemes-collecte-donnees-migration-travail-tunisie"],
        "text": {
            "title": t(
                "Projet AMEM : Atelier de présentation des résultats de l’étude « État des lieux "
                "des systèmes de collecte de données de la migration de travail en Tunisie »",
                "مشروع AMEM: ورشة عمل لعرض نتائج الدراسة «واقع نظم جمع البيانات حول هجرة اليد "
                "العاملة في تونس»",
                "AMEM project: Workshop presenting the results of the study “Assessment of labour "
                "migration data collection systems in Tunisia”",
            ),
            "slug": t(
                "presentation-etude-systemes-collecte-donnees-migration-travail-tunisie",
                "عرض-دراسة-نظم-جمع-بيانات-هجرة-اليد-العاملة-تونس",
                "study-labour-migration-data-collection-systems-tunisia",
            ),
            "summary": t(
                "Les résultats de l’étude sur les systèmes de collecte de données de la migration "
                "de travail en Tunisie, présentés aux institutions qui produisent et utilisent ces "
                "données.",
                "عرض نتائج الدراسة حول نظم جمع البيانات المتعلقة بهجرة اليد العاملة في تونس على "
                "المؤسسات التي تنتج هذه البيانات وتستخدمها.",
                "The results of the study on labour migration data collection systems in Tunisia, "
                "presented to the institutions that produce and use the data.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
        },
        "agenda": one_day(
            opening=("employment_tn", "stats_tn", "ilo_representative"),
            presentation=t(
                "Présentation des résultats de l’étude",
                "عرض نتائج الدراسة",
                "Presentation of the study’s results",
            ),
            panel=t(
                "Producteurs et utilisateurs de données face aux résultats",
                "منتجو البيانات ومستخدموها في ضوء النتائج",
                "Data producers and users respond to the findings",
            ),
            panel_speakers=(
                "stats_tn",
                "migration_observatory_tn",
                "social_security_tn",
                "workers_tn",
            ),
            moderator="ilo_statistics",
            groups=t(
                "Travaux en groupes : priorités pour renforcer la collecte de données",
                "عمل في مجموعات: أولويات تعزيز جمع البيانات",
                "Group work: priorities for strengthening data collection",
            ),
            closing=CLOSING,
        ),
    },
    {
        # Seed item 2, a signing ceremony.
        "kind": "signing_ceremony",
        "country": "TN",
        "axis": "data",
        "starts_in": -60,
        "hours": ("10:00", "12:00"),
        "place": TUNIS,
        "working_languages": ["fr", "ar"],
        "related": [],
        "text": {
            "title": t(
                "Signature du protocole d’accord sur la création du groupe de travail sur les "
                "statistiques de la migration en Tunisie",
                "التوقيع على مذكرة التفاهم بشأن إنشاء فريق العمل المعني بإحصاءات الهجرة في تونس",
                "Signing of the memorandum of understanding establishing the working group on "
                "migration statistics in Tunisia",
            ),
            "slug": t(
                "signature-protocole-accord-groupe-de-travail-statistiques-migration-tunisie",
                "توقيع-مذكرة-تفاهم-فريق-عمل-إحصاءات-الهجرة-تونس",
                "signing-mou-working-group-migration-statistics-tunisia",
            ),
            "summary": t(
                "La cérémonie de signature du protocole d’accord qui crée le groupe de travail "
                "sur les statistiques de la migration en Tunisie, avec l’appui du projet AMEM.",
                "حفل التوقيع على مذكرة التفاهم التي تُنشئ فريق العمل المعني بإحصاءات الهجرة في "
                "تونس، بدعم من مشروع AMEM.",
                "The ceremony for signing the memorandum of understanding that establishes the "
                "working group on migration statistics in Tunisia, with support from the AMEM "
                "project.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
        },
        "agenda": [
            {
                "title": t("Cérémonie", "الحفل", "Ceremony"),
                "sessions": [
                    session(
                        "10:00",
                        "10:30",
                        "opening",
                        t("Allocutions d’ouverture", "الكلمات الافتتاحية", "Opening remarks"),
                        PLENARY,
                        speakers=("employment_tn", "stats_tn", "ilo_representative"),
                    ),
                    session(
                        "10:30",
                        "11:00",
                        "plenary",
                        t(
                            "Le protocole d’accord et le mandat du groupe de travail",
                            "مذكرة التفاهم ومهام فريق العمل",
                            "The memorandum of understanding and the working group’s mandate",
                        ),
                        PLENARY,
                        speakers=("ilo_statistics",),
                    ),
                    session(
                        "11:00",
                        "11:30",
                        "plenary",
                        t(
                            "Signature du protocole d’accord",
                            "التوقيع على مذكرة التفاهم",
                            "Signing of the memorandum of understanding",
                        ),
                        PLENARY,
                        speakers=("signatories",),
                    ),
                    session(
                        "11:30",
                        "12:00",
                        "closing",
                        t("Clôture", "الاختتام", "Closing"),
                        PLENARY,
                        speakers=("ilo_coordinator",),
                    ),
                ],
            }
        ],
    },
    {
        # Seed item 7, with item 8 as its concept note.
        "kind": "restitution_workshop",
        "country": "TN",
        "axis": "data",
        "starts_in": 10,
        "hours": ("09:00", "16:15"),
        "place": TUNIS,
        "working_languages": ["fr", "ar"],
        "related": [
            "etat-des-lieux-systeme-information-migrations-main-d-oeuvre-tunisie",
            "note-de-cadrage-atelier-restitution-recommandations",
        ],
        "text": {
            "title": t(
                "Atelier de restitution et de mise en œuvre des recommandations de l’état des "
                "lieux du système d’information sur les migrations internationales de "
                "main-d’œuvre depuis et vers la Tunisie",
                "ورشة عمل لعرض نتائج تقييم واقع نظام المعلومات حول الهجرة الدولية لليد العاملة "
                "من تونس وإليها وتنفيذ توصياته",
                "Workshop presenting the assessment of the information system on international "
                "labour migration from and to Tunisia and implementing its recommendations",
            ),
            "slug": t(
                "restitution-recommandations-systeme-information-migrations-main-d-oeuvre-tunisie",
                "عرض-وتنفيذ-توصيات-نظام-معلومات-هجرة-اليد-العاملة-تونس",
                "findings-recommendations-labour-migration-information-system-tunisia",
            ),
            "summary": t(
                "Les résultats de l’état des lieux du système d’information sur les migrations "
                "internationales de main-d’œuvre depuis et vers la Tunisie, et la préparation de "
                "la mise en œuvre de ses recommandations avec les producteurs et les utilisateurs "
                "des données.",
                "عرض نتائج تقييم واقع نظام المعلومات حول الهجرة الدولية لليد العاملة من تونس "
                "وإليها، والتحضير لتنفيذ توصياته مع منتجي البيانات ومستخدميها.",
                "The findings of the assessment of the information system on international labour "
                "migration from and to Tunisia, and preparing the implementation of its "
                "recommendations with data producers and users.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
            "concept_note": concept_note_html(),
        },
        "agenda": [
            {
                "title": t("Programme de la journée", "برنامج اليوم", "Programme of the day"),
                "sessions": [
                    session(
                        "09:00",
                        "09:30",
                        "opening",
                        OPENING,
                        PLENARY,
                        speakers=("employment_tn", "stats_tn", "ilo_representative"),
                    ),
                    session(
                        "09:30",
                        "10:30",
                        "plenary",
                        t(
                            "Présentation de l’état des lieux du système d’information",
                            "عرض تقييم واقع نظام المعلومات",
                            "Presentation of the information system assessment",
                        ),
                        PLENARY,
                        speakers=("consultant",),
                    ),
                    session(
                        "10:30",
                        "11:15",
                        "plenary",
                        t(
                            "Discussion des constats et des recommandations",
                            "مناقشة الاستنتاجات والتوصيات",
                            "Discussion of the findings and recommendations",
                        ),
                        PLENARY,
                        moderator="ilo_statistics",
                    ),
                    session("11:15", "11:30", "break", COFFEE, FOYER),
                    session(
                        "11:30",
                        "13:00",
                        "working_group",
                        t(
                            "Groupe 1 — Statistiques et enquêtes",
                            "المجموعة 1 — الإحصاءات والمسوح",
                            "Group 1 — Statistics and surveys",
                        ),
                        ROOM_A,
                        moderator="ilo_statistics",
                    ),
                    session(
                        "11:30",
                        "13:00",
                        "working_group",
                        t(
                            "Groupe 2 — Données administratives",
                            "المجموعة 2 — البيانات الإدارية",
                            "Group 2 — Administrative data",
                        ),
                        ROOM_B,
                        moderator="ilo_migration",
                    ),
                    session("13:00", "14:00", "break", LUNCH, RESTAURANT),
                    session(
                        "14:00",
                        "15:00",
                        "plenary",
                        t(
                            "Restitution des groupes et priorités",
                            "عرض نتائج المجموعات والأولويات",
                            "Reports from the groups and priorities",
                        ),
                        PLENARY,
                        speakers=("group_rapporteurs",),
                    ),
                    session(
                        "15:00",
                        "15:45",
                        "panel",
                        t(
                            "Vers une feuille de route : le rôle du groupe de travail sur les "
                            "statistiques de la migration",
                            "نحو خارطة طريق: دور فريق العمل المعني بإحصاءات الهجرة",
                            "Towards a roadmap: the role of the working group on migration "
                            "statistics",
                        ),
                        PLENARY,
                        moderator="ilo_coordinator",
                        speakers=("stats_tn", "migration_observatory_tn", "employment_tn"),
                    ),
                    session(
                        "15:45",
                        "16:15",
                        "closing",
                        t("Synthèse et clôture", "الخلاصة والاختتام", "Summary and closing"),
                        PLENARY,
                        speakers=("rapporteur", "ilo_representative"),
                    ),
                ],
            }
        ],
    },
    {
        # Seed items 12 (the agenda) and 9 (the panels); item 10 is its press release.
        "kind": "subregional_workshop",
        "country": "XM",
        "axis": "data",
        "starts_in": 21,
        "hours": ("09:00", "17:00"),
        "place": TUNIS,
        "working_languages": ["fr", "ar", "en"],
        "related": ["communique-atelier-sous-regional-donnees-migration-travail-maghreb"],
        "text": {
            "title": t(
                "Atelier sous-régional AMEM : Les données de la migration de travail au Maghreb : "
                "état des lieux, amélioration et partage",
                "ورشة العمل دون الإقليمية لمشروع AMEM: بيانات هجرة اليد العاملة في المغرب "
                "العربي: الوضع الراهن والتحسين والتبادل",
                "AMEM sub-regional workshop: Labour migration data in the Maghreb: taking stock, "
                "improvement and sharing",
            ),
            "slug": t(
                "atelier-sous-regional-donnees-migration-travail-maghreb",
                "ورشة-دون-إقليمية-بيانات-هجرة-اليد-العاملة-المغرب-العربي",
                "subregional-workshop-labour-migration-data-maghreb",
            ),
            "summary": t(
                "Deux jours pour faire l’état des lieux des données de la migration de travail en "
                "Libye, au Maroc, en Mauritanie et en Tunisie, et discuter de leur amélioration et "
                "de leur partage entre les quatre pays : statistiques, données administratives et "
                "systèmes d’information sur le marché du travail.",
                "يومان لتقييم الوضع الراهن لبيانات هجرة اليد العاملة في ليبيا والمغرب وموريتانيا "
                "وتونس، ومناقشة سبل تحسينها وتبادلها بين البلدان الأربعة: الإحصاءات والبيانات "
                "الإدارية ونظم معلومات سوق العمل.",
                "Two days to take stock of labour migration data in Libya, Morocco, Mauritania "
                "and Tunisia, and to discuss improving it and sharing it between the four "
                "countries: statistics, administrative data and labour market information "
                "systems.",
            ),
            "interpretation": t(
                "Interprétation simultanée arabe, français et anglais",
                "ترجمة فورية بالعربية والفرنسية والإنجليزية",
                "Simultaneous interpretation in Arabic, French and English",
            ),
        },
        "agenda": SUBREGIONAL_AGENDA,
    },
    {
        # Seed item 6.
        "kind": "restitution_workshop",
        "country": "MR",
        "axis": "governance",
        "starts_in": 42,
        "hours": ("09:00", "16:00"),
        "place": NOUAKCHOTT,
        "working_languages": ["fr", "ar"],
        "related": ["etude-legislation-nationale-ratification-c143-mauritanie"],
        "text": {
            "title": t(
                "Atelier de restitution de l’étude : État des lieux de la législation nationale "
                "et implications législatives de la ratification de la C143 sur les travailleurs "
                "migrants (dispositions complémentaires), 1975, par la Mauritanie",
                "ورشة عمل لعرض نتائج الدراسة: واقع التشريعات الوطنية والآثار التشريعية المترتبة "
                "على تصديق موريتانيا على الاتفاقية رقم 143 بشأن العمال المهاجرين (أحكام تكميلية)، "
                "1975",
                "Workshop presenting the study: State of national legislation and the legislative "
                "implications of Mauritania’s ratification of the Migrant Workers (Supplementary "
                "Provisions) Convention, 1975 (No. 143)",
            ),
            "slug": t(
                "restitution-etude-legislation-nationale-ratification-c143-mauritanie",
                "عرض-نتائج-دراسة-التصديق-على-الاتفاقية-143-موريتانيا",
                "findings-study-national-legislation-ratification-c143-mauritania",
            ),
            "summary": t(
                "L’étude sur la législation nationale et les implications d’une ratification de "
                "la convention (n° 143) de l’OIT, présentée aux mandants tripartites, et une "
                "feuille de route discutée avec eux.",
                "عرض الدراسة حول التشريعات الوطنية وآثار التصديق على اتفاقية منظمة العمل الدولية "
                "رقم 143 على الهيئات المكوِّنة الثلاث، ومناقشة خارطة طريق معها.",
                "The study on national legislation and the implications of ratifying ILO "
                "Convention No. 143, presented to the tripartite constituents, and a roadmap "
                "discussed with them.",
            ),
            "interpretation": INTERPRETATION_AR_FR,
        },
        "agenda": one_day(
            opening=("labour_mr", "employers_mr", "workers_mr", "ilo_representative"),
            presentation=t(
                "Présentation de l’étude : législation nationale et implications de la "
                "ratification de la C143",
                "عرض الدراسة: التشريعات الوطنية وآثار التصديق على الاتفاقية رقم 143",
                "Presentation of the study: national legislation and the implications of "
                "ratifying C143",
            ),
            panel=t(
                "Ratifier la C143 : points de vue du gouvernement et des partenaires sociaux",
                "التصديق على الاتفاقية رقم 143: وجهات نظر الحكومة والشركاء الاجتماعيين",
                "Ratifying C143: the views of the government and the social partners",
            ),
            panel_speakers=("labour_mr", "employers_mr", "workers_mr", "ilo_standards"),
            moderator="ilo_migration",
            groups=t(
                "Travaux en groupes : feuille de route vers la ratification",
                "عمل في مجموعات: خارطة طريق نحو التصديق",
                "Group work: a roadmap towards ratification",
            ),
            closing=CLOSING,
        ),
    },
]
