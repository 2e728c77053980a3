"""The demo site's words, from the project's own page (shared/seeds), in fr, ar and en.

Each translated value is {"fr": ..., "ar": ..., "en": ...}; stream fields are lists of blocks in
Wagtail's raw form ({"type": ..., "value": ...}).
"""


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


HOME = {
    "title": {"fr": "Accueil", "ar": "الرئيسية", "en": "Home"},
    "slug": {"fr": "accueil", "ar": "الرئيسية", "en": "home"},
    "hero_title": {
        "fr": "Appui à la migration équitable pour le Maghreb",
        "ar": "دعم الهجرة العادلة في المغرب العربي",
        "en": "Support for fair migration in the Maghreb",
    },
    "hero_text": {
        "fr": "Assurer un continuum de protection pour tous les travailleurs migrants au départ "
        "et à l’arrivée des pays du Maghreb : Libye, Maroc, Mauritanie, Tunisie.",
        "ar": "ضمان حماية متواصلة لجميع العمال المهاجرين المغادرين من بلدان المغرب العربي "
        "والوافدين إليها: ليبيا والمغرب وموريتانيا وتونس.",
        "en": "Ensuring a continuum of protection for all migrant workers departing from and "
        "arriving in the Maghreb countries: Libya, Morocco, Mauritania, Tunisia.",
    },
    "context_title": {
        "fr": "Contexte de lancement du projet AMEM",
        "ar": "سياق إطلاق مشروع AMEM",
        "en": "Background to the launch of the AMEM project",
    },
    "context_text": {
        "fr": "<p>Au Maroc, en Mauritanie, en Tunisie et en Libye, la migration soulève un certain "
        "nombre de défis de développement et de gouvernance. Ce projet vise à relever certains de "
        "ces défis et à renforcer le potentiel de développement de la migration des travailleurs "
        "dans ces pays, notamment en encourageant le rapprochement entre politiques de l’emploi, "
        "particulièrement des jeunes, et politiques migratoires.</p>",
        "ar": "<p>تطرح الهجرة في المغرب وموريتانيا وتونس وليبيا عدداً من التحديات المتعلقة "
        "بالتنمية والحوكمة. ويهدف هذا المشروع إلى التصدي لبعض هذه التحديات وتعزيز الإمكانات "
        "الإنمائية لهجرة العمال في هذه البلدان، ولا سيما من خلال تشجيع التقارب بين سياسات "
        "التشغيل، وبخاصة تشغيل الشباب، وسياسات الهجرة.</p>",
        "en": "<p>In Morocco, Mauritania, Tunisia and Libya, migration raises a number of "
        "development and governance challenges. This project aims to address some of these "
        "challenges and to strengthen the development potential of labour migration in these "
        "countries, in particular by encouraging closer alignment between employment policies, "
        "especially for young people, and migration policies.</p>",
    },
    "axes": {
        "fr": [
            {
                "type": "axis",
                "value": {
                    "code": "data",
                    "title": "Données",
                    "text": "Améliorer la base de connaissances sur la migration de travail en "
                    "termes de statistiques, de données administratives et de recherche ciblée, "
                    "pour renforcer les systèmes d’information sur les marchés du travail et "
                    "fournir des outils puissants pour l’élaboration et le pilotage des "
                    "politiques publiques en lien avec la migration de travail.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "capacity",
                    "title": "Capacités",
                    "text": "Renforcer les capacités des acteurs non gouvernementaux "
                    "(organisations d’employeurs et de travailleurs, associations concernées) afin "
                    "qu’ils puissent pleinement jouer leur rôle dans l’élaboration et le suivi des "
                    "politiques de migration de travail, la prévention des abus et la protection "
                    "des travailleurs migrants tout au long du cycle migratoire.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "governance",
                    "title": "Gouvernance",
                    "text": "Assurer une meilleure gouvernance des migrations de travail et une "
                    "meilleure protection des droits des travailleurs migrants, en rapprochant "
                    "politiques de l’emploi et politiques migratoires, en appuyant et "
                    "professionnalisant les services publics et privés de l’emploi et en "
                    "sensibilisant la protection sociale et l’inspection du travail.",
                },
            },
        ],
        "ar": [
            {
                "type": "axis",
                "value": {
                    "code": "data",
                    "title": "البيانات",
                    "text": "تحسين قاعدة المعارف المتعلقة بهجرة اليد العاملة من حيث الإحصاءات "
                    "والبيانات الإدارية والبحوث الموجَّهة، من أجل تعزيز نظم المعلومات المتعلقة "
                    "بأسواق العمل وتوفير أدوات فعّالة لوضع السياسات العامة المتعلقة بهجرة اليد "
                    "العاملة وتوجيهها.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "capacity",
                    "title": "القدرات",
                    "text": "تعزيز قدرات الجهات الفاعلة غير الحكومية (منظمات أصحاب العمل "
                    "ومنظمات العمال والجمعيات المعنية) لتمكينها من الاضطلاع بدورها كاملاً في وضع "
                    "سياسات هجرة اليد العاملة ومتابعتها، ومنع الانتهاكات، وحماية العمال "
                    "المهاجرين طوال دورة الهجرة.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "governance",
                    "title": "الحوكمة",
                    "text": "ضمان حوكمة أفضل لهجرة اليد العاملة وحماية أفضل لحقوق العمال "
                    "المهاجرين، من خلال التقريب بين سياسات التشغيل وسياسات الهجرة، ودعم خدمات "
                    "التشغيل العامة والخاصة وإضفاء الطابع المهني عليها، وتوعية أجهزة الحماية "
                    "الاجتماعية وتفتيش العمل.",
                },
            },
        ],
        "en": [
            {
                "type": "axis",
                "value": {
                    "code": "data",
                    "title": "Data",
                    "text": "Improve the knowledge base on labour migration in terms of "
                    "statistics, administrative data and targeted research, to strengthen labour "
                    "market information systems and provide powerful tools for designing and "
                    "steering public policies related to labour migration.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "capacity",
                    "title": "Capacities",
                    "text": "Strengthen the capacities of non-governmental actors (employers’ and "
                    "workers’ organizations, relevant associations) so that they can fully play "
                    "their role in designing and monitoring labour migration policies, preventing "
                    "abuse and protecting migrant workers throughout the migration cycle.",
                },
            },
            {
                "type": "axis",
                "value": {
                    "code": "governance",
                    "title": "Governance",
                    "text": "Ensure better governance of labour migration and better protection "
                    "of migrant workers’ rights, by bringing employment and migration policies "
                    "closer together, supporting and professionalizing public and private "
                    "employment services, and raising awareness among social protection and "
                    "labour inspection services.",
                },
            },
        ],
    },
    "beneficiaries": {
        "fr": [
            {
                "type": "beneficiary",
                "value": {
                    "title": "Institutionnels",
                    "text": "Cadres et personnels des ministères et des agences intervenant dans "
                    "l’élaboration, le suivi et la mise en œuvre des politiques relatives aux "
                    "migrations de travail et à la protection des travailleurs migrants.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "Partenaires sociaux",
                    "text": "Cadres, personnels, membres et militants des associations "
                    "d’employeurs, des organisations de travailleurs et des associations de la "
                    "société civile intervenant dans le recrutement, la sensibilisation et la "
                    "protection des travailleurs migrants et de leurs employeurs.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "Travailleurs migrants",
                    "text": "Travailleurs migrants employés ou en recherche d’emploi et leurs "
                    "familles dans les pays cibles ou au départ de ceux-ci.",
                },
            },
        ],
        "ar": [
            {
                "type": "beneficiary",
                "value": {
                    "title": "الجهات المؤسسية",
                    "text": "مسؤولو وموظفو الوزارات والوكالات المعنية بوضع السياسات المتعلقة "
                    "بهجرة اليد العاملة وحماية العمال المهاجرين ومتابعتها وتنفيذها.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "الشركاء الاجتماعيون",
                    "text": "مسؤولو وموظفو وأعضاء ونشطاء جمعيات أصحاب العمل ومنظمات العمال "
                    "وجمعيات المجتمع المدني العاملة في مجالات التوظيف والتوعية والحماية لفائدة "
                    "العمال المهاجرين وأصحاب العمل الذين يشغّلونهم.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "العمال المهاجرون",
                    "text": "العمال المهاجرون العاملون أو الباحثون عن عمل وأسرهم، في البلدان "
                    "المستهدفة أو المغادرون منها.",
                },
            },
        ],
        "en": [
            {
                "type": "beneficiary",
                "value": {
                    "title": "Institutions",
                    "text": "Officials and staff of ministries and agencies involved in "
                    "designing, monitoring and implementing policies on labour migration and the "
                    "protection of migrant workers.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "Social partners",
                    "text": "Officials, staff, members and activists of employers’ associations, "
                    "workers’ organizations and civil society associations involved in the "
                    "recruitment, awareness-raising and protection of migrant workers and their "
                    "employers.",
                },
            },
            {
                "type": "beneficiary",
                "value": {
                    "title": "Migrant workers",
                    "text": "Migrant workers, employed or seeking employment, and their families, "
                    "in the target countries or leaving from them.",
                },
            },
        ],
    },
}

FOOTER = {
    "partners_title": {
        "fr": "Partenaires institutionnels",
        "ar": "الشركاء المؤسسيون",
        "en": "Institutional partners",
    },
    "partners_text": {
        "fr": "Ministères en charge du travail, de l’emploi, des affaires étrangères, de la "
        "migration et des affaires sociales ; institutions nationales de statistique ; "
        "organisations de travailleurs et d’employeurs.",
        "ar": "الوزارات المكلفة بالعمل والتشغيل والشؤون الخارجية والهجرة والشؤون الاجتماعية؛ "
        "المؤسسات الوطنية للإحصاء؛ منظمات العمال ومنظمات أصحاب العمل.",
        "en": "Ministries in charge of labour, employment, foreign affairs, migration and social "
        "affairs; national statistics institutions; workers’ and employers’ organizations.",
    },
}

COUNTRIES = {
    # code: (fr, ar, en) country names and slugs are in PAGES below; this is the home summary.
    "LY": {
        "fr": "Accès des migrants au marché du travail en Libye et impact de la COVID-19.",
        "ar": "وصول المهاجرين إلى سوق العمل في ليبيا وتأثير جائحة كوفيد-19.",
        "en": "Labour market access for migrants in Libya and the impact of COVID-19.",
    },
    "MA": {
        "fr": "Ministères, institutions nationales de statistique et partenaires sociaux "
        "marocains associés au projet.",
        "ar": "الوزارات والمؤسسات الوطنية للإحصاء والشركاء الاجتماعيون في المغرب شركاء في المشروع.",
        "en": "Moroccan ministries, national statistics institutions and social partners involved "
        "in the project.",
    },
    "MR": {
        "fr": "Études sur les Mauritaniens à l’étranger et sur la ratification de la C143.",
        "ar": "دراسات حول الموريتانيين في الخارج وحول التصديق على الاتفاقية رقم 143.",
        "en": "Studies on Mauritanians abroad and on the ratification of Convention No. 143.",
    },
    "TN": {
        "fr": "Groupe de travail sur les statistiques de la migration et système d’information.",
        "ar": "فريق العمل المعني بإحصاءات الهجرة ونظام المعلومات حول هجرة اليد العاملة.",
        "en": "Working group on migration statistics and labour migration information system.",
    },
}

# The seed's context sentence, shared by the four country pages.
COUNTRY_CONTEXT = {
    "fr": "<p>Au Maroc, en Mauritanie, en Tunisie et en Libye, la migration soulève un certain "
    "nombre de défis de développement et de gouvernance. Le projet AMEM vise à relever certains "
    "de ces défis et à renforcer le potentiel de développement de la migration des travailleurs "
    "dans ces pays, notamment en encourageant le rapprochement entre politiques de l’emploi, "
    "particulièrement des jeunes, et politiques migratoires.</p>",
    "ar": "<p>تطرح الهجرة في المغرب وموريتانيا وتونس وليبيا عدداً من التحديات المتعلقة بالتنمية "
    "والحوكمة. ويهدف مشروع AMEM إلى التصدي لبعض هذه التحديات وتعزيز الإمكانات الإنمائية لهجرة "
    "العمال في هذه البلدان، ولا سيما من خلال تشجيع التقارب بين سياسات التشغيل، وبخاصة تشغيل "
    "الشباب، وسياسات الهجرة.</p>",
    "en": "<p>In Morocco, Mauritania, Tunisia and Libya, migration raises a number of development "
    "and governance challenges. The AMEM project aims to address some of these challenges and to "
    "strengthen the development potential of labour migration in these countries, in particular "
    "by encouraging closer alignment between employment policies, especially for young people, "
    "and migration policies.</p>",
}
CONTEXT_HEADING = {"fr": "Contexte", "ar": "السياق", "en": "Context"}
ACTIVITIES_HEADING = {
    "fr": "Activités du projet",
    "ar": "أنشطة المشروع",
    "en": "Project activities",
}


def country_body(second_heading, second_html):
    """A country page's body: the shared context, then what the seed says of that country."""
    return {
        language: [
            heading(CONTEXT_HEADING[language]),
            paragraph(COUNTRY_CONTEXT[language]),
            heading(second_heading[language]),
            paragraph(second_html[language]),
        ]
        for language in ("fr", "ar", "en")
    }


PAGES = [
    {
        "menu": True,
        "title": {"fr": "Le projet", "ar": "المشروع", "en": "The project"},
        "slug": {"fr": "projet", "ar": "المشروع", "en": "project"},
        "introduction": {
            "fr": "AMEM – Appui à la migration équitable pour le Maghreb : Libye, Maroc, "
            "Mauritanie, Tunisie.",
            "ar": "AMEM – دعم الهجرة العادلة في المغرب العربي: ليبيا والمغرب وموريتانيا وتونس.",
            "en": "AMEM – Support for fair migration in the Maghreb: Libya, Morocco, Mauritania, "
            "Tunisia.",
        },
        "body": {
            "fr": [
                heading("Contexte de lancement du projet AMEM"),
                paragraph(
                    "<p>Au Maroc, en Mauritanie, en Tunisie et en Libye, la migration soulève un "
                    "certain nombre de défis de développement et de gouvernance. Ce projet vise à "
                    "relever certains de ces défis et à renforcer le potentiel de développement de "
                    "la migration des travailleurs dans ces pays, notamment en encourageant le "
                    "rapprochement entre politiques de l’emploi, particulièrement des jeunes, et "
                    "politiques migratoires.</p>"
                ),
                heading("Objectif principal"),
                paragraph(
                    "<p>Assurer un continuum de protection pour tous les travailleurs migrants au "
                    "départ et à l’arrivée des pays du Maghreb.</p>"
                ),
            ],
            "ar": [
                heading("سياق إطلاق مشروع AMEM"),
                paragraph(
                    "<p>تطرح الهجرة في المغرب وموريتانيا وتونس وليبيا عدداً من التحديات المتعلقة "
                    "بالتنمية والحوكمة. ويهدف هذا المشروع إلى التصدي لبعض هذه التحديات وتعزيز "
                    "الإمكانات الإنمائية لهجرة العمال في هذه البلدان، ولا سيما من خلال تشجيع "
                    "التقارب بين سياسات التشغيل، وبخاصة تشغيل الشباب، وسياسات الهجرة.</p>"
                ),
                heading("الهدف الرئيسي"),
                paragraph(
                    "<p>ضمان حماية متواصلة لجميع العمال المهاجرين المغادرين من بلدان المغرب "
                    "العربي والوافدين إليها.</p>"
                ),
            ],
            "en": [
                heading("Background to the launch of the AMEM project"),
                paragraph(
                    "<p>In Morocco, Mauritania, Tunisia and Libya, migration raises a number of "
                    "development and governance challenges. This project aims to address some of "
                    "these challenges and to strengthen the development potential of labour "
                    "migration in these countries, in particular by encouraging closer alignment "
                    "between employment policies, especially for young people, and migration "
                    "policies.</p>"
                ),
                heading("Main objective"),
                paragraph(
                    "<p>Ensure a continuum of protection for all migrant workers departing from "
                    "and arriving in the Maghreb countries.</p>"
                ),
            ],
        },
    },
    {
        "menu": True,
        "title": {"fr": "Objectifs", "ar": "الأهداف", "en": "Objectives"},
        "slug": {"fr": "objectifs", "ar": "الأهداف", "en": "objectives"},
        "introduction": {
            "fr": "Assurer un continuum de protection pour tous les travailleurs migrants au "
            "départ et à l’arrivée des pays du Maghreb.",
            "ar": "ضمان حماية متواصلة لجميع العمال المهاجرين المغادرين من بلدان المغرب العربي "
            "والوافدين إليها.",
            "en": "Ensure a continuum of protection for all migrant workers departing from and "
            "arriving in the Maghreb countries.",
        },
        "body": {
            "fr": [
                heading("1. Données"),
                paragraph(
                    "<p>Améliorer la base de connaissances sur la migration de travail en termes "
                    "de statistiques, de données administratives et de recherche spécifique ciblée "
                    "pour renforcer les systèmes d’information sur les marchés du travail et "
                    "fournir des outils puissants pour l’élaboration et le pilotage des politiques "
                    "publiques en lien avec la migration de travail.</p>"
                ),
                heading("2. Capacités"),
                paragraph(
                    "<p>Renforcer les capacités des acteurs non gouvernementaux (organisations "
                    "d’employeurs et de travailleurs, associations concernées) afin qu’ils "
                    "puissent pleinement jouer leur rôle en matière d’élaboration et de suivi des "
                    "politiques relatives à la migration de travail, de prévention des abus et de "
                    "protection des travailleurs à travers des services délivrés tout au long du "
                    "cycle migratoire.</p>"
                ),
                heading("3. Gouvernance"),
                paragraph(
                    "<p>Assurer une meilleure gouvernance des migrations de travail et une "
                    "meilleure protection des droits des travailleurs migrants, tout en tenant "
                    "compte des besoins des marchés du travail en termes de rapprochement entre "
                    "politiques de l’emploi et politiques migratoires, appui et "
                    "professionnalisation des services publics et privés de l’emploi et "
                    "sensibilisation des services de la protection sociale et de l’inspection "
                    "du travail.</p>"
                ),
            ],
            "ar": [
                heading("1. البيانات"),
                paragraph(
                    "<p>تحسين قاعدة المعارف المتعلقة بهجرة اليد العاملة من حيث الإحصاءات والبيانات "
                    "الإدارية والبحوث المحددة الموجَّهة، من أجل تعزيز نظم المعلومات المتعلقة "
                    "بأسواق العمل وتوفير أدوات فعّالة لوضع السياسات العامة المتعلقة بهجرة اليد "
                    "العاملة وتوجيهها.</p>"
                ),
                heading("2. القدرات"),
                paragraph(
                    "<p>تعزيز قدرات الجهات الفاعلة غير الحكومية (منظمات أصحاب العمل ومنظمات العمال "
                    "والجمعيات المعنية) لتمكينها من الاضطلاع بدورها كاملاً في مجال وضع السياسات "
                    "المتعلقة بهجرة اليد العاملة ومتابعتها، ومنع الانتهاكات، وحماية العمال من "
                    "خلال خدمات تُقدَّم طوال دورة الهجرة.</p>"
                ),
                heading("3. الحوكمة"),
                paragraph(
                    "<p>ضمان حوكمة أفضل لهجرة اليد العاملة وحماية أفضل لحقوق العمال المهاجرين، مع "
                    "مراعاة احتياجات أسواق العمل من حيث التقريب بين سياسات التشغيل وسياسات "
                    "الهجرة، ودعم خدمات التشغيل العامة والخاصة وإضفاء الطابع المهني عليها، وتوعية "
                    "أجهزة الحماية الاجتماعية وتفتيش العمل.</p>"
                ),
            ],
            "en": [
                heading("1. Data"),
                paragraph(
                    "<p>Improve the knowledge base on labour migration in terms of statistics, "
                    "administrative data and specific targeted research, to strengthen labour "
                    "market information systems and provide powerful tools for designing and "
                    "steering public policies related to labour migration.</p>"
                ),
                heading("2. Capacities"),
                paragraph(
                    "<p>Strengthen the capacities of non-governmental actors (employers’ and "
                    "workers’ organizations, relevant associations) so that they can fully play "
                    "their role in designing and monitoring labour migration policies, preventing "
                    "abuse and protecting workers through services delivered throughout the "
                    "migration cycle.</p>"
                ),
                heading("3. Governance"),
                paragraph(
                    "<p>Ensure better governance of labour migration and better protection of "
                    "migrant workers’ rights, while taking into account labour market needs in "
                    "terms of bringing employment and migration policies closer together, "
                    "supporting and professionalizing public and private employment services, and "
                    "raising awareness among social protection and labour inspection services.</p>"
                ),
            ],
        },
    },
    {
        "menu": True,
        "title": {"fr": "Partenaires", "ar": "الشركاء", "en": "Partners"},
        "slug": {"fr": "partenaires", "ar": "الشركاء", "en": "partners"},
        "introduction": {
            "fr": "Les partenaires institutionnels du projet.",
            "ar": "الشركاء المؤسسيون للمشروع.",
            "en": "The project’s institutional partners.",
        },
        "body": {
            "fr": [
                paragraph(
                    "<ul><li>Les ministères en charge du travail, de l’emploi, des affaires "
                    "étrangères et de la migration et des affaires sociales et les services ou "
                    "structures publics qui y sont rattachés. D’autres départements ministériels, "
                    "notamment de l’intérieur et du développement, sont également associés.</li>"
                    "<li>Les institutions nationales en charge de la collecte et de la production "
                    "statistique.</li><li>Les organisations de travailleurs et d’employeurs.</li>"
                    "</ul>"
                ),
            ],
            "ar": [
                paragraph(
                    "<ul><li>الوزارات المكلفة بالعمل والتشغيل والشؤون الخارجية والهجرة والشؤون "
                    "الاجتماعية، والأجهزة أو الهيئات العامة التابعة لها. كما تشارك وزارات أخرى، "
                    "ولا سيما الوزارات المكلفة بالداخلية والتنمية.</li>"
                    "<li>المؤسسات الوطنية المكلفة بجمع البيانات الإحصائية وإنتاجها.</li>"
                    "<li>منظمات العمال ومنظمات أصحاب العمل.</li></ul>"
                ),
            ],
            "en": [
                paragraph(
                    "<ul><li>The ministries in charge of labour, employment, foreign affairs and "
                    "migration, and social affairs, and the public services or bodies attached to "
                    "them. Other ministerial departments, notably those responsible for the "
                    "interior and for development, are also involved.</li>"
                    "<li>The national institutions in charge of collecting and producing "
                    "statistics.</li><li>Workers’ and employers’ organizations.</li></ul>"
                ),
            ],
        },
    },
    {
        "menu": True,
        "title": {"fr": "Bénéficiaires", "ar": "المستفيدون", "en": "Beneficiaries"},
        "slug": {"fr": "beneficiaires", "ar": "المستفيدون", "en": "beneficiaries"},
        "introduction": {
            "fr": "Les bénéficiaires du projet.",
            "ar": "المستفيدون من المشروع.",
            "en": "The project’s beneficiaries.",
        },
        "body": {
            "fr": [
                heading("Institutionnels"),
                paragraph(
                    "<p>Cadres et personnels des ministères et des agences intervenant dans "
                    "l’élaboration, le suivi et la mise en œuvre des politiques relatives aux "
                    "migrations de travail et à la protection des travailleurs migrants.</p>"
                ),
                heading("Partenaires sociaux"),
                paragraph(
                    "<p>Cadres, personnels, membres et militants des associations d’employeurs, "
                    "des organisations de travailleurs et des associations de la société civile "
                    "intervenant dans le recrutement, la sensibilisation et la protection des "
                    "travailleurs migrants et de leurs employeurs.</p>"
                ),
                heading("Travailleurs migrants"),
                paragraph(
                    "<p>Travailleurs migrants employés ou en recherche d’emploi et leurs familles "
                    "dans les pays cibles ou au départ de ceux-ci.</p>"
                ),
            ],
            "ar": [
                heading("الجهات المؤسسية"),
                paragraph(
                    "<p>مسؤولو وموظفو الوزارات والوكالات المعنية بوضع السياسات المتعلقة بهجرة "
                    "اليد العاملة وحماية العمال المهاجرين ومتابعتها وتنفيذها.</p>"
                ),
                heading("الشركاء الاجتماعيون"),
                paragraph(
                    "<p>مسؤولو وموظفو وأعضاء ونشطاء جمعيات أصحاب العمل ومنظمات العمال وجمعيات "
                    "المجتمع المدني العاملة في مجالات التوظيف والتوعية والحماية لفائدة العمال "
                    "المهاجرين وأصحاب العمل الذين يشغّلونهم.</p>"
                ),
                heading("العمال المهاجرون"),
                paragraph(
                    "<p>العمال المهاجرون العاملون أو الباحثون عن عمل وأسرهم، في البلدان المستهدفة "
                    "أو المغادرون منها.</p>"
                ),
            ],
            "en": [
                heading("Institutions"),
                paragraph(
                    "<p>Officials and staff of ministries and agencies involved in designing, "
                    "monitoring and implementing policies on labour migration and the protection "
                    "of migrant workers.</p>"
                ),
                heading("Social partners"),
                paragraph(
                    "<p>Officials, staff, members and activists of employers’ associations, "
                    "workers’ organizations and civil society associations involved in the "
                    "recruitment, awareness-raising and protection of migrant workers and their "
                    "employers.</p>"
                ),
                heading("Migrant workers"),
                paragraph(
                    "<p>Migrant workers, employed or seeking employment, and their families, in "
                    "the target countries or leaving from them.</p>"
                ),
            ],
        },
    },
    {
        "menu": True,
        "title": {"fr": "Pays", "ar": "البلدان", "en": "Countries"},
        "slug": {"fr": "pays", "ar": "البلدان", "en": "countries"},
        "introduction": {
            "fr": "Le projet AMEM intervient dans quatre pays du Maghreb.",
            "ar": "ينفَّذ مشروع AMEM في أربعة بلدان من بلدان المغرب العربي.",
            "en": "The AMEM project operates in four Maghreb countries.",
        },
        "body": {"fr": [], "ar": [], "en": []},
        "children": [
            # One page per country; "country" links the header's country name to it.
            {
                "country": "LY",
                "title": {"fr": "Libye", "ar": "ليبيا", "en": "Libya"},
                "slug": {"fr": "libye", "ar": "ليبيا", "en": "libya"},
                "introduction": {
                    "fr": "La Libye est l’un des quatre pays du Maghreb où intervient le projet "
                    "AMEM.",
                    "ar": "ليبيا أحد البلدان المغاربية الأربعة التي ينفَّذ فيها مشروع AMEM.",
                    "en": "Libya is one of the four Maghreb countries where the AMEM project "
                    "operates.",
                },
                "body": country_body(
                    ACTIVITIES_HEADING,
                    {
                        "fr": "<ul><li>Étude « Labour market access for migrants in Libya and "
                        "the impact of COVID-19 » (accès des migrants au marché du travail en "
                        "Libye et impact de la COVID-19).</li></ul>",
                        "ar": "<ul><li>دراسة بعنوان «Labour market access for migrants in Libya "
                        "and the impact of COVID-19» (وصول المهاجرين إلى سوق العمل في ليبيا "
                        "وتأثير جائحة كوفيد-19).</li></ul>",
                        "en": "<ul><li>Study: “Labour market access for migrants in Libya and "
                        "the impact of COVID-19”.</li></ul>",
                    },
                ),
            },
            {
                "country": "MA",
                "title": {"fr": "Maroc", "ar": "المغرب", "en": "Morocco"},
                "slug": {"fr": "maroc", "ar": "المغرب", "en": "morocco"},
                "introduction": {
                    "fr": "Le Maroc est l’un des quatre pays du Maghreb où intervient le projet "
                    "AMEM.",
                    "ar": "المغرب أحد البلدان المغاربية الأربعة التي ينفَّذ فيها مشروع AMEM.",
                    "en": "Morocco is one of the four Maghreb countries where the AMEM project "
                    "operates.",
                },
                "body": country_body(
                    {"fr": "Partenaires", "ar": "الشركاء", "en": "Partners"},
                    {
                        "fr": "<p>Comme dans les autres pays, le projet travaille au Maroc avec "
                        "les ministères concernés, les institutions nationales en charge de la "
                        "statistique et les partenaires sociaux : organisations de travailleurs "
                        "et d’employeurs.</p>",
                        "ar": "<p>كما هو الحال في البلدان الأخرى، يعمل المشروع في المغرب مع "
                        "الوزارات المعنية والمؤسسات الوطنية المكلفة بالإحصاء والشركاء "
                        "الاجتماعيين: منظمات العمال ومنظمات أصحاب العمل.</p>",
                        "en": "<p>As in the other countries, the project works in Morocco with "
                        "the relevant ministries, the national institutions in charge of "
                        "statistics and the social partners: workers’ and employers’ "
                        "organizations.</p>",
                    },
                ),
            },
            {
                "country": "MR",
                "title": {"fr": "Mauritanie", "ar": "موريتانيا", "en": "Mauritania"},
                "slug": {"fr": "mauritanie", "ar": "موريتانيا", "en": "mauritania"},
                "introduction": {
                    "fr": "La Mauritanie est l’un des quatre pays du Maghreb où intervient le "
                    "projet AMEM.",
                    "ar": "موريتانيا أحد البلدان المغاربية الأربعة التي ينفَّذ فيها مشروع AMEM.",
                    "en": "Mauritania is one of the four Maghreb countries where the AMEM project "
                    "operates.",
                },
                "body": country_body(
                    ACTIVITIES_HEADING,
                    {
                        "fr": "<ul><li>Atelier de restitution de l’étude sur la présence, les "
                        "conditions de vie et de travail des Mauritaniens à l’étranger (Côte "
                        "d’Ivoire, France, Gambie, Mali et Sénégal).</li><li>Atelier de "
                        "restitution de l’étude sur l’état des lieux de la législation nationale "
                        "et les implications législatives de la ratification par la Mauritanie "
                        "de la convention C143 de l’OIT sur les travailleurs migrants "
                        "(dispositions complémentaires), 1975.</li></ul>",
                        "ar": "<ul><li>ورشة عمل لعرض نتائج الدراسة حول وجود الموريتانيين في "
                        "الخارج وظروف معيشتهم وعملهم (كوت ديفوار وفرنسا وغامبيا ومالي "
                        "والسنغال).</li><li>ورشة عمل لعرض نتائج الدراسة حول واقع التشريعات "
                        "الوطنية والآثار التشريعية المترتبة على تصديق موريتانيا على اتفاقية "
                        "منظمة العمل الدولية رقم 143 بشأن العمال المهاجرين (أحكام تكميلية)، "
                        "1975.</li></ul>",
                        "en": "<ul><li>Workshop presenting the findings of the study on the "
                        "presence and the living and working conditions of Mauritanians abroad "
                        "(Côte d’Ivoire, France, Gambia, Mali and Senegal).</li><li>Workshop "
                        "presenting the findings of the study on the state of national "
                        "legislation and the legislative implications of Mauritania’s "
                        "ratification of the ILO Migrant Workers (Supplementary Provisions) "
                        "Convention, 1975 (C143).</li></ul>",
                    },
                ),
            },
            {
                "country": "TN",
                "title": {"fr": "Tunisie", "ar": "تونس", "en": "Tunisia"},
                "slug": {"fr": "tunisie", "ar": "تونس", "en": "tunisia"},
                "introduction": {
                    "fr": "La Tunisie est l’un des quatre pays du Maghreb où intervient le "
                    "projet AMEM.",
                    "ar": "تونس أحد البلدان المغاربية الأربعة التي ينفَّذ فيها مشروع AMEM.",
                    "en": "Tunisia is one of the four Maghreb countries where the AMEM project "
                    "operates.",
                },
                "body": country_body(
                    ACTIVITIES_HEADING,
                    {
                        "fr": "<ul><li>Signature du protocole d’accord sur la création du groupe "
                        "de travail sur les statistiques de la migration en Tunisie.</li>"
                        "<li>L’OIT et la Tunisie, avec l’appui de l’AICS, unissent leurs efforts "
                        "pour la protection des travailleurs tunisiens à l’étranger.</li>"
                        "<li>Atelier de restitution et de mise en œuvre des recommandations de "
                        "l’état des lieux du système d’information sur les migrations "
                        "internationales de main-d’œuvre depuis et vers la Tunisie.</li>"
                        "<li>Atelier de présentation des résultats de l’étude « État des lieux "
                        "des systèmes de collecte de données de la migration de travail en "
                        "Tunisie ».</li></ul>",
                        "ar": "<ul><li>التوقيع على مذكرة التفاهم بشأن إنشاء فريق العمل المعني "
                        "بإحصاءات الهجرة في تونس.</li><li>منظمة العمل الدولية وتونس تضافران "
                        "جهودهما، بدعم من AICS، من أجل حماية العمال التونسيين في الخارج.</li>"
                        "<li>ورشة عمل لعرض نتائج تقييم واقع نظام المعلومات حول الهجرة الدولية "
                        "لليد العاملة من تونس وإليها وتنفيذ توصياته.</li><li>ورشة عمل لعرض "
                        "نتائج الدراسة «واقع نظم جمع البيانات حول هجرة اليد العاملة في "
                        "تونس».</li></ul>",
                        "en": "<ul><li>Signing of the memorandum of understanding establishing "
                        "the working group on migration statistics in Tunisia.</li><li>The ILO "
                        "and Tunisia, with support from AICS, join efforts to protect Tunisian "
                        "workers abroad.</li><li>Workshop presenting the assessment of the "
                        "information system on international labour migration from and to "
                        "Tunisia, and implementing its recommendations.</li><li>Workshop "
                        "presenting the results of the study “Assessment of labour migration "
                        "data collection systems in Tunisia”.</li></ul>",
                    },
                ),
            },
        ],
    },
]
