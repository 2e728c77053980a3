"""The demo registry: the project's partners in the four countries, a few people, a focal point.

Organisations: the ILO and AICS (named by the seed), and for each of Libya, Morocco, Mauritania and
Tunisia the partners the seed lists (the ministries in charge of labour and employment, of foreign
affairs and migration, of social affairs; the statistics institute; the main employers' and
workers' organisations; an association). Names are the institutions' official ones where they are
well established; where they are not (ministries renamed often, organisations not yet confirmed),
a descriptive name says what the organisation is, "Ministère en charge du travail (Libye)", and
those not confirmed are kept out of the public directory.

People are fictional (their family names say so: Exemple, Démo, Essai, Modèle), some consenting
to be listed publicly and some not; Leïla Exemple, focal point of Tunisia's INS, has an account.

Like the other loaders, it creates what is missing and never overwrites: an organisation is found
by its French acronym (else its French name) and country, a person by their Latin name, a page by
its French slug.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from home.demo import create_child, translated
from home.models import ContentPage, HomePage

from . import demo_protocols, demo_recommendations
from .models import Affiliation, Organisation, PartnersDirectoryPage, Person, ProtocolIndexPage

ILO = "OIT"
AICS = "AICS"
# The demo focal point's account: printed by `manage.py load_demo`, never loaded in production.
DEMO_FOCAL_POINT = ("focal.tn@amem.local", "amem-demo")

Kind = Organisation.Kind


def _organisation(kind, country, fr, ar, en, acronym="", website="", public=True):
    return {
        "kind": kind,
        "country": country,
        "website": website,
        "is_public": public,
        "text": {
            "name": {"fr": fr, "ar": ar, "en": en},
            "acronym": {"fr": acronym, "ar": acronym, "en": acronym},
        },
    }


ORGANISATIONS = [
    {
        "kind": Kind.INTERNATIONAL_ORGANISATION,
        "country": "",
        "website": "https://www.ilo.org/",
        "is_public": True,
        "text": {
            "name": {
                "fr": "Organisation internationale du Travail",
                "ar": "منظمة العمل الدولية",
                "en": "International Labour Organization",
            },
            "acronym": {"fr": ILO, "ar": "ILO", "en": "ILO"},
        },
    },
    # The project's seed: "L’OIT et la Tunisie avec l’appui de l’AICS…".
    _organisation(
        Kind.DONOR,
        "",
        "Agence italienne pour la coopération au développement",
        "الوكالة الإيطالية للتعاون الإنمائي",
        "Italian Agency for Development Cooperation",
        acronym=AICS,
        website="https://www.aics.gov.it/",
    ),
    # Libya: two governments and frequent reorganisations; only the statistics office is named.
    _organisation(
        Kind.MINISTRY,
        "LY",
        "Ministère en charge du travail (Libye)",
        "الوزارة المكلفة بالعمل (ليبيا)",
        "Ministry in charge of labour (Libya)",
    ),
    _organisation(
        Kind.MINISTRY,
        "LY",
        "Ministère des Affaires étrangères (Libye)",
        "وزارة الخارجية (ليبيا)",
        "Ministry of Foreign Affairs (Libya)",
    ),
    _organisation(
        Kind.MINISTRY,
        "LY",
        "Ministère des Affaires sociales (Libye)",
        "وزارة الشؤون الاجتماعية (ليبيا)",
        "Ministry of Social Affairs (Libya)",
    ),
    _organisation(
        Kind.STATISTICS_INSTITUTE,
        "LY",
        "Bureau des statistiques et du recensement",
        "مصلحة الإحصاء والتعداد",
        "Bureau of Statistics and Census",
    ),
    _organisation(
        Kind.EMPLOYERS_ORGANISATION,
        "LY",
        "Organisation d’employeurs (Libye)",
        "منظمة أصحاب العمل (ليبيا)",
        "Employers’ organisation (Libya)",
        public=False,
    ),
    _organisation(
        Kind.WORKERS_ORGANISATION,
        "LY",
        "Organisation de travailleurs (Libye)",
        "منظمة العمال (ليبيا)",
        "Workers’ organisation (Libya)",
        public=False,
    ),
    _organisation(
        Kind.ASSOCIATION,
        "LY",
        "Association d’appui aux travailleurs migrants (Libye)",
        "جمعية دعم العمال المهاجرين (ليبيا)",
        "Association supporting migrant workers (Libya)",
        public=False,
    ),
    # Morocco.
    _organisation(
        Kind.MINISTRY,
        "MA",
        "Ministère de l’Inclusion économique, de la Petite entreprise, de l’Emploi et des "
        "Compétences",
        "وزارة الإدماج الاقتصادي والمقاولة الصغرى والتشغيل والكفاءات",
        "Ministry of Economic Inclusion, Small Business, Employment and Skills",
    ),
    _organisation(
        Kind.MINISTRY,
        "MA",
        "Ministère des Affaires étrangères, de la Coopération africaine et des Marocains "
        "résidant à l’étranger",
        "وزارة الشؤون الخارجية والتعاون الإفريقي والمغاربة المقيمين بالخارج",
        "Ministry of Foreign Affairs, African Cooperation and Moroccan Expatriates",
        website="https://www.diplomatie.ma/",
    ),
    _organisation(
        Kind.MINISTRY,
        "MA",
        "Ministère de la Solidarité, de l’Insertion sociale et de la Famille",
        "وزارة التضامن والإدماج الاجتماعي والأسرة",
        "Ministry of Solidarity, Social Inclusion and Family",
    ),
    _organisation(
        Kind.STATISTICS_INSTITUTE,
        "MA",
        "Haut-Commissariat au Plan",
        "المندوبية السامية للتخطيط",
        "High Commission for Planning",
        acronym="HCP",
        website="https://www.hcp.ma/",
    ),
    _organisation(
        Kind.EMPLOYERS_ORGANISATION,
        "MA",
        "Confédération générale des entreprises du Maroc",
        "الاتحاد العام لمقاولات المغرب",
        "General Confederation of Moroccan Enterprises",
        acronym="CGEM",
        website="https://www.cgem.ma/",
    ),
    _organisation(
        Kind.WORKERS_ORGANISATION,
        "MA",
        "Union marocaine du travail",
        "الاتحاد المغربي للشغل",
        "Moroccan Labour Union",
        acronym="UMT",
    ),
    _organisation(
        Kind.ASSOCIATION,
        "MA",
        "Association marocaine des droits humains",
        "الجمعية المغربية لحقوق الإنسان",
        "Moroccan Association for Human Rights",
        acronym="AMDH",
    ),
    # Mauritania: the ministries of labour and of social affairs change names often.
    _organisation(
        Kind.MINISTRY,
        "MR",
        "Ministère en charge du travail et de l’emploi (Mauritanie)",
        "الوزارة المكلفة بالعمل والتشغيل (موريتانيا)",
        "Ministry in charge of labour and employment (Mauritania)",
    ),
    _organisation(
        Kind.MINISTRY,
        "MR",
        "Ministère des Affaires étrangères, de la Coopération et des Mauritaniens de l’extérieur",
        "وزارة الشؤون الخارجية والتعاون والموريتانيين في الخارج",
        "Ministry of Foreign Affairs, Cooperation and Mauritanians Abroad",
    ),
    _organisation(
        Kind.MINISTRY,
        "MR",
        "Ministère en charge des affaires sociales (Mauritanie)",
        "الوزارة المكلفة بالشؤون الاجتماعية (موريتانيا)",
        "Ministry in charge of social affairs (Mauritania)",
    ),
    _organisation(
        Kind.STATISTICS_INSTITUTE,
        "MR",
        "Agence nationale de la statistique et de l’analyse démographique et économique",
        "الوكالة الوطنية للإحصاء والتحليل الديموغرافي والاقتصادي",
        "National Agency for Statistics and Demographic and Economic Analysis",
        acronym="ANSADE",
        website="https://ansade.mr/",
    ),
    _organisation(
        Kind.EMPLOYERS_ORGANISATION,
        "MR",
        "Union nationale du patronat mauritanien",
        "الاتحاد الوطني لأرباب العمل الموريتانيين",
        "National Union of Mauritanian Employers",
        acronym="UNPM",
    ),
    _organisation(
        Kind.WORKERS_ORGANISATION,
        "MR",
        "Confédération générale des travailleurs de Mauritanie",
        "الكونفدرالية العامة لعمال موريتانيا",
        "General Confederation of Workers of Mauritania",
        acronym="CGTM",
    ),
    _organisation(
        Kind.ASSOCIATION,
        "MR",
        "Association d’appui aux travailleurs migrants (Mauritanie)",
        "جمعية دعم العمال المهاجرين (موريتانيا)",
        "Association supporting migrant workers (Mauritania)",
        public=False,
    ),
    # Tunisia.
    _organisation(
        Kind.MINISTRY,
        "TN",
        "Ministère de l’Emploi et de la Formation professionnelle",
        "وزارة التشغيل والتكوين المهني",
        "Ministry of Employment and Vocational Training",
    ),
    _organisation(
        Kind.MINISTRY,
        "TN",
        "Ministère des Affaires étrangères, de la Migration et des Tunisiens à l’étranger",
        "وزارة الشؤون الخارجية والهجرة والتونسيين بالخارج",
        "Ministry of Foreign Affairs, Migration and Tunisians Abroad",
    ),
    _organisation(
        Kind.MINISTRY,
        "TN",
        "Ministère des Affaires sociales",
        "وزارة الشؤون الاجتماعية",
        "Ministry of Social Affairs",
    ),
    _organisation(
        Kind.STATISTICS_INSTITUTE,
        "TN",
        "Institut national de la statistique",
        "المعهد الوطني للإحصاء",
        "National Institute of Statistics",
        acronym="INS",
        website="https://www.ins.tn/",
    ),
    _organisation(
        Kind.EMPLOYERS_ORGANISATION,
        "TN",
        "Union tunisienne de l’industrie, du commerce et de l’artisanat",
        "الاتحاد التونسي للصناعة والتجارة والصناعات التقليدية",
        "Tunisian Union of Industry, Trade and Handicrafts",
        acronym="UTICA",
        website="https://www.utica.org.tn/",
    ),
    _organisation(
        Kind.WORKERS_ORGANISATION,
        "TN",
        "Union générale tunisienne du travail",
        "الاتحاد العام التونسي للشغل",
        "Tunisian General Labour Union",
        acronym="UGTT",
        website="https://www.ugtt.org.tn/",
    ),
    _organisation(
        Kind.ASSOCIATION,
        "TN",
        "Forum tunisien pour les droits économiques et sociaux",
        "المنتدى التونسي للحقوق الاقتصادية والاجتماعية",
        "Tunisian Forum for Economic and Social Rights",
        acronym="FTDES",
        website="https://ftdes.net/",
    ),
]

WOMAN, MAN = Person.Gender.WOMAN, Person.Gender.MAN

# Fictional people. An affiliation: (organisation's French acronym or name, country, position,
# focal point, signatory).
PEOPLE = [
    {
        "names": ("Leïla", "Exemple", "ليلى", "مثال"),
        "gender": WOMAN,
        "email": DEMO_FOCAL_POINT[0],
        "phone": "+216 70 000 101",
        "listed": True,
        "account": True,
        "affiliations": [("INS", "TN", "Cheffe du service des statistiques migratoires", 1, 0)],
    },
    {
        "names": ("Karim", "Démo", "كريم", "تجريبي"),
        "gender": MAN,
        "email": "karim.demo@example.org",
        "phone": "+216 70 000 102",
        "listed": False,
        "affiliations": [("INS", "TN", "Directeur général", 0, 1)],
    },
    {
        "names": ("Samir", "Essai", "سمير", "تجربة"),
        "gender": MAN,
        "email": "samir.essai@example.org",
        "phone": "+216 70 000 103",
        "listed": True,
        "affiliations": [("INS", "TN", "Statisticien, enquêtes auprès des ménages", 0, 0)],
    },
    {
        "names": ("Sonia", "Modèle", "سنية", "نموذج"),
        "gender": WOMAN,
        "email": "sonia.modele@example.org",
        "phone": "+216 70 000 104",
        "listed": True,
        "affiliations": [("UGTT", "TN", "Chargée de la migration", 1, 0)],
    },
    {
        "names": ("Hédi", "Exemple", "الهادي", "مثال"),
        "gender": MAN,
        "email": "hedi.exemple@example.org",
        "phone": "+216 70 000 105",
        "listed": False,
        "affiliations": [("UTICA", "TN", "Conseiller aux relations sociales", 1, 0)],
    },
    {
        "names": ("Youssef", "Démo", "يوسف", "تجريبي"),
        "gender": MAN,
        "email": "youssef.demo@example.org",
        "phone": "+212 500 000 106",
        "listed": True,
        "affiliations": [("HCP", "MA", "Chef de division des statistiques démographiques", 1, 0)],
    },
    {
        "names": ("Mariem", "Essai", "مريم", "تجربة"),
        "gender": WOMAN,
        "email": "mariem.essai@example.org",
        "phone": "+222 40 000 107",
        "listed": False,
        "affiliations": [("ANSADE", "MR", "Responsable des enquêtes sur l’emploi", 1, 0)],
    },
    {
        "names": ("Ali", "Modèle", "علي", "نموذج"),
        "gender": MAN,
        "email": "ali.modele@example.org",
        "phone": "+218 21 000 0108",
        "listed": True,
        "affiliations": [
            ("Bureau des statistiques et du recensement", "LY", "Chef du service de l’emploi", 1, 0)
        ],
    },
]

DIRECTORY = {
    "title": {"fr": "Annuaire des partenaires", "ar": "دليل الشركاء", "en": "Partners directory"},
    "slug": {"fr": "annuaire-des-partenaires", "ar": "دليل-الشركاء", "en": "partners-directory"},
    "introduction": {
        "fr": "Les ministères, institutions statistiques, organisations d’employeurs et de "
        "travailleurs et associations partenaires du projet, par pays.",
        "ar": "الوزارات والمؤسسات الإحصائية ومنظمات أصحاب العمل والعمال والجمعيات الشريكة في "
        "المشروع، حسب البلد.",
        "en": "The ministries, statistics institutions, employers’ and workers’ organisations and "
        "associations that are partners of the project, by country.",
    },
}

# Not "protocols" in any language: /<lang>/protocols/ is protocol signing (stakeholders/urls.py).
PROTOCOLS = {
    "title": {"fr": "Protocoles d’accord", "ar": "مذكرات التفاهم", "en": "Protocols"},
    "slug": {"fr": "protocoles-d-accord", "ar": "مذكرات-التفاهم", "en": "signed-protocols"},
    "introduction": {
        "fr": "Les protocoles d’accord signés entre les partenaires du projet, avec leurs parties "
        "et leurs dates.",
        "ar": "مذكرات التفاهم الموقعة بين شركاء المشروع، مع أطرافها وتواريخها.",
        "en": "The protocols signed between the project’s partners, with their parties and dates.",
    },
}


@transaction.atomic
def load():
    """Creates what is missing; returns how many organisations, people, pages, protocols and
    recommendations it created."""
    created = {
        "organisations": sum(_organisation_created(spec) for spec in ORGANISATIONS),
        "people": sum(_person_created(spec) for spec in PEOPLE),
        "pages": _pages_created(),
        # The Tunisian migration-statistics protocol and its signatories.
        "protocols": demo_protocols.load(),
        # The tracker and the recommendations of the Tunisian review.
        "recommendations": demo_recommendations.load(),
    }
    return created


def organisation(acronym_fr, country=""):
    """A demo organisation by its French acronym (or name), or None before `load()`."""
    return Organisation.objects.filter(_key(acronym_fr, country)).first()


def _key(name, country):
    return Q(country=country) & (Q(acronym_fr=name) | Q(acronym_fr="", name_fr=name))


def _organisation_created(spec):
    text = spec["text"]
    key = text["acronym"]["fr"] or text["name"]["fr"]
    if Organisation.objects.filter(_key(key, spec["country"])).exists():
        return False
    Organisation.objects.create(
        **translated(**text),
        kind=spec["kind"],
        country=spec["country"],
        website=spec["website"],
        is_public=spec["is_public"],
    )
    return True


def _person_created(spec):
    first_name, last_name, first_name_ar, last_name_ar = spec["names"]
    person, created = Person.objects.get_or_create(
        first_name=first_name,
        last_name=last_name,
        defaults={
            "first_name_ar": first_name_ar,
            "last_name_ar": last_name_ar,
            "gender": spec["gender"],
            "email": spec["email"],
            "phone": spec["phone"],
            "consents_to_contact": True,
            "consents_to_listing": spec["listed"],
        },
    )
    for name, country, position, focal_point, signatory in spec["affiliations"]:
        Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation(name, country),
            position=position,
            defaults={"is_focal_point": bool(focal_point), "is_signatory": bool(signatory)},
        )
    if spec.get("account") and person.user_id is None:
        person.user = focal_point_account()
        person.save(update_fields=["user"])
    return created


def focal_point_account():
    """The demo focal point's account, with its address verified (no TOTP in dev)."""
    email, password = DEMO_FOCAL_POINT
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, first_name="Leïla", last_name="Exemple"
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _pages_created():
    """The partners directory, in the menu after the Partners page, and the protocols index."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    with translation.override("fr"):
        directory, directory_created = create_child(
            home, PartnersDirectoryPage, DIRECTORY, show_in_menus=True
        )
        if directory_created:
            partners = ContentPage.objects.child_of(home).filter(slug_fr="partenaires").first()
            if partners is not None:
                directory.move(partners, pos="right")
        _protocols, protocols_created = create_child(home, ProtocolIndexPage, PROTOCOLS)
    return directory_created + protocols_created
