"""django-allauth strings shown on Dugnad's account pages, listed for our catalogues.

django-allauth ships a bokmål catalogue but no nynorsk one. Listing the strings
here (with ``gettext_noop``, which marks them without translating) makes
``makemessages`` extract them into src/dugnad/locale, where they get our nb and
nn translations. Our catalogues (LOCALE_PATHS) take precedence over allauth's,
and catalogues merge per language, so allauth's templates, forms and adapter
then show our wording. Entries that are only in a .po file by hand would be
marked obsolete by the next ``makemessages``; entries listed here survive.

The msgids must match allauth's exactly (whitespace and placeholders included);
tests/test_translations.py checks each one against allauth's own catalogue, so an
allauth upgrade that changes a string fails the test. Only the pages and flows
Dugnad uses are listed: e-mail log-in with password, sign-up, log-out, password
reset and change, e-mail management and confirmation, and the e-mails they send.
Phone, username, passkey, log-in-by-code and MFA strings are left out.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS: tuple[str, ...] = (
    # allauth/templates/account/login.html
    gettext_noop("Sign In"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    # allauth/templates/account/signup.html
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # allauth/templates/account/logout.html
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # allauth/templates/account/password_reset.html
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    # allauth/templates/account/password_reset_done.html
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    # allauth/templates/account/password_reset_from_key.html
    gettext_noop("Cancel"),
    gettext_noop("Change Password"),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used. "
        ' Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    # allauth/templates/account/password_reset_from_key_done.html
    gettext_noop("Your password is now changed."),
    # allauth/templates/account/email.html
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Verified"),
    gettext_noop("Unverified"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Remove"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    # allauth/templates/account/verification_sent.html
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in your "
        "main inbox, check your spam folder. Please contact us if you do not receive the "
        "verification email within a few minutes."
    ),
    # allauth/templates/account/email_confirm.html
    gettext_noop("Confirm"),
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email '
        "address for user %(user_display)s."
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        "This email confirmation link expired or is invalid. Please <a "
        'href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    # allauth/templates/account/account_inactive.html
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    # allauth/templates/account/snippets/already_logged_in.html
    gettext_noop("Note"),
    gettext_noop("You are already logged in as %(user_display)s."),
    # allauth/templates/account/snippets/warn_no_email.html
    gettext_noop("Warning:"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an "
        "email address so you can receive notifications, reset your password, etc."
    ),
    # allauth/account/fields.py
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Forgot your password?"),
    # allauth/account/forms.py
    gettext_noop("You must type the same password each time."),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    # allauth/account/adapter.py
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    # allauth/templates/account/messages/logged_in.txt
    gettext_noop("Successfully signed in as %(name)s."),
    # allauth/templates/account/messages/logged_out.txt
    gettext_noop("You have signed out."),
    # allauth/templates/account/messages/password_changed.txt
    gettext_noop("Password successfully changed."),
    # allauth/templates/account/messages/password_set.txt
    gettext_noop("Password successfully set."),
    # allauth/templates/account/messages/email_confirmation_sent.txt
    gettext_noop("Confirmation email sent to %(email)s."),
    # allauth/templates/account/messages/email_confirmed.txt
    gettext_noop("You have confirmed %(email)s."),
    # allauth/templates/account/messages/email_deleted.txt
    gettext_noop("Removed email address %(email)s."),
    # allauth/templates/account/messages/primary_email_set.txt
    gettext_noop("Primary email address set."),
    # allauth/templates/account/messages/cannot_delete_primary_email.txt
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # allauth/templates/account/email/base_message.txt
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    # allauth/templates/account/email/email_confirmation_subject.txt
    gettext_noop("Please Confirm Your Email Address"),
    # allauth/templates/account/email/email_confirmation_message.txt
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email "
        "address to register an account on %(site_domain)s."
    ),
    gettext_noop(
        "Your email verification code is listed below. Please enter it in your open browser window."
    ),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    # allauth/templates/account/email/password_reset_key_subject.txt
    gettext_noop("Password Reset Email"),
    # allauth/templates/account/email/password_reset_key_message.txt
    gettext_noop(
        "You're receiving this email because you or someone else has requested a "
        "password reset for your user account.\n"
        "It can be safely ignored if you did not request a password reset. Click the "
        "link below to reset your password."
    ),
    gettext_noop("In case you forgot, your username is %(username)s."),
    # allauth/templates/account/email/unknown_account_subject.txt
    gettext_noop("Unknown Account"),
    # allauth/templates/account/email/unknown_account_message.txt
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an "
        "account with email %(email)s. However, we do not have any record of such an "
        "account in our database."
    ),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    # allauth/templates/account/email/account_already_exists_subject.txt
    gettext_noop("Account Already Exists"),
    # allauth/templates/account/email/account_already_exists_message.txt
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\n"
        "account using email address:\n"
        "\n"
        "%(email)s\n"
        "\n"
        "However, an account using that email address already exists.  In case you have\n"
        "forgotten about this, please use the password forgotten procedure to recover\n"
        "your account:\n"
        "\n"
        "%(password_reset_url)s"
    ),
)
