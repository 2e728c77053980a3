"""The demo's news, press releases and publications: the seed's items 1, 4, 8 and 10 and the studies
that items 5, 6, 7 and 11 present, in fr, ar and en.

Dates are demo placeholders, given in days before today (`days_ago`); a publication's year is the
year of that date. No file is attached: the seed holds no document.
Which workshop a publication or press release relates to is set by events/demo.py (home does not
know workshops).
"""

from .demo_content import heading, paragraph

LANGUAGES = ("fr", "ar", "en")

NEWS_INDEX = {
    "title": {"fr": "Actualités", "ar": "الأخبار", "en": "News"},
    "slug": {"fr": "actualites", "ar": "الأخبار", "en": "news"},
    "introduction": {
        "fr": "Les actualités et les communiqués de presse du projet AMEM.",
        "ar": "أخبار مشروع AMEM وبياناته الصحفية.",
        "en": "News and press releases from the AMEM project.",
    },
}

PUBLICATION_INDEX = {
    "title": {"fr": "Publications", "ar": "المنشورات", "en": "Publications"},
    "slug": {"fr": "publications", "ar": "المنشورات", "en": "publications"},
    "introduction": {
        "fr": "Les études, analyses juridiques et notes de cadrage du projet AMEM.",
        "ar": "الدراسات والتحليلات القانونية والمذكرات المفاهيمية لمشروع AMEM.",
        "en": "Studies, legal analyses and concept notes from the AMEM project.",
    },
}

AUTHORS = {
    "fr": "Organisation internationale du Travail (OIT), projet AMEM",
    "ar": "منظمة العمل الدولية، مشروع AMEM",
    "en": "International Labour Organization (ILO), AMEM project",
}

# Seed item 8, the concept note of item 7's workshop: (heading, HTML) sections per language.
# events/demo.py puts the same text in that workshop's `concept_note`.
CONCEPT_NOTE = {
    "fr": [
        (
            "Contexte",
            "<p>En Tunisie, la migration de main-d’œuvre, au départ comme à l’arrivée, soulève des "
            "défis de développement et de gouvernance. Pour y répondre, les politiques publiques "
            "ont besoin de données fiables, régulières et comparables sur les travailleurs "
            "migrants. C’est le premier objectif spécifique du projet AMEM, Appui à la migration "
            "équitable pour le Maghreb, mis en œuvre par l’Organisation internationale du Travail "
            "(OIT) : améliorer la base de connaissances sur la migration de travail en termes de "
            "statistiques, de données administratives et de recherche ciblée, pour renforcer les "
            "systèmes d’information sur les marchés du travail et fournir des outils pour "
            "l’élaboration et le pilotage des politiques publiques.</p>"
            "<p>Dans ce cadre, un état des lieux du système d’information sur les migrations "
            "internationales de main-d’œuvre depuis et vers la Tunisie a été réalisé. Il décrit "
            "les sources de données existantes (statistiques, enquêtes et données "
            "administratives), les institutions qui les produisent et les utilisent et la manière "
            "dont les données circulent entre elles, et il formule des recommandations pour "
            "améliorer ce système.</p>",
        ),
        (
            "Objectifs",
            "<p>L’atelier a pour objectif général de restituer les résultats de l’état des lieux "
            "aux institutions concernées et de préparer la mise en œuvre de ses recommandations. "
            "Il vise plus précisément à :</p><ul>"
            "<li>présenter et discuter les constats et les recommandations de l’état des "
            "lieux ;</li>"
            "<li>valider ces recommandations avec les producteurs et les utilisateurs des "
            "données ;</li>"
            "<li>hiérarchiser les recommandations et identifier, pour chacune, les institutions "
            "responsables ;</li>"
            "<li>préparer une feuille de route pour leur mise en œuvre, en lien avec le groupe de "
            "travail sur les statistiques de la migration.</li></ul>",
        ),
        (
            "Résultats attendus",
            "<ul><li>Les constats et les recommandations de l’état des lieux sont partagés et "
            "validés par les participants.</li>"
            "<li>Les recommandations prioritaires sont identifiées, avec les institutions "
            "responsables de leur mise en œuvre.</li>"
            "<li>Une feuille de route de mise en œuvre est esquissée ; sa mise au point est "
            "confiée au groupe de travail sur les statistiques de la migration.</li>"
            "<li>La coordination entre les institutions qui produisent et utilisent les données "
            "sur la migration de main-d’œuvre est renforcée.</li></ul>",
        ),
        (
            "Participants",
            "<p>L’atelier réunit des représentants des ministères en charge du travail, de "
            "l’emploi, des affaires étrangères et de la migration et des affaires sociales, et des "
            "services et structures publics qui leur sont rattachés ; des institutions nationales "
            "en charge de la collecte et de la production statistique ; des organisations "
            "d’employeurs et de travailleurs ; et des associations concernées par la protection "
            "des travailleurs migrants. L’équipe du projet AMEM de l’OIT l’organise.</p>",
        ),
        (
            "Déroulement",
            "<p>Une journée : présentation des résultats en plénière, discussion, travaux en "
            "groupes sur les recommandations, restitution et synthèse. Langues de travail : "
            "français et arabe, avec interprétation simultanée.</p>",
        ),
    ],
    "ar": [
        (
            "السياق",
            "<p>تطرح هجرة اليد العاملة في تونس، مغادرةً ووفوداً، تحديات تتعلق بالتنمية والحوكمة. "
            "وللتصدي لها، تحتاج السياسات العامة إلى بيانات موثوقة ومنتظمة وقابلة للمقارنة عن "
            "العمال المهاجرين. وهذا هو الهدف المحدد الأول لمشروع AMEM «دعم الهجرة العادلة في "
            "المغرب العربي» الذي تنفذه منظمة العمل الدولية: تحسين قاعدة المعارف المتعلقة بهجرة "
            "اليد العاملة من حيث الإحصاءات والبيانات الإدارية والبحوث الموجَّهة، من أجل تعزيز "
            "نظم المعلومات المتعلقة بأسواق العمل وتوفير أدوات لوضع السياسات العامة "
            "وتوجيهها.</p>"
            "<p>وفي هذا الإطار، أُنجز تقييم لواقع نظام المعلومات حول الهجرة الدولية لليد العاملة "
            "من تونس وإليها. ويصف هذا التقييم مصادر البيانات المتاحة (الإحصاءات والمسوح "
            "والبيانات الإدارية) والمؤسسات التي تنتجها وتستخدمها وكيفية تداول البيانات فيما "
            "بينها، ويقدّم توصيات لتحسين هذا النظام.</p>",
        ),
        (
            "الأهداف",
            "<p>يتمثل الهدف العام للورشة في عرض نتائج التقييم على المؤسسات المعنية والتحضير "
            "لتنفيذ توصياته. وتهدف الورشة بصورة أدق إلى ما يلي:</p><ul>"
            "<li>عرض الاستنتاجات والتوصيات التي خلص إليها التقييم ومناقشتها؛</li>"
            "<li>المصادقة على هذه التوصيات مع منتجي البيانات ومستخدميها؛</li>"
            "<li>ترتيب التوصيات حسب الأولوية وتحديد المؤسسات المسؤولة عن كل منها؛</li>"
            "<li>إعداد خارطة طريق لتنفيذها، بالتنسيق مع فريق العمل المعني بإحصاءات "
            "الهجرة.</li></ul>",
        ),
        (
            "النتائج المتوقعة",
            "<ul><li>تبادل استنتاجات التقييم وتوصياته ومصادقة المشاركين عليها.</li>"
            "<li>تحديد التوصيات ذات الأولوية والمؤسسات المسؤولة عن تنفيذها.</li>"
            "<li>وضع الخطوط العريضة لخارطة طريق التنفيذ، وإسناد استكمالها إلى فريق العمل المعني "
            "بإحصاءات الهجرة.</li>"
            "<li>تعزيز التنسيق بين المؤسسات المنتجة للبيانات المتعلقة بهجرة اليد العاملة "
            "والمستخدمة لها.</li></ul>",
        ),
        (
            "المشاركون",
            "<p>تجمع الورشة ممثلين عن الوزارات المكلفة بالعمل والتشغيل والشؤون الخارجية والهجرة "
            "والشؤون الاجتماعية والأجهزة والهيئات العامة التابعة لها، والمؤسسات الوطنية المكلفة "
            "بجمع البيانات الإحصائية وإنتاجها، ومنظمات أصحاب العمل ومنظمات العمال، والجمعيات "
            "المعنية بحماية العمال المهاجرين. ويتولى فريق مشروع AMEM في منظمة العمل الدولية "
            "تنظيمها.</p>",
        ),
        (
            "سير الورشة",
            "<p>يوم واحد: عرض النتائج في جلسة عامة، ثم نقاش، ثم عمل في مجموعات حول التوصيات، ثم "
            "عرض نتائج المجموعات وخلاصة. لغتا العمل: العربية والفرنسية، مع ترجمة فورية.</p>",
        ),
    ],
    "en": [
        (
            "Context",
            "<p>In Tunisia, labour migration, both outward and inward, raises development and "
            "governance challenges. To meet them, public policies need reliable, regular and "
            "comparable data on migrant workers. This is the first specific objective of the AMEM "
            "project (Support for fair migration in the Maghreb), implemented by the International "
            "Labour Organization (ILO): to improve the knowledge base on labour migration in terms "
            "of statistics, administrative data and targeted research, in order to strengthen "
            "labour market information systems and provide tools for designing and steering "
            "public policies.</p>"
            "<p>Within this framework, an assessment of the information system on international "
            "labour migration from and to Tunisia has been carried out. It describes the existing "
            "data sources (statistics, surveys and administrative data), the institutions that "
            "produce and use them and how data flows between them, and it makes recommendations "
            "to improve the system.</p>",
        ),
        (
            "Objectives",
            "<p>The workshop’s overall objective is to present the findings of the assessment to "
            "the institutions concerned and to prepare the implementation of its recommendations. "
            "More specifically, it aims to:</p><ul>"
            "<li>present and discuss the assessment’s findings and recommendations;</li>"
            "<li>validate the recommendations with data producers and users;</li>"
            "<li>prioritize the recommendations and identify the institutions responsible for "
            "each;</li>"
            "<li>prepare a roadmap for their implementation, together with the working group on "
            "migration statistics.</li></ul>",
        ),
        (
            "Expected results",
            "<ul><li>The assessment’s findings and recommendations are shared with and validated "
            "by the participants.</li>"
            "<li>Priority recommendations are identified, together with the institutions "
            "responsible for implementing them.</li>"
            "<li>An implementation roadmap is outlined; its finalization is entrusted to the "
            "working group on migration statistics.</li>"
            "<li>Coordination between the institutions that produce and use labour migration data "
            "is strengthened.</li></ul>",
        ),
        (
            "Participants",
            "<p>The workshop brings together representatives of the ministries in charge of "
            "labour, employment, foreign affairs and migration, and social affairs, and of the "
            "public services and bodies attached to them; of the national institutions in charge "
            "of collecting and producing statistics; of employers’ and workers’ organizations; and "
            "of associations working to protect migrant workers. The ILO’s AMEM project team "
            "organizes it.</p>",
        ),
        (
            "Format",
            "<p>One day: presentation of the findings in plenary, discussion, group work on the "
            "recommendations, reporting back and synthesis. Working languages: Arabic and French, "
            "with simultaneous interpretation.</p>",
        ),
    ],
}


def concept_note_html(level="h3"):
    """The concept note as rich text, one HTML string per language."""
    return {
        language: "".join(
            f"<{level}>{title}</{level}>{html}" for title, html in CONCEPT_NOTE[language]
        )
        for language in LANGUAGES
    }


def concept_note_blocks():
    """The concept note as a page body: a heading and a paragraph per section."""
    return {
        language: [
            block
            for title, html in CONCEPT_NOTE[language]
            for block in (heading(title), paragraph(html))
        ]
        for language in LANGUAGES
    }


def paragraphs(**by_language):
    """fr="<p>…</p>", ar=…, en=… -> a body of one paragraph block per language."""
    return {language: [paragraph(by_language[language])] for language in LANGUAGES}


NEWS = [
    {
        # Seed item 4. AICS is no NewsPage field: the text names it.
        "kind": "news",
        "country": "TN",
        "days_ago": 90,
        "text": {
            "title": {
                "fr": "L’OIT et la Tunisie, avec l’appui de l’AICS, unissent leurs efforts pour "
                "la protection des travailleurs tunisiens à l’étranger",
                "ar": "منظمة العمل الدولية وتونس تضافران جهودهما، بدعم من الوكالة الإيطالية "
                "للتعاون الإنمائي، من أجل حماية العمال التونسيين في الخارج",
                "en": "The ILO and Tunisia, with support from AICS, join efforts to protect "
                "Tunisian workers abroad",
            },
            "slug": {
                "fr": "oit-tunisie-aics-protection-travailleurs-tunisiens-etranger",
                "ar": "منظمة-العمل-الدولية-وتونس-حماية-العمال-التونسيين-في-الخارج",
                "en": "ilo-tunisia-aics-protection-tunisian-workers-abroad",
            },
            "introduction": {
                "fr": "Avec l’appui de l’Agence italienne pour la coopération au développement "
                "(AICS), l’Organisation internationale du Travail (OIT) et la Tunisie unissent "
                "leurs efforts, dans le cadre du projet AMEM, pour mieux protéger les travailleurs "
                "tunisiens à l’étranger.",
                "ar": "بدعم من الوكالة الإيطالية للتعاون الإنمائي (AICS)، تضافر منظمة العمل "
                "الدولية وتونس جهودهما، في إطار مشروع AMEM، من أجل حماية أفضل للعمال التونسيين "
                "في الخارج.",
                "en": "With support from the Italian Agency for Development Cooperation (AICS), "
                "the International Labour Organization (ILO) and Tunisia are joining efforts, "
                "through the AMEM project, to better protect Tunisian workers abroad.",
            },
            "body": paragraphs(
                fr="<p>Le projet AMEM, Appui à la migration équitable pour le Maghreb, a pour "
                "objectif principal d’assurer un continuum de protection pour tous les "
                "travailleurs migrants au départ et à l’arrivée des pays du Maghreb. En Tunisie, "
                "cette coopération porte sur la protection des travailleurs tunisiens tout au long "
                "du cycle migratoire.</p><p>Elle s’appuie sur les trois axes du projet : améliorer "
                "les données sur la migration de travail ; renforcer les capacités des "
                "organisations d’employeurs et de travailleurs et des associations concernées ; "
                "assurer une meilleure gouvernance des migrations de travail, en rapprochant "
                "politiques de l’emploi et politiques migratoires, en appuyant les services "
                "publics et privés de l’emploi et en sensibilisant les services de la protection "
                "sociale et de l’inspection du travail.</p><p>Les ministères en charge du travail, "
                "de l’emploi, des affaires étrangères et de la migration et des affaires sociales, "
                "les institutions nationales de statistique et les organisations de travailleurs "
                "et d’employeurs sont associés à cette démarche.</p>",
                ar="<p>يتمثل الهدف الرئيسي لمشروع AMEM «دعم الهجرة العادلة في المغرب العربي» في "
                "ضمان حماية متواصلة لجميع العمال المهاجرين المغادرين من بلدان المغرب العربي "
                "والوافدين إليها. وفي تونس، يتناول هذا التعاون حماية العمال التونسيين طوال دورة "
                "الهجرة.</p>"
                "<p>ويستند هذا التعاون إلى محاور المشروع الثلاثة: تحسين البيانات المتعلقة بهجرة "
                "اليد العاملة؛ وتعزيز قدرات منظمات أصحاب العمل ومنظمات العمال والجمعيات المعنية؛ "
                "وضمان حوكمة أفضل لهجرة اليد العاملة، من خلال التقريب بين سياسات التشغيل وسياسات "
                "الهجرة، ودعم خدمات التشغيل العامة والخاصة، وتوعية أجهزة الحماية الاجتماعية "
                "وتفتيش العمل.</p>"
                "<p>وتشارك في هذا المسعى الوزارات المكلفة بالعمل والتشغيل والشؤون الخارجية والهجرة "
                "والشؤون الاجتماعية، والمؤسسات الوطنية للإحصاء، ومنظمات العمال ومنظمات أصحاب "
                "العمل.</p>",
                en="<p>The main objective of the AMEM project (Support for fair migration in the "
                "Maghreb) is to ensure a continuum of protection for all migrant workers departing "
                "from and arriving in the Maghreb countries. In Tunisia, this cooperation concerns "
                "the protection of Tunisian workers throughout the migration cycle.</p>"
                "<p>It builds on the project’s three axes: improving labour migration data; "
                "strengthening the capacities of employers’ and workers’ organizations and "
                "relevant associations; and ensuring better governance of labour migration, by "
                "bringing employment and migration policies closer together, supporting public and "
                "private employment services, and raising awareness among social protection and "
                "labour inspection services.</p>"
                "<p>The ministries in charge of labour, employment, foreign affairs and migration, "
                "and social affairs, the national statistics institutions, and workers’ and "
                "employers’ organizations are involved.</p>",
            ),
        },
    },
    {
        # Seed item 10: announces the sub-regional workshop (item 12), its related event.
        "kind": "press_release",
        "country": "XM",
        "days_ago": 2,
        "text": {
            "title": {
                "fr": "Communiqué de presse : Atelier sous-régional AMEM « Les données de la "
                "migration de travail au Maghreb : état des lieux, amélioration et partage »",
                "ar": "بيان صحفي: ورشة العمل دون الإقليمية لمشروع AMEM «بيانات هجرة اليد العاملة "
                "في المغرب العربي: الوضع الراهن والتحسين والتبادل»",
                "en": "Press release: AMEM sub-regional workshop “Labour migration data in the "
                "Maghreb: taking stock, improvement and sharing”",
            },
            "slug": {
                "fr": "communique-atelier-sous-regional-donnees-migration-travail-maghreb",
                "ar": "بيان-صحفي-ورشة-بيانات-هجرة-اليد-العاملة-المغرب-العربي",
                "en": "press-release-subregional-workshop-labour-migration-data-maghreb",
            },
            "introduction": {
                "fr": "L’Organisation internationale du Travail (OIT) organise à Tunis, dans le "
                "cadre du projet AMEM, un atelier sous-régional de deux jours consacré aux données "
                "de la migration de travail au Maghreb : leur état des lieux, leur amélioration et "
                "leur partage.",
                "ar": "تنظم منظمة العمل الدولية في تونس، في إطار مشروع AMEM، ورشة عمل دون إقليمية "
                "على مدى يومين مخصصة لبيانات هجرة اليد العاملة في المغرب العربي: وضعها الراهن "
                "وسبل تحسينها وتبادلها.",
                "en": "As part of the AMEM project, the International Labour Organization (ILO) is "
                "holding a two-day sub-regional workshop in Tunis on labour migration data in the "
                "Maghreb: taking stock, improving the data and sharing it.",
            },
            "body": paragraphs(
                fr="<p>L’atelier réunit des représentants des institutions nationales de "
                "statistique, des ministères en charge du travail, de l’emploi et de la migration "
                "et des organisations d’employeurs et de travailleurs de Libye, du Maroc, de "
                "Mauritanie et de Tunisie, ainsi que des spécialistes de l’OIT.</p>"
                "<p>Quatre panels feront le point sur les statistiques de la migration de travail, "
                "les données administratives, la place de la migration dans les systèmes "
                "d’information sur le marché du travail et le partage des données entre les pays "
                "du Maghreb. Des groupes de travail prépareront ensuite une feuille de route "
                "commune.</p>"
                "<p>L’atelier s’inscrit dans le premier objectif spécifique du projet AMEM : "
                "améliorer la base de connaissances sur la migration de travail en termes de "
                "statistiques, de données administratives et de recherche ciblée, pour renforcer "
                "les systèmes d’information sur les marchés du travail et fournir des outils pour "
                "l’élaboration et le pilotage des politiques publiques.</p>"
                "<p>Les travaux se dérouleront en français, en arabe et en anglais, avec "
                "interprétation simultanée. Le programme détaillé est publié sur la page de "
                "l’atelier.</p>",
                ar="<p>تجمع الورشة ممثلين عن المؤسسات الوطنية للإحصاء والوزارات المكلفة بالعمل "
                "والتشغيل والهجرة ومنظمات أصحاب العمل ومنظمات العمال في ليبيا والمغرب وموريتانيا "
                "وتونس، إلى جانب أخصائيين من منظمة العمل الدولية.</p>"
                "<p>وستتناول أربع حلقات نقاش إحصاءات هجرة اليد العاملة، والبيانات الإدارية، ومكانة "
                "الهجرة في نظم معلومات سوق العمل، وتبادل البيانات بين بلدان المغرب العربي. ثم تعدّ "
                "مجموعات عمل خارطة طريق مشتركة.</p>"
                "<p>وتندرج الورشة في إطار الهدف المحدد الأول لمشروع AMEM: تحسين قاعدة المعارف "
                "المتعلقة بهجرة اليد العاملة من حيث الإحصاءات والبيانات الإدارية والبحوث "
                "الموجَّهة، من أجل تعزيز نظم المعلومات المتعلقة بأسواق العمل وتوفير أدوات لوضع "
                "السياسات العامة وتوجيهها.</p>"
                "<p>تجري الأعمال بالعربية والفرنسية والإنجليزية، مع ترجمة فورية. ويُنشر البرنامج "
                "المفصل على صفحة الورشة.</p>",
                en="<p>The workshop brings together representatives of the national statistics "
                "institutions, of the ministries in charge of labour, employment and migration, "
                "and of employers’ and workers’ organizations from Libya, Morocco, Mauritania and "
                "Tunisia, together with ILO specialists.</p>"
                "<p>Four panels will take stock of labour migration statistics, administrative "
                "data, the place of migration in labour market information systems, and data "
                "sharing between the Maghreb countries. Working groups will then prepare a joint "
                "roadmap.</p>"
                "<p>The workshop contributes to the AMEM project’s first specific objective: to "
                "improve the knowledge base on labour migration in terms of statistics, "
                "administrative data and targeted research, in order to strengthen labour market "
                "information systems and provide tools for designing and steering public "
                "policies.</p>"
                "<p>The workshop will be held in French, Arabic and English, with simultaneous "
                "interpretation. The detailed agenda is published on the workshop’s page.</p>",
            ),
        },
    },
]

PUBLICATIONS = [
    {
        # Seed item 1: its title is English in the seed.
        "kind": "study",
        "country": "LY",
        "axis": "data",
        "days_ago": 700,
        "text": {
            "title": {
                "fr": "L’accès des migrants au marché du travail en Libye et l’impact de la "
                "COVID-19",
                "ar": "وصول المهاجرين إلى سوق العمل في ليبيا وتأثير جائحة كوفيد-19",
                "en": "Labour market access for migrants in Libya and the impact of COVID-19",
            },
            "slug": {
                "fr": "acces-migrants-marche-du-travail-libye-covid-19",
                "ar": "وصول-المهاجرين-إلى-سوق-العمل-في-ليبيا-كوفيد-19",
                "en": "labour-market-access-migrants-libya-covid-19",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "Une étude sur l’accès des travailleurs migrants au marché du travail en "
                "Libye et sur l’impact de la pandémie de COVID-19 sur leur situation.",
                "ar": "دراسة حول وصول العمال المهاجرين إلى سوق العمل في ليبيا وتأثير جائحة "
                "كوفيد-19 على أوضاعهم.",
                "en": "A study of migrant workers’ access to the labour market in Libya and of "
                "the impact of the COVID-19 pandemic on their situation.",
            },
            "body": paragraphs(
                fr="<p>Réalisée dans le cadre du projet AMEM, cette étude contribue à son premier "
                "objectif spécifique : améliorer la base de connaissances sur la migration de "
                "travail par une recherche ciblée, pour éclairer l’élaboration et le pilotage des "
                "politiques publiques. Son titre original est en anglais : « Labour market access "
                "for migrants in Libya and the impact of COVID-19 ».</p>",
                ar="<p>أُنجزت هذه الدراسة في إطار مشروع AMEM، وهي تسهم في تحقيق هدفه المحدد "
                "الأول: تحسين قاعدة المعارف المتعلقة بهجرة اليد العاملة من خلال بحوث موجَّهة، "
                "لإرشاد عملية وضع السياسات العامة وتوجيهها. وعنوانها الأصلي باللغة الإنجليزية: "
                "«Labour market access for migrants in Libya and the impact of COVID-19».</p>",
                en="<p>Carried out under the AMEM project, this study contributes to its first "
                "specific objective: improving the knowledge base on labour migration through "
                "targeted research, to inform the design and steering of public policies.</p>",
            ),
        },
    },
    {
        # The study that item 5's workshop presents.
        "kind": "study",
        "country": "MR",
        "axis": "data",
        "days_ago": 270,
        "text": {
            "title": {
                "fr": "Étude sur la présence, les conditions de vie et de travail des Mauritaniens "
                "à l’étranger (Côte d’Ivoire, France, Gambie, Mali et Sénégal)",
                "ar": "دراسة حول وجود الموريتانيين في الخارج وظروف معيشتهم وعملهم (كوت ديفوار "
                "وفرنسا وغامبيا ومالي والسنغال)",
                "en": "Study on the presence and the living and working conditions of "
                "Mauritanians abroad (Côte d’Ivoire, France, Gambia, Mali and Senegal)",
            },
            "slug": {
                "fr": "etude-mauritaniens-a-l-etranger",
                "ar": "دراسة-الموريتانيين-في-الخارج",
                "en": "study-mauritanians-abroad",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "La présence des Mauritaniens dans cinq pays de destination (Côte d’Ivoire, "
                "France, Gambie, Mali et Sénégal) et leurs conditions de vie et de travail.",
                "ar": "وجود الموريتانيين في خمسة بلدان مقصد (كوت ديفوار وفرنسا وغامبيا ومالي "
                "والسنغال) وظروف معيشتهم وعملهم.",
                "en": "The presence of Mauritanians in five countries of destination (Côte "
                "d’Ivoire, France, Gambia, Mali and Senegal) and their living and working "
                "conditions.",
            },
            "body": paragraphs(
                fr="<p>Cette étude du projet AMEM documente la présence des Mauritaniens dans "
                "cinq pays de destination et leurs conditions de vie et de travail. Ses résultats "
                "ont été présentés lors d’un atelier de restitution à Nouakchott.</p>",
                ar="<p>توثّق هذه الدراسة التي أُعدّت في إطار مشروع AMEM وجود الموريتانيين في خمسة "
                "بلدان مقصد وظروف معيشتهم وعملهم. وقد عُرضت نتائجها خلال ورشة عمل في "
                "نواكشوط.</p>",
                en="<p>This AMEM study documents the presence of Mauritanians in five countries "
                "of destination and their living and working conditions. Its findings were "
                "presented at a workshop in Nouakchott.</p>",
            ),
        },
    },
    {
        # The study that item 6's workshop presents.
        "kind": "legal_analysis",
        "country": "MR",
        "axis": "governance",
        "days_ago": 20,
        "text": {
            "title": {
                "fr": "État des lieux de la législation nationale et implications législatives de "
                "la ratification de la C143 par la Mauritanie",
                "ar": "واقع التشريعات الوطنية والآثار التشريعية المترتبة على تصديق موريتانيا على "
                "الاتفاقية رقم 143",
                "en": "State of national legislation and legislative implications of the "
                "ratification of C143 by Mauritania",
            },
            "slug": {
                "fr": "etude-legislation-nationale-ratification-c143-mauritanie",
                "ar": "دراسة-التشريعات-الوطنية-والاتفاقية-143-موريتانيا",
                "en": "study-national-legislation-c143-mauritania",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "La législation mauritanienne relative aux travailleurs migrants et ce "
                "qu’impliquerait la ratification de la convention (n° 143) sur les travailleurs "
                "migrants (dispositions complémentaires), 1975.",
                "ar": "التشريعات الموريتانية المتعلقة بالعمال المهاجرين وما يترتب على التصديق على "
                "الاتفاقية رقم 143 بشأن العمال المهاجرين (أحكام تكميلية)، 1975.",
                "en": "Mauritanian legislation on migrant workers and what ratifying the Migrant "
                "Workers (Supplementary Provisions) Convention, 1975 (No. 143) would imply.",
            },
            "body": paragraphs(
                fr="<p>L’étude fait l’état des lieux de la législation nationale et en examine "
                "les implications législatives d’une ratification de la C143 par la Mauritanie. "
                "Elle contribue au troisième objectif du projet AMEM : une meilleure gouvernance "
                "des migrations de travail et une meilleure protection des droits des travailleurs "
                "migrants. Ses résultats font l’objet d’un atelier de restitution à "
                "Nouakchott.</p>",
                ar="<p>تقيّم الدراسة واقع التشريعات الوطنية وتبحث الآثار التشريعية المترتبة على "
                "تصديق موريتانيا على الاتفاقية رقم 143. وهي تسهم في تحقيق الهدف الثالث لمشروع "
                "AMEM: حوكمة أفضل لهجرة اليد العاملة وحماية أفضل لحقوق العمال المهاجرين. وتُعرض "
                "نتائجها خلال ورشة عمل في نواكشوط.</p>",
                en="<p>The study reviews national legislation and examines the legislative "
                "implications of Mauritania’s ratification of C143. It contributes to the AMEM "
                "project’s third objective: better governance of labour migration and better "
                "protection of migrant workers’ rights. Its findings are presented at a workshop "
                "in Nouakchott.</p>",
            ),
        },
    },
    {
        # The assessment that item 7's workshop presents.
        "kind": "study",
        "country": "TN",
        "axis": "data",
        "days_ago": 45,
        "text": {
            "title": {
                "fr": "État des lieux du système d’information sur les migrations internationales "
                "de main-d’œuvre depuis et vers la Tunisie",
                "ar": "واقع نظام المعلومات حول الهجرة الدولية لليد العاملة من تونس وإليها",
                "en": "Assessment of the information system on international labour migration "
                "from and to Tunisia",
            },
            "slug": {
                "fr": "etat-des-lieux-systeme-information-migrations-main-d-oeuvre-tunisie",
                "ar": "تقييم-نظام-معلومات-هجرة-اليد-العاملة-تونس",
                "en": "assessment-labour-migration-information-system-tunisia",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "Les sources de données sur les migrations de main-d’œuvre depuis et vers "
                "la Tunisie, les institutions qui les produisent et les utilisent, et des "
                "recommandations pour améliorer le système d’information.",
                "ar": "مصادر البيانات المتعلقة بهجرة اليد العاملة من تونس وإليها، والمؤسسات التي "
                "تنتجها وتستخدمها، وتوصيات لتحسين نظام المعلومات.",
                "en": "The data sources on labour migration from and to Tunisia, the institutions "
                "that produce and use them, and recommendations to improve the information "
                "system.",
            },
            "body": paragraphs(
                fr="<p>Cet état des lieux, réalisé au titre du premier objectif du projet AMEM, "
                "décrit les statistiques, les enquêtes et les données administratives disponibles "
                "sur les migrations de main-d’œuvre depuis et vers la Tunisie, ainsi que les "
                "institutions qui les produisent et les utilisent. Il formule des recommandations "
                "pour améliorer le système d’information, dont la mise en œuvre est préparée lors "
                "d’un atelier de restitution à Tunis.</p>",
                ar="<p>يصف هذا التقييم، المُنجز في إطار الهدف الأول لمشروع AMEM، الإحصاءات والمسوح "
                "والبيانات الإدارية المتاحة حول هجرة اليد العاملة من تونس وإليها، والمؤسسات التي "
                "تنتجها وتستخدمها. ويقدّم توصيات لتحسين نظام المعلومات، يجري التحضير لتنفيذها خلال "
                "ورشة عمل في تونس.</p>",
                en="<p>Carried out under the AMEM project’s first objective, this assessment "
                "describes the statistics, surveys and administrative data available on labour "
                "migration from and to Tunisia, and the institutions that produce and use them. It "
                "makes recommendations to improve the information system, whose implementation is "
                "prepared at a workshop in Tunis.</p>",
            ),
        },
    },
    {
        # Seed item 8; events/demo.py links it to item 7's workshop.
        "kind": "concept_note",
        "country": "TN",
        "axis": "data",
        "days_ago": 14,
        "text": {
            "title": {
                "fr": "Note de cadrage de l’atelier de restitution et de préparation de la mise en "
                "œuvre des recommandations",
                "ar": "المذكرة المفاهيمية لورشة عرض النتائج والتحضير لتنفيذ التوصيات",
                "en": "Concept note for the workshop to present the findings and prepare the "
                "implementation of the recommendations",
            },
            "slug": {
                "fr": "note-de-cadrage-atelier-restitution-recommandations",
                "ar": "المذكرة-المفاهيمية-لورشة-عرض-النتائج-والتوصيات",
                "en": "concept-note-workshop-findings-recommendations",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "Contexte, objectifs, résultats attendus et participants de l’atelier de "
                "restitution de l’état des lieux du système d’information sur les migrations "
                "internationales de main-d’œuvre depuis et vers la Tunisie.",
                "ar": "سياق ورشة عرض نتائج تقييم واقع نظام المعلومات حول الهجرة الدولية لليد "
                "العاملة من تونس وإليها، وأهدافها ونتائجها المتوقعة والمشاركون فيها.",
                "en": "Context, objectives, expected results and participants of the workshop "
                "presenting the assessment of the information system on international labour "
                "migration from and to Tunisia.",
            },
            "body": concept_note_blocks(),
        },
    },
    {
        # The study that item 11's workshop presents.
        "kind": "study",
        "country": "TN",
        "axis": "data",
        "days_ago": 150,
        "text": {
            "title": {
                "fr": "État des lieux des systèmes de collecte de données de la migration de "
                "travail en Tunisie",
                "ar": "واقع نظم جمع البيانات حول هجرة اليد العاملة في تونس",
                "en": "Assessment of labour migration data collection systems in Tunisia",
            },
            "slug": {
                "fr": "etat-des-lieux-systemes-collecte-donnees-migration-travail-tunisie",
                "ar": "واقع-نظم-جمع-بيانات-هجرة-اليد-العاملة-تونس",
                "en": "assessment-labour-migration-data-collection-systems-tunisia",
            },
            "authors": AUTHORS,
            "summary": {
                "fr": "Les systèmes qui collectent des données sur la migration de travail en "
                "Tunisie : enquêtes statistiques et sources administratives.",
                "ar": "النظم التي تجمع البيانات حول هجرة اليد العاملة في تونس: المسوح الإحصائية "
                "والمصادر الإدارية.",
                "en": "The systems that collect data on labour migration in Tunisia: statistical "
                "surveys and administrative sources.",
            },
            "body": paragraphs(
                fr="<p>Cette étude du projet AMEM fait l’état des lieux des systèmes qui "
                "collectent des données sur la migration de travail en Tunisie, enquêtes "
                "statistiques et sources administratives, afin d’identifier les moyens de les "
                "renforcer. Ses résultats ont été présentés lors d’un atelier à Tunis.</p>",
                ar="<p>تقيّم هذه الدراسة التي أُعدّت في إطار مشروع AMEM واقع النظم التي تجمع "
                "البيانات حول هجرة اليد العاملة في تونس، من مسوح إحصائية ومصادر إدارية، بهدف "
                "تحديد سبل تعزيزها. وقد عُرضت نتائجها خلال ورشة عمل في تونس.</p>",
                en="<p>This AMEM study takes stock of the systems that collect data on labour "
                "migration in Tunisia, statistical surveys and administrative sources, to identify "
                "ways of strengthening them. Its findings were presented at a workshop in "
                "Tunis.</p>",
            ),
        },
    },
]
