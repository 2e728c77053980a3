"""The site's date formats where Django's own for a language differ from the site's one style,
day month year ("j F Y", as events/dates.py writes dates): Arabic without Django's comma before
the year, English as the ILO writes it, "5 December 2026" and 05/12/2026. What is not set here
is Django's (FORMAT_MODULE_PATH)."""
