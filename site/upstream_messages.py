"""Django's and allauth's own messages that this project translates itself, in
locale/*/LC_MESSAGES/django.po (LOCALE_PATHS comes before the apps' catalogues).

Listed here so that `make makemessages` (which drops what the code does not use) keeps them:
- allauth's Arabic wording we correct: «الاشتراك» (a subscription) for signing up, «كود» for a
  code (رمز), «كلمة المرور الخاص» (الخاصة);
- messages Django changed without its Arabic catalogue following: Arabic pages showed them in
  French, Django's fallback being LANGUAGE_CODE (the password "too short" error: Django 5.2
  changed its msgid from %(min_length)d to %d).
Nothing imports this module; it holds no code.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH = [
    gettext_noop("Sign Up"),
    gettext_noop("Sign Up Closed"),
    gettext_noop("Enter your password:"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Incorrect code."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Authenticator code"),
    gettext_noop("Invalid token."),
    gettext_noop("Request new code"),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Password Reset Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Bad Token"),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop("Request Code"),
]

DJANGO = [
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
