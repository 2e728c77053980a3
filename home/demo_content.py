"""The demo site's words, from the project's own page (shared/seeds), in fr, ar and en.

Each translated value is {"fr": ..., "ar": ..., "en": ...}; stream fields are lists of blocks in
Wagtail's raw form ({"type": ..., "value": ...}).
"""

TODO = ""


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


HOME = {
    "title": {"fr": "Accueil", "ar": TODO, "en": TODO},
    "slug": {"fr": "accueil", "ar": TODO, "en": TODO},
    "hero_title": {
        "fr": "Appui à la migration équitable pour le Maghreb",
        "ar": TODO,
        "en": TODO,
    },
    "hero_text": {
        "fr": "Assurer un continuum de protection pour tous les travailleurs migrants au départ "
        "et à l’arrivée des pays du Maghreb : Libye, Maroc, Mauritanie, Tunisie.",
        "ar": TODO,
        "en": TODO,
    },
    "context_title": {"fr": "Contexte de lancement du projet AMEM", "ar": TODO, "en": TODO},
    "context_text": {
        "fr": "<p>Au Maroc, en Mauritanie, en Tunisie et en Libye, la migration soulève un certain "
        "nombre de défis de développement et de gouvernance. Ce projet vise à relever certains de "
        "ces défis et à renforcer le potentiel de développement de la migration des travailleurs "
        "dans ces pays, notamment en encourageant le rapprochement entre politiques de l’emploi, "
        "particulièrement des jeunes, et politiques migratoires.</p>",
        "ar": TODO,
        "en": TODO,
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
        "ar": TODO,
        "en": TODO,
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
        "ar": TODO,
        "en": TODO,
    },
}

FOOTER = {
    "partners_title": {"fr": "Partenaires institutionnels", "ar": TODO, "en": TODO},
    "partners_text": {
        "fr": "Ministères en charge du travail, de l’emploi, des affaires étrangères, de la "
        "migration et des affaires sociales ; institutions nationales de statistique ; "
        "organisations de travailleurs et d’employeurs.",
        "ar": TODO,
        "en": TODO,
    },
}

COUNTRIES = {
    # code: (fr, ar, en) country names and slugs are in PAGES below; this is the home summary.
    "LY": {"fr": "Accès des migrants au marché du travail en Libye et impact de la COVID-19.", "ar": TODO, "en": TODO},
    "MA": {"fr": "Rapprochement des politiques de l’emploi et des politiques migratoires.", "ar": TODO, "en": TODO},
    "MR": {"fr": "Études sur les Mauritaniens à l’étranger et sur la ratification de la C143.", "ar": TODO, "en": TODO},
    "TN": {"fr": "Groupe de travail sur les statistiques de la migration et système d’information.", "ar": TODO, "en": TODO},
}

PAGES = [
    {
        "menu": True,
        "title": {"fr": "Le projet", "ar": TODO, "en": TODO},
        "slug": {"fr": "projet", "ar": TODO, "en": TODO},
        "introduction": {
            "fr": "AMEM – Appui à la migration équitable pour le Maghreb : Libye, Maroc, "
            "Mauritanie, Tunisie.",
            "ar": TODO,
            "en": TODO,
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
            "ar": TODO,
            "en": TODO,
        },
    },
    {
        "menu": True,
        "title": {"fr": "Objectifs", "ar": TODO, "en": TODO},
        "slug": {"fr": "objectifs", "ar": TODO, "en": TODO},
        "introduction": {
            "fr": "Assurer un continuum de protection pour tous les travailleurs migrants au "
            "départ et à l’arrivée des pays du Maghreb.",
            "ar": TODO,
            "en": TODO,
        },
        "body": {
            "fr": [
                heading("1. Données"),
                paragraph(
                    "<p>Améliorer la base de connaissances sur la migration de travail en termes de "
                    "statistiques, de données administratives et de recherche spécifique ciblée "
                    "pour renforcer les systèmes d’information sur les marchés du travail et "
                    "fournir des outils puissants pour l’élaboration et le pilotage des politiques "
                    "publiques en lien avec la migration de travail.</p>"
                ),
                heading("2. Capacités"),
                paragraph(
                    "<p>Renforcer les capacités des acteurs non gouvernementaux (organisations "
                    "d’employeurs et de travailleurs, associations concernées) afin qu’ils puissent "
                    "pleinement jouer leur rôle en matière d’élaboration et de suivi des politiques "
                    "relatives à la migration de travail, de prévention des abus et de protection "
                    "des travailleurs à travers des services délivrés tout au long du cycle "
                    "migratoire.</p>"
                ),
                heading("3. Gouvernance"),
                paragraph(
                    "<p>Assurer une meilleure gouvernance des migrations de travail et une meilleure "
                    "protection des droits des travailleurs migrants, tout en tenant compte des "
                    "besoins des marchés du travail en termes de rapprochement entre politiques de "
                    "l’emploi et politiques migratoires, appui et professionnalisation des services "
                    "publics et privés de l’emploi et sensibilisation des services de la protection "
                    "sociale et de l’inspection du travail.</p>"
                ),
            ],
            "ar": TODO,
            "en": TODO,
        },
    },
    {
        "menu": True,
        "title": {"fr": "Partenaires", "ar": TODO, "en": TODO},
        "slug": {"fr": "partenaires", "ar": TODO, "en": TODO},
        "introduction": {"fr": "Les partenaires institutionnels du projet.", "ar": TODO, "en": TODO},
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
            "ar": TODO,
            "en": TODO,
        },
    },
    {
        "menu": True,
        "title": {"fr": "Bénéficiaires", "ar": TODO, "en": TODO},
        "slug": {"fr": "beneficiaires", "ar": TODO, "en": TODO},
        "introduction": {"fr": "Les bénéficiaires du projet.", "ar": TODO, "en": TODO},
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
                    "<p>Cadres, personnels, membres et militants des associations d’employeurs, des "
                    "organisations de travailleurs et des associations de la société civile "
                    "intervenant dans le recrutement, la sensibilisation et la protection des "
                    "travailleurs migrants et de leurs employeurs.</p>"
                ),
                heading("Travailleurs migrants"),
                paragraph(
                    "<p>Travailleurs migrants employés ou en recherche d’emploi et leurs familles "
                    "dans les pays cibles ou au départ de ceux-ci.</p>"
                ),
            ],
            "ar": TODO,
            "en": TODO,
        },
    },
    {
        "menu": True,
        "title": {"fr": "Pays", "ar": TODO, "en": TODO},
        "slug": {"fr": "pays", "ar": TODO, "en": TODO},
        "introduction": {
            "fr": "Le projet AMEM intervient dans quatre pays du Maghreb.",
            "ar": TODO,
            "en": TODO,
        },
        "body": {"fr": [], "ar": [], "en": []},
        "children": [
            # One page per country; "country" links the header's country name to it.
        ],
    },
]
