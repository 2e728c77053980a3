"""The demo site, built from the project's seed (shared/seeds) in French, Arabic and English:
`manage.py load_demo` runs `load()`; the dev and test settings allow it, production never.

The demo lives here, in the top layer, so that it may use every app and no app carries it. Its
words are in data/*.json, its loaders in one module per part; each creates what is missing and
never overwrites, so running `load()` again creates nothing and keeps what editors changed.
"""

from .common import DEMO_ADMIN, DEMO_FOCAL_POINT, data, ensure_demo_admin

__all__ = ["DEMO_ADMIN", "DEMO_FOCAL_POINT", "data", "load"]


def load():
    """Builds what is missing, in layer order (the workshops need the home page and the
    organisations); returns how many of each part it created."""
    # The parts import the apps' models, which need Django set up: `import amem.demo` does not.
    from . import pages, protocols, recommendations, registrations, registry, workshops

    created = {"pages": pages.load()}
    created.update(registry.load())  # organisations, people, registry_pages
    created["protocols"] = protocols.load()
    created["recommendations"] = recommendations.load()
    created["workshops"] = workshops.load()
    created["registrations"] = registrations.load()
    ensure_demo_admin()
    return created
