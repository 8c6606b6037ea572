"""Writes locale/nl/LC_MESSAGES/django.po: the Dutch of django-allauth's screens, messages and mails in the
project's voice ("u", never "je"; "Inloggen" as in the header), and the one Wagtail message that reaches the
public site. The project catalogue (LOCALE_PATHS) wins over
allauth's own. Run: python locale/nl/build_allauth_overrides.py && msgfmt -c -o locale/nl/LC_MESSAGES/django.mo
locale/nl/LC_MESSAGES/django.po"""

from pathlib import Path

U = {
    "Sign In": "Inloggen",
    "Sign in": "Inloggen",
    "Sign Out": "Uitloggen",
    "Sign Up": "Registreren",
    "Sign up": "Registreren",
    "Hello from %(site_name)s!": "Beste collega, dit is een bericht van %(site_name)s.",
    "Thank you for using %(site_name)s!\n%(site_domain)s": "Met vriendelijke groet,\n%(site_name)s\n%(site_domain)s",
    "Confirmation email sent to %(email)s.": "Bevestigingsmail verstuurd naar %(email)s.",
    "Your primary email address must be verified.": "Uw primaire e-mailadres moet bevestigd zijn.",
    "Please reauthenticate to safeguard your account.": "Log opnieuw in om uw account te beschermen.",
    "Enter your password:": "Vul uw wachtwoord in:",
    "The following email addresses are associated with your account:":
        "Deze e-mailadressen horen bij uw account:",
    "Do you really want to remove the selected email address?": "Wilt u het gekozen e-mailadres echt verwijderen?",
    "You are receiving this email because you or someone else tried to signup for an\naccount using email "
    "address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\n"
    "forgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n"
    "%(password_reset_url)s":
        "U ontvangt deze e-mail omdat u (of iemand anders) een account wilde maken met het e-mailadres\n\n"
        "%(email)s\n\nEr bestaat al een account met dit adres. Bent u uw wachtwoord vergeten? Stel dan een "
        "nieuw wachtwoord in:\n\n%(password_reset_url)s",
    "You are receiving this mail because the following change was made to your account:":
        "U ontvangt deze e-mail omdat deze wijziging in uw account is gedaan:",
    "If you do not recognize this change then please take proper security precautions immediately. The change "
    "to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s":
        "Herkent u deze wijziging niet? Wijzig dan meteen uw wachtwoord en neem contact op met het "
        "programmabureau. De wijziging kwam van:\n\n- IP-adres: %(ip)s\n- Browser: %(user_agent)s\n"
        "- Datum: %(timestamp)s",
    "Your email has been changed from %(from_email)s to %(to_email)s.":
        "Uw e-mailadres is gewijzigd van %(from_email)s in %(to_email)s.",
    "Your email has been confirmed.": "Uw e-mailadres is bevestigd.",
    "You're receiving this email because user %(user_display)s has given your email address to register an "
    "account on %(site_domain)s.":
        "U ontvangt deze e-mail omdat %(user_display)s met dit e-mailadres een account op %(site_domain)s heeft "
        "aangemaakt.",
    "To confirm this is correct, go to %(activate_url)s":
        "Klopt dat? Bevestig uw e-mailadres via deze link:\n%(activate_url)s",
    "Please Confirm Your Email Address": "Bevestig uw e-mailadres",
    "Email address %(deleted_email)s has been removed from your account.":
        "Het e-mailadres %(deleted_email)s is uit uw account verwijderd.",
    "This mail can be safely ignored if you did not initiate this action.":
        "Heeft u dit niet zelf gedaan? Dan kunt u deze e-mail negeren.",
    "Your password has been changed.": "Uw wachtwoord is gewijzigd.",
    "You're receiving this email because you or someone else has requested a password reset for your user "
    "account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset "
    "your password.":
        "U ontvangt deze e-mail omdat u (of iemand anders) een nieuw wachtwoord heeft aangevraagd voor uw account.\n"
        "Heeft u dat niet gedaan, dan kunt u deze e-mail negeren. Via de link hieronder stelt u een nieuw "
        "wachtwoord in.",
    "In case you forgot, your username is %(username)s.": "Uw gebruikersnaam is %(username)s.",
    "Your password has been reset.": "Uw wachtwoord is opnieuw ingesteld.",
    "Your password has been set.": "Uw wachtwoord is ingesteld.",
    "Password Reset Email": "E-mail voor een nieuw wachtwoord",
    "You are receiving this email because you, or someone else, tried to access an account with email "
    "%(email)s. However, we do not have any record of such an account in our database.":
        "U ontvangt deze e-mail omdat u (of iemand anders) wilde inloggen met het e-mailadres %(email)s. Er is "
        "geen account met dit adres.",
    "If it was you, you can sign up for an account using the link below.":
        "Was u dat? Via de link hieronder maakt u een account aan.",
    "Your email address is still pending verification.": "Uw e-mailadres is nog niet bevestigd.",
    "If you have not created an account yet, then please %(link)ssign up%(end_link)s first.":
        "Heeft u nog geen account? %(link)sRegistreer%(end_link)s u dan eerst.",
    "Are you sure you want to sign out?": "Weet u zeker dat u wilt uitloggen?",
    "You cannot remove your primary email address (%(email)s).":
        "U kunt uw primaire e-mailadres (%(email)s) niet verwijderen.",
    "You cannot remove your primary email address.": "U kunt uw primaire e-mailadres niet verwijderen.",
    "You have confirmed %(email)s.": "U heeft %(email)s bevestigd.",
    "Successfully signed in as %(name)s.": "U bent ingelogd als %(name)s.",
    "You have signed out.": "U bent uitgelogd.",
    "Password successfully set.": "Uw wachtwoord is ingesteld.",
    "Password successfully changed.": "Uw wachtwoord is gewijzigd.",
    "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset "
    "it.":
        "Wachtwoord vergeten? Vul uw e-mailadres in; wij sturen u een e-mail waarmee u een nieuw wachtwoord "
        "instelt.",
    "Please contact us if you have any trouble resetting your password.":
        "Lukt het niet om een nieuw wachtwoord in te stellen? Neem contact op met het programmabureau.",
    "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us "
    "if you do not receive it in a few minutes.":
        "Wij hebben u een e-mail gestuurd. Ziet u hem niet, kijk dan ook bij uw ongewenste e-mail. Neem contact "
        "met ons op als hij na een paar minuten nog niet binnen is.",
    "The password reset link was invalid, possibly because it has already been used.  Please request a "
    "<a href=\"%(passwd_reset_url)s\">new password reset</a>.":
        "Deze link voor een nieuw wachtwoord werkt niet (meer), misschien omdat hij al gebruikt is. Vraag een "
        "<a href=\"%(passwd_reset_url)s\">nieuwe link</a> aan.",
    "Your password is now changed.": "Uw wachtwoord is gewijzigd.",
    "Already have an account? Then please %(link)ssign in%(end_link)s.":
        "Heeft u al een account? %(link)sLog dan in%(end_link)s.",
    "We are sorry, but the sign up is currently closed.": "Registreren kan op dit moment niet.",
    "You are already logged in as %(user_display)s.": "U bent al ingelogd als %(user_display)s.",
    "You currently do not have any email address set up. You should really add an email address so you can "
    "receive notifications, reset your password, etc.":
        "Uw account heeft geen e-mailadres. Voeg er een toe: dan ontvangt u berichten en kunt u een nieuw "
        "wachtwoord aanvragen.",
    "Verify Your Email Address": "Bevestig uw e-mailadres",
    "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If "
    "you do not see the verification email in your main inbox, check your spam folder. Please contact us if you "
    "do not receive the verification email within a few minutes.":
        "Wij hebben u een e-mail gestuurd. Klik op de link in die e-mail om uw registratie af te ronden. Ziet u "
        "hem niet, kijk dan ook bij uw ongewenste e-mail. Neem contact met ons op als hij na een paar minuten nog "
        "niet binnen is.",
    "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require "
    "that you\nverify ownership of your email address. ":
        "Voor dit deel van de site moeten wij weten dat u het echt bent. Bevestig daarom eerst uw e-mailadres. ",
    "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not "
    "see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not "
    "receive it within a few minutes.":
        "Wij hebben u een e-mail gestuurd. Klik op de link in die e-mail. Ziet u hem niet, kijk dan ook bij uw "
        "ongewenste e-mail. Neem contact met ons op als hij na een paar minuten nog niet binnen is.",
    "<strong>Note:</strong> you can still <a href=\"%(email_url)s\">change your email address</a>.":
        "<strong>Let op:</strong> u kunt uw <a href=\"%(email_url)s\">e-mailadres nog wijzigen</a>.",
    "The email address and/or password you specified are not correct.":
        "Het e-mailadres of het wachtwoord klopt niet.",
    "Please type your current password.": "Vul uw huidige wachtwoord in.",
    "You must type the same email each time.": "Vul twee keer hetzelfde e-mailadres in.",
    "You must type the same password each time.": "Vul twee keer hetzelfde wachtwoord in.",
    "Your account has no verified email address.": "Uw account heeft geen bevestigd e-mailadres.",
    "Be patient, you are sending too many requests.": "Even geduld: u heeft het te vaak achter elkaar geprobeerd.",
    "You cannot add more than %d email addresses.": "U kunt niet meer dan %d e-mailadressen toevoegen.",
    "Are you sure?": "Weet u het zeker?",
    "Email Addresses": "E-mailadressen",
    "Confirm Email Address": "E-mailadres bevestigen",
    "Use your password": "Gebruik uw wachtwoord",
    "Your account has no password set up.": "Uw account heeft nog geen wachtwoord.",
    # Found by tests/trainingnet/test_voice.py: allauth's remaining "je" and "aanmelden", its social (OIDC), login-code,
    # phone and MFA screens included, even where this site has not switched them on.
    "The phone number and/or password you specified are not correct.":
        "Het telefoonnummer of het wachtwoord klopt niet.",
    "Username can not be used. Please use other username.": "Deze gebruikersnaam kan niet. Kies een andere.",
    "The username and/or password you specified are not correct.": "De gebruikersnaam of het wachtwoord klopt niet.",
    "View your user ID": "Uw gebruikers-ID inzien",
    "View your email address": "Uw e-mailadres inzien",
    "View your basic profile information": "Uw basisgegevens inzien",
    "You cannot add an email address to an account protected by two-factor authentication.":
        "U kunt geen e-mailadres toevoegen aan een account dat met tweestapsverificatie is beveiligd.",
    "You cannot deactivate two-factor authentication.": "U kunt tweestapsverificatie niet uitzetten.",
    "You cannot generate recovery codes without having two-factor authentication enabled.":
        "U kunt pas herstelcodes maken als tweestapsverificatie aan staat.",
    "You cannot activate two-factor authentication until you have verified your email address.":
        "Bevestig eerst uw e-mailadres; daarna kunt u tweestapsverificatie aanzetten.",
    "Enabling passwordless operation allows you to sign in using just this key, but imposes additional "
    "requirements such as biometrics or PIN protection.":
        "Met inloggen zonder wachtwoord logt u in met alleen deze sleutel. De sleutel moet dan wel extra beveiligd "
        "zijn, bijvoorbeeld met een vingerafdruk of pincode.",
    "An account already exists with this email address. Please sign in to that account first, then connect your "
    "%s account.":
        "Er bestaat al een account met dit e-mailadres. Log eerst in met dat account en koppel daarna uw "
        "%s-account.",
    "You cannot disconnect your last remaining third-party account.":
        "U kunt uw laatste externe account niet ontkoppelen.",
    "Your email verification code is listed below. Please enter it in your open browser window.":
        "Hieronder staat uw code om uw e-mailadres te bevestigen. Vul die in het geopende browservenster in.",
    "Your sign-in code is listed below. Please enter it in your open browser window.":
        "Hieronder staat uw inlogcode. Vul die in het geopende browservenster in.",
    "Your password reset code is listed below. Please enter it in your open browser window.":
        "Hieronder staat uw code voor een nieuw wachtwoord. Vul die in het geopende browservenster in.",
    "Sign in with a passkey": "Inloggen met een passkey",
    "You have verified phone number %(phone)s.": "U heeft telefoonnummer %(phone)s bevestigd.",
    "Your phone number is still pending verification.": "Uw telefoonnummer is nog niet bevestigd.",
    "You will receive a special code for a password-free sign-in.":
        "U ontvangt een code waarmee u zonder wachtwoord inlogt.",
    "%(client_name)s wants to access your %(site_name)s account.":
        "%(client_name)s wil toegang tot uw account bij %(site_name)s.",
    "Enter the code displayed on your device.": "Vul de code in die uw apparaat toont.",
    "Please confirm the code shown on your %(client_name)s to authorize this device.":
        "Bevestig de code die %(client_name)s toont om dit apparaat toegang te geven.",
    "You successfully authorized your %(client_name)s device.": "U heeft uw apparaat %(client_name)s toegang gegeven.",
    "Authorization for your %(client_name)s device has been denied.":
        "Uw apparaat %(client_name)s heeft geen toegang gekregen.",
    "Your account is protected by two-factor authentication. Please enter an authenticator code:":
        "Uw account is beveiligd met tweestapsverificatie. Vul de code uit uw authenticator-app in:",
    "You are about to generate a new set of recovery codes for your account.":
        "U gaat nieuwe herstelcodes voor uw account maken.",
    "To protect your account with two-factor authentication, scan the QR code below with your authenticator app. "
    "Then, input the verification code generated by the app below.":
        "Beveilig uw account met tweestapsverificatie: scan de QR-code hieronder met uw authenticator-app en vul "
        "daarna de code in die de app toont.",
    "You can store this secret and use it to reinstall your authenticator app at a later time.":
        "Bewaar deze geheime sleutel: daarmee kunt u uw authenticator-app later opnieuw instellen.",
    "You are about to deactivate authenticator app based authentication. Are you sure?":
        "U gaat inloggen met een authenticator-app uitzetten. Weet u het zeker?",
    "If you choose to trust this browser, you will not be asked for a verification code the next time you sign in.":
        "Vertrouwt u deze browser, dan vragen wij de volgende keer dat u inlogt niet om een code.",
    "Are you sure you want to remove this security key?":
        "Weet u zeker dat u deze beveiligingssleutel wilt verwijderen?",
    "You are about to create a passkey for your account. As you can add additional keys later on, you can use a "
    "descriptive name to tell the keys apart.":
        "U gaat een passkey voor uw account maken. U kunt later meer sleutels toevoegen; geef deze daarom een "
        "herkenbare naam.",
    "An error occurred while attempting to login via your third-party account.":
        "Er ging iets mis bij het inloggen met uw externe account.",
    "You can sign in to your account using any of the following third-party accounts:":
        "U kunt inloggen met een van deze externe accounts:",
    "You currently have no third-party accounts connected to this account.":
        "Er zijn nog geen externe accounts aan uw account gekoppeld.",
    "A third-party account from %(provider)s has been connected to your account.":
        "Een extern account van %(provider)s is aan uw account gekoppeld.",
    "A third-party account from %(provider)s has been disconnected from your account.":
        "Een extern account van %(provider)s is van uw account ontkoppeld.",
    "You are about to connect a new third-party account from %(provider)s.":
        "U gaat een nieuw extern account van %(provider)s aan uw account koppelen.",
    "You are about to sign in using a third-party account from %(provider)s.":
        "U gaat inloggen met een extern account van %(provider)s.",
    "You decided to cancel logging in to our site using one of your existing accounts. If this was a mistake, "
    "please proceed to <a href=\"%(login_url)s\">sign in</a>.":
        "U heeft het inloggen met een extern account afgebroken. Was dat een vergissing? "
        "<a href=\"%(login_url)s\">Log dan opnieuw in</a>.",
    "Marked {email} as verified.": "{email} is als bevestigd gemarkeerd.",
    "Failed to mark {email} as verified.": "{email} kon niet als bevestigd worden gemarkeerd.",
    "Mark selected email addresses as verified": "Gekozen e-mailadressen als bevestigd markeren",
    "verified": "bevestigd",
    "Verified": "Bevestigd",
    "Unverified": "Niet bevestigd",
    "Email Verification": "E-mailadres bevestigen",
    "Enter Email Verification Code": "Vul de code in om uw e-mailadres te bevestigen",
    "Enter Sign-In Code": "Inlogcode invullen",
    "Sign-In Code": "Inlogcode",
    "Send me a sign-in code": "Stuur mij een inlogcode",
    "A sign-in code has been sent to %(recipient)s.": "Er is een inlogcode naar %(recipient)s gestuurd.",
    "Other sign-in options": "Andere manieren om in te loggen",
    "Phone Verification": "Telefoonnummer bevestigen",
    "Enter Phone Verification Code": "Vul de code in om uw telefoonnummer te bevestigen",
    "A verification code has been sent to %(phone)s.": "Er is een bevestigingscode naar %(phone)s gestuurd.",
    "Re-send Verification": "Bevestigingsmail opnieuw sturen",
    "Unable to confirm %(email)s because it is already confirmed by a different account.":
        "%(email)s kan niet worden bevestigd: een ander account heeft dit adres al bevestigd.",
    "This email confirmation link expired or is invalid. Please <a href=\"%(email_url)s\">issue a new email "
    "confirmation request</a>.":
        "Deze bevestigingslink is verlopen of klopt niet. Vraag een <a href=\"%(email_url)s\">nieuwe "
        "bevestigingsmail</a> aan.",
    "Third-Party Login Failure": "Inloggen met een extern account mislukt",
    "Sign In Via %(provider)s": "Inloggen via %(provider)s",
    "Login Cancelled": "Inloggen afgebroken",
    "Authenticator code": "Code uit de authenticator-app",
    "social application": "externe inlogdienst",
    "social applications": "externe inlogdiensten",
    "extra data": "extra gegevens",
    "social account": "extern account",
    "social accounts": "externe accounts",
    "Account Connections": "Gekoppelde accounts",
    "Add a Third-Party Account": "Een extern account koppelen",
    "Or use a third-party": "Of log in via uw gemeente",
    # Wagtail's refusal, shown as a message on the site's own page when a member opens /admin/ (/beheer-toegang/).
    "You do not have permission to access the admin.": "U heeft geen toegang tot het beheer.",
}

# Messages with a singular and a plural: (msgid, msgid_plural) -> (singular, plural).
PLURALS = {
    ("You have added %(count)s security key.", "You have added %(count)s security keys."):
        ("U heeft %(count)s beveiligingssleutel toegevoegd.", "U heeft %(count)s beveiligingssleutels toegevoegd."),
}


def quote(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    lines = text.split("\n")
    if len(lines) == 1:
        return f'"{text}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def main() -> None:
    out = ['msgid ""', 'msgstr ""', '"Project-Id-Version: Trainingnet\\n"', '"MIME-Version: 1.0\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: nl\\n"',
           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', ""]
    for msgid, msgstr in U.items():
        flag = "#, python-format\n" if "%(" in msgid or "%d" in msgid or "%s" in msgid else ""
        out.append(f"{flag}msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    for (msgid, plural), (one, many) in PLURALS.items():
        out.append(f"#, python-format\nmsgid {quote(msgid)}\nmsgid_plural {quote(plural)}\n"
                   f"msgstr[0] {quote(one)}\nmsgstr[1] {quote(many)}\n")
    Path(__file__).with_name("LC_MESSAGES").joinpath("django.po").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
