"""The demo recommendations and the public tracker.

Eight recommendations of the seed's Tunisian review, "État des lieux du système d'information sur
les migrations internationales de main-d'œuvre depuis et vers la Tunisie" (a study of the home
demo, their source page), on the project's three axes, and two for each other country, from the
seed's other studies (Morocco's have no source page: the seed names no Moroccan study). Each has
a lead organisation of the registry demo (stakeholders/demo.py), a target date, and a history:
validated updates, an update waiting for review, one returned. One
Tunisian recommendation is not public: the INS focal point sees it on the dashboard, the public
tracker does not show it. The narratives are the partners' own words, in one language.

Updates and reviews are append-only and stamp themselves with the current time; the demo's
history is dated in the past by running their creation at that past time (`_at`). Dates are
relative to the day the demo is loaded, so that some recommendation is always overdue.

A recommendation is found by its reference, the tracker page by its French slug: running `load()`
again creates nothing.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone, translation

from home.demo import DEMO_ADMIN, create_child, ensure_demo_admin, translated
from home.models import HomePage, PublicationPage

from .models import (
    Organisation,
    ProgressEvidence,
    ProgressReview,
    ProgressUpdate,
    Recommendation,
    RecommendationTrackerPage,
)

Status = Recommendation.Status
Decision = ProgressReview.Decision

TRACKER = {
    "title": {
        "fr": "Suivi des recommandations",
        "ar": "متابعة التوصيات",
        "en": "Recommendations tracker",
    },
    "slug": {"fr": "suivi-des-recommandations", "ar": "متابعة-التوصيات", "en": "recommendations"},
    "introduction": {
        "fr": "Les recommandations des études et des ateliers du projet AMEM, qui les met en "
        "œuvre et où en est leur mise en œuvre, pays par pays.",
        "ar": "توصيات دراسات مشروع AMEM وورشاته، والجهات المكلفة بتنفيذها، ومدى تقدّم تنفيذها، "
        "بلدًا بلدًا.",
        "en": "The recommendations of the AMEM project's studies and workshops, who carries them "
        "out and how far their implementation has come, country by country.",
    },
}

TN_REVIEW = "etat-des-lieux-systeme-information-migrations-main-d-oeuvre-tunisie"
LY_STUDY = "acces-migrants-marche-du-travail-libye-covid-19"
MR_STUDY = "etude-mauritaniens-a-l-etranger"
MR_C143 = "etude-legislation-nationale-ratification-c143-mauritanie"

# Organisations by French acronym, else French name, and country (stakeholders/demo.py).
INS = ("INS", "TN")
MFPE = ("Ministère de l’Emploi et de la Formation professionnelle", "TN")
MAE_TN = ("Ministère des Affaires étrangères, de la Migration et des Tunisiens à l’étranger", "TN")
MAS_TN = ("Ministère des Affaires sociales", "TN")
UGTT = ("UGTT", "TN")
UTICA = ("UTICA", "TN")
ILO = ("OIT", "")


def t(fr, ar, en):
    return {"fr": fr, "ar": ar, "en": en}


# An update: (days ago it was submitted, organisation, status, %, narrative, review), the review
# being (decision, days after submission, comment) or None while it waits.
RECOMMENDATIONS = [
    {
        "reference": "TN-SIM-2024-R01",
        "axis": "data",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "high",
        "lead": INS,
        "support": [MFPE, ILO],
        "target_in_days": 150,
        "public": True,
        "text": {
            "title": t(
                "Intégrer un module sur la migration de main-d’œuvre à l’enquête nationale sur "
                "la population et l’emploi",
                "إدراج وحدة حول هجرة اليد العاملة في المسح الوطني حول السكان والتشغيل",
                "Add a labour migration module to the national population and employment survey",
            ),
            "text": t(
                "Ajouter à l’enquête nationale sur la population et l’emploi un module mesurant "
                "les départs pour l’emploi à l’étranger, les retours et les travailleurs "
                "étrangers, selon les directives de la 20e CIST.",
                "إضافة وحدة إلى المسح الوطني حول السكان والتشغيل تقيس المغادرة من أجل العمل في "
                "الخارج والعودة والعمال الأجانب، وفق المبادئ التوجيهية للمؤتمر الدولي العشرين "
                "لخبراء إحصاءات العمل.",
                "Add to the national population and employment survey a module measuring "
                "departures to work abroad, returns and foreign workers, following the "
                "guidelines of the 20th ICLS.",
            ),
            "indicator": t(
                "Module intégré au questionnaire et collecté",
                "وحدة مدرجة في الاستبيان ومجمّعة",
                "Module included in the questionnaire and collected",
            ),
        },
        "updates": [
            (
                200,
                INS,
                Status.PLANNED,
                10,
                "Le module a été inscrit au programme de révision du questionnaire.",
                (Decision.VALIDATED, 5, ""),
            ),
            (
                95,
                INS,
                Status.IN_PROGRESS,
                40,
                "Le projet de module a été testé auprès de 300 ménages à Tunis et Sfax.",
                (Decision.VALIDATED, 7, ""),
            ),
            (
                6,
                INS,
                Status.IN_PROGRESS,
                55,
                "Le module est intégré au questionnaire de la prochaine vague.",
                None,
            ),
        ],
    },
    {
        "reference": "TN-SIM-2024-R02",
        "axis": "data",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "high",
        "lead": INS,
        "support": [ILO],
        "target_in_days": 60,
        "public": True,
        "text": {
            "title": t(
                "Harmoniser les concepts et définitions de la migration de main-d’œuvre entre "
                "producteurs de données",
                "توحيد مفاهيم هجرة اليد العاملة وتعاريفها بين منتجي البيانات",
                "Harmonise labour migration concepts and definitions across data producers",
            ),
            "text": t(
                "Adopter, au sein du groupe de travail sur les statistiques de la migration, un "
                "glossaire commun des concepts et définitions utilisés par chaque institution.",
                "اعتماد مسرد مشترك للمفاهيم والتعاريف التي تستخدمها كل مؤسسة، ضمن فريق العمل "
                "المعني بإحصاءات الهجرة.",
                "Adopt, within the working group on migration statistics, a common glossary of "
                "the concepts and definitions each institution uses.",
            ),
        },
        "updates": [
            (
                130,
                INS,
                Status.IN_PROGRESS,
                30,
                "Un premier glossaire a été rédigé et partagé avec les membres du groupe.",
                (Decision.VALIDATED, 4, ""),
            ),
            (
                40,
                INS,
                Status.PARTIALLY_IMPLEMENTED,
                60,
                "Le glossaire a été adopté par quatre institutions sur six.",
                (Decision.VALIDATED, 3, ""),
            ),
        ],
    },
    {
        "reference": "TN-SIM-2024-R03",
        "axis": "governance",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "high",
        "lead": MFPE,
        "support": [INS, MAE_TN],
        "target_in_days": -30,
        "public": True,
        "text": {
            "title": t(
                "Créer un mécanisme de partage des données administratives sur la migration "
                "de main-d’œuvre",
                "إحداث آلية لتبادل البيانات الإدارية حول هجرة اليد العاملة",
                "Create a mechanism to share administrative data on labour migration",
            ),
            "text": t(
                "Organiser par protocole d’accord l’échange régulier des données administratives "
                "(contrats de travail visés, placements à l’étranger, retours) entre les "
                "ministères concernés et l’INS.",
                "تنظيم التبادل المنتظم للبيانات الإدارية (عقود العمل المؤشر عليها، والتوظيف في "
                "الخارج، والعودة) بين الوزارات المعنية والمعهد الوطني للإحصاء بموجب مذكرة تفاهم.",
                "Organise by memorandum of understanding the regular exchange of administrative "
                "data (endorsed work contracts, placements abroad, returns) between the "
                "ministries concerned and the INS.",
            ),
        },
        "updates": [
            (
                160,
                MFPE,
                Status.IN_PROGRESS,
                50,
                "Le projet de protocole d’accord a été discuté avec les parties.",
                (Decision.VALIDATED, 6, ""),
            ),
            (
                50,
                MFPE,
                Status.IMPLEMENTED,
                100,
                "Le protocole d’accord sur le groupe de travail a été signé.",
                (Decision.VALIDATED, 2, ""),
            ),
        ],
        "evidence": "https://www.ilo.org/",
    },
    {
        "reference": "TN-SIM-2024-R04",
        "axis": "data",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "medium",
        "lead": MAE_TN,
        "support": [INS],
        "target_in_days": -45,
        "public": True,
        "text": {
            "title": t(
                "Exploiter les registres consulaires pour mesurer la population tunisienne "
                "active à l’étranger",
                "استغلال السجلات القنصلية لقياس السكان التونسيين الناشطين بالخارج",
                "Use consular registers to measure the Tunisian working population abroad",
            ),
            "text": t(
                "Produire chaque année, à partir des registres consulaires, des statistiques sur "
                "les Tunisiens à l’étranger par pays, sexe, âge et activité.",
                "إنتاج إحصاءات سنوية حول التونسيين بالخارج حسب البلد والجنس والسن والنشاط، انطلاقًا "
                "من السجلات القنصلية.",
                "Produce yearly statistics on Tunisians abroad by country, sex, age and "
                "activity from consular registers.",
            ),
        },
        "updates": [
            (
                120,
                MAE_TN,
                Status.PLANNED,
                10,
                "Une note technique sur la qualité des registres est en préparation.",
                (Decision.VALIDATED, 10, ""),
            ),
            (
                20,
                MAE_TN,
                Status.IN_PROGRESS,
                30,
                "Les registres de trois consulats ont été numérisés.",
                (Decision.RETURNED, 4, "Précisez lesquels et joignez la note technique."),
            ),
        ],
    },
    {
        "reference": "TN-SIM-2024-R05",
        "axis": "capacity",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "medium",
        "lead": INS,
        "support": [ILO, MFPE],
        "target_in_days": 240,
        "public": True,
        "text": {
            "title": t(
                "Former les statisticiens aux statistiques des migrations internationales de "
                "main-d’œuvre",
                "تكوين الإحصائيين في مجال إحصاءات الهجرة الدولية لليد العاملة",
                "Train statisticians in international labour migration statistics",
            ),
            "text": t(
                "Former les cadres de l’INS et des services statistiques ministériels aux "
                "directives internationales et à l’exploitation des sources administratives.",
                "تكوين إطارات المعهد الوطني للإحصاء والمصالح الإحصائية بالوزارات في المبادئ "
                "التوجيهية الدولية واستغلال المصادر الإدارية.",
                "Train staff of the INS and of the ministries' statistical services in the "
                "international guidelines and the use of administrative sources.",
            ),
        },
        "updates": [
            (
                70,
                INS,
                Status.IN_PROGRESS,
                35,
                "Un premier atelier de formation a réuni 24 cadres à Tunis.",
                (Decision.VALIDATED, 5, ""),
            ),
        ],
    },
    {
        "reference": "TN-SIM-2024-R06",
        "axis": "capacity",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "medium",
        "lead": UGTT,
        "support": [UTICA],
        "target_in_days": 300,
        "public": True,
        "text": {
            "title": t(
                "Renforcer l’usage des données sur la migration par les partenaires sociaux",
                "تعزيز استخدام الشركاء الاجتماعيين لبيانات الهجرة",
                "Strengthen the social partners' use of migration data",
            ),
            "text": t(
                "Former les organisations d’employeurs et de travailleurs à lire et utiliser les "
                "statistiques de la migration de main-d’œuvre dans le dialogue social.",
                "تكوين منظمات أصحاب العمل والعمال في قراءة إحصاءات هجرة اليد العاملة واستخدامها "
                "في الحوار الاجتماعي.",
                "Train employers' and workers' organisations to read and use labour migration "
                "statistics in social dialogue.",
            ),
        },
        "updates": [],
    },
    {
        "reference": "TN-SIM-2024-R07",
        "axis": "governance",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "low",
        "lead": MFPE,
        "support": [MAS_TN],
        "target_in_days": 400,
        "public": True,
        "text": {
            "title": t(
                "Doter le système d’information d’une instance de coordination permanente",
                "إرساء هيئة تنسيق دائمة لنظام المعلومات",
                "Give the information system a standing coordination body",
            ),
            "text": t(
                "Pérenniser le groupe de travail sur les statistiques de la migration comme "
                "instance de coordination, avec un secrétariat et un programme annuel.",
                "إدامة فريق العمل المعني بإحصاءات الهجرة كهيئة تنسيق لها كتابة قارة وبرنامج سنوي.",
                "Make the working group on migration statistics a standing coordination body, "
                "with a secretariat and a yearly programme.",
            ),
        },
        "updates": [
            (
                25,
                MFPE,
                Status.PLANNED,
                5,
                "Le projet d’arrêté est en préparation.",
                (Decision.VALIDATED, 3, ""),
            ),
        ],
    },
    {
        "reference": "TN-SIM-2024-R08",
        "axis": "data",
        "country": "TN",
        "source": TN_REVIEW,
        "priority": "low",
        "lead": INS,
        "support": [],
        "target_in_days": 330,
        "public": False,
        "text": {
            "title": t(
                "Publier un bulletin annuel des statistiques de la migration de main-d’œuvre",
                "نشر نشرية سنوية لإحصاءات هجرة اليد العاملة",
                "Publish a yearly bulletin of labour migration statistics",
            ),
            "text": t(
                "Rassembler chaque année dans un bulletin les principales statistiques produites "
                "par les membres du groupe de travail.",
                "جمع أهم الإحصاءات التي ينتجها أعضاء فريق العمل في نشرية سنوية.",
                "Gather each year in a bulletin the main statistics produced by the members of "
                "the working group.",
            ),
        },
        "updates": [
            (
                3,
                INS,
                Status.PLANNED,
                5,
                "Le sommaire du premier bulletin est en discussion.",
                None,
            ),
        ],
    },
    {
        "reference": "MA-DON-2025-R01",
        "axis": "data",
        "country": "MA",
        "source": None,
        "priority": "medium",
        "lead": ("HCP", "MA"),
        "support": [ILO],
        "target_in_days": 200,
        "public": True,
        "text": {
            "title": t(
                "Mesurer la migration de retour dans l’enquête nationale sur l’emploi",
                "قياس هجرة العودة في البحث الوطني حول التشغيل",
                "Measure return migration in the national employment survey",
            ),
            "text": t(
                "Ajouter des questions sur l’expérience migratoire des actifs à l’enquête "
                "nationale sur l’emploi.",
                "إضافة أسئلة حول التجربة الهجرية للنشيطين إلى البحث الوطني حول التشغيل.",
                "Add questions on the migration experience of the working population to the "
                "national employment survey.",
            ),
        },
        "updates": [
            (
                60,
                ("HCP", "MA"),
                Status.PLANNED,
                15,
                "Les questions ont été proposées au comité de l’enquête.",
                (Decision.VALIDATED, 8, ""),
            ),
        ],
    },
    {
        "reference": "MA-GOV-2025-R02",
        "axis": "governance",
        "country": "MA",
        "source": None,
        "priority": "medium",
        "lead": ("CGEM", "MA"),
        "support": [("UMT", "MA")],
        "target_in_days": 365,
        "public": True,
        "text": {
            "title": t(
                "Associer les partenaires sociaux au suivi de la migration de main-d’œuvre",
                "إشراك الشركاء الاجتماعيين في تتبّع هجرة اليد العاملة",
                "Involve the social partners in monitoring labour migration",
            ),
            "text": t(
                "Inscrire la migration de main-d’œuvre à l’ordre du jour du dialogue social "
                "tripartite, avec un point annuel sur les données.",
                "إدراج هجرة اليد العاملة في جدول أعمال الحوار الاجتماعي الثلاثي، مع نقطة سنوية "
                "حول البيانات.",
                "Put labour migration on the agenda of tripartite social dialogue, with a "
                "yearly review of the data.",
            ),
        },
        "updates": [],
    },
    {
        "reference": "MR-LEG-2024-R01",
        "axis": "governance",
        "country": "MR",
        "source": MR_C143,
        "priority": "high",
        "lead": ("Ministère en charge du travail et de l’emploi (Mauritanie)", "MR"),
        "support": [ILO],
        "target_in_days": -60,
        "public": True,
        "text": {
            "title": t(
                "Préparer la ratification de la convention n° 143 de l’OIT",
                "التحضير للتصديق على الاتفاقية رقم 143 لمنظمة العمل الدولية",
                "Prepare the ratification of ILO Convention No. 143",
            ),
            "text": t(
                "Mettre la législation nationale en conformité avec les dispositions "
                "complémentaires de 1975 sur les travailleurs migrants.",
                "ملاءمة التشريع الوطني مع الأحكام التكميلية لسنة 1975 المتعلقة بالعمال المهاجرين.",
                "Bring national legislation in line with the 1975 supplementary provisions on "
                "migrant workers.",
            ),
        },
        "updates": [
            (
                180,
                ("Ministère en charge du travail et de l’emploi (Mauritanie)", "MR"),
                Status.IN_PROGRESS,
                25,
                "Un comité technique a examiné les écarts relevés par l’étude.",
                (Decision.VALIDATED, 9, ""),
            ),
        ],
    },
    {
        "reference": "MR-DIA-2024-R02",
        "axis": "data",
        "country": "MR",
        "source": MR_STUDY,
        "priority": "medium",
        "lead": ("ANSADE", "MR"),
        "support": [],
        "target_in_days": 250,
        "public": True,
        "text": {
            "title": t(
                "Recenser les Mauritaniens établis à l’étranger",
                "إحصاء الموريتانيين المقيمين في الخارج",
                "Count the Mauritanians living abroad",
            ),
            "text": t(
                "Estimer la population mauritanienne dans les principaux pays de destination à "
                "partir des recensements de ces pays.",
                "تقدير عدد الموريتانيين في أهم بلدان المقصد انطلاقًا من تعدادات تلك البلدان.",
                "Estimate the Mauritanian population in the main countries of destination from "
                "those countries' censuses.",
            ),
        },
        "updates": [],
    },
    {
        "reference": "LY-LMA-2023-R01",
        "axis": "data",
        "country": "LY",
        "source": LY_STUDY,
        "priority": "high",
        "lead": ("Bureau des statistiques et du recensement", "LY"),
        "support": [ILO],
        "target_in_days": 120,
        "public": True,
        "text": {
            "title": t(
                "Produire des données sur l’emploi des travailleurs migrants en Libye",
                "إنتاج بيانات حول تشغيل العمال المهاجرين في ليبيا",
                "Produce data on the employment of migrant workers in Libya",
            ),
            "text": t(
                "Inclure les travailleurs migrants dans les enquêtes sur le marché du travail.",
                "إدراج العمال المهاجرين في المسوح المتعلقة بسوق العمل.",
                "Include migrant workers in labour market surveys.",
            ),
        },
        "updates": [
            (
                90,
                ("Bureau des statistiques et du recensement", "LY"),
                Status.PLANNED,
                10,
                "تم إعداد مذكرة منهجية أولية.",
                (Decision.VALIDATED, 6, ""),
            ),
        ],
    },
    {
        "reference": "LY-LMA-2023-R02",
        "axis": "capacity",
        "country": "LY",
        "source": LY_STUDY,
        "priority": "medium",
        "lead": ("Ministère en charge du travail (Libye)", "LY"),
        "support": [],
        "target_in_days": 280,
        "public": True,
        "text": {
            "title": t(
                "Former les inspecteurs du travail à la protection des travailleurs migrants",
                "تكوين مفتشي الشغل في مجال حماية العمال المهاجرين",
                "Train labour inspectors in protecting migrant workers",
            ),
            "text": t(
                "Former les inspecteurs du travail aux droits des travailleurs migrants et aux "
                "conditions de travail dans les secteurs qui les emploient.",
                "تكوين مفتشي الشغل في حقوق العمال المهاجرين وظروف العمل في القطاعات التي تشغّلهم.",
                "Train labour inspectors in migrant workers' rights and in working conditions "
                "in the sectors that employ them.",
            ),
        },
        "updates": [],
    },
]


@transaction.atomic
def load():
    """Creates what is missing; returns how many recommendations and pages it created."""
    created = _tracker_created()
    missing = [
        spec
        for spec in RECOMMENDATIONS
        if not Recommendation.objects.filter(reference=spec["reference"]).exists()
    ]
    if missing:
        ensure_demo_admin()
    for spec in missing:
        _create(spec)
    return created + len(missing)


def _tracker_created():
    home = HomePage.objects.first()
    if home is None:
        return 0
    with translation.override("fr"):
        _page, created = create_child(home, RecommendationTrackerPage, TRACKER)
    return int(created)


def _organisation(key):
    """A demo organisation by French acronym or name and country; None if the registry demo has
    not created it."""
    from .demo import organisation

    name, country = key
    return organisation(name, country) or (
        Organisation.objects.filter(name_fr=name, country=country).first()
    )


@contextmanager
def _at(moment):
    """Rows created inside are stamped with `moment` (their auto_now_add fields), not now."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _create(spec):
    today = timezone.localdate()
    source = spec["source"] and PublicationPage.objects.filter(slug_fr=spec["source"]).first()
    recommendation = Recommendation.objects.create(
        **translated(**spec["text"]),
        reference=spec["reference"],
        axis=spec["axis"],
        country=spec["country"],
        priority=spec["priority"],
        source_page=source,
        lead_organisation=_organisation(spec["lead"]),
        target_date=today + datetime.timedelta(days=spec["target_in_days"]),
        is_public=spec["public"],
    )
    supporting = [_organisation(key) for key in spec["support"]]
    recommendation.supporting_organisations.set([o for o in supporting if o is not None])
    _history(recommendation, spec)


def _history(recommendation, spec):
    from .demo import focal_point_account
    from .models import User

    reviewer = User.objects.get(email=DEMO_ADMIN[0])
    focal_point = focal_point_account()
    now = timezone.now()
    for days_ago, organisation, status, progress, narrative, review in spec["updates"]:
        organisation = _organisation(organisation)
        submitted = now - datetime.timedelta(days=days_ago)
        with _at(submitted):
            update = ProgressUpdate.objects.create(
                recommendation=recommendation,
                author=focal_point if organisation and organisation.acronym_fr == "INS" else None,
                organisation=organisation,
                proposed_status=status,
                proposed_progress=progress,
                narrative=narrative,
            )
            if status == Status.IMPLEMENTED:
                ProgressEvidence.objects.create(update=update, url=spec["evidence"])
        if review is None:
            continue
        decision, after_days, comment = review
        reviewed = submitted + datetime.timedelta(days=after_days)
        with _at(reviewed):
            ProgressReview.objects.create(
                update=update, decision=decision, comment=comment, reviewer=reviewer
            )
        if decision == Decision.VALIDATED:
            recommendation.status, recommendation.progress = status, progress
            recommendation.last_validated_at = reviewed
    recommendation.save(update_fields=["status", "progress", "last_validated_at"])
